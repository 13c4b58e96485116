/**
 * The index's dictionary of words, with typo-tolerant look-up.
 *
 * A query word expands into indexed words (`variants`), each with a similarity in (0, 1]:
 * - exact: 1;
 * - prefix (the word being typed): `tongz` → `tongzhou`, 0.7–0.95 by how much of the word is typed;
 * - fuzzy: words sharing enough character bigrams with the query word (an edit changes at most 2 of
 *   them, a transposition 3) and of a close length are narrowed to a few hundred, then fuse.js ranks
 *   them (Bitap over these short strings) and its score becomes the similarity (`tongzou` → `tongzhou`,
 *   `sheild` → `shield`). Up to 1 edit for 4–7 letters, 2 from 8; numbers are never fuzzy.
 */
import Fuse from 'fuse.js';

export type VariantKind = 'exact' | 'prefix' | 'fuzzy';

export interface Variant {
  id: number;
  sim: number;
  kind: VariantKind;
}

const PREFIX_CAP = 24;
/**
 * Completions of a one- or two-letter prefix: its most frequent words are most of a large corpus's
 * postings (at 10,000 documents `tr` took 21-23 ms, 12-15 ms with 8), and after two letters the
 * person has hardly said which word they mean.
 */
const SHORT_PREFIX_CAP = 8;
const FUZZY_CANDIDATES = 300;
const FUZZY_CAP = 12;

function isNumeric(w: string): boolean {
  const c = w.charCodeAt(0);
  return c >= 0x30 && c <= 0x39;
}

function fuzzyEligible(w: string): boolean {
  return w.length >= 3 && w.length <= 32 && !isNumeric(w) && w.charCodeAt(0) < 0x3000;
}

export class Vocabulary {
  readonly ids = new Map<string, number>();
  readonly words: string[] = [];
  private readonly bigrams = new Map<string, number[]>();
  private sorted: number[] = [];
  private tail: number[] = [];
  private counts = new Uint8Array(1024);

  get size(): number {
    return this.words.length;
  }

  intern(w: string): number {
    let id = this.ids.get(w);
    if (id !== undefined) return id;
    id = this.words.length;
    this.words.push(w);
    this.ids.set(w, id);
    this.tail.push(id);
    if (fuzzyEligible(w)) {
      const padded = `^${w}$`;
      for (let i = 0; i + 1 < padded.length; i++) {
        const bg = padded.substr(i, 2);
        const list = this.bigrams.get(bg);
        if (list === undefined) this.bigrams.set(bg, [id]);
        else if (list[list.length - 1] !== id) list.push(id);
      }
    }
    return id;
  }

  /** Sorts the words interned since the last sort into the sorted list (done on demand; `FactIndex.warm` does it ahead). */
  sortTail(): void {
    if (this.tail.length === 0) return;
    this.sorted = this.sorted.concat(this.tail).sort((a, b) => (this.words[a] < this.words[b] ? -1 : this.words[a] > this.words[b] ? 1 : 0));
    this.tail = [];
  }

