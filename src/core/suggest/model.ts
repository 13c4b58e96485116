/**
 * The English named-entity model: compromise's `people()`, `places()` and `organizations()`
 * (npm `compromise`, MIT, pure JavaScript, no network). Its offsets are UTF-16 indices, like the
 * rest of this folder's internals; the pipeline converts to code points once.
 *
 * Boundaries are cleaned: compromise's matches can start or end on a lower-case word
 * (`Beijing Tianjin Hebei region`, `Zhongguancun enterprises`) or a leading article, which the
 * CoNLL-style conventions leave out.
 */
import type compromise from 'compromise';
import { capitalRuns, lowerVocabulary, words } from './names';
import type { Candidate } from './types';

interface TermJson {
  text: string;
  offset: { start: number; length: number };
}

const KINDS = [
  ['people', 'person', 0.6],
  ['places', 'location', 0.6],
  ['organizations', 'organization', 0.55],
] as const;

const EDGE_WORDS = /^(the|a|an|of|and|in|on|at|to|for|by|from|with)$/i;

/** Raw compromise matches (no boundary cleaning): the baseline the benchmarks compare with. */
export function compromiseRaw(text: string): Candidate[] {
  return runCompromise(text, false);
}

/** compromise's matches with their edges trimmed to capitalised words. */
export function modelCandidates(text: string): Candidate[] {
  return runCompromise(text, true);
}

/**
 * The same, parsing only the document's distinct capitalised names, one per line, instead of the
 * whole text: compromise tags names mostly from its lexicon (first names, cities, organisation
 * words), so the sentence around them changes little, and a news text names the same places over
 * and over. Each name's result applies to every occurrence. About ten times faster on the seeds.
 */
export function modelCandidatesByName(text: string): Candidate[] {
  const ws = words(text);
  const runs = capitalRuns(text, ws, lowerVocabulary(ws));
  const lineOf = new Map<string, number>();
  const lines: string[] = [];
  for (const r of runs) {
    const t = text.slice(r.start, r.end);
    if (!lineOf.has(t)) {
      lineOf.set(t, lines.length);
      lines.push(t);
    }
  }
  if (lines.length === 0) return [];
  const condensed = lines.join('.\n') + '.';
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 2;
  }
  // Per line, the typed sub-spans (offsets relative to the line).
  const found = new Map<number, Candidate[]>();
  for (const c of runCompromise(condensed, true)) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= c.start) lo = mid;
      else hi = mid - 1;
    }
    const rel = { ...c, start: c.start - starts[lo], end: Math.min(c.end, starts[lo] + lines[lo].length) - starts[lo] };
    if (rel.end <= rel.start) continue;
    const list = found.get(lo);
    if (list) list.push(rel);
    else found.set(lo, [rel]);
  }
  const out: Candidate[] = [];
  for (const r of runs) {
    const hits = found.get(lineOf.get(text.slice(r.start, r.end))!);
    if (hits) for (const h of hits) out.push({ ...h, start: r.start + h.start, end: r.start + h.end });
  }
  return out;
}

type Nlp = typeof compromise;
let loaded: Nlp | undefined;

/**
 * compromise builds its lexicon when its module is evaluated: about 0.2 s, which the extension
 * host would otherwise pay while loading the extension, before activation, although only the
 * suggestion worker (and the fallback when the worker fails) runs the model. So it is loaded at
 * first use.
 */
function nlp(): Nlp {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('compromise') as Nlp | { default: Nlp };
    loaded = 'default' in mod ? mod.default : mod;
  }
  return loaded;
}

function runCompromise(text: string, clean: boolean): Candidate[] {
  const doc = nlp()(text);
  const out: Candidate[] = [];
  for (const [method, type, score] of KINDS) {
    for (const m of doc[method]().json({ offset: true, terms: { offset: true } }) as { terms: TermJson[] }[]) {
      let terms = m.terms;
      if (clean) {
        let a = 0;
        let b = terms.length;
        while (a < b && !isNameWord(terms[a].text)) a++;
        while (b > a && !isNameWord(terms[b - 1].text)) b--;
        terms = terms.slice(a, b);
      }
      if (terms.length === 0) continue;
      const start = terms[0].offset.start;
      const last = terms[terms.length - 1];
      let end = last.offset.start + last.offset.length;
      // compromise leaves the abbreviation's full stop out of `Co., Ltd.`.
      if (/^(Ltd|Co|Inc|Corp|Bros)$/.test(last.text) && text[end] === '.') end++;
      if (end > start) out.push({ start, end, type, score, engine: 'model' });
    }
  }
  return out;
}

function isNameWord(w: string): boolean {
  return /^[\p{Lu}\p{N}]/u.test(w) && !EDGE_WORDS.test(w);
}
