/**
 * The rerank stage of a search: the index stage's candidates are re-read as text. See rerank() below;
 * the final order is: matching recorded facts (+2) above exact phrase matches (+1) above the rest,
 * within a tier by relevance in [0, 1] (idf-weighted word coverage 75 %, proximity 10 %, fuse.js
 * passage score 15 %).
 */
import Fuse from 'fuse.js';
import { FACT } from './facets';
import type { IndexState } from './indexState';
import type { ParsedQuery } from './query';
import { toResult } from './results';
import type { Candidates, QTerm } from './scoring';
import { fold, forEachToken } from './tokenize';
import type { SearchResult } from './types';

/**
 * Re-reads the candidates (best first): quoted phrases must occur; matched words give highlight ranges,
 * proximity and exact phrase detection; fuse.js scores each query word against the passage around the
 * matches of the leading `rerankCount`. Returns the best `limit`, in their final order.
 */
export function rerank(st: IndexState, q: ParsedQuery, terms: QTerm[], { slots: candidates, base }: Candidates, rerankCount: number, limit: number): SearchResult[] {
  // Which query term each variant word stands for.
  const wordTerm = new Map<string, { t: number; sim: number }>();
  terms.forEach((t, ti) => {
    for (const v of t.variants) {
      const w = st.vocab.words[v.id];
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
    const text = st.text(s);
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
  const lead = [...cands].sort((a, b) => b.final - a.final).slice(0, rerankCount);
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
    const isFact = (st.flags[c.s] & FACT) !== 0;
    // Relevance in [0, 1], then the tiers: matching recorded facts, then exact phrase matches.
    const rel = 0.75 * Math.min(1, c.base) + 0.1 * c.prox + 0.15 * Math.min(1, c.fuse);
    c.final = rel + (c.exact ? 1 : 0) + (isFact && c.base >= 0.5 * maxBase ? 2 : 0);
  }
  cands.sort((a, b) => b.final - a.final || st.docOf[a.s] - st.docOf[b.s] || a.s - b.s);
  return cands.slice(0, limit).map((c) => toResult(st.fact(c.s), c.final, c.ranges, c.exact));
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
