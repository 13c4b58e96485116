/**
 * Re-anchoring: moving annotations onto a new version of their document's text. Pure: a
 * function of (new text, annotations, optionally the old text). See docs/sidecar-format.md.
 *
 * The rule: an annotation is placed exactly only where the evidence says so, and a lookalike
 * elsewhere never takes it silently.
 *  1. The expected place. With `oldText`, the annotation's position mapped through the edits
 *     (DiffMap: every unchanged stretch, however many edits); without it, the stored position
 *     shifted like its nearest neighbours whose quote and whole context were found (so a deleted
 *     paragraph shifts what follows it). A whole-context match found by search is a lookalike when
 *     it lands in text that certainly did not move (see `refuted`), and gives no shift.
 *  2. The quote unchanged at the mapped position → exact, unless the context there is not intact
 *     and another occurrence has its whole context and clearly more of it (a pasted copy).
 *     Without `oldText` the stored position needs at least MIN_CONTEXT_SCORE of its context.
 *  3. Occurrences of the quote near the expected place: the one with most context (ties: nearest
 *     the expected place, never nearest an edit) → exact, if it has MIN_CONTEXT_SCORE of it and
 *     MIN_SIDE_SCORE of each side (else `moved`); but
 *     when `oldText` shows the quote's text changed place or content, only with its whole context or
 *     shifted exactly like a neighbour found with certainty (a passage moved whole), else `moved`.
 *     An orphan comes back only with its whole context.
 *  4. Otherwise what is at the expected place is weighed against the best occurrence elsewhere: an
 *     occurrence elsewhere wins only with clearly more context (CLEARLY_BETTER) than the best at the
 *     expected place (an exact occurrence with edited context, or an approximate match of the
 *     quote, e.g. a typo inside it), and is exact only with its whole context (a moved passage),
 *     otherwise `moved`. An occurrence near the expected place with edited but similar context is
 *     exact; an approximate match there is `moved`; else orphaned, offsets and quote kept.
 *
 * Longer than the project's ~400 lines on purpose: this file is one algorithm, the rule above.
 * Its passes share the evidence gathered so far (annotations found with certainty, their shifts,
 * refuted matches), so splitting them would spread one decision over several files; the
 * separable parts already live beside it (diffMap.ts, context.ts, fuzzy.ts, anchor.ts).
 */
import type { Anchor, AnchorStatus } from '../model';
import { CodePointIndex, cpLength } from '../text/codepoints';
import { findTextEdit, type TextEdit } from '../text/textEdit';
import { DEFAULT_CONTEXT_LENGTH, makeAnchor } from './anchor';
import { codePoints, contextDistance, contextScore, sides, type SideScores } from './context';
import { DiffMap } from './diffMap';
import { fuzzyFind, type FuzzyHit } from './fuzzy';

/** Default minimum similarity of (prefix + quote + suffix) for an approximate match. */
export const DEFAULT_THRESHOLD = 0.75;
/** An approximate match also needs its quote at least this similar (1 − edit distance / length). */
export const MIN_QUOTE_SIMILARITY = 0.7;
/** An exact occurrence at the expected place needs this share of its stored context (prefix and suffix together). */
export const MIN_CONTEXT_SCORE = 0.5;
/** Exact at the expected place also needs this share of each side, unless it shifted exactly like a neighbour. */
export const MIN_SIDE_SCORE = 0.25;
/** A place other than the expected one must have this much more of the context to win. */
export const CLEARLY_BETTER = 0.25;
/**
 * When the context next to every occurrence was edited, an occurrence near the expected place is
 * still taken if its context is this similar by edit distance. Never used for occurrences elsewhere.
 */
export const MIN_EDITED_CONTEXT_SIMILARITY = 0.7;
/** "At the expected place": within this many code points (plus the quote's length). */
export const NEAR_WINDOW = 64;
/** How far (UTF-16 units) the quote with its whole context is looked for around the expected place before the whole text. */
const LOCAL_SEARCH = 4096;
/** Approximate matching looks this many code points (plus twice the quote's length) around the expected place. */
export const FUZZY_WINDOW = 256;

