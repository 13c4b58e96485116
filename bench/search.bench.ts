import { mulberry32, seedFiles } from '../test/support/fixtures';
/**
 * `npm run bench -- search`: fact search speed, memory and relevance, this project's FactIndex and
 * plain fuse.js side by side in the same run.
 *
 * Corpora of 1,000 / 10,000 / 100,000 / 1,000,000 facts are generated from the seed documents'
 * sentences, perturbed with a seeded PRNG (numbers and place names swapped, adjacent words and
 * clauses swapped, words dropped and inserted) and grouped into documents of 100 facts. Entities of
 * bench/relevance.ts's registry are tagged by string match; 0.5 % of the facts are recorded facts.
 *
 * - build: time to index all documents (`setDocument` per document / `new Fuse(records)`).
 * - heap: heap growth after a full GC, with the records already in memory (they belong to the caller).
 * - latency: one full `search(query)` per sample over a fixed set of queries (typos, French,
 *   numbers, filters), word-expansion cache cleared before each; p50 / p95 over all samples.
 * - typing: every prefix of every query typed in turn, as keystrokes, cache on.
 * - relevance: recall@10 and MRR@10 over the hand-labelled set in bench/relevance.ts, on the seed
 *   documents alone and with 10,000 perturbed distractor facts mixed in (a perturbed copy of an
 *   expected sentence counts as a hit there).
 *
 * fuse.js runs with typical options (keys: sentence text and entity names/aliases, ignoreLocation,
 * threshold 0.4, includeMatches for highlighting); filters it cannot express are applied to its results
 * afterwards. It is slow, so it runs fewer samples: 3 rounds at 1,000, 1 at 10,000, and at 100,000
 * every fourth query once; at 1,000,000 it is not run and its median is extrapolated linearly.
 * Memory is heap plus array buffers (typed arrays live outside the JS heap).
 */
import Fuse, { type IFuseOptions } from 'fuse.js';
import type { EntityAnnotation } from '../src/core/model';
import { extractFacts, type FactRecord } from '../src/core/facts/extract';
import { FactIndex } from '../src/core/search/factIndex';
import { FILTERS, hasFilters, type FilterKey, type QueryFilters } from '../src/core/search/filters';
import { parseQuery, type ParsedQuery } from '../src/core/search/query';
import { compactKey, fold } from '../src/core/search/tokenize';
import { CodePointIndex } from '../src/core/text/codepoints';
import { REGISTRY, RELEVANCE, type RelevanceCase } from './relevance';
import { heapUsed, mb, ms, summarize, table } from './stats';

// SEARCH_BENCH_SIZES=1000,10000 and SEARCH_BENCH_FUSE_MAX=0 shorten a run while iterating.
const SIZES = (process.env.SEARCH_BENCH_SIZES ?? '1000,10000,100000,1000000').split(',').map(Number);
const FUSE_MAX = Number(process.env.SEARCH_BENCH_FUSE_MAX ?? 100_000);
const DOC_SIZE = 100;

/** The fixed latency set: the relevance queries plus filters, numbers, French, prefixes. */
export const LATENCY_QUERIES: string[] = [
  ...RELEVANCE.map((r) => r.query),
  'Tongzou',
  'Pékin',
  'type:person Beijing',
  'entity:xiongan year:2023',
  'doc:003 ligne 22',
  'year:2023 GDP',
  '"one meeting and three letters"',
  'kind:fact Hebei',
  '8.29',
  'développement coordonné de Pékin-Tianjin-Hebei',
  'Tianjn Hebie coordinated',
  'Xio',
  'coordinated developmnt of Beijing Tianjin Hebei',
];

/** Typical options: whole sentences plus entity names and aliases (so `Pékin` can find Beijing), highlights on. */
export const FUSE_OPTIONS: IFuseOptions<FuseItem> = {
  keys: [
    { name: 'text', weight: 0.8 },
    { name: 'names', weight: 0.2 },
  ],
  includeScore: true,
  includeMatches: true,
  ignoreLocation: true,
  threshold: 0.4,
};

interface FuseItem {
  text: string;
  names: string[];
  rec: FactRecord;
}

export interface SeedDoc {
  file: string;
  docId: string;
  title: string;
  records: FactRecord[];
}

// ------------------------------------------------------------------ corpus


