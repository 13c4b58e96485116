/**
 * Where unchanged text went: the runs of text common to an old and a new version, found without a
 * quadratic diff. Common prefix and suffix first (one edit, the usual case, costs one pass); in
 * what remains, lines that occur exactly once in both versions and keep their order (the longest
 * increasing run of them, as in patience diff) anchor the rest, then words the same way inside
 * what lines leave, and between anchors the common prefix and suffix of each gap are kept too. Several edits in one change (a save after editing
 * in two places, a file changed on disk) then map each unchanged stretch to where it is now,
 * instead of treating everything between the first and last edit as changed.
 *
 * All offsets here are UTF-16 indices.
 */

/** `length` characters at `oldStart` in the old text are at `newStart` in the new text. */
import { findTextEdit, type TextEdit } from '../text/textEdit';

export interface Run {
  oldStart: number;
  newStart: number;
  length: number;
  /**
   * Found as the common prefix or suffix of the whole texts, or as a line that occurs once in each:
   * strong evidence. A short common prefix or suffix inside a gap between anchors may be chance
   * (a deleted paragraph and a pasted one starting alike).
   */
  trusted: boolean;
}

/** Gaps larger than this (both sides together, UTF-16 units) are not searched for anchors. */
const MAX_ANCHORED_GAP = 4_000_000;
/** A run this long is trusted wherever it was found. */
const TRUSTED_RUN = 200;

export class DiffMap {
  /** Ascending in both old and new offsets, non-overlapping. */
  readonly runs: Run[];

  /** `edit`: the region between the texts' common prefix and suffix, when the caller has it. */
  constructor(readonly oldText: string, readonly newText: string, edit?: TextEdit) {
    this.runs = buildRuns(oldText, newText, edit ?? findTextEdit(oldText, newText));
  }

  /** The run holding old offset `u`, or the index of the first run after it (as `-(i + 1)`). */
  private find(u: number): number {
    const runs = this.runs;
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid].oldStart + runs[mid].length <= u) lo = mid + 1;
      else hi = mid;
    }
    if (lo < runs.length && runs[lo].oldStart <= u) return lo;
    return -(lo + 1);
  }

  /** The new offset of old [start, end) when that text is unchanged (inside one run), else undefined. */
  mapUnchanged(start: number, end: number): { at: number; trusted: boolean } | undefined {
    const i = this.find(start);
    if (i < 0) return undefined;
    const r = this.runs[i];
    if (end > r.oldStart + r.length) return undefined;
    return { at: r.newStart + (start - r.oldStart), trusted: r.trusted || r.length >= TRUSTED_RUN };
  }

  /** Where old offset `u` is expected in the new text: mapped through its run, or placed in the changed gap. */
  expected(u: number): number {
    const i = this.find(u);
    if (i >= 0) {
      const r = this.runs[i];
      return r.newStart + (u - r.oldStart);
    }
    const next = -i - 1;
    const prev = this.runs[next - 1];
    const gapOld = prev ? prev.oldStart + prev.length : 0;
    const gapNew = prev ? prev.newStart + prev.length : 0;
    const nextNew = next < this.runs.length ? this.runs[next].newStart : this.newText.length;
    return Math.min(nextNew, gapNew + (u - gapOld));
  }
}

function commonPrefix(a: string, as: number, ae: number, b: string, bs: number, be: number): number {
  const max = Math.min(ae - as, be - bs);
  let p = 0;
  while (p < max && a.charCodeAt(as + p) === b.charCodeAt(bs + p)) p++;
  return p;
}

function commonSuffix(a: string, as: number, ae: number, b: string, bs: number, be: number): number {
  const max = Math.min(ae - as, be - bs);
  let s = 0;
  while (s < max && a.charCodeAt(ae - 1 - s) === b.charCodeAt(be - 1 - s)) s++;
  return s;
}