export interface ReanchorOptions {
  /** The text the annotations were anchored to: lets unchanged text be mapped exactly. */
  oldText?: string;
  /** Minimum similarity (0–1) for an approximate match; default DEFAULT_THRESHOLD. */
  threshold?: number;
  /** Length of the prefix/suffix written back, in code points; default 32. */
  contextLength?: number;
  /** The edit from `oldText`, when the caller found it already (UTF-16 indices). */
  edit?: TextEdit;
  /** The new text's code point index, when the caller has one already (typing: the line index's). */
  index?: CodePointIndex;
}

export interface ReanchorResult<T extends Anchor & { id: string; status?: AnchorStatus }> {
  /** Same length and order as the input; unchanged annotations are the same objects. */
  annotations: T[];
  /** Whether any annotation differs from its input. */
  changed: boolean;
  /** How many were relocated by approximate matching in this run (now `status: moved`). */
  moved: number;
  /** How many are orphaned after this run. */
  orphaned: number;
}

type Located = { kind: 'exact' | 'moved'; start: number; end: number } | { kind: 'orphaned' };

interface Cand {
  cp: number;
  c: SideScores;
  /** Distance to the nearest expected place. */
  d: number;
}

const full = (c: SideScores) => c.pre === 1 && c.suf === 1;
/** Enough of the context for an exact place: half of it, and a quarter of each side. */
const enough = (c: SideScores) => c.all >= MIN_CONTEXT_SCORE && Math.min(c.pre, c.suf) >= MIN_SIDE_SCORE;

/** `text.startsWith(s, at)` for short `s`: a plain loop beats the builtin's call overhead here. */
function matchesAt(text: string, s: string, at: number): boolean {
  if (at < 0 || at + s.length > text.length) return false;
  for (let i = 0; i < s.length; i++) if (text.charCodeAt(at + i) !== s.charCodeAt(i)) return false;
  return true;
}

function isSortedByStart(annotations: readonly Anchor[]): boolean {
  for (let i = 1; i < annotations.length; i++) if (annotations[i].start < annotations[i - 1].start) return false;
  return true;
}

