/**
 * Property: random edit scripts (typing one key at a time, deleting, pasting, retyping over spans
 * and across their boundaries, multi-cursor events, undo, redo, restoring the original) move every
 * annotation exactly where the oracle's characters went, with zero silent changes, and a text
 * equal to the sidecar's brings back the sidecar's annotations exactly.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { type ContentChange, EditTracker, makeAnchor } from '../../../src/core/anchoring';
import type { EntityAnnotation } from '../../../src/core/model';
import { CodePointIndex } from '../../../src/core/text/codepoints';
import { seedTexts } from '../../support/fixtures';
import { Oracle, type OracleState } from './editOracle';

const SEED_SLICE = (() => {
  const t = seedTexts()[0];
  const at = t.indexOf('Tang Hong');
  return t.slice(Math.max(0, at - 300), at + 300);
})();
const TEXTS = [
  SEED_SLICE,
  'Beijing and Tianjin signed it; Beijing 🙂 later agreed. « Hebei » said Tang Hong, and Tang Hong left. 北京 and 天津 met in Xiong’an.\nThe end.',
];
const SNIPPETS = ['x', ' ', 'Tang', 'Beijing', ' and ', '🙂', '\n', 'Hongg', 'é', '北京'];

interface Model {
  oracle: Oracle;
  undo: { state: OracleState; inverse: ContentChange[] }[];
  redo: { state: OracleState; forward: ContentChange[] }[];
}
interface Real {
  tracker: EditTracker<EntityAnnotation>;
  /** The same edits through the full rebuild: the incremental tracker must give exactly what it gives. */
  reference: EditTracker<EntityAnnotation>;
}

/** Applies one editor event to both trackers and holds the incremental one to the reference. */
function track(r: Real, changes: ContentChange[], options: { reason?: 'undo' | 'redo' } = {}): void {
  const before = r.tracker.annotations;
  const refBefore = r.reference.annotations;
  const got = r.tracker.apply(changes, options);
  const want = r.reference.apply(changes, options);
  assert.strictEqual(r.tracker.text, r.reference.text);
  assert.deepStrictEqual(got.annotations, want.annotations, 'the incremental anchors differ from the rebuilt ones');
  assert.deepStrictEqual(
    got.annotations.map((a, i) => a === before[i]),
    want.annotations.map((a, i) => a === refBefore[i]),
    'the incremental tracker keeps other objects than the rebuild does',
  );
  assert.strictEqual(got.changed, want.changed);
  assert.strictEqual(got.restored, want.restored);
  assert.strictEqual(r.tracker.retyping, r.reference.retyping);
  assert.deepStrictEqual([...r.tracker.unsaved()].sort(), [...r.reference.unsaved()].sort());
}

/** A UTF-16 position not inside a surrogate pair. */
function safe(text: string, u: number): number {
  u = Math.max(0, Math.min(text.length, u));
  const c = text.charCodeAt(u);
  return u > 0 && c >= 0xdc00 && c <= 0xdfff ? u - 1 : u;
}

/** A position: near an edge of an annotation (by `snap`), or anywhere (by `frac`). */
function position(m: Model, frac: number, snap: number, jitter: number): number {
  const text = m.oracle.text;
  const live = m.oracle.expected.filter((a) => a.status !== 'orphaned');
  if (snap < live.length * 2) {
    const a = live[snap >> 1];
    const index = new CodePointIndex(text);
    return safe(text, index.toUtf16(snap % 2 ? a.end : a.start) + jitter);
  }
  return safe(text, Math.floor(frac * (text.length + 1)));
}

function inverseOf(text: string, changes: readonly ContentChange[]): ContentChange[] {
  const inverse: ContentChange[] = [];
  for (const c of changes) {
    inverse.unshift({ rangeOffset: c.rangeOffset, rangeLength: c.text.length, text: text.slice(c.rangeOffset, c.rangeOffset + c.rangeLength) });
    text = text.slice(0, c.rangeOffset) + c.text + text.slice(c.rangeOffset + c.rangeLength);
  }
  return inverse;
}

