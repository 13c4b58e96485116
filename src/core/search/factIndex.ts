/**
 * The fact search index: an inverted word index narrows a corpus of fact records to a few hundred
 * candidates per keystroke, and fuse.js ranks the fuzzy parts (query words against indexed words, and
 * query words against each top candidate's matched passage).
 *
 * API (plain data in and out, usable from a worker thread):
 *
 *   const index = new FactIndex(options?);
 *   index.setRegistry(entities: CanonicalEntity[]);            // for searchEntities
 *   index.setDocument(docId: string, records: FactRecord[]);   // add or replace one document's facts
 *   index.removeDocument(docId: string);
 *   index.search(query: string, limit = 50): SearchResult[];   // query syntax: see query.ts
 *   index.searchParsed(parsed: ParsedQuery, limit = 50): SearchResult[];
 *   index.searchEntities(query: string, limit = 50): EntitySearchResult[];
 *   index.size;  index.documentCount;  index.stats();  index.clearCache();  index.clear();
 *
 * How a search runs:
 * 1. Filters (`type:`, `entity:`, `doc:`, `year:`, `kind:`) become a set of allowed facts, from facet
 *    postings kept beside the word postings.
 * 2. Each query word expands to indexed words (exact, prefix for the word being typed, fuzzy; see
 *    vocabulary.ts), and each fact accumulates idf × similarity of its best variant per query word,
 *    with a BM25-style length factor. Entity names and aliases of the entities tagged in a fact, and a
 *    recorded fact's subject/predicate/value/date, are indexed with the fact; document titles add a
 *    bonus to their facts. Very common words (beyond a posting budget) are only checked on the
 *    leading candidates, by binary search in their sorted postings.
 * 3. The best `candidates` (100) are re-read: matched words give highlight ranges, proximity and
 *    exact phrase detection; quoted phrases must match. fuse.js then scores each query word against
 *    the passage around the matches of the top `rerank` (20) candidates (short strings, so Bitap stays
 *    cheap), which rewards near-spellings the index counted as misses.
 * 4. Order: matching recorded facts (+2) above exact phrase matches (+1) above the rest; within a tier
 *    by relevance in [0, 1] (idf-weighted word coverage 75 %, proximity 10 %, fuse.js passage score 15 %).
 *
 * Incremental updates: a document's facts occupy a contiguous range of slots; replacing or removing
 * a document tombstones its range and appends the new one. Postings are compacted once a quarter of
 * the slots are dead.
 */
import Fuse from 'fuse.js';
import type { CanonicalEntity } from '../model';
import type { FactEntity, FactRecord } from '../facts/extract';
import { CodePointIndex } from '../text/codepoints';
import { hasFilters, parseQuery, type ParsedQuery, type QueryFilters } from './query';
import { compactKey, fold, forEachToken, isStopword } from './tokenize';
import type { EntitySearchResult, SearchResult } from './types';
import { Vocabulary, type Variant } from './vocabulary';
import { EntitySearcher, summarizeDocument, type DocEntitySummary } from './entities';

export interface FactIndexOptions {
  /** Candidates re-read after the index stage (default 100; four times as many when a quoted phrase must match). */
  candidates?: number;
  /** Candidates whose passage fuse.js re-ranks (default 20). */
  rerank?: number;
  /** Postings visited in full per query before common words are only probed (default 4,000,000). */
  postingBudget?: number;
  /** Cached word expansions, reused while typing (default 512; 0 disables). */
  cacheSize?: number;
}

interface DocEntry {
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

interface QTerm {
  word: string;
  required: boolean;
  variants: Variant[];
  /** idf × sim per variant, same order, descending. */
  weights: number[];
  weight: number;
  volume: number;
}

const ALIVE = 1;
const FACT = 2;
const TITLE_WEIGHT = 0.3;
const K1 = 1.2;
const B = 0.5;
const MAX_TERMS = 16;

class Postings {
  arr = new Int32Array(4);
  n = 0;
  push(v: number): void {
    if (this.n === this.arr.length) {
      const b = new Int32Array(this.n * 2);
      b.set(this.arr);
      this.arr = b;
    }
    this.arr[this.n++] = v;
  }
}

function growInt32(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}
function growUint16(a: Uint16Array<ArrayBuffer>, n: number): Uint16Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Uint16Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}
function growUint8(a: Uint8Array<ArrayBuffer>, n: number): Uint8Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Uint8Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
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

