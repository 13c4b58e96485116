import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from '../../src/api';
import { docUri, openDoc, select, useCorpus, waitFor } from './helpers';

const EN = '000_ad486b33f2fde1b8.txt';

describe('Inline type labels and the legend', () => {
  const corpus = useCorpus();
  let api: CorpusAnnotatorApi;
  beforeEach(() => {
    api = corpus();
  });

  it('with corpusAnnotator.highlight.inlineLabels on, every type\'s decoration shows its label after each annotation', async () => {
    const editor = await openDoc(EN);
    select(editor, 'Tongzhou');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    api.drawNow();
    const types = api.document(docUri(EN))!.corpus.config.types;
    assert.ok(types.length >= 8);
    // Off by default: no label.
    assert.ok(api.decorationOptions('location'), 'the location decoration exists');
    assert.strictEqual(api.decorationOptions('location')!.after, undefined);
    const before = api.decorationKey('location');

    const config = vscode.workspace.getConfiguration('corpusAnnotator');
    await config.update('highlight.inlineLabels', true, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the labels in the decorations', () => {
        api.drawNow();
        return api.decorationOptions('location')?.after?.contentText === 'Location';
      });
      for (const t of types) {
        const options = api.decorationOptions(t.id)!;
        assert.strictEqual(options.after?.contentText, t.label, `${t.id}'s label`);
        // The label is in the type's colour, per theme.
        assert.strictEqual(options.light?.after?.color, t.color.light);
        assert.strictEqual(options.dark?.after?.color, t.color.dark);
      }
      assert.notStrictEqual(api.decorationKey('location'), before, 'the decoration types were made again for the new setting');
    } finally {
      await config.update('highlight.inlineLabels', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('no labels once the setting is off again', () => {
      api.drawNow();
      return api.decorationOptions('location') && api.decorationOptions('location')!.after === undefined;
    });
  });

  /** Opens the English article and tags its first Tongzhou as a location, once the status bar counts it. */
  async function tagTongzhou(): Promise<vscode.TextEditor> {
    const editor = await openDoc(EN);
    select(editor, 'Tongzhou');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    await waitFor('the status bar counts the tag', () => /\$\(tag\) 1\b/.test(api.statusText()));
    return editor;
  }

  it('the status bar hover is a legend of every type: its colour, its key and its count here', async () => {
    await tagTongzhou();
    const legend = api.statusTooltip();
    const kind = vscode.window.activeColorTheme.kind;
    const light = kind === vscode.ColorThemeKind.Light || kind === vscode.ColorThemeKind.HighContrastLight;
    const types = api.document(docUri(EN))!.corpus.config.types;
    for (const t of types) {
      const line = legend.split('\n').find((l) => l.includes(`**${t.label}**`));
      assert.ok(line, `${t.label} is in the legend:\n${legend}`);
      assert.ok(line.includes(`<span style="color:${(light ? t.color.light : t.color.dark).toLowerCase()};">`), `${t.label}'s swatch: ${line}`);
      if (t.shortcut) assert.ok(line.includes(`key \`${t.shortcut}\``), `${t.label}'s key: ${line}`);
    }
    assert.match(legend.split('\n').find((l) => l.includes('**Location**'))!, /1 here/);
  });

  it('sends the status bar item again only when its counts or hover change, not at every edit or other document', async () => {
    const editor = await tagTongzhou();
    const sends = api.statusSends();
    const text = api.statusText();
    // Typing at the end of the document: the model follows the edit, the counts stay.
    const length = api.service.current(docUri(EN))!.length;
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.ok(await editor.edit((b) => b.insert(end, ' More text.')));
    await waitFor('the model to follow the edit', () => api.service.current(docUri(EN))!.length === length + ' More text.'.length);
    // Another document changing on disk is read again; the active editor's status is not its.
    await api.reload(docUri('001_b03c6ba473a52724.txt'));
    assert.strictEqual(api.statusText(), text);
    assert.strictEqual(api.statusSends(), sends, 'nothing the status shows changed');
    // The tag undone (no other decision left for the suggestion engines): the count changes.
    await vscode.commands.executeCommand('corpusAnnotator.undo');
    await waitFor('the status bar counts no tag', () => /\$\(tag\) 0\b/.test(api.statusText()));
    assert.ok(api.statusSends() > sends);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
