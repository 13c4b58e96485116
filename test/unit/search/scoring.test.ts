import * as assert from 'assert';
import { extractFacts, type FactRecord } from '../../../src/core/facts/extract';
import { ALIVE, FACT } from '../../../src/core/search/facets';
import { FactIndex } from '../../../src/core/search/factIndex';
import { parseQuery } from '../../../src/core/search/query';
import { baseScore, lengthOrder, queryTerms, topCandidates } from '../../../src/core/search/scoring';
import { mulberry32, seedFiles } from '../../support/fixtures';

/**
 * The index stage skips scoring a slot whose accumulated score cannot beat the least of the best so
 * far (`best` in scoring.ts). These tests hold it to scoring every touched slot: the same scores come
 * out, and the bound it skips by is never below a slot's score.
 */

/** Many near-copies of the seeds' sentences (words dropped, some recorded facts), so that the best are crowded by ties. */
function corpus(docs: number, rnd: () => number): { docId: string; records: FactRecord[] }[] {
  const seeds = seedFiles().map(({ file, text }) => extractFacts({ id: `file:///c/${file}`, title: text.split('\n')[0], text, entities: [], facts: [] }, []));
  const sentences = seeds.flat().filter((r) => r.kind === 'sentence');
  const out: { docId: string; records: FactRecord[] }[] = [];
  for (let d = 0; d < docs; d++) {
    const docId = `file:///c/gen_${d}.txt`;
    const title = sentences[Math.floor(rnd() * sentences.length)].text.split(' ').slice(0, 6).join(' ');
    const records: FactRecord[] = [];
    let offset = 0;
    for (let i = 0; i < 40; i++) {
      const words = sentences[Math.floor(rnd() * sentences.length)].text.split(' ').filter(() => rnd() > 0.2);
      const text = words.join(' ') || 'Beijing';
      const rec: FactRecord = { id: `s:${offset}-${offset + text.length}`, docId, title, kind: 'sentence', text, start: offset, end: offset + text.length, line: i + 1, lang: 'en', entities: [], numbers: [], dates: [], years: [] };
      if (rnd() < 0.1) {
        rec.kind = 'fact';
        rec.id = `f:${d}-${i}`;
        rec.fact = { id: `${d}-${i}` };
      }
      records.push(rec);
      offset += text.length + 1;
    }
    out.push({ docId, records });
  }
  return out;
}

