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
import { DEFAULT_CONTEXT_LENGTH } from './anchor';

/** Default minimum similarity of (prefix + quote + suffix) for an approximate match. */
export const DEFAULT_THRESHOLD = 0.75;
/** An approximate match also needs its quote at least this similar (1 − edit distance / length). */
export const MIN_QUOTE_SIMILARITY = 0.5;
/** An exact occurrence elsewhere needs at least this fraction of its stored context still adjacent. */
export const MIN_CONTEXT_SCORE = 0.5;
/** Approximate matching looks this many code points (plus twice the quote's length) around the expected place. */
export const FUZZY_WINDOW = 256;

export interface ReanchorOptions {
  /** The text the annotations were anchored to: lets unchanged regions be mapped in O(1) each. */
  oldText?: string;
  /** Minimum similarity (0–1) for an approximate match; default DEFAULT_THRESHOLD. */
  threshold?: number;
  /** Length of the prefix/suffix written back, in code points; default 32. */
  contextLength?: number;
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

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function findEdit(oldText: string, newText: string, index: CodePointIndex): Edit {
  const ol = oldText.length;
  const nl = newText.length;
  const max = Math.min(ol, nl);
  let p = 0;
  while (p < max && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
  if (p > 0 && p < max && isHigh(newText.charCodeAt(p - 1))) p--;
  let s = 0;
  const maxS = max - p;
  while (s < maxS && oldText.charCodeAt(ol - 1 - s) === newText.charCodeAt(nl - 1 - s)) s++;
  if (s > 0 && s < nl && isLow(newText.charCodeAt(nl - s))) s--;
  const start = index.toCodePoint(p);
  const newEnd = index.toCodePoint(nl - s);
  const oldEnd = start + cpLength(oldText.slice(p, ol - s));
  return { start, oldEnd, newEnd };
}

/** Fraction of the stored context still adjacent to an occurrence at UTF-16 [u, u + len). */
function contextScore(text: string, u: number, len: number, prefix: string, suffix: string): number {
  const total = prefix.length + suffix.length;
  if (total === 0) return 1;
  let a = 0;
  while (a < prefix.length && u - 1 - a >= 0 && text.charCodeAt(u - 1 - a) === prefix.charCodeAt(prefix.length - 1 - a)) a++;
  let b = 0;
  const e = u + len;
  while (b < suffix.length && e + b < text.length && text.charCodeAt(e + b) === suffix.charCodeAt(b)) b++;
  return (a + b) / total;
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

type Located = { kind: 'exact' | 'moved'; start: number; end: number } | { kind: 'orphaned' };

export function reanchor<T extends Anchor & { id: string; status?: AnchorStatus }>(newText: string, annotations: readonly T[], options: ReanchorOptions = {}): ReanchorResult<T> {
  const index = new CodePointIndex(newText);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const ctx = options.contextLength ?? DEFAULT_CONTEXT_LENGTH;
  const edit = options.oldText !== undefined ? findEdit(options.oldText, newText, index) : undefined;
  const delta = edit ? edit.newEnd - edit.oldEnd : 0;
  const n = annotations.length;
  const out = new Array<T>(n);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => annotations[a].start - annotations[b].start);
  let lastDelta = 0;
  let changed = false;
  let moved = 0;
  let orphaned = 0;

  const holds = (cp: number, quote: string): boolean => {
    if (cp < 0 || cp > index.length) return false;
    return newText.startsWith(quote, index.toUtf16(cp));
  };

  /** Similarity (0–1) of the stored prefix/suffix to the text around code points [start, end). */
  const contextSimilarity = (pre: number[], suf: number[], start: number, end: number): number => {
    const C = pre.length + suf.length;
    if (C === 0) return 1;
    const slackP = Math.max(8, pre.length >> 1);
    const slackS = Math.max(8, suf.length >> 1);
    const before = codePoints(index.slice(Math.max(0, start - pre.length - slackP), start)).reverse();
    const after = codePoints(index.slice(end, Math.min(index.length, end + suf.length + slackS)));
    return 1 - (contextDistance([...pre].reverse(), before) + contextDistance(suf, after)) / C;
  };

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
      const u = index.toUtf16(expected);
      if (contextScore(newText, u, a.text.length, a.prefix, a.suffix) === 1) return { kind: 'exact', start: expected, end: expected + qlen };
    }
    // 2. Occurrences of the quote: best context, then nearest.
    let best = -1;
    let bestScore = -1;
    let bestDist = Infinity;
    for (let u = newText.indexOf(a.text); u >= 0; u = newText.indexOf(a.text, u + 1)) {
      const score = contextScore(newText, u, a.text.length, a.prefix, a.suffix);
      if (score < bestScore) continue;
      const cp = index.toCodePoint(u);
      const dist = Math.abs(cp - expected);
      if (score > bestScore || dist < bestDist) {
        best = cp;
        bestScore = score;
        bestDist = dist;
      }
    }
    if (best >= 0 && bestScore >= MIN_CONTEXT_SCORE) return { kind: 'exact', start: best, end: best + qlen };
    const pre = codePoints(a.prefix);
    const suf = codePoints(a.suffix);
    if (best >= 0) {
      // Context edited near every occurrence: compare it by edit distance for the likeliest few.
      const cands: { cp: number; score: number }[] = [];
      for (let u = newText.indexOf(a.text); u >= 0 && cands.length < 2000; u = newText.indexOf(a.text, u + 1)) {
        cands.push({ cp: index.toCodePoint(u), score: contextScore(newText, u, a.text.length, a.prefix, a.suffix) });
      }
      cands.sort((x, y) => y.score - x.score || Math.abs(x.cp - expected) - Math.abs(y.cp - expected));
      let found = -1;
      let foundSim = -1;
      for (const c of cands.slice(0, 20)) {
        const sim = contextSimilarity(pre, suf, c.cp, c.cp + qlen);
        if (sim > foundSim || (sim === foundSim && Math.abs(c.cp - expected) < Math.abs(found - expected))) {
          found = c.cp;
          foundSim = sim;
        }
      }
      if (found >= 0 && foundSim >= MIN_CONTEXT_SCORE) return { kind: 'exact', start: found, end: found + qlen };
    }
    // 3. Approximate match near the expected place.
    const q = codePoints(a.text);
    const maxDist = Math.floor(q.length * (1 - MIN_QUOTE_SIMILARITY));
    const pad = FUZZY_WINDOW + 2 * q.length;
    let lo = expected - pad;
    let hi = expected + qlen + pad;
    if (edit && mapped === undefined) {
      lo = Math.min(lo, edit.start - pad);
      hi = Math.max(hi, edit.newEnd + pad);
    }
    lo = Math.max(0, lo);
    hi = Math.min(index.length, hi);
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
      const cs = contextSimilarity(pre, suf, h.start, h.end);
      const sim = (q.length * qs + C * cs) / (q.length + C);
      if (sim < threshold) continue;
      if (sim > chosenSim || (sim === chosenSim && chosen && Math.abs(h.start - expected) < Math.abs(chosen.start - expected))) {
        chosen = h;
        chosenSim = sim;
      }
    }
    if (chosen) return { kind: 'moved', start: chosen.start, end: chosen.end };
    return { kind: 'orphaned' };
  };

  for (const i of order) {
    const a = annotations[i];
    const r = locate(a);
    let result: T;
    if (r.kind === 'orphaned') {
      orphaned++;
      result = a.status === 'orphaned' ? a : { ...a, status: 'orphaned' };
    } else {
      lastDelta = r.start - a.start;
      const text = r.kind === 'moved' ? index.slice(r.start, r.end) : a.text;
      const prefix = index.slice(Math.max(0, r.start - ctx), r.start);
      const suffix = index.slice(r.end, Math.min(index.length, r.end + ctx));
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