function check(m: Model, r: Real): void {
  assert.strictEqual(r.tracker.text, m.oracle.text);
  const got = r.tracker.annotations;
  const silent = got.filter((a, i) => JSON.stringify(a) !== JSON.stringify(m.oracle.expected[i]));
  assert.deepStrictEqual(silent.length ? got : [], silent.length ? m.oracle.expected : [], 'an annotation is not where its characters went');
  if (m.oracle.text === m.oracle.baselineText) got.forEach((a, i) => assert.strictEqual(a, m.oracle.baseline[i], 'the original text gives the sidecar annotations back'));
}

/** One editor event, recorded for undo. */
function edit(m: Model, r: Real, changes: ContentChange[]): void {
  changes = changes.filter((c) => c.rangeLength > 0 || c.text.length > 0);
  if (!changes.length) return;
  m.undo.push({ state: m.oracle.save(), inverse: inverseOf(m.oracle.text, changes) });
  m.redo = [];
  m.oracle.apply(changes);
  track(r, changes);
  check(m, r);
}

/** Types `keys` one at a time, the first replacing [from, to) as typing over a selection does. */
function typeKeys(m: Model, r: Real, from: number, to: number, keys: string): void {
  let at = from;
  let replace = to - from;
  for (const key of keys) {
    edit(m, r, [{ rangeOffset: at, rangeLength: replace, text: key }]);
    at += key.length;
    replace = 0;
  }
}

type Cmd = fc.Command<Model, Real>;
const cmd = (name: string, run: (m: Model, r: Real) => void): Cmd => ({ check: () => true, run, toString: () => name });

const where = fc.record({ frac: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), snap: fc.nat(40), jitter: fc.integer({ min: -3, max: 3 }) });
const snippet = fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'ü', '🙂', ','), minLength: 1, maxLength: 5 }));