  /** Ids of words starting with `prefix` (at most `cap`, chosen by `rank` descending). */
  prefixed(prefix: string, cap: number, rank: (id: number) => number): number[] {
    if (this.tail.length > 512) this.sortTail();
    const out: number[] = [];
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.words[this.sorted[mid]] < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sorted.length; i++) {
      const w = this.words[this.sorted[i]];
      if (!w.startsWith(prefix)) break;
      out.push(this.sorted[i]);
      if (out.length >= 4096) break;
    }
    for (const id of this.tail) if (this.words[id].startsWith(prefix)) out.push(id);
    if (out.length <= cap) return out;
    return out.sort((a, b) => rank(b) - rank(a)).slice(0, cap);
  }

  /**
   * Variants of a query word, best first. `prefix`: the word may be incomplete (the last one typed).
   * `rank` orders prefix completions (document frequency); words with `live(id) === false` are skipped.
   */
  expand(term: string, prefix: boolean, rank: (id: number) => number, live: (id: number) => boolean): Variant[] {
    const out: Variant[] = [];
    const seen = new Set<number>();
    const exact = this.ids.get(term);
    if (exact !== undefined && live(exact)) {
      out.push({ id: exact, sim: 1, kind: 'exact' });
      seen.add(exact);
    }
    const numeric = isNumeric(term);
    if (prefix && (term.length >= 2 || numeric)) {
      for (const id of this.prefixed(term, term.length <= 2 ? SHORT_PREFIX_CAP : PREFIX_CAP, rank)) {
        if (seen.has(id) || !live(id)) continue;
        seen.add(id);
        out.push({ id, sim: 0.7 + (0.25 * term.length) / this.words[id].length, kind: 'prefix' });
      }
    }
    const hasExact = out.length > 0 && out[0].kind === 'exact';
    if (term.length >= 4 && !numeric && term.charCodeAt(0) < 0x3000 && !(hasExact && term.length <= 5)) {
      // When the word itself is indexed, its near neighbours are less likely to be what was meant.
      const damp = hasExact ? 0.7 : 1;
      for (const v of this.fuzzy(term, prefix)) {
        if (seen.has(v.id) || !live(v.id)) continue;
        seen.add(v.id);
        out.push({ ...v, sim: v.sim * damp });
      }
    }
    return out.sort((a, b) => b.sim - a.sim);
  }

  private fuzzy(term: string, prefix: boolean): Variant[] {
    const L = term.length;
    const maxEd = L >= 8 ? 2 : 1;
    const padded = `^${term}$`;
    const nb = padded.length - 1;
    // Prefix mode drops the end marker: the typed word may stop anywhere.
    const grams: string[] = [];
    for (let i = 0; i + 1 < padded.length; i++) if (!(prefix && i === nb - 1)) grams.push(padded.substr(i, 2));
    const need = Math.max(1, grams.length - 3 * maxEd);
    if (this.counts.length < this.words.length) this.counts = new Uint8Array(Math.max(this.words.length, this.counts.length * 2));
    const counts = this.counts;
    const touched: number[] = [];
    for (const g of new Set(grams)) {
      const list = this.bigrams.get(g);
      if (!list) continue;
      for (let k = 0; k < list.length; k++) {
        const id = list[k];
        if (counts[id] === 0) touched.push(id);
        if (counts[id] < 255) counts[id]++;
      }
    }
    let cands: number[] = [];
    for (const id of touched) {
      const c = counts[id];
      counts[id] = 0;
      if (c < need) continue;
      const wl = this.words[id].length;
      if (prefix ? wl < L - maxEd : Math.abs(wl - L) > maxEd) continue;
      cands.push(id);
    }
    // Edit distance (transpositions count one) decides which words are near enough, anchored at the
    // start; in prefix mode against the best prefix of the word.
    cands = cands.filter((id) => editDistance(term, this.words[id], maxEd, prefix) <= maxEd);
    if (cands.length === 0) return [];
    if (cands.length > FUZZY_CANDIDATES) {
      const score = new Map<number, number>();
      for (const id of cands) score.set(id, this.bigramOverlap(grams, id));
      cands = cands.sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0)).slice(0, FUZZY_CANDIDATES);
    }
    // fuse.js ranks the near words: its Bitap score (edits / word length) becomes the similarity.
    const texts = cands.map((id) => (prefix ? this.words[id].slice(0, L + maxEd) : this.words[id]));
    const fuse = new Fuse(texts, {
      includeScore: true,
      isCaseSensitive: true,
      ignoreLocation: true,
      shouldSort: false,
      // A transposition is two edits for Bitap.
      threshold: Math.min(0.6, (2 * maxEd + 0.5) / L),
    });
    const out: Variant[] = [];
    for (const r of fuse.search(term)) {
      const id = cands[r.refIndex];
      const w = this.words[id];
      // Bitap may match a prefix of a longer word: penalise words much longer than the query word.
      const lenRatio = prefix ? 1 : Math.min(L, w.length) / Math.max(L, w.length);
      const sim = 0.85 * (1 - (r.score ?? 1)) * (0.75 + 0.25 * lenRatio) * (prefix && w.length > L + maxEd ? 0.95 : 1);
      if (sim > 0.3) out.push({ id, sim, kind: 'fuzzy' });
    }
    return out.sort((a, b) => b.sim - a.sim).slice(0, FUZZY_CAP);
  }

  private bigramOverlap(grams: string[], id: number): number {
    const w = `^${this.words[id]}$`;
    let n = 0;
    for (const g of grams) if (w.includes(g)) n++;
    return n;
  }
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), or `max + 1` once it
 * is certainly above `max`. With `prefix`, the distance to the closest prefix of `b`.
 */
export function editDistance(a: string, b: string, max: number, prefix = false): number {
  const n = a.length;
  const m = prefix ? Math.min(b.length, n + max) : b.length;
  if (!prefix && Math.abs(n - m) > max) return max + 1;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  if (!prefix) return prev[m];
  let best = max + 1;
  for (let j = Math.max(0, n - max); j <= m; j++) best = Math.min(best, prev[j]);
  return best;
}
