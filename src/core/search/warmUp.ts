import type { IndexState } from './indexState';

/**
 * What a new search thread types before anyone does. A worker restored from a snapshot (a second
 * start, or the renewal after a first build) has never run a search, and its first keystrokes ran
 * cold code: in plain Node, on the VS Code bench's restored 10,000-document index, the first typing
 * of its four queries had a p95 of 23.6-51.9 ms in ten processes, 9.0-16.7 ms in three where these
 * queries had been typed first (`FactIndex.warm` done in all; docs/benchmarks.md, 2 December).
 *
 * The queries are made of the index's own words, so that each step finds something and runs the
 * whole search (expansion by prefix and by spelling, common words probed, the re-ranking): each is
 * one of the commonest words of five letters or more (not a stopword) with one a few places down
 * the list, typed a letter at a time as a person would. Deterministic for a given index.
 */
export function warmUpPrefixes(st: IndexState, queries = 3): string[] {
  const ids: number[] = [];
  const words = st.vocab.words;
  for (let id = 0; id < st.post.length; id++) {
    const w = words[id];
    // A stopword is never posted (IndexState's stop flags), so `df > 0` already leaves them out.
    if (w.length >= 5 && st.df(id) > 0 && /^\p{L}+$/u.test(w)) ids.push(id);
  }
  ids.sort((a, b) => st.df(b) - st.df(a) || a - b);
  const out: string[] = [];
  for (let q = 0; q < queries && q < ids.length; q++) {
    const partner = ids[Math.min(ids.length - 1, queries + 4 * q + 5)];
    const text = partner === ids[q] ? words[ids[q]] : `${words[ids[q]]} ${words[partner]}`;
    for (let i = 1; i <= text.length; i++) out.push(text.slice(0, i));
  }
  return out;
}

/**
 * Runs `search` on each prefix, one per `next` turn, until they are done or `interrupted()` says
 * someone searched meanwhile (their own searches warm the code from there, and none of theirs
 * waits for more than one of these). `done(searches, interrupted)` at the end.
 */
export function runWarmUp(
  prefixes: readonly string[],
  search: (prefix: string) => void,
  interrupted: () => boolean,
  next: (step: () => void) => void,
  done: (searches: number, interrupted: boolean) => void = () => undefined,
): void {
  let i = 0;
  const step = (): void => {
    if (interrupted()) return done(i, true);
    if (i >= prefixes.length) return done(i, false);
    search(prefixes[i++]);
    next(step);
  };
  next(step);
}
