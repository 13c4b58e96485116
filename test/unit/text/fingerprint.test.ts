import * as assert from 'assert';
import fc from 'fast-check';
import { changedRegion } from '../../../src/core/anchoring/spanMapping';
import { bytesFingerprint, LineHashes } from '../../../src/core/text/fingerprint';
import { findTextEdit } from '../../../src/core/text/textEdit';

const PIECES = ['a', 'Beijing', ' ', '\n', '😀', 'é', '\n\n', 'x', ''];
const text = (min: number) => fc.array(fc.constantFrom(...PIECES), { minLength: min, maxLength: 40 }).map((p) => p.join(''));

describe('text: line-hash fingerprint', () => {
  it('updated through an edit, it equals the fingerprint of the new text hashed from scratch', () => {
    fc.assert(
      fc.property(text(0), fc.array(fc.tuple(fc.nat(), fc.nat(10), text(0)), { minLength: 1, maxLength: 8 }), (start, edits) => {
        let t = start;
        let h = LineHashes.of(t);
        for (const [at, del, ins] of edits) {
          const cps = Array.from(t);
          const i = at % (cps.length + 1);
          const next = [...cps.slice(0, i), ins, ...cps.slice(i + del)].join('');
          h = h.afterEdit(next, findTextEdit(t, next));
          t = next;
          assert.deepStrictEqual(h.value, LineHashes.of(t).value);
          assert.strictEqual(h.length, t.length);
        }
      }),
      { seed: 1201, numRuns: 500 },
    );
  });

  it('tells texts apart that differ in a character, a line break or where a line breaks', () => {
    const texts = ['', '\n', '\n\n', 'a', 'a\n', '\na', 'ab', 'a\nb', 'ab\n', 'ba', 'a\n\nb', 'a\nb\n'];
    const values = new Set(texts.map((t) => LineHashes.of(t).value.join()));
    assert.strictEqual(values.size, texts.length);
  });

  it("an event's changed region, applied as one edit, gives the event's text and the same fingerprint", () => {
    fc.assert(
      fc.property(text(1), fc.array(fc.tuple(fc.nat(), fc.nat(6), text(0)), { minLength: 1, maxLength: 4 }), (start, parts) => {
        let t = start;
        const changes = parts.map(([at, del, ins]) => {
          // A UTF-16 offset that may fall inside a surrogate pair: the region must still be whole pairs.
          const o = at % (t.length + 1);
          const l = Math.min(del, t.length - o);
          t = t.slice(0, o) + ins + t.slice(o + l);
          return { rangeOffset: o, rangeLength: l, text: ins };
        });
        const r = changedRegion(t, changes);
        assert.strictEqual(start.slice(0, r.start) + t.slice(r.start, r.newEnd) + start.slice(r.oldEnd), t);
        assert.strictEqual(start.length - r.oldEnd, t.length - r.newEnd);
        const pairCut = (s: string, u: number) => u > 0 && u < s.length && /[\uD800-\uDBFF]/.test(s[u - 1]) && /[\uDC00-\uDFFF]/.test(s[u]);
        assert.ok(!pairCut(t, r.start) && !pairCut(t, r.newEnd) && !pairCut(start, r.start) && !pairCut(start, r.oldEnd), 'the region splits a surrogate pair');
        assert.deepStrictEqual(LineHashes.of(start).afterEdit(t, r).value, LineHashes.of(t).value);
      }),
      { seed: 1202, numRuns: 500 },
    );
  });
});

describe('text: fingerprint of bytes', () => {
  it('depends on the bytes in range only, wherever they lie, and changes with any one byte, at every length and tail', () => {
    const seen = new Set<string>();
    for (let n = 0; n <= 13; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
      const h = bytesFingerprint(bytes);
      // The same bytes inside a larger array, at an odd offset, give the same fingerprint.
      const padded = new Uint8Array(n + 7).fill(0xaa);
      padded.set(bytes, 3);
      assert.deepStrictEqual(bytesFingerprint(padded, 3, 3 + n), h, `length ${n}`);
      assert.ok(!seen.has(h.join()), `length ${n} is told apart from the shorter ones`);
      seen.add(h.join());
      for (let i = 0; i < n; i++) {
        for (const flip of [1, 0x80]) {
          const changed = bytes.slice();
          changed[i] ^= flip;
          assert.notDeepStrictEqual(bytesFingerprint(changed), h, `length ${n}, byte ${i} ^ ${flip}`);
        }
      }
    }
  });

  it('tells apart the lines of a real cache-like text, two by two', () => {
    const lines = Array.from({ length: 2_000 }, (_, i) => new TextEncoder().encode(`["file:///corpus/doc_${i}.txt",{"start":${i % 97},"text":"Pékin 北京"}]`));
    const hashes = new Set(lines.map((l) => bytesFingerprint(l).join()));
    assert.strictEqual(hashes.size, lines.length);
  });
});
