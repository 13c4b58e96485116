/**
 * The corpus-wide index behind the Corpus views: per document its info, annotation counts by
 * type, entities and mentions; across the corpus the types, the entities with their mention and
 * document counts, and the inconsistencies (the same exact text tagged with two types).
 *
 * Pure and in memory. Updates are per document: `setDocument` takes back what the document's
 * previous version contributed and adds the new one, so it costs O(n log n) in the size n of that
 * document (sorting its annotations) and never walks the corpus. The registry is only looked up
 * when a query runs, so `setRegistry` is O(registry). Queries cost what they return, except
 * `documents()`, `corpusEntities()` and `inconsistencies()`, which walk the documents, the entity
 * groups or the inconsistent texts.
 *
 * Grouping: an annotation linked to a canonical entity groups under `entity:<id>` whatever its
 * text or type (so `Pékin` and `Beijing` linked to `beijing` are one entity); an unlinked one
 * groups by type and exact text under `text:<type>:<text>`. When a type is given to a query,
 * counts only take the mentions of that type, so a linked mention with an odd type shows up under
 * that type too (which is how it gets noticed).
 *
 * The index keeps the annotation arrays it is given (sorted copies, same objects): callers must
 * not mutate an annotation after passing it in; pass new objects and call `setDocument` again.
 */
import type { CanonicalEntity, EntityAnnotation } from '../model';
import type { DocumentInfo } from './documentInfo';

export interface DocumentStatus {
  /** Problems found in the sidecar (YAML errors, unknown types, …). */
  problems: number;
  /** Annotations re-anchored by approximate matching, to be reviewed. */
  moved: number;
  /** Annotations whose quote was not found. */
  orphaned: number;
}

export interface TypeCount {
  type: string;
  /** Mentions of the type. */
  count: number;
  /** Documents that hold the type (corpus queries; 1 in a document's own counts). */
  documentCount: number;
}

export interface DocumentSummary {
  key: string;
  info: DocumentInfo;
  /** Entity annotations in the document. */
  total: number;
  /** Counts by type, most frequent first. */
  counts: TypeCount[];
  status: DocumentStatus;
  /** True when the sidecar has problems or annotations are moved or orphaned. */
  flagged: boolean;
  /** Why the document is flagged, one short sentence each (for its tooltip). */
  reasons: string[];
}

export interface EntitySummary {
  /** `entity:<id>` or `text:<type>:<text>`: what `mentionsOf` and `corpusMentions` take. */
  key: string;
  /** The canonical entity id, for linked groups. */
  entityId?: string;
  /** Linked to an id that the registry holds. */
  registered: boolean;
  /** The canonical name; else the most frequent text of the mentions. */
  name: string;
  /** The registry's aliases (empty for unlinked text). */
  aliases: string[];
  /** Distinct texts of the mentions, most frequent first (`Beijing`, `Pékin`). */
  forms: string[];
  /** The type asked for; else the registry's type; else the most frequent mention type. */
  type: string;
  /** Every type its mentions carry, most frequent first. */
  types: string[];
  /** Mentions: in the document for `entitiesOf`, in the corpus for `corpusEntities`. */
  mentionCount: number;
  /** Documents that mention it, corpus-wide (of the given type, when one is given). */
  documentCount: number;
  /** Code point offset of its first mention, for `entitiesOf` (document order). */
  firstStart?: number;
}

export interface CorpusMention {
  docKey: string;
  annotation: EntityAnnotation;
}

export interface Inconsistency {
  text: string;
  /** Sorted. */
  types: string[];
  /** Documents where the text carries any of these types, sorted. */
  docKeys: string[];
}

/** The group an annotation belongs to (see the module comment). */
export function groupKeyOf(a: Pick<EntityAnnotation, 'entity' | 'type' | 'text'>): string {
  return a.entity ? `entity:${a.entity}` : `text:${a.type}:${a.text}`;
}

// ---------------------------------------------------------------------------------------------

/** Mentions per document: one entry per document that contributes. */
interface Tally {
  mentions: number;
  docs: Map<string, number>;
}

interface DocGroup {
  /** In document order. */
  mentions: EntityAnnotation[];
  byType: Map<string, number>;
  /** Linked groups only: mentions per text. */
  forms?: Map<string, number>;
}

