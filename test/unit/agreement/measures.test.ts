import * as assert from 'assert';
import fc from 'fast-check';
import { binaryConfusion, cohenKappa, emptyConfusion, krippendorffAlphaFromConfusion, krippendorffAlphaNominal, measureAgreement, type LabelledSpan } from '../../../src/core/agreement';

const close = (actual: number | null, expected: number, what = '') => {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${what} ${actual} ≠ ${expected}`);
};

function confusion(labels: string[], rows: number[][]) {
  const c = emptyConfusion(labels);
  rows.forEach((r, i) => r.forEach((v, j) => (c.cells[i * labels.length + j] = v)));
  return c;
}

describe('agreement: Cohen kappa and Krippendorff alpha', () => {
  it('a 2×2 table by hand: p_o = 0.7, p_e = 0.5, kappa 0.4; alpha 1 − 99·30/4950 = 0.4', () => {
    const c = confusion(['yes', 'no'], [[20, 5], [10, 15]]);
    close(cohenKappa(c), 0.4);
    close(krippendorffAlphaFromConfusion(c), 0.4);
  });

  it("Krippendorff's published example, two observers, binary, no missing data: alpha = 0.095", () => {
    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section B.
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    close(krippendorffAlphaNominal([a, b]), 1 - (19 * 8) / (2 * 14 * 6));
    assert.strictEqual(krippendorffAlphaNominal([a, b])!.toFixed(3), '0.095');
    // The confusion-matrix form used by the report gives the same number.
    const c = confusion(['0', '1'], [[0, 0], [0, 0]]);
    a.forEach((x, i) => c.cells[x * 2 + b[i]]++);
    close(krippendorffAlphaFromConfusion(c), krippendorffAlphaNominal([a, b])!);
  });

  it("Krippendorff's published example, four observers, missing data, nominal: alpha = 0.743", () => {
    // Krippendorff (2011), section C: 12 units, observers A–D, null = no value.
    const _ = null;
    const data = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ];
    assert.strictEqual(krippendorffAlphaNominal(data)!.toFixed(3), '0.743');
  });

  it('edge cases: no value, one category only, identical', () => {
    assert.strictEqual(cohenKappa(emptyConfusion(['O'])), null);
    assert.strictEqual(krippendorffAlphaFromConfusion(emptyConfusion(['O'])), null);
    const one = confusion(['O'], [[7]]);
    assert.strictEqual(cohenKappa(one), 1);
    assert.strictEqual(krippendorffAlphaFromConfusion(one), 1);
    assert.strictEqual(krippendorffAlphaNominal([[1, 1], [1, 1]]), 1);
    // One category on each side, but not the same: no agreement beyond chance.
    const apart = confusion(['person', 'O'], [[0, 4], [0, 0]]);
    assert.strictEqual(cohenKappa(apart), 0);
    close(krippendorffAlphaFromConfusion(apart), 1 - (7 * 8) / (64 - 32));
    const identical = confusion(['a', 'b', 'c'], [[3, 0, 0], [0, 2, 0], [0, 0, 5]]);
    assert.strictEqual(cohenKappa(identical), 1);
    assert.strictEqual(krippendorffAlphaFromConfusion(identical), 1);
  });

  it('collapses to type versus not-that-type', () => {
    const c = confusion(['O', 'person', 'location'], [[5, 1, 0], [1, 2, 1], [0, 0, 3]]);
    const b = binaryConfusion(c, 'person');
    assert.deepStrictEqual(Array.from(b.cells), [2, 2, 1, 8]);
  });
});

// "Li Wei visited Beijing in 2023." — tokens Li Wei visited Beijing in 2023 .
const TEXT = 'Li Wei visited Beijing in 2023.';
const A: LabelledSpan[] = [
  { start: 0, end: 6, type: 'person' },
  { start: 15, end: 22, type: 'location' },
  { start: 26, end: 30, type: 'date' },
];
const B: LabelledSpan[] = [
  { start: 0, end: 2, type: 'person' },
  { start: 15, end: 22, type: 'organization' },
];

describe('agreement: a hand-checked document', () => {
  const r = measureAgreement([{ document: 'd.txt', text: TEXT, a: A, b: B }], { detail: true });

  it('labels every token and counts 7', () => {
    const d = r.documents[0];
    assert.strictEqual(d.tokenCount, 7);
    assert.deepStrictEqual(
      (d.tokens as { a: string; b: string }[]).map((t) => `${t.a}/${t.b}`),
      ['person/person', 'person/O', 'O/O', 'location/organization', 'O/O', 'date/O', 'O/O'],
    );
    assert.deepStrictEqual(d.spansA, A);
    assert.deepStrictEqual(d.spansB, B);
  });

  it('token kappa 11/32 and alpha 1 − 13·6/120 = 0.35', () => {
    // p_o = 4/7; p_e = (2·1 + 3·5)/49 = 17/49; kappa = (28 − 17)/(49 − 17).
    close(r.overall.cohenKappa, 11 / 32, 'kappa');
    close(r.overall.krippendorffAlpha, 0.35, 'alpha');
    close(r.documents[0].cohenKappa, 11 / 32);
    assert.strictEqual(r.overall.tokens, 7);
  });

  it('per type: person versus not-person, kappa 10/17', () => {
    // person/person 1, person/other 1, other/person 0, other/other 5: p_o = 6/7, p_e = 32/49.
    close(r.byType.person.cohenKappa, 10 / 17);
    assert.deepStrictEqual(Object.keys(r.byType), ['date', 'location', 'organization', 'person']);
  });

  it('span schemes as nervaluate counts them', () => {
    const o = r.overall;
    assert.deepStrictEqual(o.strict.counts, { correct: 0, incorrect: 2, partial: 0, missing: 1, spurious: 0 });
    assert.deepStrictEqual([o.strict.precision, o.strict.recall, o.strict.f1], [0, 0, 0]);
    assert.deepStrictEqual(o.exact.counts, { correct: 1, incorrect: 1, partial: 0, missing: 1, spurious: 0 });
    close(o.exact.precision, 1 / 2);
    close(o.exact.recall, 1 / 3);
    close(o.exact.f1, 0.4);
    assert.deepStrictEqual(o.partial.counts, { correct: 1, incorrect: 0, partial: 1, missing: 1, spurious: 0 });
    close(o.partial.precision, 0.75);
    close(o.partial.recall, 0.5);
    close(o.partial.f1, 0.6);
    assert.deepStrictEqual(o.type.counts, { correct: 1, incorrect: 1, partial: 0, missing: 1, spurious: 0 });
    close(o.type.f1, 0.4);
    assert.deepStrictEqual(o.counts, { correct: 0, incorrect: 1, partial: 1, missing: 1, spurious: 0 });
  });

  it('per type: outcomes go to A’s type, spurious ones to B’s', () => {
    assert.deepStrictEqual(r.byType.location.strict.counts, { correct: 0, incorrect: 1, partial: 0, missing: 0, spurious: 0 });
    assert.deepStrictEqual(r.byType.date.strict.counts, { correct: 0, incorrect: 0, partial: 0, missing: 1, spurious: 0 });
    const extra = measureAgreement([{ document: 'd', text: TEXT, a: [], b: [{ start: 7, end: 14, type: 'event' }] }]);
    assert.deepStrictEqual(extra.byType.event.strict.counts, { correct: 0, incorrect: 0, partial: 0, missing: 0, spurious: 1 });
  });
});

describe('agreement: nervaluate scenarios one by one', () => {
  const one = (b: LabelledSpan) => measureAgreement([{ document: 'd', text: TEXT, a: [{ start: 0, end: 6, type: 'person' }], b: [b] }]).overall;
  it('I: same boundaries and type — correct everywhere', () => {
    const o = one({ start: 0, end: 6, type: 'person' });
    for (const s of ['strict', 'exact', 'partial', 'type'] as const) assert.strictEqual(o[s].counts.correct, 1, s);
  });
  it('IV: same boundaries, other type — strict and type incorrect, exact and partial correct', () => {
    const o = one({ start: 0, end: 6, type: 'location' });
    assert.deepStrictEqual([o.strict.counts.incorrect, o.type.counts.incorrect, o.exact.counts.correct, o.partial.counts.correct], [1, 1, 1, 1]);
  });
  it('V: overlap, same type — type correct, partial counts half', () => {
    const o = one({ start: 3, end: 6, type: 'person' });
    assert.deepStrictEqual([o.strict.counts.incorrect, o.exact.counts.incorrect, o.partial.counts.partial, o.type.counts.correct], [1, 1, 1, 1]);
    assert.strictEqual(o.partial.precision, 0.5);
  });
  it('VI: overlap, other type — incorrect, partial', () => {
    const o = one({ start: 3, end: 14, type: 'location' });
    assert.deepStrictEqual([o.strict.counts.incorrect, o.exact.counts.incorrect, o.partial.counts.partial, o.type.counts.incorrect], [1, 1, 1, 1]);
  });
  it('II and III: no overlap — one spurious, one missing', () => {
    const o = one({ start: 7, end: 14, type: 'person' });
    assert.deepStrictEqual(o.strict.counts, { correct: 0, incorrect: 0, partial: 0, missing: 1, spurious: 1 });
  });
  it('an overlap below 1 % of the A span is no overlap (nervaluate’s default threshold)', () => {
    const long = 'x'.repeat(300);
    const r = measureAgreement([{ document: 'd', text: long, a: [{ start: 0, end: 201, type: 't' }], b: [{ start: 199, end: 250, type: 't' }] }]).overall;
    assert.strictEqual(r.partial.counts.spurious, 1);
    const r2 = measureAgreement([{ document: 'd', text: long, a: [{ start: 0, end: 200, type: 't' }], b: [{ start: 198, end: 250, type: 't' }] }]).overall;
    assert.strictEqual(r2.partial.counts.partial, 1);
  });
});

describe('agreement: edge cases', () => {
  it('no tokens: kappa and alpha null, spans still counted', () => {
    const r = measureAgreement([{ document: 'e', text: '', a: [], b: [] }]);
    assert.strictEqual(r.overall.cohenKappa, null);
    assert.strictEqual(r.overall.krippendorffAlpha, null);
    assert.strictEqual(r.overall.tokens, 0);
    assert.strictEqual(r.overall.strict.f1, 0);
    assert.deepStrictEqual(measureAgreement([]).overall.tokens, 0);
  });
  it('one category only (nothing annotated on either side): 1', () => {
    const r = measureAgreement([{ document: 'e', text: TEXT, a: [], b: [] }]);
    assert.strictEqual(r.overall.cohenKappa, 1);
    assert.strictEqual(r.overall.krippendorffAlpha, 1);
  });
  it('identical sides: kappa, alpha and every F1 are 1', () => {
    const r = measureAgreement([{ document: 'e', text: TEXT, a: A, b: A }]);
    assert.strictEqual(r.overall.cohenKappa, 1);
    assert.strictEqual(r.overall.krippendorffAlpha, 1);
    for (const s of ['strict', 'exact', 'partial', 'type'] as const) assert.strictEqual(r.overall[s].f1, 1);
  });
  it('an empty side: everything missing (B empty) or spurious (A empty)', () => {
    const r = measureAgreement([{ document: 'e', text: TEXT, a: A, b: [] }]);
    assert.deepStrictEqual(r.overall.counts, { correct: 0, incorrect: 0, partial: 0, missing: 3, spurious: 0 });
    assert.strictEqual(r.overall.strict.precision, 0);
    assert.strictEqual(r.overall.cohenKappa, 0);
    const s = measureAgreement([{ document: 'e', text: TEXT, a: [], b: A }]);
    assert.deepStrictEqual(s.overall.counts, { correct: 0, incorrect: 0, partial: 0, missing: 0, spurious: 3 });
  });
  it('empty spans are left out', () => {
    const r = measureAgreement([{ document: 'e', text: TEXT, a: [{ start: 3, end: 3, type: 'x' }], b: [] }]);
    assert.deepStrictEqual(r.overall.counts.missing, 0);
    assert.deepStrictEqual(Object.keys(r.byType), []);
  });
});

/** Random documents: words from a small vocabulary, spans on token boundaries. */
const arbDoc = fc
  .array(fc.constantFrom('Beijing', 'Hebei', 'the', 'new', 'area', '2023', ',', 'Xiong’an', 'plan'), { minLength: 1, maxLength: 30 })
  .chain((words) => {
    const text = words.join(' ');
    const starts: number[] = [];
    let p = 0;
    for (const w of words) {
      starts.push(p);
      p += [...w].length + 1;
    }
    const span = fc
      .tuple(fc.nat(words.length - 1), fc.nat(2), fc.constantFrom('person', 'location', 'date'))
      .map(([i, len, type]) => {
        const j = Math.min(words.length - 1, i + len);
        return { start: starts[i], end: starts[j] + [...words[j]].length, type };
      });
    return fc.record({ text: fc.constant(text), a: fc.array(span, { maxLength: 6 }), b: fc.array(span, { maxLength: 6 }) });
  });

/** Keeps the spans that do not overlap an earlier kept one. */
function flat(spans: LabelledSpan[]): LabelledSpan[] {
  const out: LabelledSpan[] = [];
  for (const s of [...spans].sort((x, y) => x.start - y.start || x.end - y.end)) if (!out.length || out[out.length - 1].end <= s.start) out.push(s);
  return out;
}

describe('agreement: properties', () => {
  it('identical sides give kappa and alpha 1 and F1 1 whenever there is a span', () => {
    fc.assert(
      fc.property(fc.array(arbDoc, { minLength: 1, maxLength: 4 }), (docs) => {
        const r = measureAgreement(docs.map((d, i) => ({ document: String(i), text: d.text, a: d.a, b: d.a })));
        assert.strictEqual(r.overall.cohenKappa, 1);
        assert.strictEqual(r.overall.krippendorffAlpha, 1);
        if (docs.some((d) => d.a.length > 0)) for (const s of ['strict', 'exact', 'partial', 'type'] as const) assert.strictEqual(r.overall[s].f1, 1);
      }),
    );
  });

  it('swapping A and B swaps precision and recall (strict, exact) and keeps kappa and alpha', () => {
    // For flat annotations (no two spans of one side overlap, as in BIO tagging). With stacked spans
    // nervaluate's greedy alignment is order-dependent: A = {date, location} on one word against
    // B = {location} gives strict 1 correct, but swapped the date takes the location as incorrect.
    fc.assert(
      fc.property(fc.array(arbDoc.map((d) => ({ ...d, a: flat(d.a), b: flat(d.b) })), { minLength: 1, maxLength: 4 }), (docs) => {
        const ab = measureAgreement(docs.map((d, i) => ({ document: String(i), text: d.text, a: d.a, b: d.b }))).overall;
        const ba = measureAgreement(docs.map((d, i) => ({ document: String(i), text: d.text, a: d.b, b: d.a }))).overall;
        for (const s of ['strict', 'exact'] as const) {
          assert.ok(Math.abs(ab[s].precision - ba[s].recall) < 1e-12, s);
          assert.ok(Math.abs(ab[s].recall - ba[s].precision) < 1e-12, s);
          assert.ok(Math.abs(ab[s].f1 - ba[s].f1) < 1e-12, s);
        }
        assert.strictEqual(ab.counts.missing, ba.counts.spurious);
        assert.ok(Math.abs((ab.cohenKappa ?? 0) - (ba.cohenKappa ?? 0)) < 1e-12);
        assert.ok(Math.abs((ab.krippendorffAlpha ?? 0) - (ba.krippendorffAlpha ?? 0)) < 1e-12);
      }),
    );
  });

  it('kappa and alpha stay within [-1, 1]', () => {
    fc.assert(
      fc.property(arbDoc, (d) => {
        const o = measureAgreement([{ document: 'd', text: d.text, a: d.a, b: d.b }]).overall;
        for (const v of [o.cohenKappa, o.krippendorffAlpha]) assert.ok(v === null || (v >= -1 - 1e-12 && v <= 1 + 1e-12), String(v));
      }),
    );
  });
});
