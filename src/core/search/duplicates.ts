import type { SearchResult } from './types';

export interface GroupedResult extends SearchResult {
  /** 1-based lines of every occurrence of this sentence in its document, ascending (the result's own first). */
  lines: number[];
  /** The other occurrences, in the order they ranked. */
  others: SearchResult[];
}

/**
 * A sentence that occurs more than once in a document (a caption repeated, a boilerplate line)
 * is one result, at its best-ranked place, with all its lines: the list shows distinct hits.
 * Keeps the ranking order of the first occurrences; recorded facts are never merged with sentences.
 */
export function groupDuplicateResults(results: readonly SearchResult[]): GroupedResult[] {
  const groups = new Map<string, GroupedResult>();
  for (const r of results) {
    const key = `${r.docId}\u0000${r.kind}\u0000${r.text}`;
    const g = groups.get(key);
    if (g) {
      g.others.push(r);
      g.lines.push(r.line);
    } else groups.set(key, { ...r, lines: [r.line], others: [] });
  }
  const out = [...groups.values()];
  for (const g of out) g.lines = [...new Set(g.lines)].sort((a, b) => a - b);
  return out;
}
