import * as assert from 'assert';
import fc from 'fast-check';
import { makeAnchor } from '../../../src/core/anchoring';
import { followText } from '../../../src/core/corpus/documentModel';
import type { EntityAnnotation } from '../../../src/core/model';
import { CodePointIndex } from '../../../src/core/text/codepoints';
import { LineIndex } from '../../../src/core/text/lineIndex';
import { findTextEdit } from '../../../src/core/text/textEdit';

/** Pieces that exercise line breaks, astral characters and repeated words. */
const PIECES = ['a', 'Beijing', ' ', '\n', '😀', 'é', 'Hebei ', '\n\n', '𝔸b', 'x'];
const text = (min: number) => fc.array(fc.constantFrom(...PIECES), { minLength: min, maxLength: 60 }).map((p) => p.join(''));

/** A text and one edit of it: replace [at, at + del) by `ins` (UTF-16 indices, pairs kept whole). */
const edited = fc.tuple(text(1), fc.nat(), fc.nat(8), text(0)).map(([t, at, del, ins]) => {
  const cps = Array.from(t);
  const i = at % (cps.length + 1);
  const next = [...cps.slice(0, i), ins, ...cps.slice(i + del)].join('');
  return { old: t, next };
});

function sameIndex(a: LineIndex, b: LineIndex): void {
  assert.strictEqual(a.lineCount, b.lineCount);
  for (let l = 0; l <= b.lineCount; l++) assert.strictEqual(a.lineStart(l), b.lineStart(l));
  for (let u = 0; u <= b.text.length; u++) assert.strictEqual(a.cp.toCodePoint(u), b.cp.toCodePoint(u));
  for (let c = 0; c <= b.cp.length; c++) assert.deepStrictEqual(a.positionAt(c), b.positionAt(c));
}

describe('text edits: updating indexes around one edit', () => {
  it('finds the single region where two texts differ, never splitting a surrogate pair', () => {
    fc.assert(
      fc.property(edited, ({ old, next }) => {
        const e = findTextEdit(old, next);
        assert.strictEqual(old.slice(0, e.start) + next.slice(e.start, e.newEnd) + old.slice(e.oldEnd), next);
        for (const i of [e.start, e.newEnd]) assert.ok(!(i > 0 && i < next.length && next.charCodeAt(i) >= 0xdc00 && next.charCodeAt(i) <= 0xdfff), 'edit boundary inside a pair');
      }),
      { numRuns: 500 },
    );
    // Long common stretches go through the chunked comparison.
    const long = 'word '.repeat(3000);
    assert.deepStrictEqual(findTextEdit(long, long.slice(0, 7001) + 'X' + long.slice(7001)), { start: 7001, oldEnd: 7001, newEnd: 7002 });
  });

  it('a line index updated after an edit equals one built from the new text', () => {
    fc.assert(
      fc.property(edited, ({ old, next }) => {
        sameIndex(new LineIndex(old).afterEdit(next, findTextEdit(old, next)), new LineIndex(next));
      }),
      { numRuns: 500 },
    );
  });

  it('a code point index updated after an edit equals one built from the new text', () => {
    fc.assert(
      fc.property(edited, ({ old, next }) => {
        const a = new CodePointIndex(old).afterEdit(next, findTextEdit(old, next));
        const b = new CodePointIndex(next);
        assert.strictEqual(a.length, b.length);
        for (let c = 0; c <= b.length; c++) assert.strictEqual(a.toUtf16(c), b.toUtf16(c));
      }),
      { numRuns: 500 },
    );
  });
});

describe('typing: following a document text with its annotations', () => {
  const base = 'The Changtong Bridge links Tongzhou in Beijing with Dachang in Hebei. '.repeat(8);
  const annotate = (t: string): EntityAnnotation[] => {
    const out: EntityAnnotation[] = [];
    const re = /\b[A-Z][a-z]{4,}\b/g;
    for (let m; (m = re.exec(t)); ) out.push({ id: `e${out.length}`, type: 'location', ...makeAnchor(t, m.index, m.index + m[0].length) });
    return out;
  };

  it('gives every annotation the anchor the full re-anchoring would give, wherever the edit falls', () => {
    const entities = annotate(base);
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(6), fc.constantFrom('', 'x', 'new words ', 'Beijing', '\n'), (at, del, ins) => {
        const next = base.slice(0, at) + ins + base.slice(at + del);
        const reanchored = new Set<string>();
        const doc = followText({ text: base, lines: new LineIndex(base), entities, facts: [] }, next, reanchored)!;
        if (next === base) return assert.strictEqual(doc, undefined);
        sameIndex(doc.lines, new LineIndex(next));
        // Annotations clear of the edit take the shortcut: their anchors are still exactly the text's.
        for (const [i, a] of doc.entities.entries()) {
          if (a.status !== 'orphaned') assert.deepStrictEqual({ text: a.text, prefix: a.prefix, suffix: a.suffix }, (({ text, prefix, suffix }) => ({ text, prefix, suffix }))(makeAnchor(next, a.start, a.end)));
          assert.strictEqual(reanchored.has(a.id), a !== entities[i]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps annotations before the edit as the same objects and shifts those after it', () => {
    const entities = annotate(base);
    const at = base.indexOf('Dachang', base.length / 2);
    const doc = followText({ text: base, lines: new LineIndex(base), entities, facts: [] }, base.slice(0, at) + 'the town of ' + base.slice(at), new Set())!;
    const before = entities.filter((a) => a.end + 32 <= at);
    assert.ok(before.length > 3);
    for (const a of before) assert.ok(doc.entities.includes(a));
    const after = doc.entities.filter((a) => a.start > at + 50);
    assert.ok(after.length > 3);
    for (const a of after) assert.strictEqual(a.text, doc.text.slice(a.start, a.end));
  });
});