const FORMS = REGISTRY.flatMap((c) => [c.name, ...c.aliases].map((form) => ({ form, c }))).sort((a, b) => b.form.length - a.form.length);
const FORM_RE = new RegExp(`(?<![\\p{L}\\p{N}])(${FORMS.map((f) => f.form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
const FORM_OF = new Map(FORMS.map((f) => [f.form, f.c]));
const PLACES = ['Beijing', 'Tianjin', 'Hebei', 'Tongzhou', 'Langfang', "Xiong'an", 'Sanhe', 'Yanjiao', 'Cangzhou', 'Chengde', 'Baodi', 'Daxing', 'Tangshan', 'Zhangjiakou', 'Xianghe', 'Dachang', 'Baoding', 'Shijiazhuang'];
const PLACE_RE = new RegExp(`\\b(${PLACES.map((p) => p.replace(/'/g, "\\'")).join('|')})\\b`, 'g');

/** Entity annotations for every registry name or alias in `text` (code point offsets, shifted by `base`). */
function tag(text: string, base: number, idPrefix: string): EntityAnnotation[] {
  const out: EntityAnnotation[] = [];
  const cps = new CodePointIndex(text);
  FORM_RE.lastIndex = 0;
  for (let m = FORM_RE.exec(text); m; m = FORM_RE.exec(text)) {
    const c = FORM_OF.get(m[1])!;
    const start = base + cps.toCodePoint(m.index);
    out.push({ id: `${idPrefix}${start}`, type: c.type, entity: c.id, text: m[1], start, end: start + cps.toCodePoint(m.index + m[1].length) - cps.toCodePoint(m.index), prefix: '', suffix: '' });
  }
  return out;
}

export function loadSeeds(): SeedDoc[] {
  return seedFiles().map(({ file, text }) => {
    const docId = `file:///corpus/seeds/${file}`;
    const title = text.split('\n').find((l) => l.trim())!.trim();
    const records = extractFacts({ id: docId, title, text, entities: tag(text, 0, 'e') }, REGISTRY);
    return { file, docId, title, records };
  });
}

function perturb(text: string, rnd: () => number, fillers: string[]): string {
  let t = text.replace(/\d+(?:[.,]\d+)*/g, (m) => (rnd() < 0.5 ? m.replace(/\d/g, (d, i: number) => String(i === 0 && d !== '0' ? 1 + Math.floor(rnd() * 9) : Math.floor(rnd() * 10))) : m));
  t = t.replace(PLACE_RE, (m) => (rnd() < 0.4 ? PLACES[Math.floor(rnd() * PLACES.length)] : m));
  if (rnd() < 0.15) {
    const parts = t.split(', ');
    if (parts.length >= 3) {
      const i = 1 + Math.floor(rnd() * (parts.length - 2));
      [parts[i], parts[i - 1]] = [parts[i - 1], parts[i]];
      t = parts.join(', ');
    }
  }
  const words = t.split(' ');
  if (words.length > 6) {
    if (rnd() < 0.3) {
      const i = Math.floor(rnd() * (words.length - 1));
      [words[i], words[i + 1]] = [words[i + 1], words[i]];
    }
    if (rnd() < 0.3) words.splice(1 + Math.floor(rnd() * (words.length - 2)), 1);
    if (rnd() < 0.3) words.splice(1 + Math.floor(rnd() * (words.length - 2)), 0, fillers[Math.floor(rnd() * fillers.length)]);
  }
  return words.join(' ');
}

export interface Generated {
  docs: { docId: string; records: FactRecord[] }[];
  records: FactRecord[];
  /** Index of the seed sentence each record was made from. */
  source: Int32Array;
}

export function generate(n: number, seeds: SeedDoc[], seed: number): Generated {
  const rnd = mulberry32(seed);
  const sentences = seeds.flatMap((d, di) => d.records.filter((r) => r.kind === 'sentence').map((r) => ({ r, di })));
  const fillers = [...new Set(sentences.flatMap(({ r }) => r.text.split(' ').filter((w) => /^\p{L}{3,}$/u.test(w))))];
  const docs: Generated['docs'] = [];
  const records: FactRecord[] = [];
  const source = new Int32Array(n);
  for (let d = 0; d * DOC_SIZE < n; d++) {
    const count = Math.min(DOC_SIZE, n - d * DOC_SIZE);
    const from = seeds[d % seeds.length];
    const docId = `file:///corpus/gen/${String(d).padStart(6, '0')}_${(d * 2654435761 >>> 0).toString(16)}.txt`;
    const title = perturb(from.title, rnd, fillers);
    const recs: FactRecord[] = [];
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const k = Math.floor(rnd() * sentences.length);
      source[records.length] = k;
      const { r } = sentences[k];
      const text = perturb(r.text, rnd, fillers);
      const len = [...text].length;
      const years = [...new Set((text.match(/(?<![\d.,])(?:19|20)\d{2}(?![\d])/g) ?? []).map(Number))].sort((a, b) => a - b);
      const rec: FactRecord = { id: `s:${offset}-${offset + len}`, docId, title, kind: 'sentence', text, start: offset, end: offset + len, line: i + 1, lang: r.lang, entities: [], numbers: [], dates: [], years };
      for (const a of tag(text, offset, `${d}-`)) {
        const c = REGISTRY.find((x) => x.id === a.entity)!;
        rec.entities.push({ id: a.id, type: a.type, text: a.text, start: a.start, end: a.end, entity: c.id, name: c.name, aliases: [...c.aliases] });
      }
      if (rnd() < 0.005) {
        // A recorded fact on this sentence, its fields taken from the sentence itself.
        const subject = rec.entities[0];
        const value = /\d+(?:[.,]\d+)*(?:\s?%|\s\p{L}+)?/u.exec(text)?.[0];
        const predicate = text.split(/\s+/).filter((w) => /^\p{Ll}{5,}$/u.test(w))[0];
        rec.kind = 'fact';
        rec.id = `f:${d}-${i}`;
        rec.fact = { id: `${d}-${i}` };
        if (subject) {
          rec.fact.subject = subject.entity;
          rec.fact.subjectName = subject.name;
        }
        if (predicate) rec.fact.predicate = predicate;
        if (value) rec.fact.value = value;
        if (years.length) rec.fact.date = String(years[0]);
      }
      recs.push(rec);
      records.push(rec);
      offset += len + 1;
    }
    docs.push({ docId, records: recs });
  }
  return { docs, records, source };
}

// ------------------------------------------------------------------ engines

function fuseSearch(fuse: Fuse<FuseItem>, items: FuseItem[], query: string, limit = 50): FactRecord[] {
  const q = parseQuery(query).value;
  const pattern = [q.text, ...q.phrases].join(' ').trim();
  const filtered = hasFilters(q.filters);
  let recs: FactRecord[];
  if (!pattern) recs = items.map((i) => i.rec);
  else recs = fuse.search(pattern, filtered ? undefined : { limit }).map((r) => r.item.rec);
  if (filtered) recs = recs.filter((r) => passes(r, q));
  return recs.slice(0, limit);
}

/**
 * The filters, for engines that cannot apply them (plain fuse.js), one test per filter; typed by the
 * filter list, so a new filter is not silently ignored by the comparison.
 */
const PASSES: { [K in FilterKey]: (r: FactRecord, values: QueryFilters[K]) => boolean } = {
  type: (r, types) => r.entities.some((e) => types.some((t) => fold(e.type).startsWith(t))),
  entity: (r, keys) => r.entities.some((e) => keys.some((v) => [e.entity ?? '', e.name, e.text, ...e.aliases].some((k) => compactKey(k).startsWith(v)))),
  doc: (r, prefixes) => {
    const name = fold(decodeURIComponent(r.docId.slice(r.docId.lastIndexOf('/') + 1)));
    return prefixes.some((v) => name.startsWith(v) || fold(r.title).split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(v)));
  },
  year: (r, ranges) => r.years.some((y) => ranges.some((yr) => y >= yr.from && y <= yr.to)),
  kind: (r, kinds) => kinds.includes(r.kind),
};

function passes(r: FactRecord, q: ParsedQuery): boolean {
  // Each key with its own values; TypeScript cannot pair the two unions by itself.
  return FILTERS.every((d) => q.filters[d.key].length === 0 || (PASSES[d.key] as (r: FactRecord, v: unknown[]) => boolean)(r, q.filters[d.key]));
}

function fuseItems(records: FactRecord[]): FuseItem[] {
  return records.map((rec) => ({ text: rec.text, names: [...new Set(rec.entities.flatMap((e) => [e.name, ...e.aliases]))], rec }));
}

// ------------------------------------------------------------------ relevance

function relevance(cases: RelevanceCase[], run: (q: string) => { docId: string; text: string }[], isHit: (r: { docId: string; text: string }, c: RelevanceCase) => boolean): { recall: number; mrr: number; misses: string[] } {
  let hits = 0;
  let rr = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const res = run(c.query).slice(0, 10);
    const at = res.findIndex((r) => isHit(r, c));
    if (at >= 0) {
      hits++;
      rr += 1 / (at + 1);
    } else misses.push(c.query);
  }
  return { recall: hits / cases.length, mrr: rr / cases.length, misses };
}

function seedHit(r: { docId: string; text: string }, c: RelevanceCase): boolean {
  return c.expect.some((e) => r.docId.endsWith('/' + e.file) && r.text.includes(e.includes));
}

// ------------------------------------------------------------------ main

function pct(x: number): string {
  return `${(x * 100).toFixed(0)} %`;
}

/** Heap plus array buffers after a full collection. */
function memoryUsed(): number {
  heapUsed();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

async function latency(run: (q: string) => unknown, queries: string[], rounds: number, before?: () => void, warmAll = true): Promise<{ p50: number; p95: number; max: number; n: number }> {
  for (const q of warmAll ? queries : queries.slice(0, 1)) run(q); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      before?.();
      const t0 = performance.now();
      run(q);
      samples.push(performance.now() - t0);
    }
    await new Promise((res) => setImmediate(res));
  }
  const s = summarize(samples);
  return { p50: s.median, p95: s.p95, max: s.max, n: s.runs };
}

export async function main(): Promise<void> {
  const t0 = performance.now();
  const tx = performance.now();
  const seeds = loadSeeds();
  const seedRecords = seeds.flatMap((d) => d.records);
  const extractMs = performance.now() - tx;
  console.log(`Seeds: ${seeds.length} documents, ${seedRecords.length} sentences (split, tagged and extracted in ${ms(extractMs)}). Queries: ${LATENCY_QUERIES.length} for latency, ${RELEVANCE.length} hand-labelled for relevance.\n`);

  // Relevance on the seeds, then with 10,000 distractors.
  const relRows: (string | number)[][] = [];
  {
    const idx = new FactIndex();
    idx.setRegistry(REGISTRY);
    for (const d of seeds) idx.setDocument(d.docId, d.records);
    const items = fuseItems(seedRecords);
    const fuse = new Fuse(items, FUSE_OPTIONS);
    const mine = relevance(RELEVANCE, (q) => idx.search(q, 10), seedHit);
    const plain = relevance(RELEVANCE, (q) => fuseSearch(fuse, items, q, 10), seedHit);
    const gen = generate(10_000, seeds, 7);
    for (const d of gen.docs) idx.setDocument(d.docId, d.records);
    const all = [...seedRecords, ...gen.records];
    const items2 = fuseItems(all);
    const fuse2 = new Fuse(items2, FUSE_OPTIONS);
    const seedSentences = seeds.flatMap((d) => d.records.filter((r) => r.kind === 'sentence'));
    const genSource = new Map<FactRecord, FactRecord>();
    gen.records.forEach((r, i) => genSource.set(r, seedSentences[gen.source[i]]));
    const mixedHit = (r: { docId: string; text: string; id?: string }, c: RelevanceCase) => {
      if (seedHit(r, c)) return true;
      const rec = gen.records.find((g) => g.docId === r.docId && g.text === r.text);
      const src = rec && genSource.get(rec);
      return !!src && seedHit(src, c);
    };
    const mine2 = relevance(RELEVANCE, (q) => idx.search(q, 10), mixedHit);
    const plain2 = relevance(RELEVANCE, (q) => fuseSearch(fuse2, items2, q, 10), mixedHit);
    relRows.push(['FactIndex', pct(mine.recall), mine.mrr.toFixed(2), pct(mine2.recall), mine2.mrr.toFixed(2)]);
    relRows.push(['fuse.js alone', pct(plain.recall), plain.mrr.toFixed(2), pct(plain2.recall), plain2.mrr.toFixed(2)]);
    console.log(`### Relevance (${RELEVANCE.length} hand-labelled queries, bench/relevance.ts)\n`);
    console.log(table(['engine', `recall@10, seeds (${seedRecords.length} facts)`, 'MRR@10', `recall@10, seeds + 10,000 perturbed`, 'MRR@10'], relRows));
    if (mine.misses.length + mine2.misses.length) console.log(`\nFactIndex misses: ${[...new Set([...mine.misses, ...mine2.misses])].join('; ')}`);
    if (plain.misses.length + plain2.misses.length) console.log(`fuse.js misses: ${[...new Set([...plain.misses, ...plain2.misses])].join('; ')}`);
  }

  const rows: (string | number)[][] = [];
  const typingRows: (string | number)[][] = [];
  let fuseMedianAt100k = NaN;
  for (const n of SIZES) {
    let gen: Generated | undefined = generate(n, seeds, n);
    heapUsed();
    // FactIndex
    {
      const h0 = memoryUsed();
      const tb = performance.now();
      let idx: FactIndex | undefined = new FactIndex();
      idx.setRegistry(REGISTRY);
      for (const d of gen.docs) idx.setDocument(d.docId, d.records);
      const build = performance.now() - tb;
      const h1 = memoryUsed();
      const index = idx;
      const lat = await latency((q) => index.search(q, 50), LATENCY_QUERIES, n >= 1_000_000 ? 3 : 5, () => index.clearCache());
      rows.push([n.toLocaleString('en-US'), 'FactIndex', ms(build), mb(h1 - h0), ms(lat.p50), ms(lat.p95), ms(lat.max), lat.n]);
      if (n >= 100_000) {
        // Keystrokes: every prefix of every query, as typed (word-expansion cache on).
        const prefixes = LATENCY_QUERIES.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));
        const samples: number[] = [];
        index.clearCache();
        for (const p of prefixes) {
          const t = performance.now();
          index.search(p, 50);
          samples.push(performance.now() - t);
        }
        const s = summarize(samples);
        typingRows.push([n.toLocaleString('en-US'), samples.length, ms(s.median), ms(s.p95), ms(s.max)]);
      }
      // Incremental update: replace one document, then remove it.
      if (n === 100_000 || n === 1_000_000) {
        const d = gen.docs[Math.floor(gen.docs.length / 2)];
        const tu = performance.now();
        index.setDocument(d.docId, d.records.map((r) => ({ ...r, text: r.text + ' updated' })));
        const upd = performance.now() - tu;
        const tr = performance.now();
        index.removeDocument(d.docId);
        const rem = performance.now() - tr;
        console.log(`\n${n.toLocaleString('en-US')} facts: replacing one ${d.records.length}-fact document took ${ms(upd)}, removing it ${ms(rem)}.`);
      }
      idx = undefined;
    }
    // Plain fuse.js
    if (n <= FUSE_MAX) {
      const items = fuseItems(gen.records);
      const h0 = memoryUsed();
      const tb = performance.now();
      let fuse: Fuse<FuseItem> | undefined = new Fuse(items, FUSE_OPTIONS);
      const build = performance.now() - tb;
      const h1 = memoryUsed();
      const f = fuse;
      const queries = n >= 100_000 ? LATENCY_QUERIES.filter((_, i) => i % 4 === 0) : LATENCY_QUERIES;
      const lat = await latency((q) => fuseSearch(f, items, q, 50), queries, n <= 1_000 ? 3 : 1, undefined, n <= 1_000);
      if (n === FUSE_MAX) fuseMedianAt100k = lat.p50;
      rows.push([n.toLocaleString('en-US'), 'fuse.js alone', ms(build), mb(h1 - h0), ms(lat.p50), ms(lat.p95), ms(lat.max), lat.n]);
      fuse = undefined;
    } else {
      const est = Number.isFinite(fuseMedianAt100k) && FUSE_MAX === 100_000 ? `not run (est. ${(fuseMedianAt100k * (n / FUSE_MAX) / 1000).toFixed(0)} s median: linear scan)` : 'not run';
      rows.push([n.toLocaleString('en-US'), 'fuse.js alone', est, '', '', '', '', '']);
    }
    gen = undefined;
    heapUsed();
  }
  console.log(`\n### Speed and memory (latency = one full search(query) call, ${LATENCY_QUERIES.length} queries)\n`);
  console.log(table(['facts', 'engine', 'build', 'heap', 'p50', 'p95', 'max', 'samples'], rows));
  console.log(`\n### Typing (each prefix of each query is one keystroke; FactIndex)\n`);
  console.log(table(['facts', 'keystrokes', 'p50', 'p95', 'max'], typingRows));
  console.log(`\nBench time: ${(((performance.now() - t0) / 1000) | 0)} s.`);
}
