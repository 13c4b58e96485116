/**
 * `npm run bench -- suggestions`: the entity suggestion engines (src/core/suggest).
 * Quality against the hand-made gold of seeds 001 and 002 (test/fixtures/gold, CoNLL-2003-style
 * conventions in its README): precision, recall and F1 per type and engine, exact and overlap, with
 * no annotations in the corpus, then on each document after the other's gold has been accepted.
 * Speed: a whole seed document, and pre-annotation of generated documents on worker threads.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodePointIndex } from '../src/core/text/codepoints';
import { compromiseRaw, DecisionIndex, engineCandidates, finish, suggestEntities, type Candidate, type EngineName } from '../src/core/suggest';
import { SuggestPool } from '../src/features/suggestions/suggestPool';
import { detectLanguage } from '../src/core/facts/sentences';
import { mulberry32, seedFiles } from '../test/support/fixtures';
import { score, type Prf, type Span } from './nerScore';
import { ms, time } from './stats';

const TYPES = ['person', 'organization', 'location'];

interface Gold {
  document: string;
  annotations: { start: number; end: number; type: string; text: string }[];
}

function goldDir(): string {
  return [path.resolve(__dirname, '../test/fixtures/gold'), path.resolve(__dirname, '../../test/fixtures/gold')].find((d) => fs.existsSync(d))!;
}

export function loadGold(): Gold[] {
  const dir = goldDir();
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Gold);
}

const f2 = (x: number) => x.toFixed(2);

function row(label: string, exact: Record<string, Prf>, overlap: Record<string, Prf>): string {
  const cells = [...TYPES, 'all'].map((t) => `${f2(overlap[t].p)} / ${f2(overlap[t].r)} / ${f2(overlap[t].f1)}`);
  return `| ${label} | ${cells.join(' | ')} | ${f2(exact.all.p)} / ${f2(exact.all.r)} / ${f2(exact.all.f1)} |`;
}

function header(title: string): void {
  console.log(`\n### ${title}\n`);
  console.log('P / R / F1, overlap (same type, spans share a character) per type; last column exact boundaries, all three types.\n');
  console.log('| engines | person | organization | location | all (overlap) | all (exact) |');
  console.log('|---|---|---|---|---|---|');
}

function evaluate(docs: { text: string; gold: Span[] }[], predict: (text: string, k: number) => Span[]): { exact: Record<string, Prf>; overlap: Record<string, Prf> } {
  const gold: Span[] = [];
  const pred: Span[] = [];
  let offset = 0;
  docs.forEach((d, k) => {
    // Concatenated offsets so one call counts every document.
    for (const g of d.gold) gold.push({ ...g, start: g.start + offset, end: g.end + offset });
    for (const p of predict(d.text, k)) pred.push({ ...p, start: p.start + offset, end: p.end + offset });
    offset += d.text.length + 1;
  });
  return { exact: score(gold, pred, TYPES, 'exact'), overlap: score(gold, pred, TYPES, 'overlap') };
}

/** Annotated after the engines were written, and never used to tune them: the unseen-text figures. */
const HELD_OUT = '000_ad486b33f2fde1b8.txt';

