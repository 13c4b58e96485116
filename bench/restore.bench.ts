import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { extractFacts } from '../src/core/facts/extract';
import { FactIndex } from '../src/core/search/factIndex';
import { SnapshotFiles } from '../src/features/search/factSnapshotFiles';
import { seedTexts } from '../test/support/fixtures';
import { ms, summarize, table } from './stats';

/**
 * Issue 14's second start, the search worker's side: a fact index of RESTORE_BENCH_DOCS (10,000)
 * seed-like documents saved as the worker saves it (SnapshotFiles), then restored and every document
 * confirmed, as at a second start; then the first documents indexed into it (those changed since
 * the last start, an edit), which searches wait behind. Five restores in one process, so from the
 * second on the code is warm and the rows show the index's own work.
 */
const DOCS = Number(process.env.RESTORE_BENCH_DOCS ?? 10_000);
const ADDED = 8;
const STAMP = 'bench';

function docText(texts: string[], i: number): string {
  const base = texts[i % texts.length];
  const cut = (i * 7919) % Math.max(1, base.length - 1);
  return `Document ${i}\n\n${base.slice(cut)}\n${base.slice(0, cut)}`;
}

export async function main(): Promise<void> {
  const texts = seedTexts();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-restore-bench-'));
  try {
    const built = new FactIndex();
    const keys = new Map<string, string>();
    for (let i = 0; i < DOCS; i++) {
      const id = `file:///corpus/doc-${i}.txt`;
      built.setDocument(id, extractFacts({ id, title: `Document ${i}`, text: docText(texts, i) }, []));
      keys.set(id, `k${i}`);
    }
    const saved = new SnapshotFiles(dir);
    await saved.save(built, STAMP, keys, async () => undefined);
    saved.dispose();
    // The new documents' facts are made once: the rows time the index, not the extraction.
    const added = Array.from({ length: ADDED }, (_, i) => {
      const id = `file:///corpus/new-${i}.txt`;
      return { id, records: extractFacts({ id, title: `New ${i}`, text: `${docText(texts, DOCS + i)}\n${texts[i % texts.length]}` }, []) };
    });
    const restores: number[] = [];
    const firsts: number[] = [];
    const alls: number[] = [];
    for (let run = 0; run < 5; run++) {
      const files = new SnapshotFiles(dir);
      const index = new FactIndex();
      let t = performance.now();
      const loaded = files.load(index, STAMP);
      if (!loaded.keys) throw new Error(`snapshot not restored: ${loaded.skipped ?? 'no keys'}`);
      for (const id of loaded.keys.keys()) index.confirm(id);
      restores.push(performance.now() - t);
      t = performance.now();
      added.forEach(({ id, records }, i) => {
        index.setDocument(id, records);
        if (i === 0) firsts.push(performance.now() - t);
      });
      alls.push(performance.now() - t);
      files.dispose();
    }
    const row = (label: string, xs: number[]) => {
      const s = summarize(xs);
      return [label, ms(s.median), ms(s.max), xs.map((x) => x.toFixed(0)).join(', ')];
    };
    console.log(
      table(
        [`${DOCS.toLocaleString('en')} documents, ${built.size.toLocaleString('en')} facts and sentences`, 'median', 'slowest', 'each run (ms)'],
        [
          row('restore the saved index and confirm every document', restores),
          row('the first document indexed after it', firsts),
          row(`the first ${ADDED} documents indexed after it`, alls),
        ],
      ),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
