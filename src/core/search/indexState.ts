/**
 * What the fact index holds: one slot per fact record (its document, length and flags in typed
 * arrays), word postings over a vocabulary, facet postings, the documents' slot ranges and titles,
 * and the scratch arrays searches reuse. `FactIndex.clear()` simply replaces it with a new one.
 *
 * A document's facts occupy a contiguous range of slots; replacing or removing a document tombstones
 * its range and appends the new one. Postings are compacted once a quarter of the slots are dead.
 *
 * Of each record the index keeps only what a result shows (`IndexedFact`), column by column: at
 * 1,172,003 facts (10,000 seed-size documents) the records as extracted held 1.1 GB of the search
 * worker's heap, about 900 bytes each, half of it sentence texts that were slices of two-byte
 * document texts (which a slice keeps alive whole). Numbers, dates and years count only as facets.
 */
import type { FactKind, FactRecord } from '../facts/extract';
import { ownCopy } from '../text/ownCopy';
import { ALIVE, EntityFacetCache, FACT, FacetPostings, HELD, recordFacets } from './facets';
import type { DocEntitySummary } from './entities';
import { MentionColumns, type IndexedEntity } from './mentions';
import { growFloat64, growInt32, growUint16, growUint8, Postings } from './postings';
import { compactKey, fold, forEachToken, isStopword } from './tokenize';
import { Vocabulary, type Variant } from './vocabulary';

export interface DocEntry {
  id: string;
  title: string;
  /** Folded file name (last path segment of the id, URI-decoded). */
  name: string;
  /** Folded title words, and the title as a compact key, for `doc:` filters. */
  titleWords: string[];
  titleKey: string;
  first: number;
  count: number;
  alive: boolean;
}

/** A fact as the index keeps it and a result shows it: a `FactRecord` without its numbers, dates, years and language, its entities without their annotation ids and aliases. */
export type IndexedFact = Pick<FactRecord, 'id' | 'docId' | 'title' | 'kind' | 'text' | 'start' | 'end' | 'line' | 'fact'> & { entities: IndexedEntity[] };

/** What few records have: kept only where a record has it (the id only where it is not `s:<start>-<end>`). Entities are in `IndexState.mentions`. */
export interface FactExtra {
  id?: string;
  kind?: FactKind;
  fact?: IndexedFact['fact'];
}

/**
 * Where the texts of slots not held in memory are read (the search worker's snapshot file, see
 * indexSnapshot.ts): the index itself does no I/O. Offsets and lengths are the store's own units.
 */
export interface TextStore {
  read(offset: number, length: number): string;
}

/** Per-query marks, indexed by slot; an epoch stamp makes resetting them free. */
export class Scratch {
  epoch = 0;
  stamp = new Int32Array(0);
  score = new Float32Array(0);
  req = new Uint8Array(0);
  tmark = new Uint8Array(0);
  fstamp = new Int32Array(0);
  fcount = new Uint8Array(0);
  touched = new Int32Array(0);

  ensure(n: number): void {
    if (this.stamp.length >= n) return;
    const cap = Math.max(n, Math.ceil(this.stamp.length * 1.5), 1024);
    this.stamp = new Int32Array(cap);
    this.score = new Float32Array(cap);
    this.req = new Uint8Array(cap);
    this.tmark = new Uint8Array(cap);
    this.fstamp = new Int32Array(cap);
    this.fcount = new Uint8Array(cap);
    this.touched = new Int32Array(cap);
    this.epoch = 0;
  }