function lowerBound(arr: Int32Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A bounded min-heap of (score, id) keeping the best `cap`. */
class TopK {
  readonly ids: Int32Array;
  readonly scores: Float64Array;
  size = 0;
  constructor(readonly cap: number) {
    this.ids = new Int32Array(cap);
    this.scores = new Float64Array(cap);
  }
  get min(): number {
    return this.size < this.cap ? -Infinity : this.scores[0];
  }
  push(id: number, score: number): void {
    const { ids, scores } = this;
    if (this.size < this.cap) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (scores[p] <= score) break;
        ids[i] = ids[p];
        scores[i] = scores[p];
        i = p;
      }
      ids[i] = id;
      scores[i] = score;
      return;
    }
    if (score <= scores[0]) return;
    let i = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && scores[r] < scores[l] ? r : l;
      if (scores[c] >= score) break;
      ids[i] = ids[c];
      scores[i] = scores[c];
      i = c;
    }
    ids[i] = id;
    scores[i] = score;
  }
  /** Ids, best first. */
  sorted(): number[] {
    const idx = Array.from({ length: this.size }, (_, i) => i);
    idx.sort((a, b) => this.scores[b] - this.scores[a]);
    return idx.map((i) => this.ids[i]);
  }
}

export class FactIndex {
  private readonly opts: Required<FactIndexOptions>;
  private readonly vocab = new Vocabulary();
  private post: Postings[] = [];
  private readonly facets = new Map<string, Postings>();
  private facetKeys: string[] | undefined;
  private records: (FactRecord | undefined)[] = [];
  private docOf = new Int32Array(1024);
  private lenOf = new Uint16Array(1024);
  private flags = new Uint8Array(1024);
  private slots = 0;
  private dead = 0;
  private aliveCount = 0;
  private totalLen = 0;
  private docs: DocEntry[] = [];
  private readonly docIndex = new Map<string, number>();
  private titlePost: Map<number, number[]> | undefined;
  private titleWords = new Set<number>();
  private registry: CanonicalEntity[] = [];
  private entitySearcher: EntitySearcher | undefined;
  /** Per-document entity summaries for searchEntities, computed on demand (undefined: to redo). */
  private entitySummaries = new Map<string, DocEntitySummary | undefined>();
  private readonly expandCache = new Map<string, Variant[]>();
  // Per-query scratch, indexed by slot.
  private epoch = 0;
  private stamp = new Int32Array(0);
  private score = new Float32Array(0);
  private req = new Uint8Array(0);
  private tmark = new Uint8Array(0);
  private fstamp = new Int32Array(0);
  private fcount = new Uint8Array(0);
  private touched = new Int32Array(0);
  private wordMark = new Int32Array(1024);
  private stop = new Uint8Array(1024);
  private curSlot = 0;
  private curLen = 0;
  private readonly entityCache = new Map<string, { words: string[]; facets: string[] }>();

  constructor(options: FactIndexOptions = {}) {
    this.opts = {
      candidates: options.candidates ?? 100,
      rerank: options.rerank ?? 20,
      postingBudget: options.postingBudget ?? 4_000_000,
      cacheSize: options.cacheSize ?? 512,
    };
  }

  /** Number of live fact records. */
  get size(): number {
    return this.aliveCount;
  }

  get documentCount(): number {
    return this.docIndex.size;
  }

  stats(): { facts: number; documents: number; words: number; postings: number; deadSlots: number } {
    let postings = 0;
    for (const p of this.post) postings += p.n;
    return { facts: this.aliveCount, documents: this.docIndex.size, words: this.vocab.size, postings, deadSlots: this.dead };
  }

