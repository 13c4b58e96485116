import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { CorpusAnnotatorApi } from '../../src/api';
import { cpSpan, docPath, docUri, openDoc, select, sidecarOnDisk, useCorpus, waitFor } from './helpers';

const DOC = '000_ad486b33f2fde1b8.txt';
const FR = '003_dea812eaf2be9ea4.txt';

function only<T>(list: T[], what: string): T {
  assert.strictEqual(list.length, 1, `exactly one ${what}: ${JSON.stringify(list)}`);
  return list[0];
}

describe('Tagging commands (through their arguments)', () => {
  const corpus = useCorpus();
  let api: CorpusAnnotatorApi;
  beforeEach(() => {
    api = corpus();
  });

  it('tagEntity tags the selection with code point offsets, and refuses a same-type overlap', async () => {
    const editor = await openDoc(DOC);
    select(editor, 'Tang Hong');
    const created = await vscode.commands.executeCommand<unknown[]>('corpusAnnotator.tagEntity', { type: 'person' });
    assert.strictEqual(created?.length, 1);
    const entry = only(sidecarOnDisk(DOC)!.entities, 'entity');
    assert.deepStrictEqual({ type: entry.type, text: entry.text, start: entry.start, end: entry.end }, { type: 'person', text: 'Tang Hong', ...cpSpan(DOC, 'Tang Hong') });
    assert.match(String(entry.id), /\S{6,}/);
    assert.ok(typeof entry.prefix === 'string' && typeof entry.suffix === 'string');

    // Same span, same type: no duplicate.
    const again = await vscode.commands.executeCommand<unknown[]>('corpusAnnotator.tagEntity', { type: 'person' });
    assert.deepStrictEqual(again, []);
    assert.strictEqual(sidecarOnDisk(DOC)!.entities.length, 1);
  });

  it('tagEntity tags every selection with multiple cursors, and the word under an empty cursor', async () => {
    const editor = await openDoc(DOC);
    const a = select(editor, 'Tianjin');
    const b = select(editor, 'Dachang');
    const word = select(editor, 'Xianghe');
    editor.selections = [a, b, new vscode.Selection(word.start.translate(0, 2), word.start.translate(0, 2))];
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    const texts = sidecarOnDisk(DOC)!.entities.map((e) => `${e.text}@${e.start}`).sort();
    assert.deepStrictEqual(texts, [`Dachang@${cpSpan(DOC, 'Dachang').start}`, `Tianjin@${cpSpan(DOC, 'Tianjin').start}`, `Xianghe@${cpSpan(DOC, 'Xianghe').start}`].sort());
  });

  it('tagAllOccurrences tags every untagged whole-word occurrence in the document', async () => {
    const editor = await openDoc(DOC);
    select(editor, 'Tongzhou');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    const text = fs.readFileSync(docPath(DOC), 'utf8');
    const expected = [...text.matchAll(/(?<![\p{L}\p{N}])Tongzhou(?![\p{L}\p{N}])/gu)].length;
    assert.ok(expected > 3, `the seed mentions Tongzhou several times (${expected})`);
    const count = await vscode.commands.executeCommand<number>('corpusAnnotator.tagAllOccurrences', { text: 'Tongzhou', type: 'location', scope: 'document', preview: false });
    assert.strictEqual(count, expected - 1, 'the one already tagged is skipped');
    const entries = sidecarOnDisk(DOC)!.entities;
    assert.strictEqual(entries.length, expected);
    assert.ok(entries.every((e) => e.type === 'location' && e.text === 'Tongzhou'));
    const starts = entries.map((e) => e.start);
    assert.deepStrictEqual(starts, [...starts].sort((x, y) => x - y), 'entries are sorted by start');
    assert.strictEqual(new Set(starts).size, expected);

    // Undo takes the whole tag-all back as one step.
    await vscode.commands.executeCommand('corpusAnnotator.undo');
    assert.strictEqual(sidecarOnDisk(DOC)!.entities.length, 1);
    await vscode.commands.executeCommand('corpusAnnotator.redo');
    assert.strictEqual(sidecarOnDisk(DOC)!.entities.length, expected);
  });

  it('tagAllOccurrences across the corpus writes every document\'s sidecar', async () => {
    await openDoc(DOC);
    const count = await vscode.commands.executeCommand<number>('corpusAnnotator.tagAllOccurrences', { text: 'Langfang', type: 'location', scope: 'corpus', preview: false });
    let expected = 0;
    for (const f of fs.readdirSync(require('path').dirname(docPath(DOC))).filter((x: string) => x.endsWith('.txt'))) {
      const n = [...fs.readFileSync(docPath(f), 'utf8').matchAll(/(?<![\p{L}\p{N}])Langfang(?![\p{L}\p{N}])/gu)].length;
      expected += n;
      assert.strictEqual(sidecarOnDisk(f)?.entities.length ?? 0, n, `${f} holds its ${n} Langfang mentions`);
    }
    assert.strictEqual(count, expected);
    assert.ok(expected > 10);
  });

  it('remove, changeType and addNote act on the annotation, and undo/redo step through them', async () => {
    const editor = await openDoc(DOC);
    select(editor, 'Zhao Yonghui');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'organization' });
    const id = only(sidecarOnDisk(DOC)!.entities, 'entity').id;

    // The annotation under the cursor, with no id given.
    editor.selection = new vscode.Selection(editor.selection.start.translate(0, 1), editor.selection.start.translate(0, 1));
    await vscode.commands.executeCommand('corpusAnnotator.changeType', { type: 'person' });
    assert.strictEqual(only(sidecarOnDisk(DOC)!.entities, 'entity').type, 'person');

    await vscode.commands.executeCommand('corpusAnnotator.addNote', { id, note: 'photographer, Hebei Daily' });
    assert.strictEqual(only(sidecarOnDisk(DOC)!.entities, 'entity').note, 'photographer, Hebei Daily');

    await vscode.commands.executeCommand('corpusAnnotator.undo');
    assert.strictEqual(only(sidecarOnDisk(DOC)!.entities, 'entity').note, undefined, 'undo removes the note');
    await vscode.commands.executeCommand('corpusAnnotator.undo');
    assert.strictEqual(only(sidecarOnDisk(DOC)!.entities, 'entity').type, 'organization', 'undo restores the type');
    await vscode.commands.executeCommand('corpusAnnotator.redo');
    assert.strictEqual(only(sidecarOnDisk(DOC)!.entities, 'entity').type, 'person', 'redo retypes again');

    await vscode.commands.executeCommand('corpusAnnotator.removeAnnotation', { id });
    assert.strictEqual(sidecarOnDisk(DOC)!.entities.length, 0);
    await vscode.commands.executeCommand('corpusAnnotator.undo');
    const restored = only(sidecarOnDisk(DOC)!.entities, 'entity');
    assert.deepStrictEqual({ id: restored.id, type: restored.type, text: restored.text, start: restored.start }, { id, type: 'person', text: 'Zhao Yonghui', start: cpSpan(DOC, 'Zhao Yonghui').start });
  });

  it('linkEntity creates a canonical entity, and linking Pékin to it adds the alias', async () => {
    let editor = await openDoc(DOC);
    select(editor, 'Beijing');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    const linked = await vscode.commands.executeCommand<string>('corpusAnnotator.linkEntity', { create: { id: 'beijing', externalId: 'Q956' } });
    assert.strictEqual(linked, 'beijing');
    assert.strictEqual(only(sidecarOnDisk(DOC)!.entities, 'entity').entity, 'beijing');
    const config = parse(fs.readFileSync(docPath('corpus.yaml'), 'utf8')) as { entities: { id: string; name: string; aliases?: string[] }[] };
    assert.deepStrictEqual(config.entities.map((e) => [e.id, e.name]), [['beijing', 'Beijing']]);

    editor = await openDoc(FR);
    select(editor, 'Pékin');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    await vscode.commands.executeCommand('corpusAnnotator.linkEntity', { entity: 'beijing' });
    assert.strictEqual(only(sidecarOnDisk(FR)!.entities, 'entity').entity, 'beijing');
    const after = parse(fs.readFileSync(docPath('corpus.yaml'), 'utf8')) as { entities: { id: string; aliases?: string[] }[] };
    assert.deepStrictEqual(after.entities[0].aliases, ['Pékin']);
  });

  it('keeps code point offsets right in a CRLF document and after emoji', async () => {
    const crlf = 'test-crlf.txt';
    fs.writeFileSync(docPath(crlf), 'First line\r\nSecond line about Xiong\'an New Area\r\nThird line\r\n');
    const emoji = 'test-emoji.txt';
    fs.writeFileSync(docPath(emoji), '\ufeff😀 Party 🎉🎉 then Tianjin and Hebei 👍 Hebei\n');
    await waitFor('new documents picked up', () => api.document(docUri(crlf)) && api.document(docUri(emoji)));

    let editor = await openDoc(crlf);
    assert.strictEqual(editor.document.eol, vscode.EndOfLine.CRLF);
    select(editor, "Xiong'an New Area");
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    const c = only(sidecarOnDisk(crlf)!.entities, 'entity');
    assert.deepStrictEqual({ text: c.text, start: c.start, end: c.end }, { text: "Xiong'an New Area", start: 29, end: 46 });

    editor = await openDoc(emoji);
    select(editor, 'Hebei', 1);
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    const e = only(sidecarOnDisk(emoji)!.entities, 'entity');
    // BOM removed; each emoji is one code point.
    assert.deepStrictEqual({ text: e.text, start: e.start, end: e.end }, { text: 'Hebei', start: 36, end: 41 });
    assert.strictEqual(Array.from('😀 Party 🎉🎉 then Tianjin and Hebei 👍 Hebei').slice(36, 41).join(''), 'Hebei');
  });

  it('highlights, suggests untagged mentions, hovers, and counts in the status bar', async () => {
    const editor = await openDoc(DOC);
    select(editor, 'Tongzhou');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    api.drawNow();
    assert.ok(api.decorationKey('location'), 'a decoration type exists for locations');
    // The corpus's own decision: Tongzhou, tagged once as a location, is suggested where it is untagged.
    const suggestions = await waitFor('suggestions', () => {
      const fromCorpus = api.suggestions(docUri(DOC)).filter((s) => s.engine === 'corpus');
      return fromCorpus.length >= 1 && fromCorpus;
    });
    assert.ok(suggestions.every((s) => s.text === 'Tongzhou' && s.type === 'location' && s.score === 1));

    const state = api.document(docUri(DOC))!;
    const first = state.entities[0];
    const pos = state.lines.positionAt(first.start + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', docUri(DOC), new vscode.Position(pos.line, pos.character));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Tongzhou/);
    assert.match(text, /Location/);
    assert.match(text, /1 mention in 1 document/);

    // The corpus and registry engines answer first; the worker's full result follows, and a name
    // found by the patterns engine takes a corpus suggestion inside it (`Beijing Tongzhou`, see
    // combine.ts): the hover is tried on a corpus suggestion the settled result keeps.
    const shown = () => api.suggestions(docUri(DOC)).map((s) => `${s.engine} ${s.start} ${s.end} ${s.type}`).join('|');
    const settled = await waitFor('the suggestions to settle', async () => {
      const before = shown();
      await new Promise((r) => setTimeout(r, 500));
      api.drawNow();
      const kept = api.suggestions(docUri(DOC)).find((s) => s.engine === 'corpus' && s.text === 'Tongzhou');
      return before === shown() && kept;
    });
    const sPos = state.lines.positionAt(settled.start);
    const sHovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', docUri(DOC), new vscode.Position(sPos.line, sPos.character + 1));
    const sText = sHovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(sText, /Suggested \*\*Location\*\* — the corpus's decisions, score 1\.00/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', docUri(DOC), new vscode.Range(sPos.line, sPos.character, sPos.line, sPos.character));
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Accept "Tongzhou" as Location (corpus 1.00)'), titles.join(' | '));
    assert.ok(titles.includes('Accept "Tongzhou" as another type…'), titles.join(' | '));
    assert.ok(titles.includes('Reject "Tongzhou" as Location'), titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith('Accept all "Tongzhou"')));

    await vscode.window.showTextDocument(editor.document);
    await waitFor('status bar count', () => /\$\(tag\) 1\b/.test(api.statusText()));
  });

  it('moves highlights with typing, and the sidecar follows on save', async () => {
    // VS Code in the browser saves after a delay by default; this test is about the unsaved state.
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
    try {
      const editor = await openDoc(DOC);
      select(editor, 'Tang Hong');
      await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'person' });
      const before = only(sidecarOnDisk(DOC)!.entities, 'entity');
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'INSERTED '));
      // The model follows the editor after a pause in typing (the editor moves decorations itself).
      await waitFor('the annotation follows the text in memory', () => api.document(docUri(DOC))!.entities[0]?.start === before.start + 9);
      assert.strictEqual(only(sidecarOnDisk(DOC)!.entities, 'entity').start, before.start, 'the sidecar waits for the save');
      await editor.document.save();
      await waitFor('sidecar follows the save', () => sidecarOnDisk(DOC)!.entities[0].start === before.start + 9);
      assert.strictEqual(sidecarOnDisk(DOC)!.entities[0].text, 'Tang Hong');
    } finally {
      await files.update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