  nextEpoch(): number {
    if (this.epoch >= 0x7ffffff0) {
      this.stamp.fill(0);
      this.fstamp.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }
}

export class IndexState {
  readonly vocab = new Vocabulary();
  /** Word postings, by vocabulary id. */
  readonly post: Postings[] = [];
  readonly facets = new FacetPostings();
  /**
   * Per slot: the record's text (an own copy, see the top) unless it is in the text store
   * (`storeAt` >= 0), its offsets and line, and its rarer fields. The columns are read and replaced
   * by indexSnapshot.ts.
   */
  texts: (string | undefined)[] = [];
  extras: (FactExtra | undefined)[] = [];
  /** The records' entity mentions, by slot. */
  mentions = new MentionColumns();
  startOf = new Int32Array(1024);
  endOf = new Int32Array(1024);
  lineOf = new Int32Array(1024);
  /** Where a slot's text is in `store` (-1: in `texts`), and its length there. */
  storeAt = new Float64Array(1024);
  storeLength = new Int32Array(1024);
  store: TextStore | undefined;
  docOf = new Int32Array(1024);
  lenOf = new Uint16Array(1024);
  flags = new Uint8Array(1024);
  slots = 0;
  dead = 0;
  aliveCount = 0;
  totalLen = 0;
  readonly docs: DocEntry[] = [];
  readonly docIndex = new Map<string, number>();
  /**
   * Documents restored from a snapshot and not yet confirmed current (`confirm`): their slots are
   * flagged HELD instead of ALIVE, so no search sees them until the caller has checked their files.
   */
  readonly held = new Map<string, number>();
  /**
   * Long word postings in the order of their slots' lengths, shortest first, made by the searches
   * that read them and by `FactIndex.warm` (`lengthOrder` in scoring.ts). One holds while its list
   * has the same length and no compaction has renumbered the slots since.
   */
  readonly lengthOrders = new Map<number, { of: Postings; n: number; compactions: number; order: Int32Array; facts: number }>();
  /** Compactions so far: each renumbers the slots. */
  compactions = 0;
  /** Documents by title word id, built on demand (undefined: to redo). */
  titlePost: Map<number, number[]> | undefined;
  titleWords = new Set<number>();
  /** Per-document entity summaries for searchEntities, computed on demand (undefined: to redo). */
  readonly entitySummaries = new Map<string, DocEntitySummary | undefined>();
  /** Word expansions, reused while typing; dropped on every change. */
  readonly expandCache = new Map<string, Variant[]>();
  readonly scratch = new Scratch();
  private readonly entityFacets = new EntityFacetCache();
  // While a record is added: the slot, its word count, and per word the last slot it was posted for.
  private wordMark = new Int32Array(1024);
  private stop = new Uint8Array(1024);
  private curSlot = 0;
  private curLen = 0;

  /** The text of a live slot's fact. */
  text(s: number): string {
    return this.texts[s] ?? this.store!.read(this.storeAt[s], this.storeLength[s]);
  }

  /** A live slot's fact, as a result shows it. */
  fact(s: number): IndexedFact {
    const start = this.startOf[s];
    const end = this.endOf[s];
    const x = this.extras[s];
    const doc = this.docs[this.docOf[s]];
    const f: IndexedFact = {
      id: x?.id ?? `s:${start}-${end}`,
      docId: doc.id,
      title: doc.title,
      kind: x?.kind ?? 'sentence',
      text: this.text(s),
      start,
      end,
      line: this.lineOf[s],
      entities: this.mentions.of(s),
    };
    if (x?.fact) f.fact = x.fact;
    return f;
  }

  /** The facts of slots [from, to), all live (a document's range). */
  *facts(from: number, to: number): Generator<IndexedFact> {
    for (let s = from; s < to; s++) yield this.fact(s);
  }

  /** The facts of slots [from, to) that hold entities (the others need not have their texts read). */
  *factsWithEntities(from: number, to: number): Generator<IndexedFact> {
    for (const s of this.mentions.slotsIn(from, to)) yield this.fact(s);
  }

  /** Adds or replaces the facts of one document. */
  setDocument(docId: string, records: FactRecord[]): void {
    this.dropHeld(docId);
    let d = this.docIndex.get(docId);
    const isNew = d === undefined;
    if (d !== undefined) this.tombstone(d);
    else {
      d = this.docs.length;
      this.docs.push({ id: docId, title: '', name: fileName(docId), titleWords: [], titleKey: '', first: 0, count: 0, alive: true });
      this.docIndex.set(docId, d);
    }
    const entry = this.docs[d];
    const title = records[0]?.title ?? entry.title;
    entry.alive = true;
    if (title !== entry.title || isNew) {
      this.titlePost = undefined;
      entry.titleWords = fold(title).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      entry.titleKey = compactKey(title);
    }
    entry.title = title;
    entry.first = this.slots;
    entry.count = records.length;
    this.entitySummaries.set(docId, undefined);
    this.ensureSlots(this.slots + records.length);
    // The title's words also go with the document's first fact (usually the headline), so a query
    // that only names the document still finds it.
    records.forEach((r, i) => this.addRecord(r, d, i === 0 ? title : undefined));
    this.changed();
  }

