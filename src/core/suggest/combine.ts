/**
 * Combining the engines' candidates into one set of non-overlapping suggestions.
 * - The same span and type from several engines is one candidate whose score is the noisy-or of
 *   theirs (two engines agreeing are surer than either); it keeps the engine that scored highest,
 *   the registry and the corpus winning ties (they carry the team's decisions and entity ids).
 * - A name that contains a shorter candidate takes that support when it comes from a structural
 *   engine, so `Beijing-Tianjin-Hebei` or `Beijing Children's Hospital` are not cut to the corpus's
 *   `Beijing`.
 * - Then, highest score first (longer first on ties), a candidate is kept when it overlaps none kept.
 * Offsets are whatever the candidates use (code points in the pipeline).
 */
import type { Candidate, EngineName } from './types';

const RANK: Record<EngineName, number> = { registry: 5, corpus: 4, patterns: 3, rules: 2, model: 1 };

export function combine(candidates: readonly Candidate[]): Candidate[] {
  return keepNonOverlapping(rankCandidates(candidates));
}

/** The candidates merged per span and type, highest rank first. */
export function rankCandidates(candidates: readonly Candidate[]): Candidate[] {
  const byKey = new Map<string, Candidate>();
  for (const c of candidates) {
    const k = `${c.start}:${c.end}:${c.type}`;
    const prev = byKey.get(k);
    if (!prev) {
      byKey.set(k, { ...c });
      continue;
    }
    const score = 1 - (1 - prev.score) * (1 - c.score);
    const winner = c.score > prev.score || (c.score === prev.score && RANK[c.engine] > RANK[prev.engine]) ? c : prev;
    byKey.set(k, { ...winner, entity: winner.entity ?? prev.entity ?? c.entity, score });
  }
  const merged = [...byKey.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  const adjusted = merged.map((c) => ({ c, rank: c.score }));
  for (let i = 0; i < adjusted.length; i++) {
    const outer = adjusted[i];
    if (outer.c.engine === 'model' || outer.c.score < 0.6) continue;
    for (let j = i + 1; j < adjusted.length && merged[j].start < outer.c.end; j++) {
      const inner = adjusted[j];
      // Any type: a place inside an institution's name (`Beijing Children's Hospital`) is part of it.
      if (inner.c.end <= outer.c.end && inner.c.end - inner.c.start < outer.c.end - outer.c.start) outer.rank = Math.max(outer.rank, inner.rank + 0.001);
    }
  }
  adjusted.sort((a, b) => b.rank - a.rank || b.c.end - b.c.start - (a.c.end - a.c.start) || a.c.start - b.c.start);
  return adjusted.map((a) => a.c);
}

/** Each candidate in rank order that overlaps none kept before it, in order of start. */
export function keepNonOverlapping(ranked: readonly Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  // What is kept never overlaps, so ordered by start it is ordered by end too: a candidate overlaps
  // one kept only if the first kept to end after its start begins before its end (a binary search,
  // where comparing with every kept one made a screen of a thousand suggestions cost milliseconds).
  const taken: { start: number; end: number }[] = [];
  for (const c of ranked) {
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (taken[mid].end <= c.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo < taken.length && taken[lo].start < c.end) continue;
    kept.push(c);
    taken.splice(lo, 0, c);
  }
  return kept.sort((a, b) => a.start - b.start);
}