describe('search: the index stage skips only slots that cannot be among the best', function () {
  this.timeout(60_000);
  const rnd = mulberry32(14);
  const index = new FactIndex();
  for (const d of corpus(150, rnd)) index.setDocument(d.docId, d.records);
  const st = index.state;
  const words = [...new Set(seedFiles().flatMap(({ text }) => text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2)))];
  const pick = (): string => words[Math.floor(rnd() * words.length)];

  function randomQuery(): string {
    const n = 1 + Math.floor(rnd() * 4);
    const parts = Array.from({ length: n }, pick);
    const last = parts[n - 1];
    if (rnd() < 0.4) parts[n - 1] = last.slice(0, 1 + Math.floor(rnd() * last.length));
    if (rnd() < 0.2) parts[0] = parts[0].slice(1);
    if (rnd() < 0.2) parts.push(`"${pick()} ${pick()}"`);
    if (rnd() < 0.2) parts.unshift('kind:sentence');
    return parts.join(' ');
  }

  /**
   * The best `k` scores out of every slot holding a term, computed here from the postings alone:
   * per term the heaviest variant that holds the slot, then the index stage's score of that sum.
   * Independent of what the search stamped (a one-word search leaves most slots untouched).
   */
  function reference(terms: NonNullable<ReturnType<typeof queryTerms>>, allowed: ((s: number) => boolean) | undefined, k: number, query: string): number[] {
    // Summed as the search sums: 32-bit floats, the terms in order of their postings' volume.
    const acc = new Float32Array(st.slots);
    const hits = new Int32Array(st.slots);
    const reqs = new Int32Array(st.slots);
    for (const t of [...terms].sort((a, b) => a.volume - b.volume)) {
      const got = new Float64Array(st.slots);
      t.variants.forEach((v, vi) => {
        const p = st.post[v.id];
        for (let j = 0; j < p.n; j++) got[p.arr[j]] = Math.max(got[p.arr[j]], t.weights[vi]);
      });
      for (let s = 0; s < st.slots; s++) {
        if (got[s] === 0) continue;
        acc[s] += got[s];
        hits[s]++;
        if (t.required) reqs[s]++;
      }
    }
    const reqCount = terms.filter((t) => t.required).length;
    const sumW = terms.reduce((n, t) => n + t.weight, 0) || 1;
    const { base, bound, ceiling } = baseScore(st, terms, sumW);
    const { score } = st.scratch;
    const all: number[] = [];
    for (let s = 0; s < st.slots; s++) {
      if (hits[s] === 0 || !(st.flags[s] & ALIVE) || (allowed && !allowed(s)) || reqs[s] !== reqCount) continue;
      score[s] = acc[s];
      assert.ok(base(s) <= bound(s), `${query}: slot ${s} scores above its bound`);
      if (terms.length === 1) assert.ok(base(s) <= ceiling(acc[s], st.lenOf[s]), `${query}: slot ${s} scores above its ceiling`);
      all.push(base(s) + (st.flags[s] & FACT ? 0.25 : 0));
    }
    return all.sort((a, b) => b - a).slice(0, k);
  }

  for (const orderedMin of [Infinity, 16]) {
    it(`the best candidates score as the best of every slot holding a term${orderedMin === Infinity ? '' : ', with the heaviest term\'s own slots read shortest first'}`, () => {
      let compared = 0;
      let crowded = 0;
      let single = 0;
      let several = 0;
      for (let i = 0; i < 300; i++) {
        const query = randomQuery();
        const q = parseQuery(query).value;
        st.scratch.ensure(st.slots);
        st.titles();
        const epoch = st.scratch.nextEpoch();
        const terms = queryTerms(st, 0, q);
        if (!terms || terms.length === 0) continue;
        const allowed = q.filters.kind.length ? (s: number): boolean => !(st.flags[s] & FACT) : undefined;
        const k = [1, 5, 20, 100][i % 4];
        const got = topCandidates(st, terms, allowed, epoch, k, Infinity, orderedMin);
        const scores = got.slots.map((s) => got.base(s) + (st.flags[s] & FACT ? 0.25 : 0));
        const all = reference(terms, allowed, k, query);
        assert.deepStrictEqual(scores, all, query);
        compared++;
        if (Math.max(...terms.map((t) => t.volume)) >= orderedMin) {
          if (terms.length === 1) single++;
          else several++;
        }
        if (terms.reduce((n, t) => n + t.volume, 0) > k * 10) crowded++;
      }
      // The check means something only when many queries touch far more slots than they keep.
      assert.ok(compared > 200 && crowded > compared / 4, `${compared} queries compared, ${crowded} crowded`);
      if (orderedMin !== Infinity) assert.ok(single > 30 && several > 30, `${single} one-word and ${several} longer queries read in length order`);
    });
  }

  it('one-word queries over every word: the same scores read shortest slot first as read in full', () => {
    let words = 0;
    for (const id of st.vocab.ids.values()) {
      if (st.df(id) < 2) continue;
      const word = st.vocab.words[id];
      for (const k of [1, 10]) {
        const q = parseQuery(word).value;
        const terms = queryTerms(st, 0, q);
        if (!terms || terms.length !== 1) continue;
        st.scratch.ensure(st.slots);
        const full = topCandidates(st, terms, undefined, st.scratch.nextEpoch(), k, Infinity, Infinity);
        const fullScores = full.slots.map((s) => full.base(s) + (st.flags[s] & FACT ? 0.25 : 0));
        const ordered = topCandidates(st, terms, undefined, st.scratch.nextEpoch(), k, Infinity, 2);
        assert.deepStrictEqual(ordered.slots.map((s) => ordered.base(s) + (st.flags[s] & FACT ? 0.25 : 0)), fullScores, word);
      }
      words++;
    }
    assert.ok(words > 500, `${words} words`);
  });
});

