import * as assert from 'assert';
import fc from 'fast-check';
import { planHighlights } from '../../../src/core/anchoring/highlightRanges';
import { LineIndex } from '../../../src/core/text/lineIndex';

describe('anchoring: highlight ranges', () => {
  it('places every annotation where positionAt does, in document order or not, across lines, astral characters and the end', () => {
    const pieces = ['a', 'Beijing ', '\n', '\n\n', '🙂', 'é', 'x y'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 50 }), fc.array(fc.tuple(fc.nat(), fc.nat(12), fc.constantFrom('person', 'location'), fc.constantFrom(undefined, 'moved' as const, 'orphaned' as const)), { maxLength: 30 }), fc.boolean(), (parts, raw, ordered) => {
        const text = parts.join('');
        const lines = new LineIndex(text);
        const length = lines.cp.length;
        const annotations = raw.map(([s, len, type, status]) => ({ type, start: s % (length + 1), end: Math.min(length, (s % (length + 1)) + len), ...(status ? { status } : {}) }));
        if (ordered) annotations.sort((a, b) => a.start - b.start);
        const plan = planHighlights(lines, annotations);
        const at = (a: { start: number; end: number }) => {
          const s = lines.positionAt(a.start);
          const e = lines.positionAt(a.end);
          return [s.line, s.character, e.line, e.character];
        };
        const live = annotations.filter((a) => a.status !== 'orphaned');
        for (const type of ['person', 'location']) assert.deepStrictEqual(plan.byType.get(type) ?? [], live.filter((a) => a.type === type).flatMap(at));
        assert.deepStrictEqual(plan.moved, live.filter((a) => a.status === 'moved').flatMap(at));
      }),
      { seed: 1205, numRuns: 400 },
    );
  });
});
