/** Approximate matching of a quote in a window of text (edit distance). */

export interface FuzzyHit {
  start: number; // code points in the new text
  end: number;
  dist: number;
}

/**
 * Semi-global alignment (Sellers): the substrings of window `w` closest to `q` in edit distance,
 * at most `maxDist`; returns local minima, best first, at most `limit`.
 */
export function fuzzyFind(q: number[], w: number[], offset: number, maxDist: number, limit: number, expected: number): FuzzyHit[] {
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

