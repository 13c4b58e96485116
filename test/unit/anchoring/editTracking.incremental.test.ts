/**
 * The edit tracker's incremental path (only annotations whose span or context window reaches the
 * changed region are anchored again) against its full rebuild (`incremental: false`): after every
 * event of random edit scripts, the same annotations, the same objects kept, the same answers.
 * Scripts mix typing, deleting, pasting, multi-change events in any order, astral characters,
 * edits at and near annotation boundaries and within context distance, undo, redo and going back
 * to the sidecar's text; context lengths vary, and some sidecars carry contexts of another length
 * (objects the tracker must not trust until it has anchored them itself). The editor's text is
 * handed over, or not, or wrong (it must then be ignored).
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { type ContentChange, EditTracker, makeAnchor } from '../../../src/core/anchoring';
import type { EntityAnnotation } from '../../../src/core/model';
import { CodePointIndex } from '../../../src/core/text/codepoints';

const TEXTS = [
  'Beijing and Tianjin signed it; Beijing 🙂 later agreed. « Hebei » said Tang Hong, and Tang Hong left.\n北京 and 天津 met in Xiong’an.\n\nThe end 🙂🙂.',
  'Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega. '.repeat(4),
  '🙂a🙂b🙂c🙂d🙂e🙂f🙂g🙂h🙂i🙂j\n🙂k🙂l🙂m🙂n🙂o🙂p',
];
const PIECES = ['x', ' ', '🙂', '\n', 'é', 'Tang', '北京', 'ab', '', 'Hong Kong ', '🙂🙂'];

interface Run {
  tracker: EditTracker<EntityAnnotation>;
  reference: EditTracker<EntityAnnotation>;
  baselineText: string;
  undo: ContentChange[][];
  redo: ContentChange[][];
  /** The last answer of `unsaved()` and what it held then. */
  handedOut?: { set: ReadonlySet<string>; ids: string[] };
}

function safe(text: string, u: number): number {
  u = Math.max(0, Math.min(text.length, u));
  const c = text.charCodeAt(u);
  return u > 0 && c >= 0xdc00 && c <= 0xdfff ? u - 1 : u;
}

/** The changes that undo an event (VS Code's order: the inverse of each change, last first). */
function inverseOf(text: string, changes: readonly ContentChange[]): ContentChange[] {
  const inverse: ContentChange[] = [];
  for (const c of changes) {
    inverse.unshift({ rangeOffset: c.rangeOffset, rangeLength: c.text.length, text: text.slice(c.rangeOffset, c.rangeOffset + c.rangeLength) });
    text = text.slice(0, c.rangeOffset) + c.text + text.slice(c.rangeOffset + c.rangeLength);
  }
  return inverse;
}

let calls = 0;

/** What the editor would hand over as its text: the right one, none, or (to be refused) a wrong one. */
function editorText(text: string, changes: readonly ContentChange[]): string | undefined {
  for (const c of changes) text = text.slice(0, c.rangeOffset) + c.text + text.slice(c.rangeOffset + c.rangeLength);
  const k = calls++ % 4;
  if (k === 0) return undefined;
  if (k === 1 || text.length === 0) return text;
  // Wrong far from the edit, or next to it.
  const at = k === 2 ? 0 : Math.min(text.length - 1, changes[0].rangeOffset);
  return text.slice(0, at) + (text[at] === 'q' ? 'r' : 'q') + text.slice(at + 1);
}

function apply(r: Run, changes: ContentChange[], reason?: 'undo' | 'redo'): void {
  const before = r.tracker.annotations;
  const refBefore = r.reference.annotations;
  const got = r.tracker.apply(changes, { reason, text: editorText(r.tracker.text, changes) });
  const want = r.reference.apply(changes, { reason });
  assert.strictEqual(r.tracker.text, r.reference.text);
  assert.deepStrictEqual(got.annotations, want.annotations);
  assert.deepStrictEqual(
    got.annotations.map((a, i) => a === before[i]),
    want.annotations.map((a, i) => a === refBefore[i]),
  );
  assert.strictEqual(got.changed, want.changed);
  assert.strictEqual(got.restored, want.restored);
  assert.strictEqual(r.tracker.retyping, r.reference.retyping);
  const unsaved = r.tracker.unsaved();
  const expected = r.reference.unsaved();
  assert.deepStrictEqual([...unsaved].sort(), [...expected].sort());
  assert.strictEqual(unsaved.size, expected.size);
  for (const a of r.reference.annotations) assert.strictEqual(unsaved.has(a.id), expected.has(a.id));
  // A set handed out stays as it was (the state keeps it as its own).
  if (r.handedOut) assert.deepStrictEqual([...r.handedOut.set], r.handedOut.ids);
  r.handedOut = { set: unsaved, ids: [...unsaved] };
}

function edit(r: Run, changes: ContentChange[]): void {
  changes = changes.filter((c) => c.rangeLength > 0 || c.text.length > 0);
  if (!changes.length) return;
  r.undo.push(inverseOf(r.tracker.text, changes));
  r.redo = [];
  apply(r, changes);
}

/** A UTF-16 position near an annotation's edge or its context's edge (by `near`), or anywhere (by `frac`). */
function position(r: Run, frac: number, near: number, offset: number): number {
  const text = r.tracker.text;
  const live = r.tracker.annotations.filter((a) => a.status !== 'orphaned');
  if (near < live.length * 2) {
    const a = live[near >> 1];
    const index = new CodePointIndex(text);
    return safe(text, index.toUtf16((near % 2 ? a.end : a.start) + offset));
  }
  return safe(text, Math.floor(frac * (text.length + 1)));
}

