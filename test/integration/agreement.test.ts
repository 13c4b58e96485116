import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from '../../src/api';
import { measureAgreement, type AgreementReport, type TokenPair } from '../../src/core/agreement';
import { mergeSidecars } from '../../src/core/merge';
import type { EntityAnnotation } from '../../src/core/model';
import { hashText, makeAnchor, serializeSidecar } from '../../src/core/sidecar';
import { normalizeText } from '../../src/core/text/normalize';
import { tokenize } from '../../src/core/text/tokens';
import { docPath, docUri, sidecarOnDisk, useCorpus, waitFor, workspaceDir } from './helpers';

const DOC1 = '001_b03c6ba473a52724.txt';
const DOC2 = '002_0a0484aff5f38808.txt';
const textOf = (name: string) => normalizeText(fs.readFileSync(docPath(name), 'utf8'));

/** An entity on the n-th occurrence of `quote`. */
function on(name: string, id: string, quote: string, type: string, author: string, occurrence = 0): EntityAnnotation {
  const text = textOf(name);
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(quote, at + 1);
  assert.ok(at >= 0, `"${quote}" in ${name}`);
  const start = Array.from(text.slice(0, at)).length;
  return { id, type, author, ...makeAnchor(text, start, start + Array.from(quote).length) };
}

function writeSidecar(name: string, entities: EntityAnnotation[]): void {
  const header = { format: 'corpus-annotator', version: 1, document: name, textHash: hashText(textOf(name)), offsets: 'codepoint' as const };
  fs.writeFileSync(`${docPath(name)}.yaml`, serializeSidecar({ header, entities, facts: [] }));
}

const git = (...args: string[]) => execFileSync('git', args, { cwd: workspaceDir(), encoding: 'utf8' });

// Wang and Li annotate the same two documents: some agreements, a type disagreement, a boundary
// disagreement, and annotations only one of them made.
const wang = () => ({
  [DOC1]: [on(DOC1, 'e-wang000001', 'Xinhua News Agency', 'organization', 'wang'), on(DOC1, 'e-wang000002', 'Beijing', 'location', 'wang'), on(DOC1, 'e-wang000003', 'Tianjin', 'location', 'wang')],
  [DOC2]: [on(DOC2, 'e-wang000004', 'Hebei', 'location', 'wang')],
});
const li = () => ({
  [DOC1]: [on(DOC1, 'e-li00000001', 'Xinhua News Agency', 'organization', 'li'), on(DOC1, 'e-li00000002', 'Beijing', 'organization', 'li'), on(DOC1, 'e-li00000003', 'China', 'location', 'li')],
  [DOC2]: [on(DOC2, 'e-li00000004', 'Hebei', 'location', 'li')],
});