/** Line starts of text[from, to) (the first at `from`). */
function lineStarts(text: string, from: number, to: number): number[] {
  const out = [from];
  for (let i = text.indexOf('\n', from); i >= 0 && i + 1 < to; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** Word starts of text[from, to): a word is a run of non-space characters with the spaces after it. */
function wordStarts(text: string, from: number, to: number): number[] {
  const out = [from];
  let inSpace = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (inSpace && !space) out.push(i);
    inSpace = space;
  }
  return out;
}

/** Indices of a longest strictly increasing subsequence of `xs` (O(n log n)). */
function longestIncreasing(xs: number[]): number[] {
  const tails: number[] = [];
  const prev = new Int32Array(xs.length).fill(-1);
  for (let i = 0; i < xs.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[tails[mid]] < xs[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = prev[k]) out.push(k);
  return out.reverse();
}

function buildRuns(a: string, b: string, edit: TextEdit): Run[] {
  const runs: Run[] = [];
  const push = (oldStart: number, newStart: number, length: number, trusted: boolean) => {
    if (length <= 0) return;
    const last = runs[runs.length - 1];
    if (last && last.oldStart + last.length === oldStart && last.newStart + last.length === newStart) {
      last.length += length;
      last.trusted ||= trusted;
    } else runs.push({ oldStart, newStart, length, trusted });
  };
  // A gap [as, ae) / [bs, be): keep its common prefix and suffix, then anchor what remains on
  // units that occur once in each side: lines at the top level, then words inside what lines leave.
  const gap = (as: number, ae: number, bs: number, be: number, level: number) => {
    const p = commonPrefix(a, as, ae, b, bs, be);
    push(as, bs, p, level === 0);
    as += p;
    bs += p;
    const s = commonSuffix(a, as, ae, b, bs, be);
    const tail: Run = { oldStart: ae - s, newStart: be - s, length: s, trusted: level === 0 };
    ae -= s;
    be -= s;
    if (level < 2 && ae > as && be > bs && ae - as + (be - bs) <= MAX_ANCHORED_GAP) anchorUnits(as, ae, bs, be, level === 0 ? lineStarts : wordStarts, level + 1);
    else {
      // Nothing more to anchor on: the gap is changed text.
    }
    push(tail.oldStart, tail.newStart, tail.length, tail.trusted);
  };
  const anchorUnits = (as: number, ae: number, bs: number, be: number, starts: (t: string, from: number, to: number) => number[], level: number) => {
    const la = starts(a, as, ae);
    const lb = starts(b, bs, be);
    if (la.length < 2 && lb.length < 2) return;
    const end = (st: number[], i: number, limit: number) => (i + 1 < st.length ? st[i + 1] : limit);
    const seen = new Map<string, { a: number; b: number; ai: number; bi: number }>();
    for (let i = 0; i < la.length; i++) {
      const unit = a.slice(la[i], end(la, i, ae));
      const e = seen.get(unit);
      if (e) e.a++;
      else seen.set(unit, { a: 1, b: 0, ai: i, bi: -1 });
    }
    for (let i = 0; i < lb.length; i++) {
      const e = seen.get(b.slice(lb[i], end(lb, i, be)));
      if (e) {
        e.b++;
        e.bi = i;
      }
    }
    const pairs: { ai: number; bi: number }[] = [];
    for (const [unit, e] of seen) if (e.a === 1 && e.b === 1 && unit.trim().length > 1) pairs.push({ ai: e.ai, bi: e.bi });
    pairs.sort((x, y) => x.ai - y.ai);
    const keep = longestIncreasing(pairs.map((x) => x.bi)).map((k) => pairs[k]);
    let pa = as;
    let pb = bs;
    for (const k of keep) {
      const sa = la[k.ai];
      const sb = lb[k.bi];
      gap(pa, sa, pb, sb, level);
      const len = end(la, k.ai, ae) - sa;
      push(sa, sb, len, true);
      pa = sa + len;
      pb = sb + len;
    }
    gap(pa, ae, pb, be, level);
  };
  // The common prefix and suffix are known (found fast, never splitting a surrogate pair).
  push(0, 0, edit.start, true);
  if (edit.oldEnd > edit.start && edit.newEnd > edit.start && edit.oldEnd - edit.start + (edit.newEnd - edit.start) <= MAX_ANCHORED_GAP) {
    anchorUnits(edit.start, edit.oldEnd, edit.start, edit.newEnd, lineStarts, 1);
  }
  push(edit.oldEnd, edit.newEnd, a.length - edit.oldEnd, true);
  return runs;
}
