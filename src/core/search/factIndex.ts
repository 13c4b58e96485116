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
 *   index.searchQuery(query: string, limit = 50): { value: SearchResult[], problems };  // with the query's problems
 *   index.size;  index.documentCount;  index.stats();  index.clearCache();  index.clear();
 *   index.warm();  index.warmUpPrefixes();                  // before the first search (see warm, warmUp.ts)
 *
 * How a search runs:
 * 1. Filters (`type:`, `entity:`, `doc:`, `year:`, `kind:`; described in filters.ts) become a set of
 *    allowed facts, from facet postings kept beside the word postings (facets.ts).
 * 2. Each query word expands to indexed words (exact, prefix for the word being typed, fuzzy; see
 *    vocabulary.ts), and each fact accumulates idf × similarity of its best variant per query word,
 *    with a BM25-style length factor. Entity names and aliases of the entities tagged in a fact, and a
 *    recorded fact's subject/predicate/value/date, are indexed with the fact; document titles add a
 *    bonus to their facts. Very common words (beyond a posting budget) are only checked on the
 *    leading candidates, by binary search in their sorted postings. The facts holding only the
 *    query's heaviest word, when it is in many facts, are read shortest first and only as far as
 *    they can still be among the best (its postings in length order are kept until they change).
 * 3. The best `candidates` (100) are re-read: matched words give highlight ranges, proximity and
 *    exact phrase detection; quoted phrases must match. fuse.js then scores each query word against
 *    the passage around the matches of the top `rerank` (20) candidates (short strings, so Bitap stays
 *    cheap), which rewards near-spellings the index counted as misses.
 * 4. Order: matching recorded facts (+2) above exact phrase matches (+1) above the rest; within a tier
 *    by relevance in [0, 1] (idf-weighted word coverage 75 %, proximity 10 %, fuse.js passage score 15 %).
 *
 * Where each part lives: indexState.ts (slots, postings, adding and removing documents, compaction),
 * facets.ts (step 1), scoring.ts (step 2), rerank.ts (steps 3 and 4), results.ts (result shaping),
 * postings.ts (typed-array utilities). This file holds the API and runs the steps in order.
 */
import type { CanonicalEntity } from '../model';
import type { Parsed } from '../problems';
import type { FactRecord } from '../facts/extract';
import { EntitySearcher, summarizeDocument, type DocEntitySummary } from './entities';
import { ALIVE, applyFilters, FACT } from './facets';
import { hasFilters } from './filters';
import { IndexState } from './indexState';
import { parseQuery, type ParsedQuery } from './query';
import { rerank } from './rerank';
import { toResult } from './results';
import { queryTerms, topCandidates, warmLengthOrders } from './scoring';
import type { EntitySearchResult, SearchResult } from './types';
import { warmUpPrefixes } from './warmUp';

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