interface DocEntry {
  key: string;
  info: DocumentInfo;
  status: DocumentStatus;
  entities: EntityAnnotation[];
  typeCounts: Map<string, number>;
  groups: Map<string, DocGroup>;
  /** text → type → mentions, for inconsistencies. */
  texts: Map<string, Map<string, number>>;
}

interface GroupAgg {
  key: string;
  entityId?: string;
  /** Unlinked groups: their text and type. */
  text?: string;
  textType?: string;
  mentions: number;
  byType: Map<string, Tally>;
  /** Linked groups only: mentions per text, corpus-wide. */
  forms?: Map<string, number>;
}

export class CorpusIndex {
  private readonly docs = new Map<string, DocEntry>();
  private readonly groups = new Map<string, GroupAgg>();
  private readonly types = new Map<string, Tally>();
  /** text → type → documents (mentions per document). */
  private readonly textTypes = new Map<string, Map<string, Map<string, number>>>();
  private readonly inconsistent = new Set<string>();
  private registry = new Map<string, CanonicalEntity>();
  private sortedKeys: string[] | undefined;

  get size(): number {
    return this.docs.size;
  }

  has(docKey: string): boolean {
    return this.docs.has(docKey);
  }

  /** Adds or replaces a document: O(size of this document and of its previous version). */
  setDocument(docKey: string, info: DocumentInfo, entities: readonly EntityAnnotation[], status: DocumentStatus): void {
    const old = this.docs.get(docKey);
    if (old) this.retract(old);
    else this.sortedKeys = undefined;
    const entry = buildEntry(docKey, info, entities, status);
    this.docs.set(docKey, entry);
    this.contribute(entry);
  }

  removeDocument(docKey: string): boolean {
    const old = this.docs.get(docKey);
    if (!old) return false;
    this.retract(old);
    this.docs.delete(docKey);
    this.sortedKeys = undefined;
    return true;
  }

  clear(): void {
    this.docs.clear();
    this.groups.clear();
    this.types.clear();
    this.textTypes.clear();
    this.inconsistent.clear();
    this.sortedKeys = undefined;
  }

  /** The canonical entities: names, aliases and types for linked groups. */
  setRegistry(entities: readonly CanonicalEntity[]): void {
    this.registry = new Map(entities.map((e) => [e.id, e]));
  }

  // ---- documents -----------------------------------------------------------------------------

  /** Every document, by key. */
  documents(): DocumentSummary[] {
    this.sortedKeys ??= [...this.docs.keys()].sort();
    return this.sortedKeys.map((k) => summarizeDocument(this.docs.get(k)!));
  }

  document(docKey: string): DocumentSummary | undefined {
    const d = this.docs.get(docKey);
    return d && summarizeDocument(d);
  }

  /** A document's types with counts, most frequent first. */
  typesOf(docKey: string): TypeCount[] {
    const d = this.docs.get(docKey);
    return d ? sortCounts([...d.typeCounts].map(([type, count]) => ({ type, count, documentCount: 1 }))) : [];
  }

  /** A document's entities (of one type), most mentioned first; mentionCount is in this document. */
  entitiesOf(docKey: string, type?: string): EntitySummary[] {
    const d = this.docs.get(docKey);
    if (!d) return [];
    const out: EntitySummary[] = [];
    for (const [key, g] of d.groups) {
      const count = type === undefined ? g.mentions.length : g.byType.get(type) ?? 0;
      if (count === 0) continue;
      const agg = this.groups.get(key)!;
      const first = type === undefined ? g.mentions[0] : g.mentions.find((m) => m.type === type)!;
      out.push({ ...this.summarizeGroup(agg, type), mentionCount: count, firstStart: first.start });
    }
    return sortEntities(out);
  }

  /** A group's mentions in one document, in document order. */
  mentionsOf(docKey: string, groupKey: string, type?: string): EntityAnnotation[] {
    const g = this.docs.get(docKey)?.groups.get(groupKey);
    if (!g) return [];
    return type === undefined ? [...g.mentions] : g.mentions.filter((m) => m.type === type);
  }

  // ---- corpus --------------------------------------------------------------------------------

  /** The corpus's types with mention and document counts, most frequent first. */
  corpusTypes(): TypeCount[] {
    return sortCounts([...this.types].map(([type, t]) => ({ type, count: t.mentions, documentCount: t.docs.size })));
  }