async function quality(): Promise<void> {
  const seeds = new Map(seedFiles().map((s) => [s.file, s.text]));
  const all = loadGold();
  const heldOut = all.filter((g) => g.document === HELD_OUT);
  const golds = all.filter((g) => g.document !== HELD_OUT);
  const docs = golds.map((g) => ({ text: seeds.get(g.document)!, gold: g.annotations as Span[] }));
  const cpsOf = docs.map((d) => new CodePointIndex(d.text));
  const toCp = (k: number, c: Candidate[]) => c.map((x) => ({ ...x, start: cpsOf[k].toCodePoint(x.start), end: cpsOf[k].toCodePoint(x.end) }));

  header(`No annotations in the corpus (${golds.map((g) => g.document).join(', ')}; ${docs.reduce((n, d) => n + d.gold.length, 0)} gold names)`);
  const noDecisions = {};
  const only = (engines: EngineName[]) => (text: string) => suggestEntities(text, noDecisions, { engines });
  const rows: [string, (text: string, k: number) => Span[]][] = [
    ['compromise alone (raw people/places/organizations)', (t, k) => toCp(k, compromiseRaw(t))],
    ['model (compromise on the distinct names, edges trimmed)', only(['model'])],
    ['patterns alone', only(['patterns'])],
    ['model + patterns (combined)', only(['model', 'patterns'])],
    ['all engines (combined)', only(['corpus', 'registry', 'model', 'patterns', 'rules'])],
  ];
  for (const [label, fn] of rows) {
    const r = evaluate(docs, fn);
    console.log(row(label, r.exact, r.overlap));
  }
  for (const [label, fn] of rows.slice(0, 1).concat(rows.slice(4))) {
    for (let k = 0; k < docs.length; k++) {
      const r = evaluate([docs[k]], (t) => fn(t, k));
      console.log(row(`${label}, ${golds[k].document} only`, r.exact, r.overlap));
    }
  }

  header(`Held out: ${HELD_OUT} (gold made after the engines were written; never used to tune them)`);
  const held = heldOut.map((g) => ({ text: seeds.get(g.document)!, gold: g.annotations as Span[] }));
  const heldCps = held.map((d) => new CodePointIndex(d.text));
  const heldRows: [string, (text: string, k: number) => Span[]][] = [
    ['compromise alone (raw people/places/organizations)', (t, k) => compromiseRaw(t).map((x) => ({ ...x, start: heldCps[k].toCodePoint(x.start), end: heldCps[k].toCodePoint(x.end) }))],
    ['model (compromise on the distinct names, edges trimmed)', only(['model'])],
    ['patterns alone', only(['patterns'])],
    ['all engines (combined)', only(['corpus', 'registry', 'model', 'patterns', 'rules'])],
  ];
  for (const [label, fn] of heldRows) {
    const r = evaluate(held, fn);
    console.log(row(label, r.exact, r.overlap));
  }
  {
    // The two development documents' gold accepted, then suggestions on the held-out one.
    const decisions = new DecisionIndex(docs.flatMap((d) => d.gold.map((g) => ({ text: (g as Gold['annotations'][number]).text, type: g.type }))));
    const r = evaluate(held, (t) => suggestEntities(t, { decisions }));
    console.log(row('all engines, gold of 001 and 002 accepted', r.exact, r.overlap));
  }

  header("After one document's gold is accepted: suggestions on the other");
  for (let k = 0; k < docs.length; k++) {
    const other = 1 - k;
    const decisions = new DecisionIndex(docs[k].gold.map((g) => ({ text: (g as Gold['annotations'][number]).text, type: g.type })));
    const cps = cpsOf[other];
    const candidates = engineCandidates(docs[other].text, { decisions }, { cps });
    for (const engines of [['corpus'], ['corpus', 'model', 'patterns'], ['corpus', 'registry', 'model', 'patterns', 'rules']] as EngineName[][]) {
      const r = evaluate([docs[other]], () => finish(cps, candidates.filter((c) => engines.includes(c.engine)), { decisions }, {}));
      console.log(row(`${engines.join(' + ')}: gold of ${golds[k].document.slice(0, 3)} accepted, on ${golds[other].document.slice(0, 3)}`, r.exact, r.overlap));
    }
  }
}

/** The editor's first paint: corpus decisions and registry for the lines on screen (the model follows from a worker). */
async function visibleRegion(): Promise<void> {
  const docs = loadGold();
  const decisions = new DecisionIndex(docs.flatMap((g) => g.annotations.map((a) => ({ text: a.text, type: a.type }))));
  // A large corpus's decisions: 5,000 more tagged strings that the text does not contain.
  for (let i = 0; i < 5000; i++) decisions.add({ text: `Name${i} Place${i % 97}`, type: i % 3 ? 'location' : 'person' });
  const text = seedFiles().find((f) => f.file === '002_0a0484aff5f38808.txt')!.text;
  const cps = new CodePointIndex(text);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  let k = 0;
  const t = await time(() => {
    // 60 lines from a different place each run, as when scrolling.
    const from = lineStarts[(k++ * 7) % lineStarts.length];
    const to = lineStarts[Math.min(lineStarts.length - 1, ((k * 7) % lineStarts.length) + 60)] ?? text.length;
    return suggestEntities(text, { decisions }, { engines: ['corpus', 'registry'], window: { start: from, end: Math.max(to, from + 1) }, cps });
  }, 200, 5);
  console.log(`\n### Lines on screen: corpus decisions and registry (${decisions.size.toLocaleString('en')} tagged strings), 60 lines of seed 002\n`);
  console.log(`median ${ms(t.median)}, p95 ${ms(t.p95)} over ${t.runs} runs (target: suggestions on screen within 50 ms p95).`);
}

