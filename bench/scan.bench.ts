import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CorpusIndex } from '../src/core/corpus/corpusIndex';
import { anchorCounts, readDocumentModel, withOwnStrings } from '../src/core/corpus/documentModel';
import { CachedDocument, cacheEntryOf, configHash, documentKey, parseScanCache, ScanCache, serializeScanCache, sidecarKey, stampsHold } from '../src/core/cache/scanCache';
import { DEFAULT_ENTITY_TYPES } from '../src/core/corpus/config';
import { hashText, useNativeSha256 } from '../src/core/sidecar/hash';
import { generateCorpus } from '../test/support/generatedCorpus';
import { heapUsed, mb, ms, summarize, table, time } from './stats';

/**
 * Issues 5 and 14's scale figures: scanning a generated corpus of 10,000 documents of seed size
 * (SCAN_BENCH_DOCS to change it), each with a sidecar of 30 annotations, from files on disk, doing
 * per document what the extension's corpus service does (read both files, parse the sidecar,
 * re-anchor, describe the document, add it to the corpus index, keep its scan cache entry but not
 * its text). Cold; then a second start from the scan cache (every file is stat'ed, none read);
 * the incremental update after one sidecar changes; and the heap the loaded corpus holds. The
 * files are written to a temporary folder.
 */
const DOCS = Number(process.env.SCAN_BENCH_DOCS ?? 10_000);
const PER_DOC = 30;
const TYPES = new Set(DEFAULT_ENTITY_TYPES.map((t) => t.id));

const stamp = (file: string) => {
  const st = fs.statSync(file);
  return { size: st.size, mtime: st.mtimeMs };
};

/** What the extension does per document on a first start: read, parse, re-anchor, describe, index, keep all but the text. */
function loadOne(dir: string, name: string, index: CorpusIndex): CachedDocument {
  const file = path.join(dir, name);
  const stampedAt = Date.now();
  const raw = fs.readFileSync(file, 'utf8');
  const sidecar = fs.readFileSync(`${file}.yaml`, 'utf8');
  // No editor is open during a cold scan, so, as in the extension, no sidecar writer is kept.
  // As DocumentReader does for a closed document: strings of their own, not slices that keep the sidecar's text.
  const m = withOwnStrings(readDocumentModel(name, raw, sidecar, TYPES));
  index.setDocument(name, m.info, m.entities, { problems: m.problems.length, ...anchorCounts(m.entities, m.facts) });
  // Stamped as if read well after the files were written (the generator has just written them, which makes every key racy).
  return cacheEntryOf(m, documentKey(stamp(file), sidecarKey(stamp(`${file}.yaml`), sidecar), stampedAt + 60_000));
}

/** A second start: a document whose files' stamps still match its cache entry is taken from it (both files are stat'ed, neither read). */
function loadCached(dir: string, name: string, index: CorpusIndex, cache: ScanCache): CachedDocument {
  const file = path.join(dir, name);
  const entry = cache.documents.get(name);
  if (!entry || !stampsHold(entry.key, stamp(file), stamp(`${file}.yaml`))) return loadOne(dir, name, index);
  index.setDocument(name, entry.info, entry.entities, { problems: entry.problems.length, ...anchorCounts(entry.entities, entry.facts) });
  return entry;
}

export async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-scan-bench-'));
  try {
    const t0 = performance.now();
    const names = generateCorpus(dir, DOCS, PER_DOC);
    const genMs = performance.now() - t0;
    const bytes = names.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size + fs.statSync(path.join(dir, `${f}.yaml`)).size, 0);

    // Every text's sha256, as a first start computes it: the core's plain implementation, then
    // Node's, which the extension's sidecar worker uses (and so the scans below).
    const texts = names.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    const textBytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    const hashAll = () => {
      for (const t of texts) hashText(t);
    };
    useNativeSha256(undefined);
    const plainHash = await time(hashAll, 3, 0);
    useNativeSha256(createHash);
    const nativeHash = await time(hashAll, 3, 0);
    texts.length = 0;

    const before = heapUsed();
    const colds: number[] = [];
    let held = new Map<string, CachedDocument>();
    let index = new CorpusIndex();
    for (let run = 0; run < 3; run++) {
      held = new Map();
      index = new CorpusIndex();
      const s = performance.now();
      for (const name of names) held.set(name, loadOne(dir, name, index));
      colds.push(performance.now() - s);
    }
    const heldBytes = heapUsed() - before;
    const cold = summarize(colds);

    // The cache the first start leaves, then second starts that use it.
    const cache: ScanCache = { corpus: dir, config: configHash(undefined), documents: held };
    const save = await time(() => serializeScanCache(cache), 3, 0);
    const cacheText = serializeScanCache(cache);
    const cacheFile = path.join(os.tmpdir(), `corpus-scan-bench-${process.pid}.cache`);
    fs.writeFileSync(cacheFile, cacheText);
    const warms: number[] = [];
    for (let run = 0; run < 3; run++) {
      index = new CorpusIndex();
      const s = performance.now();
      const read = parseScanCache(fs.readFileSync(cacheFile), { corpus: dir, config: configHash(undefined) });
      if (!read.value) throw new Error(`cache discarded: ${read.discarded.join('; ')}`);
      for (const name of names) held.set(name, loadCached(dir, name, index, read.value));
      warms.push(performance.now() - s);
    }
    fs.rmSync(cacheFile);
    const warm = summarize(warms);

    // One sidecar changes on disk: re-read that document and update the index.
    let n = 0;
    const incremental = await time(() => {
      const name = names[(n++ * 37) % names.length];
      held.set(name, loadOne(dir, name, index));
    }, 100);

    const label = `${DOCS.toLocaleString('en')} documents with ${PER_DOC}-annotation sidecars`;
    console.log(
      table(
        [label, 'median', 'p95'],
        [
          [`cold scan (read ${mb(bytes)}, parse, re-anchor, describe, index, stamp), 3 runs`, ms(cold.median), ms(cold.max)],
          [`second start with the scan cache (${mb(cacheText.length)}: parse it, stat every file), 3 runs`, ms(warm.median), ms(warm.max)],
          ['writing the scan cache (serialize)', ms(save.median), ms(save.max)],
          [`sha256 of every text (${mb(textBytes)}), the core's plain implementation, 3 runs`, ms(plainHash.median), ms(plainHash.max)],
          [`the same with Node's (the extension's sidecar worker and the scans above), 3 runs`, ms(nativeHash.median), ms(nativeHash.max)],
          ['incremental: one sidecar changed (re-read + re-index that document)', ms(incremental.median), ms(incremental.p95)],
          ['heap held by the loaded corpus (descriptions, annotations, index; no texts)', mb(heldBytes), ''],
        ],
      ),
    );
    console.log(`\n(generating the corpus took ${ms(genMs)}; ${index.size} documents indexed; p95 of the 3-run rows is the slowest run)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
