import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from '../../src/api';
import type { EntitySuggestion } from '../../src/core/suggest';
import { docPath, docUri, openDoc, sidecarOnDisk, useCorpus, waitFor } from './helpers';

const DOC = '001_b03c6ba473a52724.txt';
const FR = '003_dea812eaf2be9ea4.txt';

function rejectionsOnDisk(name: string): { text: string; type: string; context?: string }[] {
  return (sidecarOnDisk(name)?.rejections as { text: string; type: string; context?: string }[] | undefined) ?? [];
}

describe('Suggestions (engines, accept, reject, review walk)', () => {
  const corpus = useCorpus();
  let api: CorpusAnnotatorApi;
  beforeEach(() => {
    api = corpus();
  });
  afterEach(async () => {
    if (api.reviewState?.()) await vscode.commands.executeCommand('corpusAnnotator.reviewStop');
  });

  it('suggestEntities returns scored suggestions with their engine in code points, and honours engines', async () => {
    const all = await vscode.commands.executeCommand<EntitySuggestion[]>('corpusAnnotator.suggestEntities', { uri: docUri(DOC).toString() });
    assert.ok(all && all.length > 50, `many suggestions: ${all?.length}`);
    // The document is not open (closed documents' texts are not held): read it as VS Code does.
    const text = (await vscode.workspace.openTextDocument(docUri(DOC))).getText();
    const chars = Array.from(text);
    for (const s of all) {
      assert.strictEqual(chars.slice(s.start, s.end).join(''), s.text);
      assert.ok(s.score > 0 && s.score <= 1);
      assert.ok(['model', 'patterns', 'rules', 'corpus', 'registry'].includes(s.engine));
    }
    assert.ok(all.some((s) => s.text === 'Yang Dongxu' && s.type === 'person'), 'a Chinese name');
    // The English model (loaded at its first run, not with the extension) ran in the worker.
    assert.ok(all.some((s) => s.engine === 'model'), 'the model suggests');
    assert.ok(all.some((s) => s.text === 'Ministry of Human Resources and Social Security' && s.type === 'organization'));
    assert.ok(all.some((s) => s.type === 'date' && s.text === 'May 15, 2023'));
    const rulesOnly = await vscode.commands.executeCommand<EntitySuggestion[]>('corpusAnnotator.suggestEntities', { uri: docUri(DOC).toString(), engines: ['rules'] });
    assert.ok(rulesOnly.length > 0 && rulesOnly.every((s) => s.engine === 'rules'));
    // French: no model or patterns, whatever is asked.
    const fr = await vscode.commands.executeCommand<EntitySuggestion[]>('corpusAnnotator.suggestEntities', { uri: docUri(FR).toString() });
    assert.ok(fr.every((s) => s.engine !== 'model' && s.engine !== 'patterns'), JSON.stringify(fr.slice(0, 3)));
  });

  it('acceptSuggestion tags the span; rejectSuggestion writes a rejection to the sidecar that survives a reload', async () => {
    const uri = docUri(DOC).toString();
    const all = await vscode.commands.executeCommand<EntitySuggestion[]>('corpusAnnotator.suggestEntities', { uri });
    const yang = all.find((s) => s.text === 'Yang Dongxu')!;
    await vscode.commands.executeCommand('corpusAnnotator.acceptSuggestion', { uri, start: yang.start, end: yang.end, type: 'person' });
    const entry = sidecarOnDisk(DOC)!.entities.find((e) => e.text === 'Yang Dongxu');
    assert.ok(entry, 'tagged');
    assert.deepStrictEqual({ start: entry.start, end: entry.end, type: entry.type }, { start: yang.start, end: yang.end, type: 'person' });

    const china = all.find((s) => s.text === 'China' && s.type === 'location')!;
    await vscode.commands.executeCommand('corpusAnnotator.rejectSuggestion', { uri, start: china.start, end: china.end, type: 'location' });
    const rejections = rejectionsOnDisk(DOC);
    assert.strictEqual(rejections.length, 1);
    assert.strictEqual(rejections[0].text, 'China');
    assert.strictEqual(rejections[0].type, 'location');
    assert.ok(rejections[0].context?.includes('China'));
    const after = await vscode.commands.executeCommand<EntitySuggestion[]>('corpusAnnotator.suggestEntities', { uri });
    assert.ok(!after.some((s) => s.text === 'China' && s.type === 'location'), 'no China as a location anywhere now');
    assert.ok(!after.some((s) => s.start === yang.start), 'the accepted span is no longer suggested');

    // Read back from disk: the rejection is the sidecar's, not memory's.
    await api.reload(docUri(DOC));
    assert.deepStrictEqual(api.document(docUri(DOC))!.rejections.map((r) => [r.text, r.type]), [['China', 'location']]);
    const reloaded = await vscode.commands.executeCommand<EntitySuggestion[]>('corpusAnnotator.suggestEntities', { uri });
    assert.ok(!reloaded.some((s) => s.text === 'China' && s.type === 'location'));
    // And it applies to other documents of the corpus.
    const other = await vscode.commands.executeCommand<EntitySuggestion[]>('corpusAnnotator.suggestEntities', { uri: docUri('002_0a0484aff5f38808.txt').toString() });
    assert.ok(!other.some((s) => s.text === 'China' && s.type === 'location'));
  });

  it('a string tagged in one document is suggested in another by the worker, brought up to date by changes, and no longer once untagged', async () => {
    const phrase = 'coordinated development of Beijing';
    const corpusSuggestions = async (name: string) =>
      (await vscode.commands.executeCommand<EntitySuggestion[]>('corpusAnnotator.suggestEntities', { uri: docUri(name).toString(), engines: ['corpus'] })).filter((s) => s.text === phrase);
    const other = '004_2825da8afab466f9.txt';
    // The worker has the corpus's context before the change (what it is then brought up to date from).
    assert.deepStrictEqual(await corpusSuggestions(other), [], 'not tagged anywhere yet');
    const text = Array.from((await vscode.workspace.openTextDocument(docUri(DOC))).getText());
    const at = Array.from(text.join('').slice(0, text.join('').indexOf(phrase))).length;
    await vscode.commands.executeCommand('corpusAnnotator.acceptSuggestion', { uri: docUri(DOC).toString(), start: at, end: at + phrase.length, type: 'policy' });
    const id = api.document(docUri(DOC))!.entities.find((e) => e.text === phrase)!.id;
    const found = await corpusSuggestions(other);
    assert.ok(found.length > 1, `occurrences in the other document: ${found.length}`);
    assert.ok(found.every((s) => s.type === 'policy' && s.engine === 'corpus' && s.score === 1), JSON.stringify(found[0]));
    // Tagged once more as another type: the share of votes follows.
    const second = Array.from(text.join('').slice(0, text.join('').indexOf(phrase, text.join('').indexOf(phrase) + 1))).length;
    await vscode.commands.executeCommand('corpusAnnotator.acceptSuggestion', { uri: docUri(DOC).toString(), start: second, end: second + phrase.length, type: 'event' });
    const split = await corpusSuggestions(other);
    assert.ok(split.length === found.length && split.every((s) => s.score === 0.5), JSON.stringify(split[0]));
    await vscode.commands.executeCommand('corpusAnnotator.removeAnnotation', { uri: docUri(DOC).toString(), id });
    const after = await corpusSuggestions(other);
    assert.ok(after.length === found.length && after.every((s) => s.type === 'event' && s.score === 1), JSON.stringify(after[0]));
    // The registry changes with corpus.yaml: the update the worker is sent then carries it.
    fs.writeFileSync(docPath('corpus.yaml'), 'entities:\n  - id: tongzhou\n    name: Tongzhou District\n    type: location\n    aliases: [Tongzhou]\n');
    const registry = await waitFor('the registry engine suggesting the new alias', async () => {
      const all = await vscode.commands.executeCommand<EntitySuggestion[]>('corpusAnnotator.suggestEntities', { uri: docUri(other).toString(), engines: ['registry', 'corpus'] });
      return all.some((s) => s.text === 'Tongzhou District') && all;
    });
    assert.ok(registry.filter((s) => s.text === 'Tongzhou District').every((s) => s.engine === 'registry' && s.entity === 'tongzhou' && s.type === 'location'));
    assert.ok(registry.some((s) => s.text === phrase && s.type === 'event'), 'the corpus decisions are still those brought up to date');
  });

  it('review walk: Enter accepts, a type key retypes and accepts, Backspace rejects, Space skips, Escape stops', async () => {
    await openDoc(DOC);
    const start = await vscode.commands.executeCommand<{ left: number; current: EntitySuggestion }>('corpusAnnotator.reviewSuggestions', { uri: docUri(DOC).toString() });
    assert.ok(start && start.left > 10);
    const first = api.reviewState!()!.current!;
    // Highest score first.
    const all = await vscode.commands.executeCommand<EntitySuggestion[]>('corpusAnnotator.suggestEntities', { uri: docUri(DOC).toString() });
    assert.strictEqual(first.score, Math.max(...all.map((s) => s.score)));
    // The span is selected in the editor.
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.getText(editor.selection), first.text);

    // The keys are bound to the walk's commands while it runs (package.json keybindings, `when` the context key).
    await vscode.commands.executeCommand('corpusAnnotator.reviewAccept'); // Enter
    await waitFor('accepted', () => sidecarOnDisk(DOC)?.entities.some((e) => e.start === first.start && e.type === first.type));
    const second = api.reviewState!()!.current!;
    await vscode.commands.executeCommand('corpusAnnotator.reviewAcceptAs', 'o'); // o = organization
    await waitFor('retyped', () => sidecarOnDisk(DOC)?.entities.some((e) => e.start === second.start && e.type === 'organization'));
    const third = api.reviewState!()!.current!;
    await vscode.commands.executeCommand('corpusAnnotator.reviewReject'); // Backspace
    assert.ok(rejectionsOnDisk(DOC).some((r) => r.text === third.text && r.type === third.type));
    const fourth = api.reviewState!()!.current!;
    const leftBefore = api.reviewState!()!.left;
    await vscode.commands.executeCommand('corpusAnnotator.reviewSkip'); // Space
    const state = api.reviewState!()!;
    assert.strictEqual(state.left, leftBefore - 1);
    assert.notStrictEqual(state.current, fourth);
    assert.deepStrictEqual([state.accepted, state.rejected, state.skipped], [2, 1, 1]);
    await vscode.commands.executeCommand('corpusAnnotator.reviewStop'); // Escape
    assert.strictEqual(api.reviewState!(), undefined);
    assert.ok(!sidecarOnDisk(DOC)!.entities.some((e) => e.start === fourth.start), 'skipped is not tagged');
  });

  it('accept suggestions in document above a score is one undo step; pre-annotation counts suggestions per document', async () => {
    const uri = docUri(DOC).toString();
    const all = await vscode.commands.executeCommand<EntitySuggestion[]>('corpusAnnotator.suggestEntities', { uri });
    const expected = all.filter((s) => s.score >= 0.9).length;
    assert.ok(expected > 5);
    await openDoc(DOC);
    const n = await vscode.commands.executeCommand<number>('corpusAnnotator.acceptSuggestionsInDocument', { uri, minScore: 0.9 });
    assert.strictEqual(n, expected);
    assert.strictEqual(sidecarOnDisk(DOC)!.entities.length, expected);
    await vscode.commands.executeCommand('corpusAnnotator.undo');
    await waitFor('undone in one step', () => sidecarOnDisk(DOC)!.entities.length === 0);

    const result = await vscode.commands.executeCommand<{ documents: number; suggestions: number; cancelled: boolean }>('corpusAnnotator.preannotateCorpus');
    assert.strictEqual(result.cancelled, false);
    assert.strictEqual(result.documents, api.documents().length);
    const counts = api.suggestionCounts!();
    assert.ok((counts.get(uri) ?? 0) > 50, `counts for ${DOC}: ${counts.get(uri)}`);
    assert.ok(fs.existsSync(docPath(DOC)));
  });
});
