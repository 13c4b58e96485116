import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from '../../src/api';
import { hashText, makeAnchor, SidecarWriter } from '../../src/core/sidecar';
import { cpSpan, docPath, docUri, openDoc, select, sidecarOnDisk, useCorpus, waitFor } from './helpers';

const DOC = '001_b03c6ba473a52724.txt';

describe('Sidecars on disk (store integration)', () => {
  const corpus = useCorpus();
  let api: CorpusAnnotatorApi;
  beforeEach(() => {
    api = corpus();
  });

  it('shows a malformed sidecar in Problems at its line, and leaves it untouched when tagging', async () => {
    const sidecar = `${docPath(DOC)}.yaml`;
    const broken = 'format: corpus-annotator\nversion: 1\nentities:\n  - id: e-1\n    type: person\n    text: "Xi Jinping\n    start: [1, 2\n';
    fs.writeFileSync(sidecar, broken);
    const sidecarUri = vscode.Uri.file(sidecar);
    const diags = await waitFor('diagnostics on the sidecar', () => api.diagnostics(sidecarUri).length > 0 && api.diagnostics(sidecarUri));
    const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    const listing = diags.map((d) => `${d.range.start.line + 1}: ${d.message}`).join('; ');
    assert.ok(errors.length > 0, `an error: ${listing}`);
    // The unclosed quote opens on line 6; the parser may report it there or where the file ends.
    assert.ok(errors.every((d) => d.range.start.line >= 5 && d.range.start.line <= 7), `errors at the broken lines: ${listing}`);

    const editor = await openDoc(DOC);
    select(editor, 'Xinhua News Agency');
    const created = await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'organization' });
    assert.strictEqual(created, undefined, 'the command refuses');
    assert.strictEqual(fs.readFileSync(sidecar, 'utf8'), broken, 'the file is unchanged on disk');
    const leftovers = fs.readdirSync(require('path').dirname(sidecar)).filter((f: string) => f.endsWith('.tmp'));
    assert.deepStrictEqual(leftovers, []);
  });

  it('reloads a sidecar written to disk by someone else, and keeps their entry on the next write', async () => {
    const editor = await openDoc(DOC);
    select(editor, 'Xinhua News Agency');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'organization' });
    const sidecar = `${docPath(DOC)}.yaml`;
    // Someone appends an entry and a comment by hand (another window, a git pull).
    const span = cpSpan(DOC, 'Beijing');
    const hand = fs.readFileSync(sidecar, 'utf8').replace(/^facts:/m, `  # added by hand\n  - id: e-byhand0001\n    type: location\n    text: Beijing\n    start: ${span.start}\n    end: ${span.end}\nfacts:`);
    assert.match(hand, /added by hand/);
    fs.writeFileSync(sidecar, hand);
    await waitFor('external entry loaded', () => api.document(docUri(DOC))!.entities.some((e) => e.id === 'e-byhand0001'));

    select(editor, 'Tianjin');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    const text = fs.readFileSync(sidecar, 'utf8');
    assert.match(text, /# added by hand/, 'the comment survives');
    const ids = sidecarOnDisk(DOC)!.entities.map((e) => e.text).sort();
    assert.deepStrictEqual(ids, ['Beijing', 'Tianjin', 'Xinhua News Agency']);
  });

  it('re-anchors when the document changed on disk, and reports what it could not find', async () => {
    const file = docPath('test-reanchor.txt');
    fs.writeFileSync(file, 'Alpha Beijing beta Tianjin gamma.\n');
    await waitFor('document picked up', () => api.document(docUri('test-reanchor.txt')));
    const editor = await openDoc('test-reanchor.txt');
    select(editor, 'Beijing');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    select(editor, 'Tianjin');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Text inserted before Beijing, and Tianjin destroyed.
    fs.writeFileSync(file, 'New words. Alpha Beijing beta gamma.\n');
    const uri = docUri('test-reanchor.txt');
    await waitFor('re-anchored', () => api.document(uri)!.entities.find((e) => e.text === 'Beijing')?.start === 17);
    const tianjin = api.document(uri)!.entities.find((e) => e.text === 'Tianjin');
    assert.strictEqual(tianjin?.status, 'orphaned', 'the destroyed quote is orphaned, not attached elsewhere');
    assert.ok(api.diagnostics(uri).some((d) => /Orphaned/.test(d.message)), 'and listed in Problems');
    assert.strictEqual(sidecarOnDisk('test-reanchor.txt')!.entities.length, 2, 'nothing is deleted from the sidecar');
  });

  it('reads closed documents in the sidecar worker during a scan, to the state a read on the extension host gives', async () => {
    // Never opened in an editor (VS Code keeps a closed editor's document, which the scan reads
    // from the editor), with a sidecar anchored to the text before it changed.
    const name = 'test-worker-read.txt';
    const file = docPath(name);
    const before = 'Alpha Pékin beta 😀 Tianjin gamma.\n';
    const cps = Array.from(before);
    const at = (t: string) => Array.from(before.slice(0, before.indexOf(t))).length;
    const adds = ([['Pékin', 'location'], ['Tianjin', 'location'], ['gamma', 'organization']] as const).map(([t, type], i) => ({
      kind: 'add' as const,
      collection: 'entities' as const,
      annotation: { id: `e-${i}`, type, ...makeAnchor(cps.join(''), at(t), at(t) + Array.from(t).length) },
    }));
    const written = new SidecarWriter().apply(undefined, [{ kind: 'header', textHash: hashText(before) }, ...adds], { documentName: name, textHash: hashText(before) });
    assert.ok(written.ok);
    fs.writeFileSync(`${file}.yaml`, written.text);
    // Re-anchoring has work to do: text put before the annotations, one quote gone.
    fs.writeFileSync(file, 'New words.\r\nAlpha Pékin beta 😀 Tianjin.\n');
    const uri = docUri(name);
    await waitFor('document picked up', () => api.document(uri)?.entities.length === 3);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'not open in VS Code');
    const fields = () => {
      const d = api.document(uri)!;
      return JSON.parse(JSON.stringify({ info: d.info, entities: d.entities, facts: d.facts, problems: d.problems, rejections: d.rejections, textHash: d.textHash, length: d.length, hasSidecar: d.hasSidecar, writable: d.writable, reanchored: [...d.reanchored].sort(), text: d.stamp?.text, sidecar: d.stamp?.sidecar }));
    };
    const loadedBefore = api.service.sidecars.stats.loaded;
    await api.service.scan();
    assert.ok(api.service.sidecars.stats.loaded > loadedBefore, 'the scan read closed documents in the worker');
    const inWorker = fields();
    await api.reload(uri);
    assert.deepStrictEqual(inWorker, fields());
    assert.strictEqual(inWorker.entities.length, 3);
    assert.ok(inWorker.reanchored.length > 0, 'moved by the words put before them');
    assert.ok(inWorker.entities.some((e: { status?: string }) => e.status === 'orphaned'), 'gamma is gone from the text');
  });

  it('writes a moved annotation\'s new quote and status with the next change, and keeps it in Problems', async () => {
    const name = 'test-moved.txt';
    const file = docPath(name);
    fs.writeFileSync(file, 'Alpha Beijing beta the Chaobai River Bridge on Changtong Road gamma.\n');
    await waitFor('document picked up', () => api.document(docUri(name)));
    let editor = await openDoc(name);
    select(editor, 'Chaobai River Bridge');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'facility' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(file, 'Alpha Beijing beta the Chaobai Rivers Bridge on Changtong Road gamma.\n');
    await waitFor('re-anchored as moved', () => api.document(docUri(name))!.entities[0]?.status === 'moved');
    assert.ok(api.diagnostics(docUri(name)).some((d) => /Moved facility annotation "Chaobai Rivers Bridge"/.test(d.message)));
    assert.strictEqual(sidecarOnDisk(name)!.entities[0].text, 'Chaobai River Bridge', 'opening alone does not rewrite the sidecar');

    editor = await openDoc(name);
    select(editor, 'Beijing');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    const moved = sidecarOnDisk(name)!.entities.find((e) => e.type === 'facility')!;
    assert.deepStrictEqual({ text: moved.text, start: moved.start, end: moved.end, status: moved.status }, { text: 'Chaobai Rivers Bridge', start: 23, end: 44, status: 'moved' });
  });
});