const commands = [
  fc.tuple(where, snippet).map(([w, s]) => cmd(`type ${JSON.stringify(s)} at ${JSON.stringify(w)}`, (m, r) => {
    const at = position(m, w.frac, w.snap, w.jitter);
    typeKeys(m, r, at, at, s);
  })),
  fc.tuple(where, fc.integer({ min: 1, max: 12 })).map(([w, len]) => cmd(`delete ${len} at ${JSON.stringify(w)}`, (m, r) => {
    const at = position(m, w.frac, w.snap, w.jitter);
    edit(m, r, [{ rangeOffset: at, rangeLength: safe(m.oracle.text, at + len) - at, text: '' }]);
  })),
  fc.tuple(where, fc.nat(15), snippet).map(([w, len, s]) => cmd(`paste ${JSON.stringify(s)} over ${len} at ${JSON.stringify(w)}`, (m, r) => {
    const at = position(m, w.frac, w.snap, w.jitter);
    edit(m, r, [{ rangeOffset: at, rangeLength: safe(m.oracle.text, at + len) - at, text: s }]);
  })),
  fc.tuple(fc.nat(30), fc.constantFrom('same', 'extra', 'other', 'extra-backspace')).map(([k, how]) => cmd(`retype span ${k} (${how})`, (m, r) => {
    const live = m.oracle.expected.filter((a) => a.status !== 'orphaned');
    if (!live.length) return;
    const a = live[k % live.length];
    const index = new CodePointIndex(m.oracle.text);
    const from = index.toUtf16(a.start);
    const keys = [...(how === 'same' ? a.text : how === 'other' ? 'Zhang Wei' : a.text + 'g')];
    typeKeys(m, r, from, index.toUtf16(a.end), keys.join(''));
    if (how === 'extra-backspace') {
      const end = from + keys.join('').length;
      edit(m, r, [{ rangeOffset: end - 1, rangeLength: 1, text: '' }]);
    }
  })),
  fc.tuple(fc.nat(30), fc.boolean(), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), snippet).map(([k, atStart, inside, outside, s]) =>
    cmd(`retype across ${atStart ? 'start' : 'end'} of span ${k}: ${inside} in, ${outside} out, ${JSON.stringify(s)}`, (m, r) => {
      const live = m.oracle.expected.filter((a) => a.status !== 'orphaned');
      if (!live.length) return;
      const a = live[k % live.length];
      const index = new CodePointIndex(m.oracle.text);
      const s0 = index.toUtf16(a.start);
      const e0 = index.toUtf16(a.end);
      const from = safe(m.oracle.text, atStart ? s0 - outside : e0 - inside);
      const to = safe(m.oracle.text, atStart ? s0 + inside : e0 + outside);
      if (to > from) typeKeys(m, r, from, to, s);
    }),
  ),
  fc.tuple(where, where, snippet).map(([w1, w2, s]) => cmd(`two cursors type ${JSON.stringify(s)}`, (m, r) => {
    const a = position(m, w1.frac, w1.snap, w1.jitter);
    const b = position(m, w2.frac, w2.snap, w2.jitter);
    if (a === b) return;
    // VS Code reports a multi-cursor edit in descending order of offset.
    edit(m, r, [
      { rangeOffset: Math.max(a, b), rangeLength: 0, text: s },
      { rangeOffset: Math.min(a, b), rangeLength: 0, text: s },
    ]);
  })),
  fc.constant(cmd('undo', (m, r) => {
    const step = m.undo.pop();
    if (!step) return;
    m.redo.push({ state: m.oracle.save(), forward: inverseOf(m.oracle.text, step.inverse) });
    track(r, step.inverse, { reason: 'undo' });
    m.oracle.restore(step.state);
    check(m, r);
  })),
  fc.constant(cmd('redo', (m, r) => {
    const step = m.redo.pop();
    if (!step) return;
    m.undo.push({ state: m.oracle.save(), inverse: inverseOf(m.oracle.text, step.forward) });
    track(r, step.forward, { reason: 'redo' });
    m.oracle.restore(step.state);
    check(m, r);
  })),
  fc.constant(cmd('move the cursor away', (m, r) => {
    m.oracle.endRetyping();
    r.tracker.endRetyping();
    r.reference.endRetyping();
  })),
  fc.constant(cmd('restore the original text', (m, r) => {
    const text = m.oracle.text;
    const base = m.oracle.baselineText;
    if (text === base) return;
    let p = 0;
    while (p < text.length && p < base.length && text[p] === base[p]) p++;
    let s = 0;
    while (s < text.length - p && s < base.length - p && text[text.length - 1 - s] === base[base.length - 1 - s]) s++;
    edit(m, r, [{ rangeOffset: p, rangeLength: text.length - p - s, text: base.slice(p, base.length - s) }]);
  })),
];

/** Annotations over whole words of `text`, chosen by `picks`; some share a span (an entity and a fact on one quote). */
function annotationsOf(text: string, picks: number[], moved: number): EntityAnnotation[] {
  const index = new CodePointIndex(text);
  const words = [...text.matchAll(/[\p{L}\p{N}’]+(?: [\p{L}\p{N}’]+)?/gu)].map((w) => {
    const s = index.toCodePoint(w.index!);
    return [s, s + [...w[0]].length] as const;
  });
  const seen = new Set<number>();
  return picks
    .map((p) => p % words.length)
    .filter((p) => (seen.has(p) ? false : (seen.add(p), true)))
    .sort((a, b) => a - b)
    .map((p, i) => {
      const a: EntityAnnotation = { id: `e-${i}`, type: i % 2 ? 'person' : 'location', ...makeAnchor(text, words[p][0], words[p][1]) };
      if (i === moved) a.status = 'moved';
      return a;
    });
}

describe('anchoring: edit tracking (property)', () => {
  it('random edit scripts move every annotation exactly where its characters went, and the original text restores the sidecar', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TEXTS),
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 12 }),
        fc.nat(20),
        fc.commands(commands, { maxCommands: 30 }),
        (text, picks, moved, cmds) => {
          const baseline = annotationsOf(text, picks, moved);
          const model: Model = { oracle: new Oracle(text, baseline), undo: [], redo: [] };
          const real: Real = { tracker: new EditTracker(text, baseline), reference: new EditTracker(text, baseline, { incremental: false }) };
          fc.modelRun(() => ({ model, real }), cmds);
        },
      ),
      { seed: 20261130, numRuns: 300 },
    );
  });
});
