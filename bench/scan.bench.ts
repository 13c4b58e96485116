import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CorpusIndex } from '../src/core/corpus/corpusIndex';
import { readDocumentModel } from '../src/core/corpus/documentModel';
import { DEFAULT_ENTITY_TYPES } from '../src/core/corpus/config';
import type { EntityAnnotation } from '../src/core/model';
import { hashText, makeAnchor, serializeSidecar, SIDECAR_FORMAT, SIDECAR_VERSION } from '../src/core/sidecar';
import { LineIndex } from '../src/core/text/lineIndex';
import { seedTexts } from '../test/support/fixtures';
import { heapUsed, mb, ms, summarize, table, time } from './stats';

/**
 * Issue 5's scale figure: scanning a generated corpus of 10,000 documents of seed size, each with
 * a sidecar of 30 annotations, from files on disk, doing per document what the extension's corpus
 * service does (read both files, parse the sidecar, re-anchor, describe the document, build its
 * line index, add it to the corpus index). Cold, then the incremental update after one sidecar
 * changes, and the heap the loaded corpus holds. The files are written to a temporary folder.
 */
const DOCS = 10_000;
const PER_DOC = 30;
const TYPES = new Set(DEFAULT_ENTITY_TYPES.map((t) => t.id));

function generate(dir: string): string[] {
  const texts = seedTexts();
  const names: string[] = [];
  for (let i = 0; i < DOCS; i++) {
    // Perturbed so documents are not copies: a document number in the first line, a rotated body.
    const base = texts[i % texts.length];
    const cut = (i * 7919) % Math.max(1, base.length - 1);
    const text = `Document ${i}\n\n${base.slice(cut)}\n${base.slice(0, cut)}`;
    const name = `doc-${String(i).padStart(5, '0')}.txt`;
    const entities: EntityAnnotation[] = [];
    const re = /\b[A-Z][a-z]{3,}\b/g;
    let m: RegExpExecArray | null;
    let k = 0;
    while ((m = re.exec(text)) && entities.length < PER_DOC) {
      if (k++ % 3 !== 0) continue;
      const start = Array.from(text.slice(0, m.index)).length;
      entities.push({ id: `e-${i}-${entities.length}`, type: [...TYPES][entities.length % TYPES.size], ...makeAnchor(text, start, start + m[0].length) });
    }
    fs.writeFileSync(path.join(dir, name), text);
    fs.writeFileSync(path.join(dir, `${name}.yaml`), serializeSidecar({ header: { format: SIDECAR_FORMAT, version: SIDECAR_VERSION, document: name, textHash: hashText(text), offsets: 'codepoint' }, entities, facts: [] }));
    names.push(name);
  }
  return names;
}

function loadOne(dir: string, name: string, index: CorpusIndex) {
  const raw = fs.readFileSync(path.join(dir, name), 'utf8');
  const sidecar = fs.readFileSync(path.join(dir, `${name}.yaml`), 'utf8');
  // No editor is open during a cold scan, so, as in the extension, no sidecar writer is kept.
  const m = readDocumentModel(name, raw, sidecar, TYPES);
  const lines = new LineIndex(m.text);
  index.setDocument(name, m.info, m.entities, { problems: m.problems.length, moved: 0, orphaned: 0 });
  return { ...m, lines };
}

export async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-scan-bench-'));
  try {
    const t0 = performance.now();
    const names = generate(dir);
    const genMs = performance.now() - t0;
    const bytes = names.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size + fs.statSync(path.join(dir, `${f}.yaml`)).size, 0);

    const before = heapUsed();
    const colds: number[] = [];
    let held: unknown[] = [];
    let index = new CorpusIndex();
    for (let run = 0; run < 3; run++) {
      held = [];
      index = new CorpusIndex();
      const s = performance.now();
      for (const name of names) held.push(loadOne(dir, name, index));
      colds.push(performance.now() - s);
    }
    const heldBytes = heapUsed() - before;
    const cold = summarize(colds);

    // One sidecar changes on disk: re-read that document and update the index.
    let n = 0;
    const incremental = await time(() => {
      const name = names[(n++ * 37) % names.length];
      held[names.indexOf(name)] = loadOne(dir, name, index);
    }, 100);

    console.log(
      table(
        ['10,000 documents with 30-annotation sidecars', 'median', 'p95'],
        [
          [`cold scan (read ${mb(bytes)}, parse, re-anchor, describe, index), 3 runs`, ms(cold.median), ms(cold.max)],
          ['incremental: one sidecar changed (re-read + re-index that document)', ms(incremental.median), ms(incremental.p95)],
          ['heap held by the loaded corpus (texts, line indexes, annotations, index)', mb(heldBytes), ''],
        ],
      ),
    );
    console.log(`\n(generating the corpus took ${ms(genMs)}; ${index.size} documents indexed; p95 of the cold scan is the slowest of 3 runs)`);
    void held.length;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
