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
 * required term only). `epoch` is the search's stamp in the state's scratch.
 */
export function topCandidates(st: IndexState, terms: QTerm[], allowed: ((s: number) => boolean) | undefined, epoch: number, k: number, postingBudget: number): Candidates {
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

  const { stamp, score, req, tmark, touched } = st.scratch;
  const { flags, post } = st;
  let nt = 0;
  for (const ti of accumulate) {
    const t = terms[ti];
    const mark = ti + 1;
    const isReq = t.required;
    for (let vi = 0; vi < t.variants.length; vi++) {
      const p = post[t.variants[vi].id];
      const w = t.weights[vi];
      const arr = p.arr;
      const n = p.n;
      for (let j = 0; j < n; j++) {
        const s = arr[j];
        if (stamp[s] !== epoch) {
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

  const scoring = baseScore(st, terms, sumW);
  let slots: number[];
  if (probe.length === 0) {
    slots = best(st, scoring, touched, nt, k, reqCount);
  } else {
    // Common words: checked only on the leading candidates, by binary search.
    const ids = best(st, scoring, touched, nt, Math.max(k * 8, 2000), -1);
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
    slots = best(st, scoring, ids, ids.length, k, reqCount);
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
function best(st: IndexState, scoring: BaseScore, slots: ArrayLike<number>, n: number, k: number, reqCount: number): number[] {
  const { req } = st.scratch;
  const { flags } = st;
  const { base, bound } = scoring;
  const top = new TopK(k);
  let least = top.min;
  for (let i = 0; i < n; i++) {
    const s = slots[i];
    if (reqCount >= 0 && req[s] !== reqCount) continue;
    const fact = flags[s] & FACT ? FACT_BONUS : 0;
    if (bound !== base && bound(s) + fact < least) continue;
    const v = base(s) + fact;
    if (v <= least) continue;
    top.push(s, v);
    least = top.min;
  }
  return top.sorted();
}

/** The index-stage score of a touched slot, and a bound on it that needs neither its document nor its title. */
export interface BaseScore {
  base: (s: number) => number;
  /** At least `base(s)`; `base` itself when no document title matched a term. */
  bound: (s: number) => number;
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
  const weighted = (s: number): number => {
    const len = lenOf[s];
    return score[s] * (len < FACTOR_TABLE ? factors[len] : lengthFactor(len));
  };
  const title = docTitle;
  if (!title) {
    const base = (s: number): number => weighted(s) / sumW;
    return { base, bound: base };
  }
  let maxTitle = 0;
  for (const v of title) if (v > maxTitle) maxTitle = v;
  const bestTitle = TITLE_WEIGHT * maxTitle;
  // The same sum with the best title's share instead of the slot's: never less (rounding is monotonic).
  return {
    base: (s: number): number => (weighted(s) + TITLE_WEIGHT * title[docOf[s]]) / sumW,
    bound: (s: number): number => (weighted(s) + bestTitle) / sumW,
  };
}
