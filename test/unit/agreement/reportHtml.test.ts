/** The report webview's page (src/features/agreement/reportHtml.ts has no vscode import): precision, recall and F1 per scheme in the overall and by-type tables. */
import * as assert from 'assert';
import { measureAgreement, pairDocuments } from '../../../src/core/agreement';
import type { EntityAnnotation } from '../../../src/core/model';
import { reportHtml } from '../../../src/features/agreement/reportHtml';

const TEXT = 'Li Wei visited Beijing and Tianjin in 2023.';
const e = (id: string, start: number, end: number, type: string): EntityAnnotation => ({ id, type, start, end, text: Array.from(TEXT).slice(start, end).join(''), prefix: '', suffix: '' });
const A = [e('e-a1', 0, 6, 'person'), e('e-a2', 15, 22, 'location'), e('e-a3', 27, 34, 'location')];
const B = [e('e-b1', 0, 6, 'person'), e('e-b2', 15, 22, 'organization'), e('e-b3', 27, 37, 'location'), e('e-b4', 38, 42, 'date')];

/** The text of each cell of the table labelled `label`, row by row (header rows included). */
function table(html: string, label: string): string[][] {
  const m = new RegExp(`<table aria-label="${label}">([\\s\\S]*?)</table>`).exec(html);
  assert.ok(m, `table ${label}`);
  return [...m[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1].replace(/<[^>]+>/g, '')));
}

describe('agreement report page', () => {
  const { inputs } = pairDocuments([{ document: 'd.txt', text: TEXT, entities: A }], [{ document: 'd.txt', text: TEXT, entities: B }]);
  const report = measureAgreement(inputs);
  const html = reportHtml(report, { a: 'wang', b: 'li' }, 'NONCE', 'vscode-resource:');
  const f = (v: number) => v.toFixed(3);

  it('the overall table has P, R and F1 under each of strict, exact, partial and type', () => {
    const rows = table(html, 'Overall');
    assert.deepStrictEqual(rows[0], ['', 'tokens', 'κ', 'α', 'strict', 'exact', 'partial', 'type', 'cor / inc / par / mis / spu']);
    assert.deepStrictEqual(rows[1], ['P', 'R', 'F1', 'P', 'R', 'F1', 'P', 'R', 'F1', 'P', 'R', 'F1']);
    const o = report.overall;
    // 3 spans in A, 4 in B: precision and recall differ, so a swapped column would show.
    assert.notStrictEqual(o.strict.precision, o.strict.recall);
    assert.deepStrictEqual(rows[2].slice(4, 16), (['strict', 'exact', 'partial', 'type'] as const).flatMap((s) => [f(o[s].precision), f(o[s].recall), f(o[s].f1)]));
    assert.strictEqual(rows[2][0], 'overall');
  });

  it('the by-type table has one row per type with the same columns', () => {
    const rows = table(html, 'By type');
    assert.strictEqual(rows[0][0], 'type');
    const body = rows.slice(2);
    assert.deepStrictEqual(body.map((r) => r[0]).sort(), Object.keys(report.byType).sort());
    for (const r of body) {
      const m = report.byType[r[0]];
      assert.deepStrictEqual(r.slice(4, 16), (['strict', 'exact', 'partial', 'type'] as const).flatMap((s) => [f(m[s].precision), f(m[s].recall), f(m[s].f1)]), r[0]);
      assert.strictEqual(r.length, 17);
    }
  });

  it('names every P and R column in full for screen readers, and keeps the documents table to F1', () => {
    assert.match(html, /<th scope="col" abbr="partial recall" title="partial recall">R<\/th>/);
    assert.match(html, /<th scope="colgroup" colspan="3" class="group">strict<\/th>/);
    const docs = table(html, 'Documents');
    assert.deepStrictEqual(docs[0], ['document', 'tokens', 'κ', 'α', 'strict F1', 'exact F1', 'partial F1', 'type F1', 'cor / inc / par / mis / spu']);
    assert.strictEqual(docs[1].length, 9);
  });
});
