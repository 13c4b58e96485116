/**
 * Precision, recall and F1 of suggestions against a gold annotation, per type and together,
 * counted two ways: exact (same start, end and type) and overlap (same type, spans share a
 * character; each gold span and each suggestion is matched at most once).
 */
export interface Span {
  start: number;
  end: number;
  type: string;
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  p: number;
  r: number;
  f1: number;
}

export function prf(tp: number, fp: number, fn: number): Prf {
  const p = tp + fp === 0 ? 0 : tp / (tp + fp);
  const r = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { tp, fp, fn, p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

/** Scores for `types` (others are ignored on both sides); key `all` is the types together. */
export function score(gold: readonly Span[], predicted: readonly Span[], types: readonly string[], mode: 'exact' | 'overlap'): Record<string, Prf> {
  const out: Record<string, Prf> = {};
  let T = 0;
  let F = 0;
  let N = 0;
  for (const type of types) {
    const g = gold.filter((s) => s.type === type);
    const p = predicted.filter((s) => s.type === type);
    const used = new Set<number>();
    let tp = 0;
    for (const s of p) {
      const i = g.findIndex((x, k) => !used.has(k) && (mode === 'exact' ? x.start === s.start && x.end === s.end : x.start < s.end && s.start < x.end));
      if (i >= 0) {
        used.add(i);
        tp++;
      }
    }
    out[type] = prf(tp, p.length - tp, g.length - tp);
    T += tp;
    F += p.length - tp;
    N += g.length - tp;
  }
  out.all = prf(T, F, N);
  return out;
}
