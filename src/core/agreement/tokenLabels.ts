/**
 * Labelling tokens with the entity type covering them, for the token-level measures. A token takes
 * the type of the annotation that overlaps it most (in code points); on a tie the annotation that
 * starts first, then the type first in code unit order. A token no annotation overlaps is `O`.
 */
import type { Token } from '../text/tokens';
import type { LabelledSpan } from './types';

export const OUTSIDE = 'O';

/** One label per token, in token order. `tokens` must be sorted by start (as `tokenize` returns them). */
export function labelTokens(tokens: readonly Token[], spans: readonly LabelledSpan[]): string[] {
  const n = tokens.length;
  const labels = new Array<string>(n).fill(OUTSIDE);
  if (n === 0 || spans.length === 0) return labels;
  const best = new Float64Array(n);
  const bestStart = new Float64Array(n);
  for (const s of spans) {
    if (s.end <= s.start) continue;
    // First token that ends after the span starts.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (tokens[mid].end <= s.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < n && tokens[i].start < s.end; i++) {
      const t = tokens[i];
      const overlap = Math.min(t.end, s.end) - Math.max(t.start, s.start);
      if (overlap <= 0) continue;
      const cur = labels[i];
      const better =
        cur === OUTSIDE ||
        overlap > best[i] ||
        (overlap === best[i] && (s.start < bestStart[i] || (s.start === bestStart[i] && s.type < cur)));
      if (better) {
        labels[i] = s.type;
        best[i] = overlap;
        bestStart[i] = s.start;
      }
    }
  }
  return labels;
}
