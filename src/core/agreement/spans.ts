/**
 * Span-level agreement with A as the reference, as the Python `nervaluate` package (1.x,
 * `strategies.py`) defines its schemes, with its default minimum overlap of 1 % of the A span:
 *
 * - `strict`: same boundaries and type → correct; else an overlapping A span → incorrect.
 * - `exact`: same boundaries (any type) → correct; else an overlapping A span → incorrect.
 * - `partial`: same boundaries → correct; else an overlapping A span → partial (counts half).
 * - `type`: an overlapping A span of the same type (closest boundaries) → correct; else an
 *   overlapping A span of another type → incorrect.
 *
 * In every scheme each B span is taken in order and matched to at most one A span not matched
 * yet; an unmatched B span is spurious, an unmatched A span missing. Precision = (correct +
 * ½·partial) / (correct + incorrect + partial + spurious), recall = the same over (correct +
 * incorrect + partial + missing); 0 when the denominator is 0; F1 their harmonic mean, 0 when both are 0.
 *
 * Offsets here are half-open code points; nervaluate's are inclusive (`end − 1`). Empty spans
 * (start = end) hold no text and are left out (nervaluate would divide by their length).
 */
import type { LabelledSpan, SchemeScores, SpanCounts } from './types';

export type Scheme = 'strict' | 'exact' | 'partial' | 'type';
export const SCHEMES: readonly Scheme[] = ['strict', 'exact', 'partial', 'type'];

export function zeroCounts(): SpanCounts {
  return { correct: 0, incorrect: 0, partial: 0, missing: 0, spurious: 0 };
}

export function addCounts(into: SpanCounts, from: SpanCounts): void {
  into.correct += from.correct;
  into.incorrect += from.incorrect;
  into.partial += from.partial;
  into.missing += from.missing;
  into.spurious += from.spurious;
}

/** nervaluate's overlap test: at least one shared position and at least 1 % of the A span's length. */
export function sufficientOverlap(b: LabelledSpan, a: LabelledSpan): boolean {
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return overlap > 0 && overlap * 100 >= a.end - a.start;
}

const sameBounds = (a: LabelledSpan, b: LabelledSpan) => a.start === b.start && a.end === b.end;

/** The outcome of one scheme: counts, and for the per-type figures the type each count goes to. */
export interface SchemeOutcome {
  counts: SpanCounts;
  /** (type, category) for every count: A's type for correct/incorrect/partial/missing, B's for spurious. */
  byType: Map<string, SpanCounts>;
}

function bump(byType: Map<string, SpanCounts>, type: string, key: keyof SpanCounts): void {
  let c = byType.get(type);
  if (!c) byType.set(type, (c = zeroCounts()));
  c[key]++;
}

/** One scheme over one document's spans, A the reference. Spans in the order given (sort them first). */
export function evaluateScheme(scheme: Scheme, a: readonly LabelledSpan[], b: readonly LabelledSpan[]): SchemeOutcome {
  const counts = zeroCounts();
  const byType = new Map<string, SpanCounts>();
  const matched = new Uint8Array(a.length);
  const record = (key: keyof SpanCounts, type: string) => {
    counts[key]++;
    bump(byType, type, key);
  };
  for (const p of b) {
    if (scheme === 'type') {
      let match = -1;
      let matchDistance = Infinity;
      let wrong = -1;
      for (let i = 0; i < a.length; i++) {
        if (matched[i] || !sufficientOverlap(p, a[i])) continue;
        const t = a[i];
        if (t.type === p.type) {
          const d = Math.abs(p.start - t.start) + Math.abs(p.end - t.end);
          if (d < matchDistance) {
            match = i;
            matchDistance = d;
          }
        } else if (wrong < 0) wrong = i;
      }
      if (match >= 0) {
        matched[match] = 1;
        record('correct', a[match].type);
      } else if (wrong >= 0) {
        matched[wrong] = 1;
        record('incorrect', a[wrong].type);
      } else record('spurious', p.type);
      continue;
    }
    let match = -1;
    let near = -1;
    for (let i = 0; i < a.length; i++) {
      if (matched[i]) continue;
      const t = a[i];
      if (scheme === 'partial') {
        if (!sufficientOverlap(p, t)) continue;
        if (sameBounds(p, t)) {
          match = i;
          break;
        }
        if (near < 0) near = i;
        continue;
      }
      if (sameBounds(p, t) && (scheme === 'exact' || p.type === t.type)) {
        match = i;
        break;
      }
      if (near < 0 && sufficientOverlap(p, t)) near = i;
    }
    if (match >= 0) {
      matched[match] = 1;
      record('correct', a[match].type);
    } else if (near >= 0) {
      matched[near] = 1;
      record(scheme === 'partial' ? 'partial' : 'incorrect', a[near].type);
    } else record('spurious', p.type);
  }
  for (let i = 0; i < a.length; i++) if (!matched[i]) record('missing', a[i].type);
  return { counts, byType };
}

/**
 * The MUC categories of one alignment (the report's `counts`): B spans with A's boundaries and
 * type are correct, then those with A's boundaries and another type incorrect, then those
 * overlapping an A span (nervaluate's test) partial, each A span used once; the rest of A is
 * missing, the rest of B spurious.
 */
export function mucCounts(a: readonly LabelledSpan[], b: readonly LabelledSpan[]): SchemeOutcome {
  const counts = zeroCounts();
  const byType = new Map<string, SpanCounts>();
  const usedA = new Uint8Array(a.length);
  const usedB = new Uint8Array(b.length);
  const record = (key: keyof SpanCounts, type: string) => {
    counts[key]++;
    bump(byType, type, key);
  };
  const pass = (key: keyof SpanCounts, test: (p: LabelledSpan, t: LabelledSpan) => boolean) => {
    for (let j = 0; j < b.length; j++) {
      if (usedB[j]) continue;
      for (let i = 0; i < a.length; i++) {
        if (usedA[i] || !test(b[j], a[i])) continue;
        usedA[i] = 1;
        usedB[j] = 1;
        record(key, a[i].type);
        break;
      }
    }
  };
  pass('correct', (p, t) => sameBounds(p, t) && p.type === t.type);
  pass('incorrect', sameBounds);
  pass('partial', sufficientOverlap);
  for (let i = 0; i < a.length; i++) if (!usedA[i]) record('missing', a[i].type);
  for (let j = 0; j < b.length; j++) if (!usedB[j]) record('spurious', b[j].type);
  return { counts, byType };
}

/** Precision, recall and F1 from a scheme's counts, as nervaluate computes them. */
export function scoresOf(scheme: Scheme, counts: SpanCounts): SchemeScores {
  const half = scheme === 'partial' || scheme === 'type' ? 0.5 * counts.partial : 0;
  const actual = counts.correct + counts.incorrect + counts.partial + counts.spurious;
  const possible = counts.correct + counts.incorrect + counts.partial + counts.missing;
  const precision = actual > 0 ? (counts.correct + half) / actual : 0;
  const recall = possible > 0 ? (counts.correct + half) / possible : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, counts: { ...counts } };
}

/** Spans sorted the way the sidecar sorts entries (start, end, type), empty spans left out. */
export function sortSpans(spans: readonly LabelledSpan[]): LabelledSpan[] {
  return spans
    .filter((s) => s.end > s.start)
    .map((s) => ({ start: s.start, end: s.end, type: s.type }))
    .sort((x, y) => x.start - y.start || x.end - y.end || (x.type < y.type ? -1 : x.type > y.type ? 1 : 0));
}
