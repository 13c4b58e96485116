/**
 * The corpus-wide index behind the Corpus views: per document its info, annotation counts by
 * type, entities and mentions; across the corpus the types, the entities with their mention and
 * document counts, and the inconsistencies (the same exact text tagged with two types).
 *
 * Pure and in memory. Updates are per document: `setDocument` takes back what the document's
 * previous version contributed and adds the new one, so it costs O(n log n) in the size n of that
 * document (sorting its annotations) and never walks the corpus. The registry is only looked up
 * when a query runs, so `setRegistry` is O(registry). Per-document queries cost O(size of the
 * document); `corpusMentions` what it returns; `documents()` and `corpusEntities()` walk the
 * documents or the entity groups; `inconsistencies()` walks the documents that hold a flagged text.
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
import { groupKeyOf, type CorpusMention, type DocumentStatus, type DocumentSummary, type EntitySummary, type Inconsistency, type TypeCount } from './corpusSummaries';
import { addCount, changedKeys, KeyCache, compare, copyCounts, hasType, isSorted, newGroup, SEP, sortCounts, sortEntities, summarizeDocument, tallyIn, tallyOf, typeCounts, updateTally, type DocEntry, type DocTally, type GroupAgg, type Tally } from './indexTally';

export { groupKeyOf, type CorpusMention, type DocumentStatus, type DocumentSummary, type EntitySummary, type Inconsistency, type TypeCount } from './corpusSummaries';

export class CorpusIndex {
  private readonly docs = new Map<string, DocEntry>();
  private readonly groups = new Map<string, GroupAgg>();
  private readonly types = new Map<string, Tally>();
  /** `type \0 text` → mentions in the corpus. */
  private readonly textTypeCounts = new Map<string, number>();
  /** text → how many types it is tagged with. */
  private readonly textTypeNumber = new Map<string, number>();
  private readonly inconsistent = new Set<string>();
  private registry = new Map<string, CanonicalEntity>();
  private sortedKeys: string[] | undefined;
  private readonly keyCache = new KeyCache();
  /** Numbers the whole-document adds (see `add`). */
  private marks = 0;

  get size(): number {
    return this.docs.size;
  }

  has(docKey: string): boolean {
    return this.docs.has(docKey);
  }

  /** Adds or replaces a document: O(size of this document and of its previous version). */
  setDocument(docKey: string, info: DocumentInfo, entities: readonly EntityAnnotation[], status: DocumentStatus): void {
    const old = this.docs.get(docKey);
    const sorted = isSorted(entities) ? [...entities] : [...entities].sort((a, b) => a.start - b.start || a.end - b.end);
    // Typing moves annotations but seldom changes what they count towards, and then only for one or
    // two of them (a name typed into): only the keys those count towards are taken back and added
    // again, not the whole document's tally (O(n) map updates: 12 ms at 10,000 annotations).
    const keys = old && changedKeys(old.entities, sorted);
    if (old && keys) {
      if (keys.groups.size) {
        this.applyTally(old.key, tallyOf(old.entities, keys, this.keyCache), -1);
        this.applyTally(old.key, tallyOf(sorted, keys, this.keyCache), +1);
      }
      if (keys.types.size) old.counts = typeCounts(sorted);
      old.info = info;
      old.status = { problems: status.problems, moved: status.moved, orphaned: status.orphaned };
      old.entities = sorted;
      return;
    }
    if (old) this.apply(old, -1);
    else this.sortedKeys = undefined;
    const entry: DocEntry = {
      key: docKey,
      info,
      status: { problems: status.problems, moved: status.moved, orphaned: status.orphaned },
      entities: sorted,
      counts: typeCounts(sorted),
    };
    this.docs.set(docKey, entry);
    this.apply(entry, +1);
  }

  removeDocument(docKey: string): boolean {
    const old = this.docs.get(docKey);
    if (!old) return false;
    this.apply(old, -1);
    this.docs.delete(docKey);
    this.sortedKeys = undefined;
    return true;
  }

  clear(): void {
    this.docs.clear();
    this.groups.clear();
    this.types.clear();
    this.textTypeCounts.clear();
    this.textTypeNumber.clear();
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
    return d ? copyCounts(d.counts) : [];
  }

  /** A document's entities (of one type), most mentioned first; mentionCount is in this document. */
  entitiesOf(docKey: string, type?: string): EntitySummary[] {
    const d = this.docs.get(docKey);
    if (!d) return [];
    const here = new Map<string, { count: number; first: number }>();
    for (const a of d.entities) {
      if (type !== undefined && a.type !== type) continue;
      const gk = groupKeyOf(a);
      const g = here.get(gk);
      if (g) g.count++;
      else here.set(gk, { count: 1, first: a.start });
    }
    const out: EntitySummary[] = [];
    for (const [key, g] of here) out.push({ ...this.summarizeGroup(this.groups.get(key)!, type), mentionCount: g.count, firstStart: g.first });
    return sortEntities(out);
  }

  /** A group's mentions in one document, in document order. */
  mentionsOf(docKey: string, groupKey: string, type?: string): EntityAnnotation[] {
    const d = this.docs.get(docKey);
    const agg = this.groups.get(groupKey);
    if (!d || !agg) return [];
    const { entityId, text, textType } = agg;
    return entityId !== undefined
      ? d.entities.filter((a) => a.entity === entityId && (type === undefined || a.type === type))
      : type !== undefined && type !== textType
        ? []
        : d.entities.filter((a) => !a.entity && a.type === textType && a.text === text);
  }

  // ---- corpus --------------------------------------------------------------------------------

  /** The corpus's types with mention and document counts, most frequent first. */
  corpusTypes(): TypeCount[] {
    return sortCounts([...this.types].map(([type, t]) => ({ type, count: t.mentions, documentCount: t.docs.size })));
  }

  /** Every entity group (with mentions of `type`), most mentioned first. */
  corpusEntities(type?: string): EntitySummary[] {
    const out: EntitySummary[] = [];
    for (const agg of this.groups.values()) if (hasType(agg, type)) out.push(this.summarizeGroup(agg, type));
    return sortEntities(out);
  }

  /** One group's corpus-wide summary, or undefined when nothing mentions it: O(1) for unlinked text. */
  corpusEntity(groupKey: string, type?: string): EntitySummary | undefined {
    const agg = this.groups.get(groupKey);
    return agg && hasType(agg, type) ? this.summarizeGroup(agg, type) : undefined;
  }

  /** A group's mentions across the corpus, by document key then document order. */
  corpusMentions(groupKey: string, type?: string): CorpusMention[] {
    const agg = this.groups.get(groupKey);
    if (!agg || !hasType(agg, type)) return [];
    const keys = (type === undefined || !agg.byType ? agg.docs : agg.byType.get(type)!.docs).keys();
    const out: CorpusMention[] = [];
    for (const docKey of [...keys].sort()) {
      for (const annotation of this.mentionsOf(docKey, groupKey, type)) out.push({ docKey, annotation });
    }
    return out;
  }

  /**
   * Texts tagged with two or more types anywhere in the corpus, by text: O(types + linked groups
   * + the documents listed) per flagged text.
   */
  inconsistencies(): Inconsistency[] {
    const out: Inconsistency[] = [];
    const linked = [...this.groups.values()].filter((g) => g.forms);
    for (const text of this.inconsistent) {
      const types = [...this.types.keys()].filter((t) => this.textTypeCounts.has(t + SEP + text)).sort();
      const docKeys = new Set<string>();
      for (const t of types) this.groups.get(`text:${t}:${text}`)?.docs.keys().forEach((k) => docKeys.add(k));
      for (const g of linked) g.forms!.get(text)?.docs.keys().forEach((k) => docKeys.add(k));
      out.push({ text, types, docKeys: [...docKeys].sort() });
    }
    return out.sort((a, b) => compare(a.text, b.text));
  }

  /** Whether a text is tagged with two or more types in the corpus: O(1). */
  isInconsistent(text: string): boolean {
    return this.inconsistent.has(text);
  }

  // ---- internals -----------------------------------------------------------------------------

  private summarizeGroup(agg: GroupAgg, type?: string): EntitySummary {
    if (agg.entityId === undefined) {
      return {
        key: agg.key,
        registered: false,
        name: agg.text!,
        aliases: [],
        forms: [agg.text!],
        type: agg.textType!,
        types: [agg.textType!],
        mentionCount: agg.mentions,
        documentCount: agg.docs.size,
      };
    }
    const byType = [...agg.byType!].sort((a, b) => b[1].mentions - a[1].mentions || compare(a[0], b[0]));
    const canonical = this.registry.get(agg.entityId);
    const forms = [...agg.forms!].sort((a, b) => b[1].mentions - a[1].mentions || compare(a[0], b[0])).map(([f]) => f);
    const tally = type !== undefined ? agg.byType!.get(type)! : undefined;
    return {
      key: agg.key,
      entityId: agg.entityId,
      registered: canonical !== undefined,
      name: canonical?.name ?? forms[0] ?? agg.entityId,
      aliases: canonical ? [...canonical.aliases] : [],
      forms,
      type: type ?? canonical?.type ?? byType[0][0],
      types: byType.map(([t]) => t),
      mentionCount: tally ? tally.mentions : agg.mentions,
      documentCount: tally ? tally.docs.size : agg.docs.size,
    };
  }

  /** Adds (+1) or takes back (-1) what a document contributes. */
  private apply(d: DocEntry, sign: 1 | -1): void {
    if (sign > 0) this.add(d);
    else this.applyTally(d.key, tallyOf(d.entities, undefined, this.keyCache), sign);
  }

  /**
   * Adds a whole document annotation by annotation, without first tallying it: a start that shows
   * 10,000 documents from the scan cache adds 300,000 annotations here, and building a tally's maps
   * first (several per document) made it a quarter slower (plain Node). A tally's document set takes
   * the document once per add: `mark` says the tally has it already for this add. The document is in
   * no tally before (a replaced one was taken back first), so it is appended (see DocSet).
   */
  private add(d: DocEntry): void {
    const docKey = d.key;
    const mark = ++this.marks;
    for (const a of d.entities) {
      countOnce(tallyIn(this.types, a.type), docKey, mark);
      // The (type, text) keys are looked up once for both uses.
      const pair = this.keyCache.pair(a.type, a.text);
      const key = a.entity ? this.keyCache.group(a) : pair.group;
      let agg = this.groups.get(key);
      if (!agg) this.groups.set(key, (agg = newGroup(key, a)));
      countOnce(agg, docKey, mark);
      if (agg.byType) {
        countOnce(tallyIn(agg.byType, a.type), docKey, mark);
        countOnce(tallyIn(agg.forms!, a.text), docKey, mark);
      }
      this.countTextType(pair.textType, 1, a.text);
    }
  }

  /** Takes back (-1) or adds (+1) what a document contributes to the corpus-wide tallies (or to some of their keys). */
  private applyTally(docKey: string, t: DocTally, sign: 1 | -1): void {
    for (const [type, n] of t.types) updateTally(this.types, type, docKey, n, sign);
    for (const [key, g] of t.groups) {
      let agg = this.groups.get(key);
      if (!agg) this.groups.set(key, (agg = newGroup(key, g.first)));
      agg.mentions += sign * g.mentions;
      if (sign > 0) agg.docs.add(docKey);
      else agg.docs.delete(docKey);
      if (g.byType) for (const [type, n] of g.byType) updateTally(agg.byType!, type, docKey, n, sign);
      if (g.forms) for (const [f, n] of g.forms) updateTally(agg.forms!, f, docKey, n, sign);
      if (agg.mentions === 0) this.groups.delete(key);
    }
    for (const [tt, n] of t.textTypes) this.countTextType(tt, sign * n);
  }

  /**
   * Adds `delta` mentions of a `type \0 text` key; when the key appears or goes, the number of
   * types its text is tagged with follows, and with it whether the text is inconsistent. `text` is
   * the key's text, when the caller has it at hand (it is cut from the key otherwise).
   */
  private countTextType(tt: string, delta: number, text?: string): void {
    const before = this.textTypeCounts.get(tt) ?? 0;
    const after = addCount(this.textTypeCounts, tt, delta);
    if ((before === 0) === (after === 0)) return;
    text ??= tt.slice(tt.indexOf(SEP) + 1);
    const number = addCount(this.textTypeNumber, text, after > 0 ? 1 : -1);
    if (number > 1) this.inconsistent.add(text);
    else this.inconsistent.delete(text);
  }
}

/** One more mention in a tally, whose document set takes `docKey` once per whole-document add. */
function countOnce(t: Tally, docKey: string, mark: number): void {
  t.mentions++;
  if (t.mark === mark) return;
  t.docs.append(docKey);
  t.mark = mark;
}