type Cmd = fc.Command<object, Run>;
const cmd = (name: string, run: (r: Run) => void): Cmd => ({ check: () => true, run: (_m, r) => run(r), toString: () => name });

const where = fc.record({
  frac: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  near: fc.nat(30),
  // Within the context window and just past it, for the default and the short context lengths.
  offset: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(-33, -32, -31, 31, 32, 33, -5, -4, 4, 5)),
});
const piece = fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: fc.constantFrom('a', ' ', '🙂', '\n', 'ü'), minLength: 1, maxLength: 6 }));

const commands = [
  fc.tuple(where, piece).map(([w, s]) => cmd(`type ${JSON.stringify(s)} at ${JSON.stringify(w)}`, (r) => {
    let at = position(r, w.frac, w.near, w.offset);
    for (const key of s) {
      edit(r, [{ rangeOffset: at, rangeLength: 0, text: key }]);
      at += key.length;
    }
  })),
  fc.tuple(where, fc.integer({ min: 1, max: 40 }), piece).map(([w, len, s]) => cmd(`replace ${len} at ${JSON.stringify(w)} by ${JSON.stringify(s)}`, (r) => {
    const at = position(r, w.frac, w.near, w.offset);
    edit(r, [{ rangeOffset: at, rangeLength: safe(r.tracker.text, at + len) - at, text: s }]);
  })),
  fc.tuple(fc.array(fc.tuple(where, fc.nat(6), piece), { minLength: 2, maxLength: 4 }), fc.boolean()).map(([parts, descending]) =>
    cmd(`${parts.length} changes in one event (${descending ? 'descending' : 'any order'})`, (r) => {
      // Each change applies to the text after the previous one, as VS Code reports them.
      let text = r.tracker.text;
      const picked = parts.map(([w, len, s]) => ({ at: position(r, w.frac, w.near, w.offset), len, s }));
      if (descending) picked.sort((a, b) => b.at - a.at);
      const changes: ContentChange[] = [];
      let floor = Infinity;
      for (const p of picked) {
        const at = safe(text, Math.min(p.at, text.length));
        let end = safe(text, at + p.len);
        if (descending) {
          if (at >= floor) continue;
          end = Math.min(end, floor);
          floor = at;
        }
        const change = { rangeOffset: at, rangeLength: end - at, text: p.s };
        changes.push(change);
        text = text.slice(0, at) + p.s + text.slice(end);
      }
      edit(r, changes);
    }),
  ),
  fc.constant(cmd('undo', (r) => {
    const step = r.undo.pop();
    if (!step) return;
    r.redo.push(inverseOf(r.tracker.text, step));
    apply(r, step, 'undo');
  })),
  fc.constant(cmd('redo', (r) => {
    const step = r.redo.pop();
    if (!step) return;
    r.undo.push(inverseOf(r.tracker.text, step));
    apply(r, step, 'redo');
  })),
  fc.constant(cmd('move the cursor away', (r) => {
    r.tracker.endRetyping();
    r.reference.endRetyping();
  })),
  fc.constant(cmd('back to the sidecar text', (r) => {
    const text = r.tracker.text;
    const base = r.baselineText;
    if (text === base) return;
    let p = 0;
    while (p < text.length && p < base.length && text[p] === base[p]) p++;
    let s = 0;
    while (s < text.length - p && s < base.length - p && text[text.length - 1 - s] === base[base.length - 1 - s]) s++;
    p = safe(text, p);
    edit(r, [{ rangeOffset: p, rangeLength: text.length - p - s, text: base.slice(p, base.length - s) }]);
  })),
];

/** Annotations over words (some empty, some sharing a span), anchored with `sidecarContext`. */
function annotationsOf(text: string, picks: number[], sidecarContext: number, moved: number): EntityAnnotation[] {
  const index = new CodePointIndex(text);
  const words = [...text.matchAll(/[\p{L}\p{N}’]+/gu)].map((w) => {
    const s = index.toCodePoint(w.index!);
    return [s, s + [...w[0]].length] as const;
  });
  return picks.map((p, i) => {
    const [s, e] = words[p % words.length];
    const a: EntityAnnotation = { id: `e-${i}`, type: i % 2 ? 'person' : 'location', ...makeAnchor(text, s, i % 7 === 6 ? s : e, sidecarContext) };
    if (i === moved) a.status = 'moved';
    return a;
  });
}

describe('anchoring: edit tracking, incremental against the full rebuild (property)', () => {
  it('random edit scripts give the same annotations, the same kept objects and the same answers after every event', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TEXTS),
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 24 }),
        fc.constantFrom(32, 4, 0, 1),
        fc.constantFrom('same', 'other'),
        fc.nat(30),
        fc.commands(commands, { maxCommands: 40 }),
        (text, picks, contextLength, sidecar, moved, cmds) => {
          const baseline = annotationsOf(text, picks, sidecar === 'same' ? contextLength : 12, moved);
          const run: Run = {
            tracker: new EditTracker(text, baseline, { contextLength }),
            reference: new EditTracker(text, baseline, { contextLength, incremental: false }),
            baselineText: text,
            undo: [],
            redo: [],
          };
          fc.modelRun(() => ({ model: {}, real: run }), cmds);
        },
      ),
      { seed: 20261201, numRuns: 400 },
    );
  });
});