  removeDocument(docId: string): void {
    if (this.dropHeld(docId)) this.changed();
    const d = this.docIndex.get(docId);
    if (d === undefined) return;
    this.tombstone(d);
    this.docs[d].alive = false;
    this.docIndex.delete(docId);
    this.entitySummaries.delete(docId);
    this.titlePost = undefined;
    this.changed();
  }

  /** Makes a held document's facts searchable (its file is what the snapshot was made from); false when it is not held. */
  confirm(docId: string): boolean {
    const d = this.releaseHeld(docId, (s) => {
      this.flags[s] |= ALIVE;
      this.totalLen += this.lenOf[s];
      this.aliveCount++;
    });
    if (d === undefined) return false;
    this.docs[d].alive = true;
    this.docIndex.set(docId, d);
    this.entitySummaries.set(docId, undefined);
    this.titlePost = undefined;
    this.expandCache.clear();
    return true;
  }

  /** Drops every document still held (their files are gone, or were never confirmed); returns their ids. */
  dropAllHeld(): string[] {
    const ids = [...this.held.keys()];
    for (const id of ids) this.dropHeld(id);
    if (ids.length) this.changed();
    return ids;
  }

  private dropHeld(docId: string): boolean {
    const d = this.releaseHeld(docId, (s) => {
      this.texts[s] = undefined;
      this.extras[s] = undefined;
      this.dead++;
    });
    if (d === undefined) return false;
    this.docs[d].count = 0;
    return true;
  }

  /** Takes a document out of `held`, unflagging and visiting each of its held slots; its number, or undefined when it was not held. */
  private releaseHeld(docId: string, visit: (s: number) => void): number | undefined {
    const d = this.held.get(docId);
    if (d === undefined) return undefined;
    this.held.delete(docId);
    const e = this.docs[d];
    for (let s = e.first; s < e.first + e.count; s++) {
      if (!(this.flags[s] & HELD)) continue;
      this.flags[s] &= ~HELD;
      visit(s);
    }
    return d;
  }

  df(id: number): number {
    return this.post[id]?.n ?? 0;
  }

