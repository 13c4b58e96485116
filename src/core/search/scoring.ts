/**
 * The index stage of a search: query words become weighted terms (each expanded to indexed words,
 * see vocabulary.ts), every fact accumulates idf × similarity of its best variant per term with a
 * BM25-style length factor and a bonus for its document's title, and the best candidates go on to the
 * rerank (rerank.ts). Very common words (beyond a posting budget) are only checked on the leading
 * candidates, by binary search in their sorted postings.
 */
import { FACT, ALIVE } from './facets';
import type { IndexState } from './indexState';
import { lowerBound, TopK } from './postings';
import type { ParsedQuery } from './query';
import { isStopword } from './tokenize';
import type { Variant } from './vocabulary';

const TITLE_WEIGHT = 0.3;
const K1 = 1.2;
const B = 0.5;
const MAX_TERMS = 16;
/** What a recorded fact adds to its index-stage score: it ranks above a sentence of the same words. */
const FACT_BONUS = 0.25;
/** Lengths (in words) whose length factor a search tabulates: nearly every sentence. */
const FACTOR_TABLE = 512;
/** A query's heaviest word has its own slots read shortest first when its postings are at least this long (see `fromLengthOrder`). */
const ORDERED_MIN = 8_192;
/** Slots kept in length order across all words (4 bytes each); beyond it the orders are made again as needed. */
const ORDERED_CACHE = 4_000_000;

/** One query word and the indexed words standing for it. */
export interface QTerm {
  word: string;
  /** A word of a quoted phrase: every candidate must hold it. */
  required: boolean;
  variants: Variant[];
  /** idf × sim per variant, same order, descending. */
  weights: number[];
  weight: number;
  /** Postings of all variants together: how much accumulating this term costs. */
  volume: number;
}

/** Expands a query word to indexed words, through the state's cache (`cacheSize` 0: no cache). */
export function expand(st: IndexState, cacheSize: number, word: string, prefix: boolean, exactOnly: boolean): Variant[] {
  const key = `${exactOnly ? 'x' : prefix ? 'p' : 'w'}:${word}`;
  const hit = st.expandCache.get(key);
  if (hit) return hit;
  let v: Variant[];
  if (exactOnly) {
    const id = st.vocab.ids.get(word);
    v = id !== undefined && st.df(id) > 0 ? [{ id, sim: 1, kind: 'exact' }] : [];
  } else {
    v = st.vocab.expand(
      word,
      prefix,
      (id) => st.df(id),
      (id) => st.df(id) > 0 || st.titleWords.has(id),
    );
  }
  if (cacheSize > 0) {
    if (st.expandCache.size >= cacheSize) st.expandCache.clear();
    st.expandCache.set(key, v);
  }
  return v;
}

/**
 * Terms of a query: free words (the last one may be a prefix), then the words of quoted phrases
 * (required, exact). Undefined when a required word is nowhere in the index, so nothing can match.
 */
export function queryTerms(st: IndexState, cacheSize: number, q: ParsedQuery): QTerm[] | undefined {
  const terms: QTerm[] = [];
  const byWord = new Map<string, QTerm>();
  const lastWord = q.words.length > 0 ? q.words[q.words.length - 1] : undefined;
  for (const w of q.terms) {
    if (byWord.has(w) || terms.length >= MAX_TERMS) continue;
    const t: QTerm = { word: w, required: false, variants: expand(st, cacheSize, w, q.lastIsPrefix && w === lastWord, false), weights: [], weight: 0, volume: 0 };
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
      const t: QTerm = { word: w, required: true, variants: expand(st, cacheSize, w, false, true), weights: [], weight: 0, volume: 0 };
      terms.push(t);
      byWord.set(w, t);
    }
  }
  for (const t of terms) {
    // The closest variant stands for the query word: its idf weighs every variant, scaled by similarity
    // (a rarer misspelling-neighbour must not outweigh the word that was meant).
    t.variants = [...t.variants].sort((a, b) => b.sim - a.sim || st.df(b.id) - st.df(a.id));
    const idf = t.variants.length ? st.idf(t.variants[0].id) : 0;
    t.weights = t.variants.map((v) => idf * v.sim);
    t.weight = t.weights.length ? t.weights[0] : 0;
    t.volume = t.variants.reduce((n, v) => n + st.df(v.id), 0);
    if (t.required && t.variants.length === 0) return undefined;
  }
  return terms;
}

