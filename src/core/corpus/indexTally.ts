/**
 * The corpus index's bookkeeping: what it keeps per document and per entity group, and the
 * counting, sorting and summarising helpers that keep those tallies right as documents change.
 */
import type { EntityAnnotation } from '../model';
import type { DocumentInfo } from './documentInfo';
import { groupKeyOf, type DocumentStatus, type DocumentSummary, type EntitySummary, type TypeCount } from './corpusSummaries';
import { plural } from '../text/plural';

// Memory: a document keeps only its sorted annotations; what it contributed is recounted from them
// when it is replaced or removed. Corpus-wide, a group keeps a count and the set of documents that
// mention it (per type only for linked groups, whose mentions may carry several types), and texts
// keep per-type counts in one flat map.

export interface Tally {
  mentions: number;
  docs: Set<string>;
}

export interface DocEntry {
  key: string;
  info: DocumentInfo;
  status: DocumentStatus;
  /** By start, then end. */
  entities: EntityAnnotation[];
  /** Counts by type, most frequent first (copied out by queries). */
  counts: TypeCount[];
}

export interface GroupAgg {
  key: string;
  /** Linked groups. */
  entityId?: string;
  /** Unlinked groups: their text and type. */
  text?: string;
  textType?: string;
  mentions: number;
  docs: Set<string>;
  /** Linked groups only: mentions and documents per type. */
  byType?: Map<string, Tally>;
  /** Linked groups only: mentions and documents per text, corpus-wide. */
  forms?: Map<string, Tally>;
}

/** What one document contributes, recounted from its annotations when needed. */
export interface DocTally {
  types: Map<string, number>;
  groups: Map<string, { mentions: number; first: EntityAnnotation; byType?: Map<string, number>; forms?: Map<string, number> }>;
  /** `type \0 text` → mentions. */
  textTypes: Map<string, number>;
}

export const SEP = '\u0000';

export function tallyOf(entities: readonly EntityAnnotation[]): DocTally {
  const t: DocTally = { types: new Map(), groups: new Map(), textTypes: new Map() };
  for (const a of entities) {
    addCount(t.types, a.type, 1);
    const gk = groupKeyOf(a);
    let g = t.groups.get(gk);
    if (!g) t.groups.set(gk, (g = { mentions: 0, first: a, ...(a.entity ? { byType: new Map(), forms: new Map() } : {}) }));
    g.mentions++;
    if (g.byType) addCount(g.byType, a.type, 1);
    if (g.forms) addCount(g.forms, a.text, 1);
    addCount(t.textTypes, a.type + SEP + a.text, 1);
  }
  return t;
}

export function isSorted(entities: readonly EntityAnnotation[]): boolean {
  for (let i = 1; i < entities.length; i++) {
    const a = entities[i - 1];
    const b = entities[i];
    if (b.start < a.start || (b.start === a.start && b.end < a.end)) return false;
  }
  return true;
}

/** Whether two sorted lists contribute the same tally: same types, links and texts, in order. */
export function sameTally(a: readonly EntityAnnotation[], b: readonly EntityAnnotation[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].type !== b[i].type || a[i].entity !== b[i].entity || a[i].text !== b[i].text) return false;
  return true;
}

export function hasType(agg: GroupAgg, type: string | undefined): boolean {
  return type === undefined || (agg.byType ? agg.byType.has(type) : agg.textType === type);
}

export function typeCounts(entities: readonly EntityAnnotation[]): TypeCount[] {
  const m = new Map<string, number>();
  for (const a of entities) addCount(m, a.type, 1);
  return sortCounts([...m].map(([type, count]) => ({ type, count, documentCount: 1 })));
}

export function copyCounts(c: TypeCount[]): TypeCount[] {
  return c.map((x) => ({ type: x.type, count: x.count, documentCount: x.documentCount }));
}

export function summarizeDocument(d: DocEntry): DocumentSummary {
  const { problems, moved, orphaned } = d.status;
  const reasons: string[] = [];
  if (problems > 0) reasons.push(`${plural(problems, 'problem')} in the sidecar`);
  if (moved > 0) reasons.push(`${plural(moved, 'moved annotation')} to review`);
  if (orphaned > 0) reasons.push(`${plural(orphaned, 'orphaned annotation')} (quote not found)`);
  return {
    key: d.key,
    info: d.info,
    total: d.entities.length,
    counts: copyCounts(d.counts),
    status: { ...d.status },
    flagged: reasons.length > 0,
    reasons,
  };
}

/** Adds `delta` to a count, deleting it at zero; returns the new count. */
export function addCount(map: Map<string, number>, key: string, delta: number): number {
  const n = (map.get(key) ?? 0) + delta;
  if (n === 0) map.delete(key);
  else map.set(key, n);
  return n;
}

export function updateTally(map: Map<string, Tally>, key: string, docKey: string, n: number, sign: 1 | -1): void {
  let t = map.get(key);
  if (!t) map.set(key, (t = { mentions: 0, docs: new Set() }));
  t.mentions += sign * n;
  if (sign > 0) t.docs.add(docKey);
  else t.docs.delete(docKey);
  if (t.mentions === 0) map.delete(key);
}

export function sortCounts(c: TypeCount[]): TypeCount[] {
  return c.sort((a, b) => b.count - a.count || compare(a.type, b.type));
}

export function sortEntities(e: EntitySummary[]): EntitySummary[] {
  return e.sort((a, b) => b.mentionCount - a.mentionCount || compare(a.name, b.name) || compare(a.key, b.key));
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

