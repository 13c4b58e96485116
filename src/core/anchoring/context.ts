/** How much of an annotation's stored context is still around a candidate place. */

export interface SideScores {
  /** Share of the prefix, of the suffix, and of both together, still adjacent to the occurrence. */
  pre: number;
  suf: number;
  all: number;
}

/** How much of the stored context is still adjacent to an occurrence at UTF-16 [u, u + len). */
export function contextScore(text: string, u: number, len: number, prefix: string, suffix: string): SideScores {
  let a = 0;
  while (a < prefix.length && u - 1 - a >= 0 && text.charCodeAt(u - 1 - a) === prefix.charCodeAt(prefix.length - 1 - a)) a++;
  let b = 0;
  const e = u + len;
  while (b < suffix.length && e + b < text.length && text.charCodeAt(e + b) === suffix.charCodeAt(b)) b++;
  return sides(a, prefix.length, u === 0, b, suffix.length, e >= text.length);
}

/** Side scores from matched/total lengths; an empty stored side matches only the text's own edge. */
export function sides(a: number, pl: number, atStart: boolean, b: number, sl: number, atEnd: boolean): SideScores {
  const pre = pl === 0 ? (atStart ? 1 : 0) : a / pl;
  const suf = sl === 0 ? (atEnd ? 1 : 0) : b / sl;
  const all = pl + sl === 0 ? (atStart && atEnd ? 1 : 0) : (a + b) / (pl + sl);
  return { pre, suf, all };
}

export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

/**
 * Edit distance from `a` to the best-matching start of `b` (characters of `b` past the match are
 * free): how much of a stored context survives next to a candidate, even when text was inserted
 * into it.
 */
export function contextDistance(a: number[], b: number[]): number {
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

