import * as assert from 'assert';
import fc from 'fast-check';
import { combine, rankCandidates } from '../../../src/core/suggest/combine';
import type { Candidate } from '../../../src/core/suggest';

/** The last step of combine as first written (every kept candidate compared): the reference. */
function keepByComparingAll(ranked: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const c of ranked) {
    if (kept.some((t) => t.start < c.end && c.start < t.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

describe('suggest: combine', () => {
  it('keeps the same non-overlapping candidates as comparing each with every kept one (empty spans and shared edges included)', () => {
    const candidate = fc.record({
      start: fc.nat(40),
      length: fc.nat(6),
      type: fc.constantFrom('person', 'location'),
      score: fc.constantFrom(0.3, 0.5, 0.7, 0.9, 1),
      engine: fc.constantFrom('corpus' as const, 'registry' as const, 'model' as const, 'rules' as const),
    });
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 60 }), (raw) => {
        const candidates: Candidate[] = raw.map((c) => ({ start: c.start, end: c.start + c.length, type: c.type, score: c.score, engine: c.engine }));
        const got = combine(candidates);
        // combine's ranking, then the reference's keeping: the kept set must be the same.
        const ranked = rankCandidates(candidates);
        assert.deepStrictEqual(got, keepByComparingAll(ranked));
      }),
      { seed: 1204, numRuns: 500 },
    );
  });
});