  idf(id: number): number {
    const n = Math.max(1, this.aliveCount);
    const df = this.df(id);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Documents by the ids of their title words (stopwords left out), built once per change of titles. */
  titles(): Map<number, number[]> {
    if (this.titlePost) return this.titlePost;
    const tp = new Map<number, number[]>();
    const words = new Set<number>();
    this.docs.forEach((e, d) => {
      if (!e.alive) return;
      const seen = new Set<number>();
      forEachToken(e.title, (t) => {
        if (isStopword(t)) return;
        const id = this.wordId(t);
        words.add(id);
        if (seen.has(id)) return;
        seen.add(id);
        const l = tp.get(id);
        if (l) l.push(d);
        else tp.set(id, [d]);
      });
    });
    this.titleWords = words;
    this.expandCache.clear();
    return (this.titlePost = tp);
  }

  changed(): void {
    this.expandCache.clear();
    if (this.dead > 1024 && this.dead > this.slots / 4) this.compact();
  }

  private ensureSlots(n: number): void {
    this.docOf = growInt32(this.docOf, n);
    this.lenOf = growUint16(this.lenOf, n);
    this.flags = growUint8(this.flags, n);
    this.startOf = growInt32(this.startOf, n);
    this.endOf = growInt32(this.endOf, n);
    this.lineOf = growInt32(this.lineOf, n);
    this.storeAt = growFloat64(this.storeAt, n);
    this.storeLength = growInt32(this.storeLength, n);
  }

  private tombstone(d: number): void {
    const e = this.docs[d];
    for (let s = e.first; s < e.first + e.count; s++) {
      if (!(this.flags[s] & ALIVE)) continue;
      this.flags[s] &= ~ALIVE;
      this.texts[s] = undefined;
      this.extras[s] = undefined;
      this.totalLen -= this.lenOf[s];
      this.aliveCount--;
      this.dead++;
    }
    e.count = 0;
  }

  /** The vocabulary id of a word, interning it (with empty postings and its stopword flag) when new. */
  wordId(t: string): number {
    let id = this.vocab.ids.get(t);
    if (id === undefined) {
      id = this.vocab.intern(t);
      this.post[id] = new Postings();
      this.wordMark = growInt32(this.wordMark, id + 1);
      this.wordMark[id] = -1;
      this.stop = growUint8(this.stop, id + 1);
      this.stop[id] = isStopword(t) ? 1 : 0;
    }
    return id;
  }

  /** Indexes one word for the slot being added (stopwords are interned too, flagged, so one look-up decides). */
  private readonly addWord = (t: string): void => {
    const id = this.wordId(t);
    if (this.stop[id] || this.wordMark[id] === this.curSlot) return;
    this.wordMark[id] = this.curSlot;
    this.post[id].push(this.curSlot);
  };

  private readonly countAndAdd = (t: string): void => {
    this.curLen++;
    this.addWord(t);
  };

  private readonly addFacet = (key: string): void => this.facets.add(key, this.curSlot);

  private addRecord(r: FactRecord, d: number, title?: string): void {
    const slot = this.slots++;
    this.curSlot = slot;
    this.curLen = 0;
    this.texts[slot] = ownCopy(r.text);
    this.storeAt[slot] = -1;
    this.startOf[slot] = r.start;
    this.endOf[slot] = r.end;
    this.lineOf[slot] = r.line;
    const isSentenceId = r.id === `s:${r.start}-${r.end}`;
    if (!isSentenceId || r.kind !== 'sentence' || r.fact) {
      const x: FactExtra = {};
      if (!isSentenceId) x.id = r.id;
      if (r.kind !== 'sentence') x.kind = r.kind;
      if (r.fact) x.fact = r.fact;
      this.extras[slot] = x;
    } else this.extras[slot] = undefined;
    this.mentions.add(slot, r.entities);
    this.docOf[slot] = d;
    this.flags[slot] = ALIVE | (r.kind === 'fact' ? FACT : 0);
    forEachToken(r.text, this.countAndAdd);
    if (title) forEachToken(title, this.addWord);
    if (r.fact) {
      const f = r.fact;
      for (const s of [f.subjectName ?? f.subject, f.predicate, f.value, f.date]) if (s) forEachToken(s, this.addWord);
    }
    for (const e of r.entities) {
      const info = this.entityFacets.of(e);
      for (const w of info.words) this.addWord(w);
      for (const k of info.facets) this.facets.add(k, slot);
    }
    recordFacets(r, this.addFacet);
    this.lenOf[slot] = Math.min(this.curLen, 65535);
    this.totalLen += this.lenOf[slot];
    this.aliveCount++;
  }

  private compact(): void {
    this.compactions++;
    this.lengthOrders.clear();
    const map = new Int32Array(this.slots);
    let n = 0;
    // Held slots stay: they may yet be confirmed.
    for (let s = 0; s < this.slots; s++) map[s] = this.flags[s] & (ALIVE | HELD) ? n++ : -1;
    const rewrite = (p: Postings) => {
      let k = 0;
      for (let i = 0; i < p.n; i++) {
        const m = map[p.arr[i]];
        if (m >= 0) p.arr[k++] = m;
      }
      p.n = k;
      if (p.arr.length > 16 && k < p.arr.length / 4) p.arr = p.arr.slice(0, Math.max(4, k * 2));
    };
    for (const p of this.post) rewrite(p);
    this.facets.compact(rewrite);
    this.mentions.compact(map);
    for (let s = 0; s < this.slots; s++) {
      const m = map[s];
      if (m < 0) continue;
      this.texts[m] = this.texts[s];
      this.extras[m] = this.extras[s];
      this.startOf[m] = this.startOf[s];
      this.endOf[m] = this.endOf[s];
      this.lineOf[m] = this.lineOf[s];
      this.storeAt[m] = this.storeAt[s];
      this.storeLength[m] = this.storeLength[s];
      this.docOf[m] = this.docOf[s];
      this.lenOf[m] = this.lenOf[s];
      this.flags[m] = this.flags[s];
    }
    this.texts.length = n;
    this.extras.length = n;
    for (const e of this.docs) {
      if (e.count === 0) {
        e.first = 0;
        continue;
      }
      e.first = map[e.first];
    }
    this.wordMark.fill(-1);
    this.slots = n;
    this.dead = 0;
  }
}

function fileName(id: string): string {
  let s = id.slice(id.lastIndexOf('/') + 1);
  try {
    s = decodeURIComponent(s);
  } catch {
    // keep it as is
  }
  return fold(s);
}
