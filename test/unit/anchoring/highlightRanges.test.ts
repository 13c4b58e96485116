import * as assert from 'assert';
import fc from 'fast-check';
import { bandLinesFor, planHighlights, splitByBand } from '../../../src/core/anchoring/highlightRanges';
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

  it('splits ranges into bands of lines by their start line, each band in order, none lost, and at most about 32 bands', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5000), fc.nat(80), fc.nat(3), fc.nat(80)), { maxLength: 200 }), fc.constantFrom(256, 512), (ranges, bandLines) => {
        const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
        const flat = sorted.flatMap(([line, c, dl, e]) => [line, c, line + dl, e]);
        const bands = splitByBand(flat, bandLines);
        assert.deepStrictEqual(bands.flat(), flat);
        bands.forEach((band, b) => {
          for (let i = 0; i < band.length; i += 4) assert.strictEqual(Math.floor(band[i] / bandLines), b);
        });
        assert.ok(bands.length === 0 || bands[bands.length - 1].length > 0);
      }),
      { seed: 1206, numRuns: 300 },
    );
    assert.deepStrictEqual([0, 2229, 8192, 8193, 100_000].map(bandLinesFor), [256, 256, 256, 512, 4096]);
    assert.ok(Math.ceil(100_000 / bandLinesFor(100_000)) <= 32);
  });
});
