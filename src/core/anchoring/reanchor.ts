/**
 * Re-anchoring: moving annotations onto a new version of their document's text. Pure: a
 * function of (new text, annotations, optionally the old text). See docs/sidecar-format.md.
 *
 * For each annotation, in this order:
 *  1. its position still holds the same quote (with `oldText`, the position is mapped through
 *     the single edit region found by common prefix/suffix) → exact;
 *  2. else the occurrence of the quote whose prefix/suffix agree best with the stored ones
 *     (at least MIN_CONTEXT_SCORE of the context still adjacent), nearest the expected
 *     position → exact;
 *  3. else an approximate match of the quote near its expected position (edit distance), whose
 *     combined quote+context similarity reaches `threshold` and whose quote alone is at least
 *     MIN_QUOTE_SIMILARITY similar → moved (to be reviewed);
 *  4. else orphaned: offsets and quote kept as last known.
 */
import type { Anchor, AnchorStatus } from '../model';
import { CodePointIndex, cpLength } from '../text/codepoints';
import { findTextEdit, type TextEdit } from '../text/textEdit';
import { DEFAULT_CONTEXT_LENGTH, makeAnchor } from './anchor';

/** Default minimum similarity of (prefix + quote + suffix) for an approximate match. */
export const DEFAULT_THRESHOLD = 0.75;
/** An approximate match also needs its quote at least this similar (1 − edit distance / length). */
export const MIN_QUOTE_SIMILARITY = 0.7;
/**
 * An exact occurrence of the quote near its expected place needs at least this share of its stored
 * context (prefix and suffix together) still around it; one farther away needs this share of the
 * prefix and, separately, of the suffix (a passage that moved keeps both; a repeated phrase
 * elsewhere rarely does).
 */
export const MIN_CONTEXT_SCORE = 0.5;
/**
 * When the context next to every occurrence was edited, an occurrence near the expected place is
 * still taken if its context is this similar by edit distance (insertions into the context are
 * not penalised twice). Never used for occurrences farther away.
 */
export const MIN_EDITED_CONTEXT_SIMILARITY = 0.7;
/** Approximate matching looks this many code points (plus twice the quote's length) around the expected place. */
export const FUZZY_WINDOW = 256;

export interface ReanchorOptions {
  /** The text the annotations were anchored to: lets unchanged regions be mapped in O(1) each. */
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

interface Edit {
  /** Code point offsets: the edit replaced old [start, oldEnd) with new [start, newEnd). */
  start: number;
  oldEnd: number;
  newEnd: number;
}

function findEdit(oldText: string, newText: string, index: CodePointIndex, known?: TextEdit): Edit {
  const e = known ?? findTextEdit(oldText, newText);
  const start = index.toCodePoint(e.start);
  return { start, oldEnd: start + cpLength(oldText.slice(e.start, e.oldEnd)), newEnd: index.toCodePoint(e.newEnd) };
}

interface SideScores {
  /** Share of the prefix, of the suffix, and of both together, still adjacent to the occurrence. */
  pre: number;
  suf: number;
  all: number;
}

/** How much of the stored context is still adjacent to an occurrence at UTF-16 [u, u + len). */
function contextScore(text: string, u: number, len: number, prefix: string, suffix: string): SideScores {
  let a = 0;
  while (a < prefix.length && u - 1 - a >= 0 && text.charCodeAt(u - 1 - a) === prefix.charCodeAt(prefix.length - 1 - a)) a++;
  let b = 0;
  const e = u + len;
  while (b < suffix.length && e + b < text.length && text.charCodeAt(e + b) === suffix.charCodeAt(b)) b++;
  return sides(a, prefix.length, u === 0, b, suffix.length, e >= text.length);
}

/** Side scores from matched/total lengths; an empty stored side matches only the text's own edge. */
function sides(a: number, pl: number, atStart: boolean, b: number, sl: number, atEnd: boolean): SideScores {
  const pre = pl === 0 ? (atStart ? 1 : 0) : a / pl;
  const suf = sl === 0 ? (atEnd ? 1 : 0) : b / sl;
  const all = pl + sl === 0 ? (atStart && atEnd ? 1 : 0) : (a + b) / (pl + sl);
  return { pre, suf, all };
}

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

/**
 * Edit distance from `a` to the best-matching start of `b` (characters of `b` past the match are
 * free): how much of a stored context survives next to a candidate, even when text was inserted
 * into it.
 */
function contextDistance(a: number[], b: number[]): number {
  if (a.length === 0) return 0;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  let best = prev[0];
  for (let j = 1; j <= b.length; j++) if (prev[j] < best) best = prev[j];
  return best;
}

interface FuzzyHit {
  start: number; // code points in the new text
  end: number;
  dist: number;
}

/**
 * Semi-global alignment (Sellers): the substrings of window `w` closest to `q` in edit distance,
 * at most `maxDist`; returns local minima, best first, at most `limit`.
 */
function fuzzyFind(q: number[], w: number[], offset: number, maxDist: number, limit: number, expected: number): FuzzyHit[] {
  const m = q.length;
  const W = w.length;
  let D = new Int32Array(m + 1);
  let S = new Int32Array(m + 1);
  let ND = new Int32Array(m + 1);
  let NS = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) D[i] = i;
  const dist = new Int32Array(W + 1);
  const start = new Int32Array(W + 1);
  dist[0] = m;
  for (let j = 1; j <= W; j++) {
    ND[0] = 0;
    NS[0] = j;
    const c = w[j - 1];
    for (let i = 1; i <= m; i++) {
      let best = D[i - 1] + (q[i - 1] === c ? 0 : 1);
      let bs = S[i - 1];
      const del = D[i] + 1;
      if (del < best) {
        best = del;
        bs = S[i];
      }
      const ins = ND[i - 1] + 1;
      if (ins < best) {
        best = ins;
        bs = NS[i - 1];
      }
      ND[i] = best;
      NS[i] = bs;
    }
    dist[j] = ND[m];
    start[j] = NS[m];
    [D, ND] = [ND, D];
    [S, NS] = [NS, S];
  }
  const hits: FuzzyHit[] = [];
  for (let j = 1; j <= W; j++) {
    const d = dist[j];
    // Local minima along the text (first of a plateau).
    if (d <= maxDist && d < dist[j - 1] && (j === W || d <= dist[j + 1])) hits.push({ start: offset + start[j], end: offset + j, dist: d });
  }
  hits.sort((a, b) => a.dist - b.dist || Math.abs(a.start - expected) - Math.abs(b.start - expected));
  return hits.slice(0, limit);
}

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