export class FactIndex {
  private readonly opts: Required<FactIndexOptions>;
  /** Everything about the documents; `clear()` starts a new one. */
  private st = new IndexState();
  /** The registry outlives `clear()`: it belongs to the corpus configuration, not to the documents. */
  private registry: CanonicalEntity[] = [];
  private entitySearcher: EntitySearcher | undefined;

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
    return this.st.aliveCount;
  }

  get documentCount(): number {
    return this.st.docIndex.size;
  }

  stats(): { facts: number; documents: number; words: number; postings: number; deadSlots: number } {
    const st = this.st;
    let postings = 0;
    for (const p of st.post) postings += p.n;
    return { facts: st.aliveCount, documents: st.docIndex.size, words: st.vocab.size, postings, deadSlots: st.dead };
  }

  /** Forgets cached word expansions (they are also dropped on every change). */
  clearCache(): void {
    this.st.expandCache.clear();
  }

  /** Drops every document (the registry stays). */
  clear(): void {
    this.st = new IndexState();
    this.entitySearcher = undefined;
  }

  setRegistry(entities: CanonicalEntity[]): void {
    this.registry = entities.map((e) => ({ ...e, aliases: [...e.aliases] }));
    this.entitySearcher = undefined;
  }

  /** Adds or replaces the facts of one document. */
  setDocument(docId: string, records: FactRecord[]): void {
    this.st.setDocument(docId, records);
    this.entitySearcher = undefined;
  }

  removeDocument(docId: string): void {
    this.st.removeDocument(docId);
    this.entitySearcher = undefined;
  }

  /** The documents' state, for indexSnapshot.ts (encoding it, moving its texts to a store). */
  get state(): IndexState {
    return this.st;
  }

  /** Takes a restored snapshot's state (indexSnapshot.ts): its documents are held until confirmed. */
  restore(st: IndexState): void {
    this.st = st;
    this.entitySearcher = undefined;
  }

  /** Documents restored and not yet confirmed or dropped. */
  get heldCount(): number {
    return this.st.held.size;
  }

  /** Makes a held document searchable as restored; its fact count, or undefined when it is not held. */
  confirm(docId: string): number | undefined {
    const d = this.st.held.get(docId);
    if (d === undefined || !this.st.confirm(docId)) return undefined;
    this.entitySearcher = undefined;
    return this.st.docs[d].count;
  }

  /**
   * Does now what the next query would otherwise do first: the title postings, sorting the words
   * for prefix look-ups (after a snapshot is restored, every word waits to be sorted: 30-60 ms at a
   * million facts, which the first keystroke would pay), and the commonest words' postings in
   * length order. Cheap when nothing changed since.
   */
  warm(): void {
    this.st.titles();
    this.st.vocab.sortTail();
    warmLengthOrders(this.st);
  }

  /** Queries for a new thread to type before anyone does (see warmUp.ts). */
  warmUpPrefixes(queries?: number): string[] {
    return warmUpPrefixes(this.st, queries);
  }

  /** Drops the documents still held; returns their ids. */
  dropAllHeld(): string[] {
    const ids = this.st.dropAllHeld();
    if (ids.length) this.entitySearcher = undefined;
    return ids;
  }

  search(query: string, limit = 50): SearchResult[] {
    return this.searchParsed(parseQuery(query).value, limit);
  }

  /** `search`, with the problems found in the query (an unknown filter, a bad year) for the search box. */
  searchQuery(query: string, limit = 50): Parsed<SearchResult[]> {
    const parsed = parseQuery(query);
    return { value: this.searchParsed(parsed.value, limit), problems: parsed.problems };
  }

  searchEntities(query: string, limit = 50): EntitySearchResult[] {
    if (!this.entitySearcher) {
      const st = this.st;
      for (const [docId, sum] of st.entitySummaries) {
        if (sum) continue;
        const e = st.docs[st.docIndex.get(docId)!];
        st.entitySummaries.set(docId, summarizeDocument(docId, st.factsWithEntities(e.first, e.first + e.count)));
      }
      this.entitySearcher = new EntitySearcher(this.registry, [...st.entitySummaries.values()] as DocEntitySummary[]);
    }
    return this.entitySearcher.search(parseQuery(query).value, limit);
  }

  searchParsed(q: ParsedQuery, limit = 50): SearchResult[] {
    const st = this.st;
    st.scratch.ensure(st.slots);
    // Title words count as indexed words for expansion: build them before any word is expanded.
    st.titles();
    const epoch = st.scratch.nextEpoch();
    const filtered = hasFilters(q.filters);
    let allowed: ((s: number) => boolean) | undefined;
    if (filtered) {
      const { groups, flagMask, flagValue } = applyFilters(st, q.filters, epoch);
      if (groups < 0) return [];
      const { fstamp, fcount } = st.scratch;
      const flags = st.flags;
      allowed = (s: number): boolean => {
        if (groups > 0 && (fstamp[s] !== epoch || fcount[s] !== groups)) return false;
        return (flags[s] & flagMask) === flagValue;
      };
    }
    const terms = queryTerms(st, this.opts.cacheSize, q);
    if (!terms) return [];
    if (terms.length === 0) {
      if (!allowed || q.phraseWords.length > 0) return [];
      return this.filterOnly(allowed, limit);
    }
    const k = q.phraseWords.length > 0 ? this.opts.candidates * 4 : this.opts.candidates;
    const candidates = topCandidates(st, terms, allowed, epoch, k, this.opts.postingBudget);
    return rerank(st, q, terms, candidates, this.opts.rerank, limit);
  }

  /** A query of filters only: recorded facts first, then sentences, in index order. */
  private filterOnly(allowed: (s: number) => boolean, limit: number): SearchResult[] {
    const st = this.st;
    const facts: number[] = [];
    const rest: number[] = [];
    for (let s = 0; s < st.slots && facts.length < limit; s++) {
      if (!(st.flags[s] & ALIVE) || !allowed(s)) continue;
      if (st.flags[s] & FACT) facts.push(s);
      else if (rest.length < limit) rest.push(s);
    }
    return [...facts, ...rest].slice(0, limit).map((s) => toResult(st.fact(s), 1, [], false));
  }
}