  /** Every entity group (with mentions of `type`), most mentioned first. */
  corpusEntities(type?: string): EntitySummary[] {
    const out: EntitySummary[] = [];
    for (const agg of this.groups.values()) {
      if (type !== undefined && !agg.byType.has(type)) continue;
      out.push(this.summarizeGroup(agg, type));
    }
    return sortEntities(out);
  }

  /** One group's corpus-wide summary, or undefined when nothing mentions it. */
  corpusEntity(groupKey: string, type?: string): EntitySummary | undefined {
    const agg = this.groups.get(groupKey);
    if (!agg || (type !== undefined && !agg.byType.has(type))) return undefined;
    return this.summarizeGroup(agg, type);
  }

  /** A group's mentions across the corpus, by document key then document order. */
  corpusMentions(groupKey: string, type?: string): CorpusMention[] {
    const agg = this.groups.get(groupKey);
    if (!agg) return [];
    const keys = type === undefined ? docsOf(agg) : [...(agg.byType.get(type)?.docs.keys() ?? [])];
    const out: CorpusMention[] = [];
    for (const docKey of keys.sort()) {
      for (const annotation of this.mentionsOf(docKey, groupKey, type)) out.push({ docKey, annotation });
    }
    return out;
  }

  /** Texts tagged with two or more types anywhere in the corpus, by text. */
  inconsistencies(): Inconsistency[] {
    const out: Inconsistency[] = [];
    for (const text of this.inconsistent) {
      const byType = this.textTypes.get(text)!;
      const docKeys = new Set<string>();
      for (const docs of byType.values()) for (const k of docs.keys()) docKeys.add(k);
      out.push({ text, types: [...byType.keys()].sort(), docKeys: [...docKeys].sort() });
    }
    return out.sort((a, b) => compare(a.text, b.text));
  }

  /** Whether a text is tagged with two or more types in the corpus: O(1). */
  isInconsistent(text: string): boolean {
    return this.inconsistent.has(text);
  }

  // ---- internals -----------------------------------------------------------------------------

  private summarizeGroup(agg: GroupAgg, type?: string): EntitySummary {
    const byTypeSorted = [...agg.byType].sort((a, b) => b[1].mentions - a[1].mentions || compare(a[0], b[0]));
    const types = byTypeSorted.map(([t]) => t);
    if (agg.entityId === undefined) {
      const t = type !== undefined ? agg.byType.get(type)! : byTypeSorted[0][1];
      return {
        key: agg.key,
        registered: false,
        name: agg.text!,
        aliases: [],
        forms: [agg.text!],
        type: agg.textType!,
        types,
        mentionCount: t.mentions,
        documentCount: t.docs.size,
      };
    }
    const canonical = this.registry.get(agg.entityId);
    const forms = [...agg.forms!].sort((a, b) => b[1] - a[1] || compare(a[0], b[0])).map(([f]) => f);
    const tally = type !== undefined ? agg.byType.get(type)! : undefined;
    return {
      key: agg.key,
      entityId: agg.entityId,
      registered: canonical !== undefined,
      name: canonical?.name ?? forms[0] ?? agg.entityId,
      aliases: canonical ? [...canonical.aliases] : [],
      forms,
      type: type ?? canonical?.type ?? types[0],
      types,
      mentionCount: tally ? tally.mentions : agg.mentions,
      documentCount: tally ? tally.docs.size : agg.byType.size === 1 ? byTypeSorted[0][1].docs.size : docsOf(agg).length,
    };
  }

  private contribute(d: DocEntry): void {
    for (const [type, n] of d.typeCounts) addTally(this.types, type, d.key, n);
    for (const [key, g] of d.groups) {
      let agg = this.groups.get(key);
      if (!agg) {
        const m = g.mentions[0];
        agg = m.entity
          ? { key, entityId: m.entity, mentions: 0, byType: new Map(), forms: new Map() }
          : { key, text: m.text, textType: m.type, mentions: 0, byType: new Map() };
        this.groups.set(key, agg);
      }
      agg.mentions += g.mentions.length;
      for (const [type, n] of g.byType) addTally(agg.byType, type, d.key, n);
      if (g.forms) for (const [f, n] of g.forms) agg.forms!.set(f, (agg.forms!.get(f) ?? 0) + n);
    }
    for (const [text, byType] of d.texts) {
      let tt = this.textTypes.get(text);
      if (!tt) this.textTypes.set(text, (tt = new Map()));
      for (const [type, n] of byType) {
        let docs = tt.get(type);
        if (!docs) tt.set(type, (docs = new Map()));
        docs.set(d.key, n);
      }
      if (tt.size > 1) this.inconsistent.add(text);
    }
  }

