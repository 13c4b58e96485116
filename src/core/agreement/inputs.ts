/**
 * From two sources' documents to the comparison's inputs: documents matched by relative path, and
 * B's annotations re-anchored onto A's text when the two texts differ (the measures count A's tokens).
 */
import { reanchor } from '../anchoring/reanchor';
import type { EntityAnnotation } from '../model';
import type { CompareInput } from './types';

export interface SourceDocument {
  /** Relative path, `/`-separated. */
  document: string;
  /** Normalised text. */
  text: string;
  entities: readonly EntityAnnotation[];
}

/** Keeps the annotations of one author (the `{ author }` source); `''` keeps those without an author. */
export function byAuthor(entities: readonly EntityAnnotation[], author: string): EntityAnnotation[] {
  return entities.filter((e) => (e.author ?? '') === author);
}

/**
 * Pairs the documents present on both sides (by path, sorted), or only those listed in `only`.
 * Returns the inputs plus the paths found on one side only.
 */
export function pairDocuments(a: readonly SourceDocument[], b: readonly SourceDocument[], only?: readonly string[]): { inputs: CompareInput[]; onlyA: string[]; onlyB: string[] } {
  const bMap = new Map(b.map((d) => [d.document, d]));
  const aMap = new Map(a.map((d) => [d.document, d]));
  const wanted = only ? new Set(only) : undefined;
  const inputs: CompareInput[] = [];
  const onlyA: string[] = [];
  for (const da of [...a].sort((x, y) => (x.document < y.document ? -1 : x.document > y.document ? 1 : 0))) {
    if (wanted && !wanted.has(da.document)) continue;
    const db = bMap.get(da.document);
    if (!db) {
      onlyA.push(da.document);
      continue;
    }
    const spansA = da.entities.map((e) => ({ start: e.start, end: e.end, type: e.type }));
    if (db.text === da.text) {
      inputs.push({ document: da.document, text: da.text, a: spansA, b: db.entities.map((e) => ({ start: e.start, end: e.end, type: e.type })) });
      continue;
    }
    const moved = reanchor(da.text, db.entities, { oldText: db.text });
    // Orphaned annotations have no place in A's text: they are left out and counted.
    const kept = moved.annotations.filter((e) => e.status !== 'orphaned');
    inputs.push({
      document: da.document,
      text: da.text,
      a: spansA,
      b: kept.map((e) => ({ start: e.start, end: e.end, type: e.type })),
      textDiffers: { reanchored: kept.length, moved: moved.moved, orphaned: moved.orphaned },
    });
  }
  const onlyB = b.filter((d) => !aMap.has(d.document) && (!wanted || wanted.has(d.document))).map((d) => d.document).sort();
  return { inputs, onlyA, onlyB };
}
