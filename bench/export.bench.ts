import { makeAnchor } from '../src/core/anchoring/anchor';
import { FORMATS, planImport, type ExportDocument } from '../src/core/interchange';
import type { EntityAnnotation } from '../src/core/model';
import { hashText, SidecarWriter } from '../src/core/sidecar';
import { CodePointIndex } from '../src/core/text/codepoints';
import { mulberry32, seedTexts } from '../test/support/fixtures';
import { REGISTRY, TYPES } from '../test/support/interchangeFixtures';
import { mb, ms, summarize, table, type Timing } from './stats';

/**
 * Issue 12's targets: export and import of 10,000 documents with 30 annotations each, per format
 * (JSONL export under 5 s, brat under 10 s). Documents are ~1,500-character stretches of the seeds
 * with 30 whole-word annotations each (a third linked, some with notes). Export is the core's
 * exporter producing every file's text; import is parsing those files, planning the import into
 * the same documents without annotations, and producing each document's new sidecar text with
 * SidecarWriter. File I/O is left out (the CLI adds one read or write per file).
 */
const DOCS = 10_000;
const PER_DOC = 30;
const RUNS = 5;

function generate(): ExportDocument[] {
  const seeds = seedTexts().map((t) => t.replace(/\n{3,}/g, '\n\n'));
  const r = mulberry32(12);
  const types = TYPES.map((t) => t.id);
  const docs: ExportDocument[] = [];
  for (let i = 0; i < DOCS; i++) {
    const seed = seeds[i % seeds.length];
    const at = Math.floor(r() * Math.max(1, seed.length - 1600));
    const text = `Document ${i}.\n` + seed.slice(at, at + 1500).replace(/^\S*\s/, '');
    const index = new CodePointIndex(text);
    const words: [number, number][] = [];
    for (const m of text.matchAll(/\p{L}[\p{L}\p{N}]*/gu)) {
      const s = index.toCodePoint(m.index!);
      words.push([s, s + [...m[0]].length]);
    }
    const step = words.length / PER_DOC;
    const entities: EntityAnnotation[] = [];
    for (let k = 0; k < PER_DOC && words.length; k++) {
      const [s, e] = words[Math.min(words.length - 1, Math.floor(k * step))];
      const a: EntityAnnotation = { id: `e-${i}-${k}`, type: types[Math.floor(r() * types.length)], ...makeAnchor(index, s, e) };
      if (k % 3 === 0) a.entity = REGISTRY[k % REGISTRY.length].id;
      if (k % 10 === 0) a.note = 'checked';
      entities.push(a);
    }
    docs.push({ path: `docs/${String(i).padStart(5, '0')}.txt`, text, entities, facts: [] });
  }
  return docs;
}

async function timeRuns(fn: () => void): Promise<Timing> {
  fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

export async function main(): Promise<void> {
  const docs = generate();
  const annotations = docs.reduce((n, d) => n + d.entities.length, 0);
  console.log(`${docs.length} documents, ${annotations} annotations, ${mb(docs.reduce((n, d) => n + d.text.length, 0))} of text; ${RUNS} timed runs after one warm-up\n`);
  const context = { types: TYPES, registry: REGISTRY };
  const target = { documents: docs.map((d) => ({ path: d.path, text: d.text, entities: [], facts: [], writable: true })), types: TYPES, registry: REGISTRY };
  const textOf = new Map(docs.map((d) => [d.path, d.text]));
  const headers = ['format', 'export median', 'export p95', 'import median', 'import p95', 'output', 'annotations imported'];
  console.log(table(headers, []));
  for (const format of FORMATS) {
    const result = format.exportCorpus(docs, context);
    const size = result.files.reduce((n, f) => n + f.content.length, 0);
    const exp = await timeRuns(() => format.exportCorpus(docs, context));
    let added = 0;
    const imp = await timeRuns(() => {
      const plan = planImport(format.parse(result.files), target, { created: '2026-01-01T00:00:00Z' });
      added = plan.summary.added;
      for (const d of plan.documents) {
        const hash = hashText(textOf.get(d.path)!);
        const w = new SidecarWriter().apply(undefined, [...d.changes, { kind: 'header', textHash: hash }], { documentName: d.path, textHash: hash });
        if (!w.ok) throw new Error(`sidecar for ${d.path} refused`);
      }
    });
    // One row at a time: the whole table takes minutes.
    console.log(`| ${[format.id, ms(exp.median), ms(exp.p95), ms(imp.median), ms(imp.p95), mb(size), added].join(' | ')} |`);
  }
}
