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

/**
 * The documents a tally counts: a set, except that a whole-document add appends its document to a
 * list, made part of the set when the set is first asked for (a query, or an update that takes a
 * document back). A start that shows 10,000 documents from the scan cache adds some 200,000
 * (tally, document) pairs, and adding each to a set took about a third of the index's time there
 * (plain Node); most of those sets are never asked for, only their sizes.
 */
export class DocSet {
  // Both made when first needed: most tallies of a large corpus count one or a few documents.
  private set: Set<string> | undefined;
  private appended: string[] | undefined;

  /** A document the set does not hold (the caller knows: a whole-document add takes its document back first). */
  append(docKey: string): void {
    (this.appended ??= []).push(docKey);
  }

  add(docKey: string): void {
    this.settled().add(docKey);
  }

  delete(docKey: string): boolean {
    return this.settled().delete(docKey);
  }

  get size(): number {
    return (this.set?.size ?? 0) + (this.appended?.length ?? 0);
  }

  /** The documents, in the order they came. */
  keys(): ReadonlySet<string> {
    return this.settled();
  }

  private settled(): Set<string> {
    if (this.appended) {
      this.set = this.set ? this.appended.reduce((set, k) => set.add(k), this.set) : new Set(this.appended);
      this.appended = undefined;
    }
    return (this.set ??= new Set());
  }
}

export interface Tally {
  mentions: number;
  docs: DocSet;
  /** The last whole-document add that put its document in `docs` (CorpusIndex's `add`); 0 for none. */
  mark: number;
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
  docs: DocSet;
  /** As Tally's. */
  mark: number;
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

/**
 * The group and `type \0 text` keys of each (type, text) and the group key of each link, made once:
 * the index looks them up for every annotation of every document it is given (300,000 at a
 * 10,000-document start), and making the strings each time cost more than the counting.
 */
export class KeyCache {
  private readonly pairs = new Map<string, Map<string, { group: string; textType: string }>>();
  private readonly links = new Map<string, string>();
  private size = 0;

  /** `limit`: pairs kept before the cache starts again (texts typed a letter at a time pass through it). */
  constructor(private readonly limit = 200_000) {}

  pair(type: string, text: string): { group: string; textType: string } {
    let keys = this.pairs.get(type)?.get(text);
    if (keys) return keys;
    if (this.size >= this.limit) this.clear();
    this.size++;
    keys = { group: groupKeyOf({ type, text }), textType: type + SEP + text };
    let byText = this.pairs.get(type);
    if (!byText) this.pairs.set(type, (byText = new Map()));
    byText.set(text, keys);
    return keys;
  }

  group(a: Pick<EntityAnnotation, 'entity' | 'type' | 'text'>): string {
    if (!a.entity) return this.pair(a.type, a.text).group;
    let key = this.links.get(a.entity);
    if (key === undefined) this.links.set(a.entity, (key = groupKeyOf(a)));
    return key;
  }

  private clear(): void {
    this.pairs.clear();
    this.links.clear();
    this.size = 0;
  }
}

export function tallyOf(entities: readonly EntityAnnotation[], only?: TallyKeys, keyCache = new KeyCache()): DocTally {
  const t: DocTally = { types: new Map(), groups: new Map(), textTypes: new Map() };
  for (const a of entities) {
    // Restricted to some keys: an annotation can only count towards them if its type, text or link is among theirs.
    if (only && !only.types.has(a.type) && !only.texts.has(a.text) && !(a.entity !== undefined && only.links.has(a.entity))) continue;
    if (!only || only.types.has(a.type)) addCount(t.types, a.type, 1);
    const gk = keyCache.group(a);
    if (!only || only.groups.has(gk)) {
      let g = t.groups.get(gk);
      if (!g) t.groups.set(gk, (g = { mentions: 0, first: a, ...(a.entity ? { byType: new Map(), forms: new Map() } : {}) }));
      g.mentions++;
      if (g.byType) addCount(g.byType, a.type, 1);
      if (g.forms) addCount(g.forms, a.text, 1);
    }
    const tt = keyCache.pair(a.type, a.text).textType;
    if (!only || only.textTypes.has(tt)) addCount(t.textTypes, tt, 1);
  }
  return t;
}

/**
 * The keys a few changed annotations count towards: a document's tally restricted to them, taken
 * back and added again, updates the corpus-wide tallies as the whole tally would (every other key
 * has the same annotations counting towards it before and after).
 */
export interface TallyKeys {
  /** Types whose count changed. */
  types: Set<string>;
  groups: Set<string>;
  textTypes: Set<string>;
  /** The texts and links of the changed annotations: a cheap test before the keys are made. */
  texts: Set<string>;
  links: Set<string>;
}

/**
 * Where two sorted lists of the same length differ in what they count towards (type, link, text),
 * as the keys involved; undefined when they differ in more than `limit` places or in length (then
 * re-tallying the whole document costs about as much).
 */
export function changedKeys(a: readonly EntityAnnotation[], b: readonly EntityAnnotation[], limit = 16): TallyKeys | undefined {
  if (a.length !== b.length) return undefined;
  const keys: TallyKeys = { types: new Set(), groups: new Set(), textTypes: new Set(), texts: new Set(), links: new Set() };
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.type === y.type && x.entity === y.entity && x.text === y.text) continue;
    if (++n > limit) return undefined;
    for (const e of [x, y]) {
      keys.groups.add(groupKeyOf(e));
      keys.textTypes.add(e.type + SEP + e.text);
      keys.texts.add(e.text);
      if (e.entity !== undefined) keys.links.add(e.entity);
    }
    if (x.type !== y.type) keys.types.add(x.type).add(y.type);
  }
  return keys;
}

export function isSorted(entities: readonly EntityAnnotation[]): boolean {
  for (let i = 1; i < entities.length; i++) {
    const a = entities[i - 1];
    const b = entities[i];
    if (b.start < a.start || (b.start === a.start && b.end < a.end)) return false;
  }
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

/** The tally under `key`, made empty if there is none. */
export function tallyIn(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = { mentions: 0, docs: new DocSet(), mark: 0 }));
  return t;
}

/** An empty group for `key`, which `a` is the first mention of. */
export function newGroup(key: string, a: Pick<EntityAnnotation, 'entity' | 'type' | 'text'>): GroupAgg {
  return a.entity
    ? { key, entityId: a.entity, mentions: 0, docs: new DocSet(), mark: 0, byType: new Map(), forms: new Map() }
    : { key, text: a.text, textType: a.type, mentions: 0, docs: new DocSet(), mark: 0 };
}

export function updateTally(map: Map<string, Tally>, key: string, docKey: string, n: number, sign: 1 | -1): void {
  const t = tallyIn(map, key);
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