describe('Agreement: compare annotations, curate, merge driver set-up', function () {
  this.timeout(120_000);
  const corpus = useCorpus();
  let api: CorpusAnnotatorApi;
  beforeEach(() => {
    api = corpus();
  });
  afterEach(async () => {
    for (const f of ['.git', '.gitattributes']) fs.rmSync(path.join(workspaceDir(), f), { recursive: true, force: true });
  });

  it('compareAnnotations with { ref } sources and detail, on a git repository made from the seeds', async () => {
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Test');
    git('config', 'user.email', 'test@example.com');
    git('add', '.');
    git('commit', '-q', '-m', 'seeds');
    const sides = { wang: wang(), li: li() };
    for (const who of ['wang', 'li'] as const) {
      git('checkout', '-q', '-b', who, 'main');
      for (const [doc, entities] of Object.entries(sides[who])) writeSidecar(doc, entities);
      git('add', '.');
      git('commit', '-q', '-m', `${who} annotates`);
    }
    git('checkout', '-q', 'main');

    const report = (await vscode.commands.executeCommand('corpusAnnotator.compareAnnotations', { a: { ref: 'wang' }, b: { ref: 'li' }, detail: true })) as AgreementReport;
    assert.ok(report, 'the command returns the report');
    const names = fs.readdirSync(workspaceDir()).filter((f) => f.endsWith('.txt')).sort();
    assert.deepStrictEqual(report.documents.map((d) => d.document), names);
    const spans = (e: EntityAnnotation[] = []) => e.map((x) => ({ start: x.start, end: x.end, type: x.type }));
    const expected = measureAgreement(names.map((n) => ({ document: n, text: textOf(n), a: spans(sides.wang[n as keyof typeof sides.wang]), b: spans(sides.li[n as keyof typeof sides.li]) })), { detail: true });
    assert.deepStrictEqual(report, JSON.parse(JSON.stringify(expected)));
    // The figures a person can check: DOC1 has 1 correct, 1 type error (Beijing), Tianjin only in A, China only in B.
    const d1 = report.documents.find((d) => d.document === DOC1)!;
    assert.deepStrictEqual(d1.counts, { correct: 1, incorrect: 1, partial: 0, missing: 1, spurious: 1 });
    assert.strictEqual((d1.tokens as TokenPair[]).length, tokenize(textOf(DOC1)).length);
    assert.deepStrictEqual(d1.spansA!.length, 3);
    assert.ok(report.overall.cohenKappa! > 0 && report.overall.cohenKappa! < 1);
    // The Disagreements view lists them.
    const comparison = api.agreement.comparison()!;
    assert.deepStrictEqual(comparison.differences.find((d) => d.document === DOC1)!.disagreements.map((d) => d.kind).sort(), ['onlyA', 'onlyB', 'type']);

    // Accept all agreements: the working tree (main, no sidecars) gets what both agree on, with its author.
    await vscode.commands.executeCommand('corpusAnnotator.acceptAllAgreements');
    await waitFor('agreed annotations on disk', () => sidecarOnDisk(DOC1)?.entities.length === 1 && sidecarOnDisk(DOC2)?.entities.length === 1);
    assert.deepStrictEqual(sidecarOnDisk(DOC1)!.entities.map((e) => [e.id, e.type, e.text, e.author]), [['e-wang000001', 'organization', 'Xinhua News Agency', 'wang']]);
  });

  it('compares two authors in the working tree and curates on disk, one undo step per decision', async () => {
    writeSidecar(DOC1, [...wang()[DOC1], ...li()[DOC1]]);
    await api.reload(docUri(DOC1));
    await waitFor('both authors loaded', () => api.document(docUri(DOC1))?.entities.length === 6);
    const report = (await vscode.commands.executeCommand('corpusAnnotator.compareAnnotations', { a: { author: 'wang' }, b: { author: 'li' }, documents: [DOC1] })) as AgreementReport;
    assert.deepStrictEqual(report.documents.map((d) => d.document), [DOC1]);
    assert.deepStrictEqual(report.overall.counts, { correct: 1, incorrect: 1, partial: 0, missing: 1, spurious: 1 });

    const nodes = api.agreement.disagreements.getChildren(api.agreement.disagreements.documentNode(DOC1));
    const find = (kind: string) => nodes.find((n) => n.kind === 'disagreement' && n.item.kind === kind)!;
    const ids = () => sidecarOnDisk(DOC1)!.entities.map((e) => e.id).sort();
    // Type differs on Beijing: accept A keeps Wang's location, removes Li's organization.
    await vscode.commands.executeCommand('corpusAnnotator.acceptA', find('type'));
    await waitFor('accept A on disk', () => !ids().includes('e-li00000002') && ids().includes('e-wang000002'));
    // Only in B (Li's China): reject both removes it.
    await vscode.commands.executeCommand('corpusAnnotator.rejectBoth', find('onlyB'));
    await waitFor('reject both on disk', () => !ids().includes('e-li00000003'));
    // Only in A (Tianjin): accept both keeps it.
    await vscode.commands.executeCommand('corpusAnnotator.acceptBoth', find('onlyA'));
    assert.ok(ids().includes('e-wang000003'));
    assert.deepStrictEqual(api.agreement.disagreements.getChildren(), [], 'nothing left to curate');
    assert.deepStrictEqual(ids(), ['e-li00000001', 'e-wang000001', 'e-wang000002', 'e-wang000003']);

    // One undo step each: undoing once brings back only Li's China (reject both).
    const state = api.document(docUri(DOC1))!;
    const undone = await api.service.undo(state);
    assert.ok(undone.ok);
    await waitFor('undo on disk', () => ids().includes('e-li00000003'));
    assert.ok(!ids().includes('e-li00000002'), 'the earlier decision stays');
  });

  it('a merge conflict the driver left in a sidecar is shown as a problem at its line', async () => {
    const base = [on(DOC1, 'e-both000001', 'Beijing', 'location', 'wang')];
    const header = { format: 'corpus-annotator', version: 1, document: DOC1, textHash: hashText(textOf(DOC1)), offsets: 'codepoint' as const };
    const text = (entities: EntityAnnotation[]) => serializeSidecar({ header, entities, facts: [] });
    const merged = mergeSidecars(text(base), text([{ ...base[0], type: 'organization' }]), text([{ ...base[0], type: 'event' }]));
    assert.strictEqual(merged.conflicts.length, 1);
    fs.writeFileSync(`${docPath(DOC1)}.yaml`, merged.text);
    await api.reload(docUri(DOC1));
    const sidecar = vscode.Uri.file(`${docPath(DOC1)}.yaml`);
    const diagnostic = await waitFor('the conflict in Problems', () => api.diagnostics(sidecar).find((d) => /Merge conflict on e-both000001/.test(d.message)));
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(merged.text.split('\n')[diagnostic.range.start.line], /- id: e-both000001/);
    // The annotation itself still works (ours is kept).
    assert.strictEqual(api.document(docUri(DOC1))!.entities[0].type, 'organization');
  });

  it('Set Up Git Merge for Sidecars writes .gitattributes and the driver setting', async () => {
    git('init', '-q', '-b', 'main');
    await vscode.commands.executeCommand('corpusAnnotator.setUpGitMerge');
    assert.match(fs.readFileSync(path.join(workspaceDir(), '.gitattributes'), 'utf8'), /^\*\.txt\.yaml merge=corpus-annotator$/m);
    assert.match(git('config', 'merge.corpus-annotator.driver'), /dist\/cli\/main\.js' merge-driver %O %A %B %P/);
    // Twice is harmless: one line.
    await vscode.commands.executeCommand('corpusAnnotator.setUpGitMerge');
    assert.strictEqual(fs.readFileSync(path.join(workspaceDir(), '.gitattributes'), 'utf8').match(/merge=corpus-annotator/g)!.length, 1);
  });
});