  /** Forgets cached word expansions (they are also dropped on every change). */
  clearCache(): void {
    this.expandCache.clear();
  }

  /** Drops every document (the registry stays). */
  clear(): void {
    const fresh = new FactIndex(this.opts) as unknown as Record<string, unknown>;
    const self = this as unknown as Record<string, unknown>;
    // The bound word sinks keep pointing at this instance; everything else starts afresh.
    for (const k of Object.keys(fresh)) if (k !== 'addWord' && k !== 'countAndAdd' && k !== 'registry') self[k] = fresh[k];
    this.entitySearcher = undefined;
  }

  setRegistry(entities: CanonicalEntity[]): void {
    this.registry = entities.map((e) => ({ ...e, aliases: [...e.aliases] }));
    this.entitySearcher = undefined;
  }

  /** Adds or replaces the facts of one document. */
  setDocument(docId: string, records: FactRecord[]): void {
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
    this.mutated();
  }

  removeDocument(docId: string): void {
    const d = this.docIndex.get(docId);
    if (d === undefined) return;
    this.tombstone(d);
    this.docs[d].alive = false;
    this.docIndex.delete(docId);
    this.entitySummaries.delete(docId);
    this.titlePost = undefined;
    this.mutated();
  }

  search(query: string, limit = 50): SearchResult[] {
    return this.searchParsed(parseQuery(query), limit);
  }

  searchEntities(query: string, limit = 50): EntitySearchResult[] {
    if (!this.entitySearcher) {
      for (const [docId, sum] of this.entitySummaries) {
        if (sum) continue;
        const e = this.docs[this.docIndex.get(docId)!];
        this.entitySummaries.set(docId, summarizeDocument(docId, this.records.slice(e.first, e.first + e.count) as FactRecord[]));
      }
      this.entitySearcher = new EntitySearcher(this.registry, [...this.entitySummaries.values()] as DocEntitySummary[]);
    }
    return this.entitySearcher.search(parseQuery(query), limit);
  }

  // ---------------------------------------------------------------- building

  private mutated(): void {
    this.expandCache.clear();
    this.facetKeys = undefined;
    this.entitySearcher = undefined;
    if (this.dead > 1024 && this.dead > this.slots / 4) this.compact();
  }

  private ensureSlots(n: number): void {
    this.docOf = growInt32(this.docOf, n);
    this.lenOf = growUint16(this.lenOf, n);
    this.flags = growUint8(this.flags, n);
  }

  private tombstone(d: number): void {
    const e = this.docs[d];
    for (let s = e.first; s < e.first + e.count; s++) {
      if (!(this.flags[s] & ALIVE)) continue;
      this.flags[s] &= ~ALIVE;
      this.records[s] = undefined;
      this.totalLen -= this.lenOf[s];
      this.aliveCount--;
      this.dead++;
    }
    e.count = 0;
  }

