import * as assert from 'assert';
import { extractFacts, type FactRecord } from '../../../src/core/facts/extract';
import { FACT } from '../../../src/core/search/facets';
import { FactIndex } from '../../../src/core/search/factIndex';
import { parseQuery } from '../../../src/core/search/query';
import { baseScore, queryTerms, topCandidates } from '../../../src/core/search/scoring';
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

  it('the best candidates score as the best of every touched slot, and every touched slot is within its bound', () => {
    let compared = 0;
    let crowded = 0;
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
      const got = topCandidates(st, terms, allowed, epoch, k, Infinity);
      const { stamp, req } = st.scratch;
      const reqCount = terms.filter((t) => t.required).length;
      const sumW = terms.reduce((n, t) => n + t.weight, 0) || 1;
      const { base, bound } = baseScore(st, terms, sumW);
      const withBonus = (s: number): number => got.base(s) + (st.flags[s] & FACT ? 0.25 : 0);
      const all: number[] = [];
      for (let s = 0; s < st.slots; s++) {
        if (stamp[s] !== epoch) continue;
        assert.ok(base(s) <= bound(s), `${query}: slot ${s} scores above its bound`);
        if (req[s] === reqCount) all.push(withBonus(s));
      }
      all.sort((a, b) => b - a);
      assert.deepStrictEqual(got.slots.map(withBonus), all.slice(0, k), query);
      compared++;
      if (all.length > k * 10) crowded++;
    }
    // The check means something only when many queries touch far more slots than they keep.
    assert.ok(compared > 200 && crowded > compared / 4, `${compared} queries compared, ${crowded} crowded`);
  });
});
