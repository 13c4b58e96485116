/** Shaping search results: plain data from a fact record and how it matched. */
import type { IndexedFact } from './indexState';
import { CodePointIndex } from '../text/codepoints';
import type { SearchResult } from './types';

/** One record as a search result: its identity and place, the score, merged highlight ranges, its entities. */
export function toResult(r: IndexedFact, score: number, ranges: [number, number][], exact: boolean): SearchResult {
  const names: string[] = [];
  const types: string[] = [];
  for (const e of r.entities) {
    if (!names.includes(e.name)) names.push(e.name);
    if (!types.includes(e.type)) types.push(e.type);
  }
  const res: SearchResult = {
    id: r.id,
    docId: r.docId,
    title: r.title,
    kind: r.kind,
    text: r.text,
    start: r.start,
    end: r.end,
    line: r.line,
    score: Math.round(score * 10000) / 10000,
    matches: toCodePointRanges(r.text, ranges),
    exact,
    entities: names,
    entityTypes: types,
  };
  if (r.fact) res.fact = { ...r.fact };
  return res;
}

/** Sorts and merges UTF-16 ranges, converting them to code points. */
function toCodePointRanges(text: string, ranges: [number, number][]): [number, number][] {
  if (ranges.length === 0) return [];
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  if (!/[\ud800-\udbff]/.test(text)) return merged;
  const cps = new CodePointIndex(text);
  return merged.map(([a, b]) => [cps.toCodePoint(a), cps.toCodePoint(b)]);
}