export interface Candidates {
  /** Slots, best first. */
  slots: number[];
  /** Index-stage score of a candidate slot. */
  base: (s: number) => number;
}

/**
 * Accumulates the terms' postings over the allowed slots and keeps the best `k` (slots holding every
 * required term only). `epoch` is the search's stamp in the state's scratch. When the heaviest term's
 * postings number `orderedMin` or more (and no term is left to probing), its slots that hold no
 * other term are read shortest first, only as far as they can still be among the best
 * (`fromLengthOrder`); it adds to the others' slots as it always did.
 */
export function topCandidates(st: IndexState, terms: QTerm[], allowed: ((s: number) => boolean) | undefined, epoch: number, k: number, postingBudget: number, orderedMin = ORDERED_MIN): Candidates {
  const sumW = terms.reduce((n, t) => n + t.weight, 0) || 1;
  const reqCount = terms.filter((t) => t.required).length;
  const order = terms.map((_, i) => i).sort((a, b) => terms[a].volume - terms[b].volume);
  const accumulate: number[] = [];
  const probe: number[] = [];
  let volume = 0;
  for (const i of order) {
    if (accumulate.length === 0 || volume + terms[i].volume <= postingBudget) {
      accumulate.push(i);
      volume += terms[i].volume;
    } else probe.push(i);
  }

  const scoring = baseScore(st, terms, sumW);
  // The heaviest term, when its postings are long and every term is accumulated: its slots that hold
  // no other term are read shortest first, and only as far as they can still be among the best.
  const last = order[order.length - 1];
  const big = probe.length === 0 && terms[last].volume >= orderedMin ? last : -1;
  if (big >= 0 && terms.length === 1) return { slots: fromLengthOrder(st, terms[big], big + 1, scoring, allowed, epoch, new TopK(k), orderedMin).sorted(), base: scoring.base };
  const { stamp, score, req, tmark, touched } = st.scratch;
  const { flags, post } = st;
  let nt = 0;
  for (const ti of accumulate) {
    const t = terms[ti];
    const mark = ti + 1;
    const isReq = t.required;
    // The heaviest term only adds to the slots the others touched (see below for its own).
    const adds = ti === big;
    for (let vi = 0; vi < t.variants.length; vi++) {
      const p = post[t.variants[vi].id];
      const w = t.weights[vi];
      const arr = p.arr;
      const n = p.n;
      for (let j = 0; j < n; j++) {
        const s = arr[j];
        if (stamp[s] !== epoch) {
          if (adds) continue;
          if (!(flags[s] & ALIVE)) continue;
          if (allowed && !allowed(s)) continue;
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

  if (big >= 0) {
    const top = best(st, scoring, touched, nt, new TopK(k), reqCount);
    // Its slots without another term hold every required term only when no other term is required.
    if (reqCount === (terms[big].required ? 1 : 0)) fromLengthOrder(st, terms[big], big + 1, scoring, allowed, epoch, top, orderedMin);
    return { slots: top.sorted(), base: scoring.base };
  }
  let slots: number[];
  if (probe.length === 0) {
    slots = best(st, scoring, touched, nt, new TopK(k), reqCount).sorted();
  } else {
    // Common words: checked only on the leading candidates, by binary search.
    const ids = best(st, scoring, touched, nt, new TopK(Math.max(k * 8, 2000)), -1).sorted();
    for (const ti of probe) {
      const t = terms[ti];
      for (const s of ids) {
        for (let vi = 0; vi < t.variants.length; vi++) {
          const p = post[t.variants[vi].id];
          const at = lowerBound(p.arr, p.n, s);
          if (at < p.n && p.arr[at] === s) {
            score[s] += t.weights[vi];
            if (t.required) req[s]++;
            break;
          }
        }
      }
    }
    slots = best(st, scoring, ids, ids.length, new TopK(k), reqCount).sorted();
  }
  return { slots, base: scoring.base };
}

/**
 * The best `k` of `n` touched slots by index-stage score (plus a recorded fact's bonus), among those
 * holding `reqCount` required terms (-1: any). Once the heap is full, most touched slots cannot beat
 * its least, and the scoring's bound tells so without reading the slot's document and title: only
 * the others are scored. Exact: a slot skipped would have been refused by the heap
 * (test/unit/search/scoring.test.ts).
 */
function best(st: IndexState, scoring: BaseScore, slots: ArrayLike<number>, n: number, top: TopK, reqCount: number): TopK {
  const { req } = st.scratch;
  let least = top.min;
  for (let i = 0; i < n; i++) {
    const s = slots[i];
    if (reqCount >= 0 && req[s] !== reqCount) continue;
    least = offer(st, scoring, top, s, least);
  }
  return top;
}

/**
 * Offers slot `s` to the heap: its score plus a recorded fact's bonus, not computed when its bound
 * already cannot beat the heap's `least`. Returns the heap's least after it.
 */
function offer(st: IndexState, scoring: BaseScore, top: TopK, s: number, least: number): number {
  const fact = st.flags[s] & FACT ? FACT_BONUS : 0;
  if (scoring.bound !== scoring.base && scoring.bound(s) + fact < least) return least;
  const v = scoring.base(s) + fact;
  if (v <= least) return least;
  top.push(s, v);
  return top.min;
}

/**
 * Adds to `top` the slots of term `t` (the query's `mark`-th) that no other term touched (they are
 * not stamped), as `best` would from every such slot, reading only the start of each long variant's
 * postings. Such a slot scores its best variant's weight × its length factor (plus title and fact
 * shares); read shortest first (facts first), a variant's remaining slots can score no more than the
 * next one's length allows, and once that ceiling is no more than the least of the best so far, the
 * rest of that variant is skipped. A slot skipped there is not stamped, and a later (lighter)
 * variant holding it scores it lower still: at most its true score, which is already below the
 * least, so it is refused as it would have been. On the bench's corpus a word in most sentences
 * ("Beijing", 460,771 of 1,172,003) reads a few thousand slots instead of all of them.
 */
function fromLengthOrder(st: IndexState, t: QTerm, mark: number, scoring: BaseScore, allowed: ((s: number) => boolean) | undefined, epoch: number, top: TopK, orderedMin: number): TopK {
  const { stamp, score, req, tmark } = st.scratch;
  const { flags, lenOf } = st;
  const { ceiling } = scoring;
  const isReq = t.required ? 1 : 0;
  let least = top.min;
  for (let vi = 0; vi < t.variants.length; vi++) {
    const id = t.variants[vi].id;
    const w = t.weights[vi];
    // What a slot's score holds (the scratch keeps scores as 32-bit floats): the ceiling must be of the same.
    const held = Math.fround(w);
    const p = st.post[id];
    const n = p.n;
    // A variant whose shortest possible slot cannot beat the least is not read, nor put in order.
    if (top.size === top.cap && ceiling(held, 0) + FACT_BONUS <= least) continue;
    const ordered = n >= orderedMin ? lengthOrder(st, id) : undefined;
    const list = ordered ? ordered.order : p.arr;
    // Recorded facts come first in an ordered list: only they may add the fact's bonus.
    const facts = ordered ? ordered.facts : n;
    for (let j = 0; j < n; j++) {
      const s = list[j];
      if (ordered && top.size === top.cap) {
        const len = lenOf[s];
        if (ceiling(held, lengthPlace(len)) + (j < facts ? FACT_BONUS : 0) <= least) {
          if (j >= facts) break;
          j = facts - 1;
          continue;
        }
      }
      if (stamp[s] === epoch) continue;
      if (!(flags[s] & ALIVE)) continue;
      if (allowed && !allowed(s)) continue;
      stamp[s] = epoch;
      score[s] = w;
      req[s] = isReq;
      tmark[s] = mark;
      least = offer(st, scoring, top, s, least);
    }
  }
  return top;
}

/**
 * A word's postings in the order of their slots' lengths, shortest first: the recorded facts (the
 * first `facts`), then the other slots (a stable counting sort, so slots of one length stay in slot
 * order, as the postings have them; lengths from FACTOR_TABLE up share the last place). Kept in
 * the state until the list grows or the slots are renumbered.
 */
export function lengthOrder(st: IndexState, id: number): { order: Int32Array; facts: number } {
  const p = st.post[id];
  const { arr, n } = p;
  const kept = st.lengthOrders.get(id);
  if (kept && kept.of === p && kept.n === n && kept.compactions === st.compactions) return kept;
  const { lenOf, flags } = st;
  // A place per length for the facts, then one per length for the rest; each slot's place is
  // noted on the first pass, so the second reads no slot's columns again.
  const rest = FACTOR_TABLE + 1;
  const at = new Int32Array(2 * rest);
  const places = new Uint16Array(n);
  for (let j = 0; j < n; j++) {
    const s = arr[j];
    const len = lenOf[s];
    const place = (flags[s] & FACT ? 0 : rest) + lengthPlace(len);
    places[j] = place;
    at[place]++;
  }
  let facts = 0;
  for (let b = 0; b < rest; b++) facts += at[b];
  let sum = 0;
  for (let b = 0; b < at.length; b++) {
    const c = at[b];
    at[b] = sum;
    sum += c;
  }
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) order[at[places[j]]++] = arr[j];
  let cached = n;
  for (const o of st.lengthOrders.values()) cached += o.n;
  if (cached > ORDERED_CACHE) st.lengthOrders.clear();
  const made = { of: p, n, compactions: st.compactions, order, facts };
  st.lengthOrders.set(id, made);
  return made;
}

/** A length's place in a length order: lengths from FACTOR_TABLE up share the last one. */
function lengthPlace(len: number): number {
  return len < FACTOR_TABLE ? len : FACTOR_TABLE;
}

/**
 * Puts the postings of the `max` commonest words in length order (those with ORDERED_MIN or more),
 * as a query of one of them would: a few milliseconds each at a million facts, paid before anyone
 * types rather than at the first keystroke. Half the cache at most, so queries keep room.
 */
export function warmLengthOrders(st: IndexState, max = 16): void {
  const common: number[] = [];
  for (let id = 0; id < st.post.length; id++) if (st.df(id) >= ORDERED_MIN) common.push(id);
  common.sort((a, b) => st.df(b) - st.df(a));
  let cached = 0;
  for (const id of common.slice(0, max)) {
    cached += st.df(id);
    if (cached > ORDERED_CACHE / 2) break;
    lengthOrder(st, id);
  }
}

/** The index-stage score of a touched slot, and a bound on it that needs neither its document nor its title. */
export interface BaseScore {
  base: (s: number) => number;
  /** At least `base(s)`; `base` itself when no document title matched a term. */
  bound: (s: number) => number;
  /**
   * The most a slot of accumulated weight `w` and length at least `len` words can score, title
   * share included (not a fact's bonus).
   */
  ceiling: (w: number, len: number) => number;
}

/** The index-stage score of a touched slot: accumulated weight × length factor, plus its title's share. */
export function baseScore(st: IndexState, terms: QTerm[], sumW: number): BaseScore {
  const titlePost = st.titles();
  const avg = st.aliveCount > 0 ? st.totalLen / st.aliveCount : 1;
  let docTitle: Float32Array | undefined;
  for (const t of terms) {
    const seen = new Set<number>();
    t.variants.forEach((v, vi) => {
      const ds = titlePost.get(v.id);
      if (!ds) return;
      docTitle ??= new Float32Array(st.docs.length);
      for (const d of ds) {
        if (seen.has(d)) continue;
        seen.add(d);
        docTitle[d] += t.weights[vi];
      }
    });
  }
  const { lenOf, docOf } = st;
  const { score } = st.scratch;
  const lengthFactor = (len: number): number => (K1 + 1) / (K1 * (1 - B + (B * len) / avg) + 1);
  // Looked up rather than computed (two divisions) for each of the up to a million slots a common word touches.
  const factors = new Float64Array(FACTOR_TABLE);
  for (let len = 0; len < FACTOR_TABLE; len++) factors[len] = lengthFactor(len);
  // A length's factor, also past the table: the factor falls as the length grows.
  const factorOf = (len: number): number => (len < FACTOR_TABLE ? factors[len] : lengthFactor(len));
  const weighted = (s: number): number => score[s] * factorOf(lenOf[s]);
  const title = docTitle;
  if (!title) {
    const base = (s: number): number => weighted(s) / sumW;
    return { base, bound: base, ceiling: (w, len) => (w * factorOf(len)) / sumW };
  }
  let maxTitle = 0;
  for (const v of title) if (v > maxTitle) maxTitle = v;
  const bestTitle = TITLE_WEIGHT * maxTitle;
  // The same sum with the best title's share instead of the slot's: never less (rounding is monotonic).
  return {
    base: (s: number): number => (weighted(s) + TITLE_WEIGHT * title[docOf[s]]) / sumW,
    bound: (s: number): number => (weighted(s) + bestTitle) / sumW,
    ceiling: (w, len) => (w * factorOf(len) + bestTitle) / sumW,
  };
}