  /** Indexes one word for the slot being added (stopwords are interned too, flagged, so one look-up decides). */
  /** The vocabulary id of a word, interning it (with empty postings and its stopword flag) when new. */
  private wordId(t: string): number {
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

  private addWord = (t: string): void => {
    const id = this.wordId(t);
    if (this.stop[id] || this.wordMark[id] === this.curSlot) return;
    this.wordMark[id] = this.curSlot;
    this.post[id].push(this.curSlot);
  };

  private countAndAdd = (t: string): void => {
    this.curLen++;
    this.addWord(t);
  };

  /** Words and facet keys an entity brings to a fact, computed once per distinct entity. */
  private entityInfo(e: FactEntity): { words: string[]; facets: string[] } {
    const key = `${e.entity ?? ''}\u0000${e.name}\u0000${e.text}\u0000${e.type}\u0000${e.aliases.join('\u0001')}`;
    let info = this.entityCache.get(key);
    if (info) return info;
    const words: string[] = [];
    const facets = new Set<string>();
    if (e.entity) {
      // Names and aliases of linked entities are searchable with the fact (`Pékin` finds Beijing).
      forEachToken(e.name, (w) => words.push(w));
      for (const a of e.aliases) forEachToken(a, (w) => words.push(w));
      facets.add('e:' + compactKey(e.entity));
      for (const a of e.aliases) facets.add('e:' + compactKey(a));
    }
    facets.add('e:' + compactKey(e.name));
    facets.add('e:' + compactKey(e.text));
    facets.add('t:' + fold(e.type));
    info = { words, facets: [...facets] };
    if (this.entityCache.size > 50_000) this.entityCache.clear();
    this.entityCache.set(key, info);
    return info;
  }

  private addFacet(k: string, slot: number): void {
    let p = this.facets.get(k);
    if (!p) this.facets.set(k, (p = new Postings()));
    if (p.n === 0 || p.arr[p.n - 1] !== slot) p.push(slot);
  }

  private addRecord(r: FactRecord, d: number, title?: string): void {
    const slot = this.slots++;
    this.curSlot = slot;
    this.curLen = 0;
    this.records[slot] = r;
    this.docOf[slot] = d;
    this.flags[slot] = ALIVE | (r.kind === 'fact' ? FACT : 0);
    forEachToken(r.text, this.countAndAdd);
    if (title) forEachToken(title, this.addWord);
    if (r.fact) {
      const f = r.fact;
      for (const s of [f.subjectName ?? f.subject, f.predicate, f.value, f.date]) if (s) forEachToken(s, this.addWord);
    }
    for (const e of r.entities) {
      const info = this.entityInfo(e);
      for (const w of info.words) this.addWord(w);
      for (const k of info.facets) this.addFacet(k, slot);
    }
    for (const y of r.years) this.addFacet('y:' + y, slot);
    if (r.kind === 'fact') this.addFacet('k:fact', slot);
    this.lenOf[slot] = Math.min(this.curLen, 65535);
    this.totalLen += this.lenOf[slot];
    this.aliveCount++;
  }

  private compact(): void {
    const map = new Int32Array(this.slots);
    let n = 0;
    for (let s = 0; s < this.slots; s++) map[s] = this.flags[s] & ALIVE ? n++ : -1;
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
    for (const [k, p] of this.facets) {
      rewrite(p);
      if (p.n === 0) this.facets.delete(k);
    }
    for (let s = 0; s < this.slots; s++) {
      const m = map[s];
      if (m < 0) continue;
      this.records[m] = this.records[s];
      this.docOf[m] = this.docOf[s];
      this.lenOf[m] = this.lenOf[s];
      this.flags[m] = this.flags[s];
    }
    this.records.length = n;
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
    this.facetKeys = undefined;
  }

  private ensureScratch(): void {
    const n = this.slots;
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

  private nextEpoch(): number {
    if (this.epoch >= 0x7ffffff0) {
      this.stamp.fill(0);
      this.fstamp.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }

  private titles(): Map<number, number[]> {
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

  // ---------------------------------------------------------------- searching

  private df(id: number): number {
    return this.post[id]?.n ?? 0;
  }

  private idf(id: number): number {
    const n = Math.max(1, this.aliveCount);
    const df = this.df(id);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  private expand(word: string, prefix: boolean, exactOnly: boolean): Variant[] {
    const key = `${exactOnly ? 'x' : prefix ? 'p' : 'w'}:${word}`;
    const hit = this.expandCache.get(key);
    if (hit) return hit;
    let v: Variant[];
    if (exactOnly) {
      const id = this.vocab.ids.get(word);
      v = id !== undefined && this.df(id) > 0 ? [{ id, sim: 1, kind: 'exact' }] : [];
    } else {
      v = this.vocab.expand(
        word,
        prefix,
        (id) => this.df(id),
        (id) => this.df(id) > 0 || this.titleWords.has(id),
      );
    }
    if (this.opts.cacheSize > 0) {
      if (this.expandCache.size >= this.opts.cacheSize) this.expandCache.clear();
      this.expandCache.set(key, v);
    }
    return v;
  }

  /** Marks allowed slots with fstamp/fcount; returns the number of groups, or -1 when nothing can match. */
  private applyFilters(f: QueryFilters, epoch: number): { groups: number; kinds: number } {
    const sources: (Postings | [number, number])[][] = [];
    const keys = this.facetKeys ?? (this.facetKeys = [...this.facets.keys()].sort());
    const byPrefix = (prefix: string): Postings[] => {
      const out: Postings[] = [];
      let lo = 0;
      let hi = keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (keys[mid] < prefix) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < keys.length && keys[i].startsWith(prefix); i++) out.push(this.facets.get(keys[i])!);
      return out;
    };
    if (f.type.length) sources.push(f.type.flatMap((t) => byPrefix('t:' + t)));
    if (f.entity.length) sources.push(f.entity.flatMap((e) => byPrefix('e:' + e)));
    if (f.year.length) {
      const g: Postings[] = [];
      for (const r of f.year) for (let y = r.from; y <= r.to && y - r.from < 500; y++) {
        const p = this.facets.get('y:' + y);
        if (p) g.push(p);
      }
      sources.push(g);
    }
    if (f.doc.length) {
      const g: [number, number][] = [];
      const keys = f.doc.map((v) => ({ v, k: compactKey(v) }));
      this.docs.forEach((e) => {
        if (!e.alive || e.count === 0) return;
        const ok = keys.some(({ v, k }) => e.name.startsWith(v) || e.titleWords.some((w) => w.startsWith(v)) || (k.length > 0 && e.titleKey.startsWith(k)));
        if (ok) g.push([e.first, e.first + e.count]);
      });
      sources.push(g);
    }
    let kinds = 0;
    for (const k of f.kind) kinds |= k === 'fact' ? 2 : 1;
    if (kinds === 3) kinds = 0;
    if (sources.some((g) => g.length === 0)) return { groups: -1, kinds };
    if (sources.length === 0) return { groups: 0, kinds };
    const { fstamp, fcount } = this;
    sources.forEach((group, g) => {
      for (const src of group) {
        const visit = (s: number) => {
          if (g === 0) {
            if (fstamp[s] !== epoch) {
              fstamp[s] = epoch;
              fcount[s] = 1;
            }
          } else if (fstamp[s] === epoch && fcount[s] === g) fcount[s] = g + 1;
        };
        if (src instanceof Postings) for (let i = 0; i < src.n; i++) visit(src.arr[i]);
        else for (let s = src[0]; s < src[1]; s++) visit(s);
      }
    });
    return { groups: sources.length, kinds };
  }

  searchParsed(q: ParsedQuery, limit = 50): SearchResult[] {
    this.ensureScratch();
    const titlePost = this.titles();
    const epoch = this.nextEpoch();
    const flags = this.flags;
    const filtered = hasFilters(q.filters);
    let groups = 0;
    let kinds = 0;
    if (filtered) {
      const r = this.applyFilters(q.filters, epoch);
      if (r.groups < 0) return [];
      groups = r.groups;
      kinds = r.kinds;
    }
    const { fstamp, fcount } = this;
    const allowed = (s: number): boolean => {
      if (groups > 0 && (fstamp[s] !== epoch || fcount[s] !== groups)) return false;
      if (kinds === 2 && !(flags[s] & FACT)) return false;
      if (kinds === 1 && flags[s] & FACT) return false;
      return true;
    };

    // Terms: free words (the last one may be a prefix), then the words of quoted phrases (required, exact).
    const terms: QTerm[] = [];
    const byWord = new Map<string, QTerm>();
    const lastWord = q.words.length > 0 ? q.words[q.words.length - 1] : undefined;
    for (const w of q.terms) {
      if (byWord.has(w) || terms.length >= MAX_TERMS) continue;
      const t: QTerm = { word: w, required: false, variants: this.expand(w, q.lastIsPrefix && w === lastWord, false), weights: [], weight: 0, volume: 0 };
      terms.push(t);
      byWord.set(w, t);
    }
    for (const pw of q.phraseWords) {
      for (const w of pw) {
        if (isStopword(w)) continue;
        const existing = byWord.get(w);
        if (existing) {
          existing.required = true;
          existing.variants = existing.variants.filter((v) => v.sim === 1);
          continue;
        }
        if (terms.length >= MAX_TERMS) continue;
        const t: QTerm = { word: w, required: true, variants: this.expand(w, false, true), weights: [], weight: 0, volume: 0 };
        terms.push(t);
        byWord.set(w, t);
      }
    }
    for (const t of terms) {
      // The closest variant stands for the query word: its idf weighs every variant, scaled by similarity
      // (a rarer misspelling-neighbour must not outweigh the word that was meant).
      t.variants = [...t.variants].sort((a, b) => b.sim - a.sim || this.df(b.id) - this.df(a.id));
      const idf = t.variants.length ? this.idf(t.variants[0].id) : 0;
      t.weights = t.variants.map((v) => idf * v.sim);
      t.weight = t.weights.length ? t.weights[0] : 0;
      t.volume = t.variants.reduce((n, v) => n + this.df(v.id), 0);
      if (t.required && t.variants.length === 0) return [];
    }

    if (terms.length === 0) {
      if (!filtered || q.phraseWords.length > 0) return [];
      return this.filterOnly(allowed, limit);
    }

    const sumW = terms.reduce((n, t) => n + t.weight, 0) || 1;
    const reqCount = terms.filter((t) => t.required).length;
    const order = terms.map((_, i) => i).sort((a, b) => terms[a].volume - terms[b].volume);
    const accumulate: number[] = [];
    const probe: number[] = [];
    let volume = 0;
    for (const i of order) {
      if (accumulate.length === 0 || volume + terms[i].volume <= this.opts.postingBudget) {
        accumulate.push(i);
        volume += terms[i].volume;
      } else probe.push(i);
    }

    const { stamp, score, req, tmark, touched } = this;
    let nt = 0;
    const checkFilter = filtered;
    for (const ti of accumulate) {
      const t = terms[ti];
      const mark = ti + 1;
      const isReq = t.required;
      for (let vi = 0; vi < t.variants.length; vi++) {
        const p = this.post[t.variants[vi].id];
        const w = t.weights[vi];
        const arr = p.arr;
        const n = p.n;
        for (let k = 0; k < n; k++) {
          const s = arr[k];
          if (stamp[s] !== epoch) {
            if (!(flags[s] & ALIVE)) continue;
            if (checkFilter && !allowed(s)) continue;
            stamp[s] = epoch;
            score[s] = w;
            req[s] = isReq ? 1 : 0;
            tmark[s] = mark;
            touched[nt++] = s;
          } else if (tmark[s] !== mark) {
            tmark[s] = mark;
            score[s] += w;
            if (isReq) req[s]++;
          }
        }
      }
    }

    // Index-stage score of a touched slot.
    const avg = this.aliveCount > 0 ? this.totalLen / this.aliveCount : 1;
    let docTitle: Float32Array | undefined;
    for (const t of terms) {
      const seen = new Set<number>();
      t.variants.forEach((v, vi) => {
        const ds = titlePost.get(v.id);
        if (!ds) return;
        docTitle ??= new Float32Array(this.docs.length);
        for (const d of ds) {
          if (seen.has(d)) continue;
          seen.add(d);
          docTitle[d] += t.weights[vi];
        }
      });
    }
    const lenOf = this.lenOf;
    const docOf = this.docOf;
    const base = (s: number): number => {
      const lf = (K1 + 1) / (K1 * (1 - B + (B * lenOf[s]) / avg) + 1);
      return (score[s] * lf + (docTitle ? TITLE_WEIGHT * docTitle[docOf[s]] : 0)) / sumW;
    };

    const K = q.phraseWords.length > 0 ? this.opts.candidates * 4 : this.opts.candidates;
    let candidates: number[];
    if (probe.length === 0) {
      const top = new TopK(K);
      for (let i = 0; i < nt; i++) {
        const s = touched[i];
        if (req[s] !== reqCount) continue;
        top.push(s, base(s) + (flags[s] & FACT ? 0.25 : 0));
      }
      candidates = top.sorted();
    } else {
      // Common words: checked only on the leading candidates, by binary search.
      const pre = new TopK(Math.max(K * 8, 2000));
      for (let i = 0; i < nt; i++) {
        const s = touched[i];
        pre.push(s, base(s) + (flags[s] & FACT ? 0.25 : 0));
      }
      const ids = pre.sorted();
      for (const ti of probe) {
        const t = terms[ti];
        for (const s of ids) {
          for (let vi = 0; vi < t.variants.length; vi++) {
            const p = this.post[t.variants[vi].id];
            const at = lowerBound(p.arr, p.n, s);
            if (at < p.n && p.arr[at] === s) {
              score[s] += t.weights[vi];
              if (t.required) req[s]++;
              break;
            }
          }
        }
      }
      const top = new TopK(K);
      for (const s of ids) if (req[s] === reqCount) top.push(s, base(s) + (flags[s] & FACT ? 0.25 : 0));
      candidates = top.sorted();
    }
    return this.rerank(q, terms, candidates, base, limit);
  }

  private filterOnly(allowed: (s: number) => boolean, limit: number): SearchResult[] {
    const facts: number[] = [];
    const rest: number[] = [];
    for (let s = 0; s < this.slots && facts.length < limit; s++) {
      if (!(this.flags[s] & ALIVE) || !allowed(s)) continue;
      if (this.flags[s] & FACT) facts.push(s);
      else if (rest.length < limit) rest.push(s);
    }
    return [...facts, ...rest].slice(0, limit).map((s) => this.result(s, 1, [], false));
  }

  private rerank(q: ParsedQuery, terms: QTerm[], candidates: number[], base: (s: number) => number, limit: number): SearchResult[] {
    // Which query term each variant word stands for.
    const wordTerm = new Map<string, { t: number; sim: number }>();
    terms.forEach((t, ti) => {
      for (const v of t.variants) {
        const w = this.vocab.words[v.id];
        const cur = wordTerm.get(w);
        if (!cur || cur.sim < v.sim) wordTerm.set(w, { t: ti, sim: v.sim });
      }
    });
    const qWords = q.words;
    interface Cand {
      s: number;
      base: number;
      prox: number;
      exact: boolean;
      ranges: [number, number][];
      window: string;
      fuse: number;
      final: number;
    }
    const cands: Cand[] = [];
    for (const s of candidates) {
      const r = this.records[s]!;
      const text = r.text;
      const toks: { w: string; s: number; e: number }[] = [];
      forEachToken(text, (w, a, b) => toks.push({ w, s: a, e: b }));
      // Quoted phrases must occur.
      let ok = true;
      const ranges: [number, number][] = [];
      for (const pw of q.phraseWords) {
        const at = findSequence(toks, pw, false);
        if (at < 0) {
          ok = false;
          break;
        }
        ranges.push([toks[at].s, toks[at + pw.length - 1].e]);
      }
      if (!ok) continue;
      const positions: { pos: number; t: number }[] = [];
      toks.forEach((tk, i) => {
        const m = wordTerm.get(tk.w);
        if (m) {
          positions.push({ pos: i, t: m.t });
          ranges.push([tk.s, tk.e]);
        }
      });
      let exact = false;
      if (qWords.length > 0) {
        const at = findSequence(toks, qWords, q.lastIsPrefix);
        if (at >= 0) {
          exact = true;
          ranges.push([toks[at].s, toks[at + qWords.length - 1].e]);
        }
      } else exact = q.phraseWords.length > 0;
      // Proximity: the shortest run of tokens holding every matched term.
      const distinct = new Set(positions.map((p) => p.t)).size;
      let prox = 0;
      let winA = 0;
      let winB = text.length;
      if (distinct > 0) {
        const need = distinct;
        const countT = new Map<number, number>();
        let have = 0;
        let best = Infinity;
        let l = 0;
        for (let rr = 0; rr < positions.length; rr++) {
          const c = countT.get(positions[rr].t) ?? 0;
          countT.set(positions[rr].t, c + 1);
          if (c === 0) have++;
          while (have === need) {
            const span = positions[rr].pos - positions[l].pos + 1;
            if (span < best) {
              best = span;
              winA = toks[positions[l].pos].s;
              winB = toks[positions[rr].pos].e;
            }
            const lc = countT.get(positions[l].t)! - 1;
            countT.set(positions[l].t, lc);
            if (lc === 0) have--;
            l++;
          }
        }
        prox = distinct === 1 ? 1 : Math.min(1, distinct / best);
      }
      // The passage fuse.js sees: the shortest run holding the matched words, with a little context, at most 96 characters.
      const mid = (winA + winB) >> 1;
      const half = Math.max(32, (winB - winA) >> 1);
      const wa = Math.max(0, Math.min(winA, mid - half) - 8);
      cands.push({ s, base: base(s), prox, exact, ranges, window: text.slice(wa, Math.min(text.length, wa + 96)), fuse: 0, final: 0 });
    }
    if (cands.length === 0) return [];

    // fuse.js ranks the leading candidates' passages: each query word against the folded passage around
    // the matches (Bitap: typos, inflections), weighted like the index weights the words.
    for (const c of cands) c.final = c.base + 0.1 * c.prox;
    const lead = [...cands].sort((a, b) => b.final - a.final).slice(0, this.opts.rerank);
    const sumW = terms.reduce((n, t) => n + t.weight, 0) || 1;
    if (lead.length > 0) {
      const fuse = new Fuse(
        lead.map((c) => fold(c.window)),
        { includeScore: true, ignoreLocation: true, isCaseSensitive: true, shouldSort: false, threshold: 0.34 },
      );
      for (const t of terms) {
        if (t.weight === 0) continue;
        for (const res of fuse.search(t.word)) lead[res.refIndex].fuse += (t.weight * (1 - (res.score ?? 1))) / sumW;
      }
    }
    let maxBase = 0;
    for (const c of cands) maxBase = Math.max(maxBase, c.base);
    for (const c of cands) {
      const isFact = (this.flags[c.s] & FACT) !== 0;
      // Relevance in [0, 1], then the tiers: matching recorded facts, then exact phrase matches.
      const rel = 0.75 * Math.min(1, c.base) + 0.1 * c.prox + 0.15 * Math.min(1, c.fuse);
      c.final = rel + (c.exact ? 1 : 0) + (isFact && c.base >= 0.5 * maxBase ? 2 : 0);
    }
    cands.sort((a, b) => b.final - a.final || this.docOf[a.s] - this.docOf[b.s] || a.s - b.s);
    return cands.slice(0, limit).map((c) => this.result(c.s, c.final, c.ranges, c.exact));
  }

  private result(s: number, score: number, ranges: [number, number][], exact: boolean): SearchResult {
    const r = this.records[s]!;
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
}

/** First index where `seq` occurs as consecutive tokens (the last one may be a prefix), or -1. */
function findSequence(toks: { w: string }[], seq: string[], lastPrefix: boolean): number {
  const m = seq.length;
  if (m === 0) return -1;
  outer: for (let i = 0; i + m <= toks.length; i++) {
    for (let j = 0; j < m; j++) {
      const w = toks[i + j].w;
      if (w === seq[j]) continue;
      if (lastPrefix && j === m - 1 && w.startsWith(seq[j])) continue;
      continue outer;
    }
    return i;
  }
  return -1;
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