async function speed(): Promise<void> {
  console.log('\n### Speed: one whole seed document (all engines, no annotations; warm)\n');
  console.log('| document | size | median | p95 |');
  console.log('|---|---|---|---|');
  for (const s of seedFiles()) {
    const t = await time(() => suggestEntities(s.text), 10, 2);
    console.log(`| ${s.file} | ${(s.text.length / 1024).toFixed(1)} KB | ${ms(t.median)} | ${ms(t.p95)} |`);
  }
}

/** Documents of 3–12 lines (news-item size) drawn at random from the English seeds' lines. */
function generateDocs(n: number): { id: string; text: string }[] {
  const rnd = mulberry32(15);
  const lines = seedFiles()
    .filter((s) => detectLanguage(s.text) === 'en')
    .flatMap((s) => s.text.split('\n'))
    .filter((l) => l.trim().length > 20);
  return Array.from({ length: n }, (_, i) => {
    const count = 3 + Math.floor(rnd() * 10);
    const picked = Array.from({ length: count }, () => lines[Math.floor(rnd() * lines.length)]);
    return { id: `doc${i}`, text: picked.join('\n') + '\n' };
  });
}

async function preannotation(): Promise<void> {
  const n = Number(process.env.SUGGEST_DOCS ?? 10_000);
  const docs = generateDocs(n);
  const bytes = docs.reduce((b, d) => b + Buffer.byteLength(d.text), 0);
  const script = path.resolve(__dirname, '../src/features/suggestions/suggestWorker.js');
  console.log(`\n### Pre-annotation: ${n.toLocaleString('en')} generated English documents, ${(bytes / 2 ** 20).toFixed(1)} MB, all engines (load average before: ${os.loadavg()[0].toFixed(1)})\n`);
  console.log('| workers | wall time | throughput | suggestions | per-batch latency median | p95 |');
  console.log('|---|---|---|---|---|---|');
  for (const size of [1, 2]) {
    if (size === 1 && n > 2000) {
      // One worker on a tenth of the corpus: the baseline the two-worker run is compared with.
      await runPool(size, docs.slice(0, Math.ceil(n / 10)), script);
    } else await runPool(size, docs, script);
  }
}

async function runPool(size: number, docs: { id: string; text: string }[], script: string): Promise<void> {
  const pool = new SuggestPool(script, size);
  try {
    await pool.setContext({ tagged: [], registry: [], rejections: [] });
    // Warm each worker (the model's first parse loads its lexicon).
    await pool.suggestMany(docs.slice(0, size * 2), { batchChars: 1 });
    const bytes = docs.reduce((b, d) => b + Buffer.byteLength(d.text), 0);
    const batchTimes: number[] = [];
    let last = performance.now();
    let progressCalls = 0;
    const t0 = performance.now();
    const results = await pool.suggestMany(docs, {
      onProgress: () => {
        const now = performance.now();
        batchTimes.push(now - last);
        last = now;
        progressCalls++;
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    let count = 0;
    for (const r of results.values()) count += r.length;
    const sorted = batchTimes.sort((a, b) => a - b);
    console.log(`| ${size} (${docs.length.toLocaleString('en')} docs, ${progressCalls} progress reports) | ${seconds.toFixed(1)} s | ${(bytes / 1024 / seconds).toFixed(0)} KB/s | ${count.toLocaleString('en')} | ${ms(sorted[Math.floor(sorted.length / 2)])} | ${ms(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)])} |`);
  } finally {
    await pool.dispose();
  }
}

export async function main(): Promise<void> {
  // SUGGEST_PARTS=quality,speed runs only those parts (quality, visible, speed, preannotation).
  const parts = process.env.SUGGEST_PARTS?.split(',');
  const on = (p: string) => !parts || parts.includes(p);
  if (on('quality')) await quality();
  if (on('visible')) await visibleRegion();
  if (on('speed')) await speed();
  if (on('preannotation')) await preannotation();
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
