import * as assert from 'assert';
import { FORMATS, planImport, type ExportDocument, type FormatId, type ImportPlan, type InputFile } from '../../../src/core/interchange';
import type { EntityAnnotation, FactAnnotation } from '../../../src/core/model';
import { tokenRange } from '../../../src/core/interchange/conll';
import { CodePointIndex } from '../../../src/core/text/codepoints';
import { tokenize } from '../../../src/core/text/tokens';
import { annotatedSeeds, REGISTRY, trickyDocuments, TYPES } from '../../support/interchangeFixtures';

/** What each format carries besides span and type. */
const CARRIES: Record<FormatId, { link: boolean; note: boolean; author: boolean; facts: boolean }> = {
  brat: { link: true, note: true, author: true, facts: true },
  conll: { link: false, note: false, author: false, facts: false },
  spacy: { link: true, note: false, author: false, facts: false },
  doccano: { link: false, note: false, author: false, facts: false },
  labelstudio: { link: false, note: true, author: false, facts: false },
  w3c: { link: true, note: true, author: true, facts: false },
};

function targetOf(docs: readonly ExportDocument[]) {
  return { documents: docs.map((d) => ({ path: d.path, text: d.text, entities: [], facts: [], writable: true })), types: TYPES, registry: REGISTRY };
}

function added(plan: ImportPlan, path: string): { entities: EntityAnnotation[]; facts: FactAnnotation[] } {
  const d = plan.documents.find((x) => x.path === path);
  const entities: EntityAnnotation[] = [];
  const facts: FactAnnotation[] = [];
  for (const c of d?.changes ?? []) {
    if (c.kind === 'add' && c.collection === 'entities') entities.push(c.annotation);
    if (c.kind === 'add' && c.collection === 'facts') facts.push(c.annotation);
  }
  return { entities, facts };
}

function describeEntity(a: EntityAnnotation, c: (typeof CARRIES)[FormatId]): string {
  return [a.start, a.end, a.type, a.text, c.link ? (a.entity ?? '-') : '', c.note ? (a.note ?? '-') : '', c.author ? (a.author ?? '-') : ''].join('|');
}

/** CoNLL tags whole tokens: an annotation inside a token (`Langfang` in `Langfang's`) comes back as the token. */
function expectedFor(format: FormatId, d: ExportDocument): EntityAnnotation[] {
  if (format !== 'conll') return [...d.entities];
  const tokens = tokenize(d.text);
  const index = new CodePointIndex(d.text);
  return d.entities.map((a) => {
    const [s, e] = tokenRange(tokens, a.start, a.end);
    const start = tokens[s].start;
    const end = tokens[e - 1].end;
    return { ...a, start, end, text: index.slice(start, end) };
  });
}

const onTokens = (d: ExportDocument) => expectedFor('conll', d).filter((a, i) => a.start === d.entities[i].start && a.end === d.entities[i].end).length;

describe('interchange: export then import gives the same annotations', () => {
  const docs = [...annotatedSeeds(), ...trickyDocuments()];
  it('the fixtures have annotations with links, notes, authors and facts', () => {
    const all = docs.flatMap((d) => d.entities);
    assert.ok(all.length > 300, `${all.length} annotations`);
    assert.ok(all.some((a) => a.entity) && all.some((a) => a.note) && all.some((a) => a.author));
    assert.ok(docs.some((d) => d.facts.length > 0));
    for (const d of trickyDocuments()) assert.ok(d.entities.length >= 2, d.path);
  });
  for (const format of FORMATS) {
    it(`${format.id}: every document, span, type${CARRIES[format.id].link ? ', link' : ''}${CARRIES[format.id].note ? ', note' : ''}`, () => {
      const c = CARRIES[format.id];
      const result = format.exportCorpus(docs, { types: TYPES, registry: REGISTRY });
      assert.strictEqual(result.documents, docs.length);
      const entityCount = docs.reduce((n, d) => n + d.entities.length, 0);
      const factCount = docs.reduce((n, d) => n + d.facts.length, 0);
      assert.strictEqual(result.annotations, entityCount + (c.facts ? factCount : 0));
      // Nothing is dropped but what the format cannot carry.
      for (const d of result.dropped) assert.match(d.reason, format.id === 'conll' ? /fact|widened to whole tokens/ : /fact|link|note/, `${d.document} ${d.text}: ${d.reason}`);
      const files: InputFile[] = result.files.map((f) => ({ path: f.path, content: f.content }));
      const parsed = format.parse(files);
      assert.deepStrictEqual(parsed.skipped, []);
      const plan = planImport(parsed, targetOf(docs));
      assert.deepStrictEqual(plan.summary.skipped, []);
      assert.deepStrictEqual(plan.config, [], 'no new types or entities');
      assert.strictEqual(plan.summary.moved + plan.summary.orphaned, 0);
      assert.strictEqual(plan.summary.duplicates, 0);
      for (const d of docs) {
        const got = added(plan, d.path);
        assert.deepStrictEqual(got.entities.map((a) => describeEntity(a, c)), expectedFor(format.id, d).map((a) => describeEntity(a, c)), d.path);
        for (const a of got.entities) assert.strictEqual(a.status, undefined);
        if (c.facts) assert.deepStrictEqual(got.facts.map((f) => [f.start, f.end, f.subject, f.predicate, f.value, f.date, f.note]), d.facts.map((f) => [f.start, f.end, f.subject, f.predicate, f.value, f.date, f.note]), d.path);
      }
    });
    it(`${format.id}: importing the same file again adds nothing`, () => {
      const result = format.exportCorpus(docs, { types: TYPES, registry: REGISTRY });
      const target = { ...targetOf(docs), documents: docs.map((d) => ({ path: d.path, text: d.text, entities: d.entities, facts: d.facts, writable: true })) };
      const plan = planImport(format.parse(result.files), target);
      const expected = docs.reduce((n, d) => n + (format.id === 'conll' ? onTokens(d) : d.entities.length) + (CARRIES[format.id].facts ? d.facts.length : 0), 0);
      assert.strictEqual(plan.summary.duplicates, expected);
      const widened = docs.reduce((n, d) => n + d.entities.length, 0) - docs.reduce((n, d) => n + onTokens(d), 0);
      assert.strictEqual(plan.summary.added, format.id === 'conll' ? widened : 0);
      if (format.id === 'conll') assert.ok(widened > 0, 'the seeds have names inside tokens');
    });
  }
});