describe('search: a word\'s postings in length order', () => {
  function index(docs: string[][]): FactIndex {
    const idx = new FactIndex();
    docs.forEach((sentences, d) => {
      const docId = `file:///c/d${d}.txt`;
      let offset = 0;
      idx.setDocument(
        docId,
        sentences.map((line, i) => {
          // A line starting with "!" is a recorded fact.
          const text = line.replace(/^!/, '');
          const rec: FactRecord = { id: `s:${offset}-${offset + text.length}`, docId, title: `Doc ${d}`, kind: 'sentence', text, start: offset, end: offset + text.length, line: i + 1, lang: 'en', entities: [], numbers: [], dates: [], years: [] };
          if (line.startsWith('!')) {
            rec.kind = 'fact';
            rec.id = `f:${d}-${i}`;
            rec.fact = { id: `${d}-${i}` };
          }
          offset += text.length + 1;
          return rec;
        }),
      );
    });
    return idx;
  }

  it('is the postings sorted by length, slot order kept within a length, and follows the list as it grows', () => {
    const idx = index([['river one two three', 'river', 'river one', 'river one two'], ['river x', 'river y z w v', 'river q']]);
    const st = idx.state;
    const id = st.vocab.ids.get('river')!;
    const order = [...lengthOrder(st, id).order];
    const p = st.post[id];
    const byLength = [...p.arr.subarray(0, p.n)].sort((a, b) => st.lenOf[a] - st.lenOf[b] || a - b);
    assert.deepStrictEqual(order, byLength);
    assert.strictEqual(lengthOrder(st, id).facts, 0);
    assert.strictEqual(lengthOrder(st, id), lengthOrder(st, id), 'kept while the list is the same');
    idx.setDocument('file:///c/d9.txt', [{ id: 's:0-5', docId: 'file:///c/d9.txt', title: 'Doc 9', kind: 'sentence', text: 'river', start: 0, end: 5, line: 1, lang: 'en', entities: [], numbers: [], dates: [], years: [] }]);
    const grown = [...lengthOrder(st, id).order];
    assert.strictEqual(grown.length, order.length + 1);
    assert.deepStrictEqual(grown, [...st.post[id].arr.subarray(0, st.post[id].n)].sort((a, b) => st.lenOf[a] - st.lenOf[b] || a - b));
  });

  it('puts the recorded facts first, each part by length', () => {
    const idx = index([['river one two three', '!river one two', 'river', '!river'], ['!river a b c d e', 'river x y']]);
    const st = idx.state;
    const id = st.vocab.ids.get('river')!;
    const { order, facts } = lengthOrder(st, id);
    assert.strictEqual(facts, 3);
    const isFact = (s: number) => (st.flags[s] & FACT) !== 0;
    assert.ok([...order].slice(0, facts).every(isFact) && [...order].slice(facts).every((s) => !isFact(s)));
    const lengths = [...order].map((s) => st.lenOf[s]);
    assert.deepStrictEqual(lengths.slice(0, facts), [...lengths.slice(0, facts)].sort((a, b) => a - b));
    assert.deepStrictEqual(lengths.slice(facts), [...lengths.slice(facts)].sort((a, b) => a - b));
  });

  it('is made ahead for the commonest words when the index is warmed', () => {
    const idx = index(Array.from({ length: 220 }, (_, d) => Array.from({ length: 40 }, (_, i) => `common ${'w '.repeat((d + i) % 7)}rare${d}`)));
    const st = idx.state;
    const common = st.vocab.ids.get('common')!;
    assert.ok(st.df(common) >= 8_192, `${st.df(common)} slots hold "common"`);
    assert.strictEqual(st.lengthOrders.size, 0);
    idx.warm();
    assert.ok(st.lengthOrders.has(common), 'the commonest word is ordered');
    assert.ok(!st.lengthOrders.has(st.vocab.ids.get('rare7')!), 'a rare word is not');
    assert.strictEqual(lengthOrder(st, common), st.lengthOrders.get(common), 'a query finds it made');
  });

  it('is made again after a compaction renumbers the slots', () => {
    const docs = Array.from({ length: 60 }, (_, d) => Array.from({ length: 40 }, (_, i) => `harbour ${'w '.repeat((d * 7 + i) % 9)}end`));
    const idx = index(docs);
    const st = idx.state;
    const id = st.vocab.ids.get('harbour')!;
    const before = lengthOrder(st, id).order;
    const compactions = st.compactions;
    for (let d = 0; d < 45; d++) idx.removeDocument(`file:///c/d${d}.txt`);
    assert.ok(st.compactions > compactions, 'the removals compacted the index');
    const after = [...lengthOrder(st, id).order];
    assert.notStrictEqual(after.length, before.length);
    const p = st.post[id];
    assert.deepStrictEqual(after, [...p.arr.subarray(0, p.n)].sort((a, b) => st.lenOf[a] - st.lenOf[b] || a - b));
    assert.ok(after.every((s) => s < st.slots));
  });
});