  private retract(d: DocEntry): void {
    for (const [type, n] of d.typeCounts) removeTally(this.types, type, d.key, n);
    for (const [key, g] of d.groups) {
      const agg = this.groups.get(key)!;
      agg.mentions -= g.mentions.length;
      for (const [type, n] of g.byType) removeTally(agg.byType, type, d.key, n);
      if (g.forms) {
        for (const [f, n] of g.forms) {
          const left = agg.forms!.get(f)! - n;
          if (left > 0) agg.forms!.set(f, left);
          else agg.forms!.delete(f);
        }
      }
      if (agg.mentions === 0) this.groups.delete(key);
    }
    for (const [text, byType] of d.texts) {
      const tt = this.textTypes.get(text)!;
      for (const type of byType.keys()) {
        const docs = tt.get(type)!;
        docs.delete(d.key);
        if (docs.size === 0) tt.delete(type);
      }
      if (tt.size === 0) this.textTypes.delete(text);
      if (tt.size < 2) this.inconsistent.delete(text);
    }
  }
}

function buildEntry(key: string, info: DocumentInfo, entities: readonly EntityAnnotation[], status: DocumentStatus): DocEntry {
  const sorted = [...entities].sort((a, b) => a.start - b.start || a.end - b.end);
  const typeCounts = new Map<string, number>();
  const groups = new Map<string, DocGroup>();
  const texts = new Map<string, Map<string, number>>();
  for (const a of sorted) {
    typeCounts.set(a.type, (typeCounts.get(a.type) ?? 0) + 1);
    const gk = groupKeyOf(a);
    let g = groups.get(gk);
    if (!g) groups.set(gk, (g = { mentions: [], byType: new Map(), forms: a.entity ? new Map() : undefined }));
    g.mentions.push(a);
    g.byType.set(a.type, (g.byType.get(a.type) ?? 0) + 1);
    if (g.forms) g.forms.set(a.text, (g.forms.get(a.text) ?? 0) + 1);
    let t = texts.get(a.text);
    if (!t) texts.set(a.text, (t = new Map()));
    t.set(a.type, (t.get(a.type) ?? 0) + 1);
  }
  return { key, info, status: { problems: status.problems, moved: status.moved, orphaned: status.orphaned }, entities: sorted, typeCounts, groups, texts };
}

function summarizeDocument(d: DocEntry): DocumentSummary {
  const { problems, moved, orphaned } = d.status;
  const reasons: string[] = [];
  if (problems > 0) reasons.push(`${plural(problems, 'problem')} in the sidecar`);
  if (moved > 0) reasons.push(`${plural(moved, 'moved annotation')} to review`);
  if (orphaned > 0) reasons.push(`${plural(orphaned, 'orphaned annotation')} (quote not found)`);
  return {
    key: d.key,
    info: d.info,
    total: d.entities.length,
    counts: sortCounts([...d.typeCounts].map(([type, count]) => ({ type, count, documentCount: 1 }))),
    status: { ...d.status },
    flagged: reasons.length > 0,
    reasons,
  };
}

function addTally(map: Map<string, Tally>, key: string, docKey: string, n: number): void {
  let t = map.get(key);
  if (!t) map.set(key, (t = { mentions: 0, docs: new Map() }));
  t.mentions += n;
  t.docs.set(docKey, n);
}

function removeTally(map: Map<string, Tally>, key: string, docKey: string, n: number): void {
  const t = map.get(key)!;
  t.mentions -= n;
  t.docs.delete(docKey);
  if (t.mentions === 0) map.delete(key);
}

function docsOf(agg: GroupAgg): string[] {
  if (agg.byType.size === 1) return [...agg.byType.values().next().value!.docs.keys()];
  const keys = new Set<string>();
  for (const t of agg.byType.values()) for (const k of t.docs.keys()) keys.add(k);
  return [...keys];
}

function sortCounts(c: TypeCount[]): TypeCount[] {
  return c.sort((a, b) => b.count - a.count || compare(a.type, b.type));
}

function sortEntities(e: EntitySummary[]): EntitySummary[] {
  return e.sort((a, b) => b.mentionCount - a.mentionCount || compare(a.name, b.name) || compare(a.key, b.key));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
