import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from '../../src/api';
import { docPath, docUri, openDoc, select, type SidecarEntry, sidecarOnDisk, useAutoSaveOff, useCorpus, waitFor } from './helpers';

const DOC = '000_ad486b33f2fde1b8.txt';

const anchorOf = (e: SidecarEntry) => ({ text: e.text, start: e.start, end: e.end, prefix: e.prefix, suffix: e.suffix, status: e.status });

/** Makes sure keys go to the active editor (commands like `type` act on the focused one), keeping its selections. */
async function focusEditor(): Promise<vscode.TextEditor> {
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor, 'an editor to type in');
  const selections = editor.selections;
  const shown = await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
  shown.selections = selections;
  return shown;
}

/** Types `keys` one key at a time with VS Code's `type` command, as a person at the keyboard does. */
async function typeKeys(keys: string): Promise<void> {
  const editor = await focusEditor();
  const version = editor.document.version;
  for (const key of keys) await vscode.commands.executeCommand('type', { text: key });
  assert.ok(editor.document.version >= version + [...keys].length, 'every key reached the document');
}

/**
 * Edits made in the editor move annotations exactly as the text moves (issue 11's measured cases):
 * typing over an annotation one key at a time, Backspace, retyping a name over itself, undo.
 */
describe('Editing annotated text (edit tracking in the editor)', () => {
  const corpus = useCorpus();
  let api: CorpusAnnotatorApi;
  useAutoSaveOff();
  beforeEach(() => {
    api = corpus();
  });

  async function tag(editor: vscode.TextEditor, quote: string, type = 'person'): Promise<SidecarEntry> {
    select(editor, quote);
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type });
    return waitFor(`"${quote}" in the sidecar`, () => sidecarOnDisk(DOC)?.entities.find((e) => e.text === quote));
  }

  async function saveAndRead(editor: vscode.TextEditor, id: string, probe: (e: SidecarEntry) => boolean): Promise<SidecarEntry> {
    assert.ok(await editor.document.save(), 'saved');
    return waitFor('the sidecar after saving', () => {
      const e = sidecarOnDisk(DOC)!.entities.find((x) => x.id === id);
      return e && probe(e) ? e : undefined;
    });
  }

  it('typing "Tang Hongg" over "Tang Hong" one key at a time makes it the annotation; Backspace then save gives the original entry back', async () => {
    const editor = await openDoc(DOC);
    const original = await tag(editor, 'Tang Hong');
    select(editor, 'Tang Hong');
    await typeKeys('Tang Hongg');
    const grown = await saveAndRead(editor, original.id, (e) => e.text !== original.text);
    assert.deepStrictEqual([grown.text, grown.start, grown.end, grown.status], ['Tang Hongg', original.start, original.start + 10, undefined]);
    await focusEditor();
    await vscode.commands.executeCommand('deleteLeft');
    const back = await saveAndRead(editor, original.id, (e) => e.text === 'Tang Hong');
    assert.deepStrictEqual(anchorOf(back), anchorOf(original));
    assert.deepStrictEqual(api.diagnostics(docUri(DOC)), [], 'nothing moved, nothing to review');
  });

  it('retyping "China Communications Construction" over itself leaves the file and the entry as they were', async () => {
    const before = fs.readFileSync(docPath(DOC));
    const editor = await openDoc(DOC);
    const original = await tag(editor, 'China Communications Construction', 'organization');
    select(editor, 'China Communications Construction');
    await typeKeys('China Communications Construction');
    assert.ok(await editor.document.save());
    assert.ok(fs.readFileSync(docPath(DOC)).equals(before), 'the file is byte-identical');
    await waitFor('the model caught up', () => !api.service.current(docUri(DOC))!.reanchored.size);
    const after = sidecarOnDisk(DOC)!.entities.find((e) => e.id === original.id)!;
    assert.deepStrictEqual(anchorOf(after), anchorOf(original));
  });

  it('undo after typing over an annotation restores it exactly, with nothing left marked', async () => {
    const editor = await openDoc(DOC);
    const original = await tag(editor, 'Tang Hong');
    select(editor, 'Tang Hong');
    await typeKeys('Li Wei, ');
    await waitFor('the annotation follows the typing', () => api.service.current(docUri(DOC))!.entities.find((e) => e.id === original.id)?.text === 'Li Wei, ');
    for (let i = 0; i < 20 && editor.document.isDirty; i++) await vscode.commands.executeCommand('undo');
    assert.ok(!editor.document.isDirty, 'undo reached the saved text');
    const a = api.service.current(docUri(DOC))!.entities.find((e) => e.id === original.id)!;
    assert.deepStrictEqual([a.text, a.start, a.end, a.status], [original.text, original.start, original.end, undefined]);
  });

  it('deleting an annotation with the text around it orphans it, never re-attaching it to another occurrence', async () => {
    const editor = await openDoc(DOC);
    const text = editor.document.getText();
    assert.ok(text.indexOf('Tongzhou') !== text.lastIndexOf('Tongzhou'), 'Tongzhou occurs twice');
    const original = await tag(editor, 'Tongzhou', 'location');
    const sel = select(editor, 'Tongzhou');
    editor.selection = new vscode.Selection(sel.start.translate(0, -1), sel.end.translate(0, 1));
    await typeKeys('x');
    const after = await saveAndRead(editor, original.id, (e) => e.status === 'orphaned');
    assert.strictEqual(after.text, 'Tongzhou', 'an orphan keeps its last known quote');
    await waitFor('the orphan is in Problems', () => api.diagnostics(docUri(DOC)).some((d) => d.code === 'orphaned'));
  });

  it('an edit across a boundary clips the annotation and marks it for review', async () => {
    const editor = await openDoc(DOC);
    const original = await tag(editor, 'Tang Hong');
    const sel = select(editor, 'Hong, Party');
    editor.selection = sel;
    await typeKeys('H');
    const after = await saveAndRead(editor, original.id, (e) => e.status === 'moved');
    assert.deepStrictEqual([after.text, after.start, after.end], ['Tang ', original.start, original.start + 5]);
    // Saving did not confirm it; its quick fix does.
    const diagnostic = await waitFor('the moved diagnostic', () => api.diagnostics(docUri(DOC)).find((d) => d.code === 'moved'));
    assert.doesNotMatch(diagnostic.message, /save to confirm/);
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', docUri(DOC), diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const confirm = fixes.find((f) => f.title.startsWith('Confirm position'));
    assert.ok(confirm?.command, `a Confirm position quick fix among ${fixes.map((f) => f.title).join(', ')}`);
    assert.ok(fixes.some((f) => f.title.startsWith('Remove annotation')), 'and a Remove quick fix');
    await vscode.commands.executeCommand(confirm.command.command, ...(confirm.command.arguments ?? []));
    const confirmed = await waitFor('confirmed in the sidecar', () => sidecarOnDisk(DOC)!.entities.find((e) => e.id === original.id && e.status === undefined));
    assert.deepStrictEqual([confirmed.text, confirmed.start], ['Tang ', original.start]);
    await waitFor('nothing left to review', () => !api.diagnostics(docUri(DOC)).some((d) => d.code === 'moved'));
  });
});