export function reanchor<T extends Anchor & { id: string; status?: AnchorStatus }>(newText: string, annotations: readonly T[], options: ReanchorOptions = {}): ReanchorResult<T> {
  const index = options.index?.text === newText ? options.index : new CodePointIndex(newText);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const ctx = options.contextLength ?? DEFAULT_CONTEXT_LENGTH;
  const oldText = options.oldText;
  const oldIndex = oldText !== undefined ? new CodePointIndex(oldText) : undefined;
  // The region between the common prefix and suffix (code points): all edits lie inside it.
  const textEdit = oldText !== undefined ? (options.edit ?? findTextEdit(oldText, newText)) : undefined;
  const diff = oldText !== undefined && oldText !== newText ? new DiffMap(oldText, newText, textEdit) : undefined;
  const edit = textEdit && oldIndex ? { start: index.toCodePoint(textEdit.start), oldEnd: oldIndex.toCodePoint(textEdit.oldEnd), newEnd: index.toCodePoint(textEdit.newEnd) } : undefined;
  const delta = edit ? edit.newEnd - edit.oldEnd : 0;
  const n = annotations.length;
  const order = Array.from({ length: n }, (_, i) => i);
  if (!isSortedByStart(annotations)) order.sort((a, b) => annotations[a].start - annotations[b].start);

  /**
   * Typing: an annotation whose quote and context lie wholly before or after the edit keeps its
   * quote and context, so it is only shifted. Only in BMP-only text, where code point and UTF-16
   * lengths agree and the lengths checked below are those the full path would give.
   */
  const shiftOnly = (a: T): T | undefined => {
    if (!edit || !index.isBmpOnly || a.status === 'orphaned') return undefined;
    let start: number;
    if (a.end + ctx <= edit.start) start = a.start;
    else if (a.start - ctx >= edit.oldEnd) start = a.start + delta;
    else return undefined;
    const end = start + (a.end - a.start);
    if (a.text.length !== a.end - a.start || a.prefix.length !== Math.min(ctx, start) || a.suffix.length !== Math.min(ctx, index.length - end)) return undefined;
    // The context lies in text the edit did not touch, and was the text's own when these
    // annotations were anchored to `oldText` (what that option means); the quote is checked anyway.
    if (!matchesAt(newText, a.text, start)) return undefined;
    if (start === a.start && a.status !== 'exact') return a;
    const shifted = { ...a, start, end };
    if (a.status === 'exact') delete shifted.status;
    return shifted;
  };
  const fast = new Array<T | undefined>(n);

  const holds = (cp: number, quote: string): boolean => cp >= 0 && cp <= index.length && newText.startsWith(quote, index.toUtf16(cp));
  const scoreAt = (cp: number, a: T) => contextScore(newText, index.toUtf16(cp), a.text.length, a.prefix, a.suffix);

  /** With `oldText`: the mapped position of an unchanged quote, and the expected place. */
  const viaDiff = (a: T): { mapped?: number; expected: number; trusted: boolean } => {
    if (oldText === undefined || !oldIndex) return { expected: a.start, trusted: false };
    if (!diff) return { mapped: a.start, expected: a.start, trusted: true };
    const s = oldIndex.toUtf16(a.start);
    const e = oldIndex.toUtf16(a.end);
    const m = s === e ? undefined : diff.mapUnchanged(s, e);
    if (m !== undefined) return { mapped: index.toCodePoint(m.at), expected: index.toCodePoint(m.at), trusted: m.trusted };
    return { expected: index.toCodePoint(diff.expected(s)), trusted: false };
  };

  /**
   * Where the quote and its whole stored context are: the occurrence nearest `around` within
   * LOCAL_SEARCH code units of it, else (without the old text) the only one in the text.
   */
  const withWholeContext = (a: T, around: number): number | undefined => {
    if (a.prefix.length + a.suffix.length < 8) return undefined;
    const whole = a.prefix + a.text + a.suffix;
    const c = index.toUtf16(Math.max(0, around)) - a.prefix.length;
    const lo = Math.max(0, c - LOCAL_SEARCH);
    const window = newText.slice(lo, Math.min(newText.length, c + LOCAL_SEARCH + whole.length));
    let best = -1;
    for (let u = window.indexOf(whole); u >= 0; u = window.indexOf(whole, u + 1)) if (best < 0 || Math.abs(lo + u - c) < Math.abs(lo + best - c)) best = u;
    if (best >= 0) return index.toCodePoint(lo + best + a.prefix.length);
    // With the old text, a passage moved far away is found among the quote's occurrences later.
    if (oldText !== undefined) return undefined;
    const u = newText.indexOf(whole);
    if (u < 0 || newText.indexOf(whole, u + 1) >= 0) return undefined;
    return index.toCodePoint(u + a.prefix.length);
  };

  // Pass 1: the annotations whose quote and whole context are found with certainty. Their shifts
  // give the others their expected place. First (A) at their own place: the fast path, the mapped
  // position, or (without the old text) the stored one; then (B) the rest by their whole context,
  // at the previous one's shift or by a search around it.
  const certain = new Array<number | undefined>(n);
  // Whether the quote is at its mapped place with enough of its context: then that place is
  // weighed against others in pass 2, not overruled here by a copy nearby.
  const heldThere = new Array<boolean>(n).fill(false);
  /** Found in phase A, at its own place. */
  const ownPlace = new Uint8Array(n);
  /** Phase A's annotations in new-text order (where each is, its context's span, its shift) are `anchoredList()`. */
  const span = (a: T, at: number) => ({ at, lo: at - cpLength(a.prefix), hi: at + cpLength(a.text) + cpLength(a.suffix) });
  for (const i of order) {
    const a = annotations[i];
    let found: number | undefined;
    fast[i] = shiftOnly(a);
    if (fast[i]) found = fast[i]!.start;
    else if (oldText !== undefined) {
      const m = viaDiff(a).mapped;
      if (m !== undefined && holds(m, a.text)) {
        const c = scoreAt(m, a);
        if (full(c)) found = m;
        else heldThere[i] = enough(c);
      }
    } else if (holds(a.start, a.text) && full(scoreAt(a.start, a))) found = a.start;
    if (found !== undefined) {
      certain[i] = found - a.start;
      ownPlace[i] = 1;
    }
  }
  // Built on first need only: typing rarely searches, and this list costs a pass over every annotation.
  let anchored: { at: number; lo: number; hi: number; d: number }[] | undefined;
  const anchoredList = () => {
    if (anchored) return anchored;
    anchored = [];
    for (const i of order) if (ownPlace[i]) anchored.push({ ...span(annotations[i], annotations[i].start + certain[i]!), d: certain[i]! });
    if (!anchored.every((x, k) => k === 0 || anchored![k - 1].at <= x.at)) anchored.sort((x, y) => x.at - y.at);
    return anchored;
  };
  /**
   * A whole-context match found away from the annotation's own place is a lookalike, not the
   * annotation, when it lands in text that certainly did not move: strictly between two annotations
   * found at their own place with one and the same shift (the text between them came from there),
   * or with its context overlapping such an annotation's context under another shift (the same
   * characters cannot come from two places). A repeated paragraph is the usual source.
   */
  const refuted = (a: T, at: number): boolean => {
    const anchored = anchoredList();
    const d = at - a.start;
    const { lo, hi } = span(a, at);
    let l = 0;
    let h = anchored.length;
    while (l < h) {
      const mid = (l + h) >> 1;
      if (anchored[mid].at < at) l = mid + 1;
      else h = mid;
    }
    const before = anchored[l - 1];
    const after = anchored[l];
    if (before && after && before.d === after.d && before.d !== d && after.at > at) return true;
    const overlaps = (x: (typeof anchored)[number] | undefined) => x !== undefined && x.d !== d && x.lo < hi && x.hi > lo;
    return overlaps(before) || overlaps(after);
  };
  {
    let delta = 0;
    for (const i of order) {
      const a = annotations[i];
      if (certain[i] !== undefined) {
        delta = certain[i]!;
        continue;
      }
      if (heldThere[i]) continue;
      let found: number | undefined;
      // Without the old text: shifted like the previous one (a deletion or insertion before both).
      if (oldText === undefined && delta !== 0 && holds(a.start + delta, a.text) && full(scoreAt(a.start + delta, a))) found = a.start + delta;
      found ??= withWholeContext(a, a.start + delta);
      if (found !== undefined && !refuted(a, found)) {
        certain[i] = found - a.start;
        delta = certain[i]!;
      }
    }
  }
  const prevDelta = new Array<number>(n).fill(0);
  const nextDelta = new Array<number>(n).fill(0);
  {
    let d = 0;
    for (const i of order) {
      if (certain[i] !== undefined) d = certain[i]!;
      prevDelta[i] = d;
    }
    for (let k = n - 1; k >= 0; k--) {
      const i = order[k];
      if (certain[i] !== undefined) d = certain[i]!;
      nextDelta[i] = d;
    }
  }

  /** Similarity of the stored prefix/suffix to the text around code points [start, end), by edit distance. */
  const contextSimilarity = (pre: number[], suf: number[], start: number, end: number): SideScores => {
    const slackP = Math.max(8, pre.length >> 1);
    const slackS = Math.max(8, suf.length >> 1);
    const before = codePoints(index.slice(Math.max(0, start - pre.length - slackP), start)).reverse();
    const after = codePoints(index.slice(end, Math.min(index.length, end + suf.length + slackS)));
    const dp = contextDistance([...pre].reverse(), before);
    const ds = contextDistance(suf, after);
    return sides(pre.length - dp, pre.length, start === 0, suf.length - ds, suf.length, end >= index.length);
  };

  const approximate = (a: T, expected: number, pre: number[], suf: number[]): { hit: FuzzyHit; sim: number; cs: number } | undefined => {
    const q = codePoints(a.text);
    const maxDist = Math.floor((q.length * (1 - MIN_QUOTE_SIMILARITY)) / MIN_QUOTE_SIMILARITY);
    if (maxDist === 0 || q.length > 4000) return undefined;
    const pad = Math.min(FUZZY_WINDOW + 2 * q.length, Math.floor(4_000_000 / q.length / 2));
    const lo = Math.max(0, expected - pad);
    const hi = Math.min(index.length, expected + q.length + pad);
    if (hi <= lo) return undefined;
    const hits = fuzzyFind(q, codePoints(index.slice(lo, hi)), lo, maxDist, 20, expected);
    const C = pre.length + suf.length;
    let best: { hit: FuzzyHit; sim: number; cs: number } | undefined;
    for (const h of hits) {
      const qs = 1 - h.dist / Math.max(q.length, h.end - h.start);
      if (qs < MIN_QUOTE_SIMILARITY) continue;
      const cs = contextSimilarity(pre, suf, h.start, h.end).all;
      const sim = (q.length * qs + C * cs) / (q.length + C);
      if (sim < threshold) continue;
      if (!best || sim > best.sim || (sim === best.sim && Math.abs(h.start - expected) < Math.abs(best.hit.start - expected))) best = { hit: h, sim, cs };
    }
    if (!best) return undefined;
    // Do not take in spaces or line breaks at the edges that the quote does not have.
    let { start, end } = best.hit;
    const ws = (cp: number) => /\s/.test(String.fromCodePoint(cp));
    const chars = codePoints(index.slice(start, end));
    let i = 0;
    let j = chars.length;
    if (!ws(q[0])) while (i < j - 1 && ws(chars[i])) i++;
    if (!ws(q[q.length - 1])) while (j > i + 1 && ws(chars[j - 1])) j--;
    start += i;
    end -= chars.length - j;
    return { ...best, hit: { ...best.hit, start, end } };
  };

  const locate = (a: T, i: number): Located => {
    const qlen = cpLength(a.text);
    if (certain[i] !== undefined) return { kind: 'exact', start: a.start + certain[i]!, end: a.start + certain[i]! + qlen };
    const { mapped, expected, trusted } = oldText !== undefined ? viaDiff(a) : { mapped: a.start, expected: a.start + prevDelta[i], trusted: false };
    const expectedAll = [...new Set([expected, a.start + prevDelta[i], a.start + nextDelta[i]])];
    const distance = (cp: number) => {
      let d = Infinity;
      for (const e of expectedAll) d = Math.min(d, Math.abs(cp - e));
      return d;
    };
    const near = (cp: number) => distance(cp) <= NEAR_WINDOW + qlen;
    if (qlen === 0) return mapped !== undefined && holds(mapped, a.text) ? { kind: 'exact', start: mapped, end: mapped } : { kind: 'orphaned' };
    // The common case first, with no search: unchanged quote, whole context, at the mapped place.
    const mappedHolds = mapped !== undefined && holds(mapped, a.text);
    const here = mappedHolds ? scoreAt(mapped, a) : undefined;
    if (here && full(here)) return { kind: 'exact', start: mapped!, end: mapped! + qlen };
    // A hand-written entry has no context to weigh: its quote where its offsets say is all the
    // evidence there is, and its context is taken from the text (docs/sidecar-format.md).
    if (mappedHolds && !a.prefix && !a.suffix) return { kind: 'exact', start: mapped!, end: mapped! + qlen };
    // An orphan's offsets are only where it was last seen: it comes back with its whole context
    // (found above or in pass 1), never onto a lookalike.
    if (a.status === 'orphaned') return { kind: 'orphaned' };

    // Every occurrence of the quote (bounded), with how much of its context is still adjacent.
    const cands: Cand[] = [];
    for (let u = newText.indexOf(a.text); u >= 0 && cands.length < 20_000; u = newText.indexOf(a.text, u + 1)) {
      const cp = index.toCodePoint(u);
      cands.push({ cp, c: contextScore(newText, u, a.text.length, a.prefix, a.suffix), d: distance(cp) });
    }
    // Most context first, then nearest (no full sort: a common word has thousands of occurrences).
    const better = (x: Cand, y: Cand) => y.c.all - x.c.all || x.d - y.d;
    let bestAll: Cand | undefined;
    for (const x of cands) if (!bestAll || better(x, bestAll) < 0) bestAll = x;
    const nearCands = cands.filter((x) => x.d <= NEAR_WINDOW + qlen).sort(better);
    const bestNear = nearCands[0];
    /** A place elsewhere with its whole context and clearly more of it than `score`. */
    const elsewhere = (score: number, not?: number): Cand | undefined =>
      bestAll && bestAll.cp !== not && full(bestAll.c) && bestAll.c.all >= score + CLEARLY_BETTER ? bestAll : undefined;

    // 2. The quote unchanged at the mapped position.
    const shiftedLikeNeighbour = (cp: number) => cp === a.start + prevDelta[i] || cp === a.start + nextDelta[i];
    if (here) {
      const other = elsewhere(here.all, mapped);
      if (other) return { kind: 'exact', start: other.cp, end: other.cp + qlen };
      // A copy right next to it with more of the context (a line pasted next to itself).
      if (bestNear && bestNear.cp !== mapped && bestNear.c.all > here.all && Math.min(bestNear.c.pre, bestNear.c.suf) >= MIN_SIDE_SCORE) return { kind: 'exact', start: bestNear.cp, end: bestNear.cp + qlen };
      // Mapped through text that certainly did not change, or its context mostly there on both sides.
      if (trusted || enough(here)) return { kind: 'exact', start: mapped!, end: mapped! + qlen };
    }
    // With `oldText`, a quote outside every unchanged run was edited or moved: an identical word
    // near it is another word unless its context or its neighbours say otherwise; else for review.
    const quoteEdited = oldText !== undefined && mapped === undefined;
    const kindAt = (c: SideScores, cp: number): 'exact' | 'moved' => {
      if (full(c) || shiftedLikeNeighbour(cp)) return 'exact';
      // Half the context from one side only is what a repeated phrase elsewhere also has.
      return quoteEdited || Math.min(c.pre, c.suf) < MIN_SIDE_SCORE ? 'moved' : 'exact';
    };
    // 3. The best occurrence at the expected place.
    if (bestNear && bestNear.c.all >= MIN_CONTEXT_SCORE) {
      const other = elsewhere(bestNear.c.all, bestNear.cp);
      const at = other ?? bestNear;
      return { kind: kindAt(at.c, at.cp), start: at.cp, end: at.cp + qlen };
    }
    // 4. Weigh what is at the expected place against the best elsewhere.
    const pre = codePoints(a.prefix);
    const suf = codePoints(a.suffix);
    let edited: { cp: number; sim: number } | undefined;
    for (const x of nearCands.slice(0, 20)) {
      const sim = contextSimilarity(pre, suf, x.cp, x.cp + qlen).all;
      if (!edited || sim > edited.sim || (sim === edited.sim && distance(x.cp) < distance(edited.cp))) edited = { cp: x.cp, sim };
    }
    const editedOk = edited && edited.sim >= MIN_EDITED_CONTEXT_SIMILARITY ? edited : undefined;
    const fuzzy = editedOk ? undefined : approximate(a, expected, pre, suf);
    const hereScore = Math.max(bestNear?.c.all ?? 0, editedOk?.sim ?? 0, fuzzy?.cs ?? 0);
    const far = bestAll && !near(bestAll.cp) && bestAll.c.pre >= MIN_CONTEXT_SCORE && bestAll.c.suf >= MIN_CONTEXT_SCORE && bestAll.c.all >= hereScore + CLEARLY_BETTER ? bestAll : undefined;
    if (far) return { kind: full(far.c) ? 'exact' : 'moved', start: far.cp, end: far.cp + qlen };
    if (editedOk) return { kind: quoteEdited && !shiftedLikeNeighbour(editedOk.cp) ? 'moved' : 'exact', start: editedOk.cp, end: editedOk.cp + qlen };
    if (fuzzy) return { kind: 'moved', start: fuzzy.hit.start, end: fuzzy.hit.end };
    // The quote intact somewhere with part of its context: for review rather than lost.
    return { kind: 'orphaned' };
  };

  const out = new Array<T>(n);
  let changed = false;
  let moved = 0;
  let orphaned = 0;
  for (const i of order) {
    const a = annotations[i];
    const f = fast[i];
    if (f) {
      if (f !== a) changed = true;
      out[i] = f;
      continue;
    }
    const r = locate(a, i);
    let result: T;
    if (r.kind === 'orphaned') {
      orphaned++;
      result = a.status === 'orphaned' ? a : { ...a, status: 'orphaned' };
    } else {
      // r lies within the text, so makeAnchor's clamping leaves it unchanged.
      const anchor = makeAnchor(index, r.start, r.end, ctx);
      const text = r.kind === 'moved' ? anchor.text : a.text;
      const { prefix, suffix } = anchor;
      // An annotation moved earlier keeps its mark until a person clears it.
      const status: AnchorStatus | undefined = r.kind === 'moved' || a.status === 'moved' ? 'moved' : undefined;
      if (r.kind === 'moved') moved++;
      if (a.start === r.start && a.end === r.end && a.text === text && a.prefix === prefix && a.suffix === suffix && (a.status === 'exact' ? undefined : a.status) === status) {
        result = a;
      } else {
        result = { ...a, start: r.start, end: r.end, text, prefix, suffix };
        if (status) result.status = status;
        else delete result.status;
      }
    }
    if (result !== a) changed = true;
    out[i] = result;
  }
  return { annotations: out, changed, moved, orphaned };
}