type Located = { kind: 'exact' | 'moved'; start: number; end: number } | { kind: 'orphaned' };

export function reanchor<T extends Anchor & { id: string; status?: AnchorStatus }>(newText: string, annotations: readonly T[], options: ReanchorOptions = {}): ReanchorResult<T> {
  const index = options.index?.text === newText ? options.index : new CodePointIndex(newText);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const ctx = options.contextLength ?? DEFAULT_CONTEXT_LENGTH;
  const edit = options.oldText !== undefined ? findEdit(options.oldText, newText, index, options.edit) : undefined;
  const delta = edit ? edit.newEnd - edit.oldEnd : 0;
  const n = annotations.length;
  const out = new Array<T>(n);
  const order = Array.from({ length: n }, (_, i) => i);
  if (!isSortedByStart(annotations)) order.sort((a, b) => annotations[a].start - annotations[b].start);
  let lastDelta = 0;
  let changed = false;
  let moved = 0;
  let orphaned = 0;

  const holds = (cp: number, quote: string): boolean => {
    if (cp < 0 || cp > index.length) return false;
    return newText.startsWith(quote, index.toUtf16(cp));
  };

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

  /** Whether an exact occurrence has enough of its context: half of it near `expected`, half of each side farther away. */
  const contextHolds = (c: SideScores, cp: number, near: (cp: number) => boolean): boolean =>
    near(cp) ? c.all >= MIN_CONTEXT_SCORE : c.pre >= MIN_CONTEXT_SCORE && c.suf >= MIN_CONTEXT_SCORE;

  const locate = (a: T): Located => {
    const qlen = cpLength(a.text);
    // 1. The same (mapped) position.
    let expected: number;
    let mapped: number | undefined;
    if (edit) {
      if (a.end <= edit.start && a.start < edit.start) mapped = a.start;
      else if (a.start >= edit.oldEnd) mapped = a.start + delta;
      else if (a.end <= edit.start) mapped = a.start; // empty quote at the edit's start
      expected = mapped ?? (a.start < edit.start ? a.start : edit.start);
    } else {
      mapped = a.start;
      expected = a.start + lastDelta;
    }
    if (mapped !== undefined && holds(mapped, a.text)) return { kind: 'exact', start: mapped, end: mapped + qlen };
    if (qlen === 0) return { kind: 'orphaned' };
    // Fast guess without oldText: shifted like the previous annotation, with its context intact.
    if (!edit && lastDelta !== 0 && holds(expected, a.text)) {
      const c = contextScore(newText, index.toUtf16(expected), a.text.length, a.prefix, a.suffix);
      if (c.pre === 1 && c.suf === 1) return { kind: 'exact', start: expected, end: expected + qlen };
    }
    // "Near": the expected place, widened by the edit region when the annotation overlapped it.
    const q = codePoints(a.text);
    const pad = FUZZY_WINDOW + 2 * q.length;
    let lo = expected - pad;
    let hi = expected + qlen + pad;
    if (edit && mapped === undefined) {
      lo = Math.min(lo, edit.start - pad);
      hi = Math.max(hi, edit.newEnd + pad);
    }
    lo = Math.max(0, lo);
    hi = Math.min(index.length, hi);
    const near = (cp: number) => cp >= lo && cp + qlen <= hi;
    // 2. Occurrences of the quote: best context, then nearest.
    const cands: { cp: number; c: SideScores }[] = [];
    for (let u = newText.indexOf(a.text); u >= 0 && cands.length < 20_000; u = newText.indexOf(a.text, u + 1)) {
      cands.push({ cp: index.toCodePoint(u), c: contextScore(newText, u, a.text.length, a.prefix, a.suffix) });
    }
    const byScore = (x: { cp: number; c: SideScores }, y: { cp: number; c: SideScores }) => y.c.all - x.c.all || Math.abs(x.cp - expected) - Math.abs(y.cp - expected);
    cands.sort(byScore);
    const hit = cands.find((x) => contextHolds(x.c, x.cp, near));
    if (hit) return { kind: 'exact', start: hit.cp, end: hit.cp + qlen };
    const pre = codePoints(a.prefix);
    const suf = codePoints(a.suffix);
    const nearCands = cands.filter((x) => near(x.cp)).slice(0, 20);
    if (nearCands.length) {
      // The context next to the nearby occurrences was edited: compare it by edit distance.
      const scored = nearCands.map((x) => ({ cp: x.cp, c: contextSimilarity(pre, suf, x.cp, x.cp + qlen) }));
      scored.sort(byScore);
      if (scored[0].c.all >= MIN_EDITED_CONTEXT_SIMILARITY) return { kind: 'exact', start: scored[0].cp, end: scored[0].cp + qlen };
    }
    // 3. Approximate match near the expected place.
    // qs = 1 − dist / max(quote, match) ≥ MIN_QUOTE_SIMILARITY allows dist ≤ quote · (1 − min) / min (insertions).
    const maxDist = Math.floor((q.length * (1 - MIN_QUOTE_SIMILARITY)) / MIN_QUOTE_SIMILARITY);
    if (maxDist === 0) return { kind: 'orphaned' };
    // Bound the work: quote length × window.
    const budget = 4_000_000;
    if ((hi - lo) * q.length > budget) {
      const half = Math.max(q.length, Math.floor(budget / q.length / 2));
      lo = Math.max(0, expected - half);
      hi = Math.min(index.length, expected + half);
    }
    if (hi <= lo || q.length > 4000) return { kind: 'orphaned' };
    const w = codePoints(index.slice(lo, hi));
    const hits = fuzzyFind(q, w, lo, maxDist, 20, expected);
    const C = pre.length + suf.length;
    let chosen: FuzzyHit | undefined;
    let chosenSim = -1;
    for (const h of hits) {
      const qs = 1 - h.dist / Math.max(q.length, h.end - h.start);
      if (qs < MIN_QUOTE_SIMILARITY) continue;
      const cs = contextSimilarity(pre, suf, h.start, h.end).all;
      const sim = (q.length * qs + C * cs) / (q.length + C);
      if (sim < threshold) continue;
      if (sim > chosenSim || (sim === chosenSim && chosen && Math.abs(h.start - expected) < Math.abs(chosen.start - expected))) {
        chosen = h;
        chosenSim = sim;
      }
    }
    if (chosen) {
      // Do not take in spaces or line breaks at the edges that the quote does not have.
      let { start, end } = chosen;
      const ws = (cp: number) => /\s/.test(String.fromCodePoint(cp));
      const chars = codePoints(index.slice(start, end));
      let i = 0;
      let j = chars.length;
      if (!ws(q[0])) while (i < j - 1 && ws(chars[i])) i++;
      if (!ws(q[q.length - 1])) while (j > i + 1 && ws(chars[j - 1])) j--;
      start += i;
      end -= chars.length - j;
      return { kind: 'moved', start, end };
    }
    return { kind: 'orphaned' };
  };

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

  for (const i of order) {
    const a = annotations[i];
    const fast = shiftOnly(a);
    if (fast) {
      if (fast !== a) changed = true;
      out[i] = fast;
      continue;
    }
    const r = locate(a);
    let result: T;
    if (r.kind === 'orphaned') {
      orphaned++;
      result = a.status === 'orphaned' ? a : { ...a, status: 'orphaned' };
    } else {
      lastDelta = r.start - a.start;
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
