import { parseDocument } from 'yaml';
import { makeAnchor, reanchor } from '../src/core/anchoring';
import { DEFAULT_ENTITY_TYPES } from '../src/core/corpus/config';
import type { EntityAnnotation, FactAnnotation } from '../src/core/model';
import { hashText, parseSidecar, serializeSidecar, SidecarWriter, type SidecarChange, type SidecarData } from '../src/core/sidecar';
import { parseRaw } from '../src/core/sidecar/parse';
import { yamlRead } from '../src/core/sidecar/raw';
import { CodePointIndex } from '../src/core/text/codepoints';
import { mulberry32, seedTexts } from '../test/support/fixtures';
import { mb, ms, summarize, table, type Timing } from './stats';

/**
 * Issue 3's speed targets, on generated sidecars of 1,000 and 10,000 annotations over a seed-like
 * document (the five seeds repeated, ~50 code points of text per annotation):
 *  - cold load (parse + validate against the document text): 1,000 within 100 ms;
 *  - one change written (tag = add, remove, retype = update), as SidecarWriter.apply on the disk
 *    text it wrote last (a fresh copy, as read back from disk), returning the full new text:
 *    within 20 ms at 1,000 and 50 ms at 10,000;
 *  - re-anchoring all annotations after one edit: 10,000 within 50 ms.
 */
const RUNS = 40;
const TYPES = DEFAULT_ENTITY_TYPES.map((t) => t.id);
const KNOWN = new Set(TYPES);



/** The seeds repeated up to `size`, each copy after the first with every 5th word marked by its copy number, so contexts stay unique. */
function documentOf(size: number): string {
  const all = seedTexts();
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < size; i++) {
    const copy = Math.floor(i / all.length);
    let w = 0;
    const t = copy === 0 ? all[i % all.length] : all[i % all.length].replace(/\p{L}+/gu, (m) => (++w % 5 === 0 ? `${m}${copy}` : m));
    parts.push(t);
    n += t.length;
  }
  return parts.join('\n\n');
}

/** `count` annotations on whole words (10% facts), spread over the text. */
function generate(text: string, count: number, seed = 1): SidecarData {
  const idx = new CodePointIndex(text);
  const words: [number, number][] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu)) {
    const s = idx.toCodePoint(m.index!);
    words.push([s, s + [...m[0]].length]);
  }
  const r = mulberry32(seed);
  const entities: EntityAnnotation[] = [];
  const facts: FactAnnotation[] = [];
  const step = words.length / count;
  for (let i = 0; i < count; i++) {
    const w = Math.floor(i * step + r() * step * 0.5);
    const [s, e] = words[Math.min(words.length - 1, w)];
    const end = r() < 0.3 ? words[Math.min(words.length - 1, w + 1)][1] : e;
    const a = makeAnchor(idx, s, end);
    const id = (r() < 0.1 ? 'f-' : 'e-') + Math.floor(r() * 2 ** 50).toString(32).padStart(10, '0');
    if (id.startsWith('f-')) facts.push({ id, ...a, subject: 'hebei', predicate: 'gdp', value: `${Math.floor(r() * 1000)} billion yuan`, date: '2023' });
    else {
      const ent: EntityAnnotation = { id, type: TYPES[Math.floor(r() * TYPES.length)], ...a };
      if (r() < 0.3) ent.entity = 'beijing';
      if (r() < 0.05) ent.note = 'checked';
      entities.push(ent);
    }
  }
  return { header: { format: 'corpus-annotator', version: 1, document: 'generated.txt', textHash: hashText(text), offsets: 'codepoint' }, entities, facts };
}

/** A copy that shares nothing with `s`, as text read back from disk would. */
function fromDisk(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

function timeLoop(runs: number, body: (timed: <T>(fn: () => T) => T) => void): Timing {
  const samples: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    let dt = 0;
    body((fn) => {
      const t0 = performance.now();
      const r = fn();
      dt += performance.now() - t0;
      return r;
    });
    if (i >= 2) samples.push(dt);
  }
  return summarize(samples);
}

const verdict = (t: Timing, limit: number) => (t.p95 <= limit ? `✓ (≤ ${limit} ms)` : t.median <= limit ? `median ✓, p95 ✗ (≤ ${limit} ms)` : `✗ (≤ ${limit} ms)`);

export async function main(): Promise<void> {
  const sizes = [1_000, 10_000];
  const loadRows: (string | number)[][] = [];
  const writeRows: (string | number)[][] = [];
  const anchorRows: (string | number)[][] = [];
  for (const n of sizes) {
    const text = documentOf(n * 50);
    const data = generate(text, n, n);
    const sidecar = serializeSidecar(data);
    const label = `${n.toLocaleString('en')} (${mb(sidecar.length)}, doc ${mb(text.length)})`;

    // Cold load.
    const cold = timeLoop(n >= 10_000 ? 20 : RUNS, (timed) => {
      const copy = fromDisk(sidecar);
      const p = timed(() => parseSidecar(copy, { documentText: text, knownTypes: KNOWN }));
      if (p.problems.length || p.value.entities.length + p.value.facts.length !== n) throw new Error('bad parse');
    });
    loadRows.push([label, 'parseSidecar (fast reader) + validate', ms(cold.median), ms(cold.p95), n === 1_000 ? verdict(cold, 100) : 'off the typing path']);
    const viaYaml = timeLoop(n >= 10_000 ? 20 : RUNS, (timed) => {
      const copy = fromDisk(sidecar);
      timed(() => parseRaw(copy, yamlRead(copy), { documentText: text, knownTypes: KNOWN }));
    });
    loadRows.push([label, 'hand-edited layout: yaml parser + validate', ms(viaYaml.median), ms(viaYaml.p95), '']);
    const yamlOnly = timeLoop(n >= 10_000 ? 20 : RUNS, (timed) => {
      const copy = fromDisk(sidecar);
      timed(() => parseDocument(copy));
    });
    loadRows.push([label, '(reference: yaml parseDocument alone)', ms(yamlOnly.median), ms(yamlOnly.p95), '']);

    // Writes: the writer has written the text last; the layer passes the disk text back.
    const limit = n >= 10_000 ? 50 : 20;
    const writer = new SidecarWriter();
    let disk = sidecar;
    writer.parse(disk);
    const r = mulberry32(7);
    const ctx = { documentName: 'generated.txt', textHash: data.header.textHash };
    const idx = new CodePointIndex(text);
    const apply = (changes: SidecarChange[]) => {
      const res = writer.apply(fromDisk(disk), changes, ctx);
      if (!res.ok) throw new Error(JSON.stringify(res.problems));
      return res;
    };
    let k = 0;
    const tag = (withHeader: boolean) =>
      timeLoop(RUNS, (timed) => {
        const s = Math.floor(r() * (idx.length - 20));
        const a: EntityAnnotation = { id: `e-bench${(k++).toString().padStart(5, '0')}`, type: TYPES[k % TYPES.length], ...makeAnchor(idx, s, s + 7) };
        const changes: SidecarChange[] = [{ kind: 'add', collection: 'entities', annotation: a }];
        if (withHeader) changes.push({ kind: 'header', textHash: data.header.textHash });
        const copy = fromDisk(disk);
        const res = timed(() => writer.apply(copy, changes, ctx));
        if (!res.ok) throw new Error(JSON.stringify(res.problems));
        disk = res.text;
        disk = apply([{ kind: 'remove', id: a.id }]).text;
      });
    const tagT = tag(false);
    writeRows.push([label, 'tag (add)', ms(tagT.median), ms(tagT.p95), verdict(tagT, limit)]);
    const removeT = timeLoop(RUNS, (timed) => {
      const victim = data.entities[Math.floor(r() * data.entities.length)];
      const copy = fromDisk(disk);
      const res = timed(() => writer.apply(copy, [{ kind: 'remove', id: victim.id }], ctx));
      if (!res.ok) throw new Error(JSON.stringify(res.problems));
      disk = res.text;
      disk = apply([{ kind: 'add', collection: 'entities', annotation: victim }]).text;
    });
    writeRows.push([label, 'remove', ms(removeT.median), ms(removeT.p95), verdict(removeT, limit)]);
    const retypeT = timeLoop(RUNS, (timed) => {
      const target = data.entities[Math.floor(r() * data.entities.length)];
      const copy = fromDisk(disk);
      const res = timed(() => writer.apply(copy, [{ kind: 'update', id: target.id, set: { type: TYPES[Math.floor(r() * TYPES.length)] } }], ctx));
      if (!res.ok) throw new Error(JSON.stringify(res.problems));
      disk = res.text;
    });
    writeRows.push([label, 'retype (update)', ms(retypeT.median), ms(retypeT.p95), verdict(retypeT, limit)]);
    const tagH = tag(true);
    writeRows.push([label, 'tag + textHash header (what the layer sends)', ms(tagH.median), ms(tagH.p95), verdict(tagH, limit)]);
    const external = timeLoop(n >= 10_000 ? 20 : RUNS, (timed) => {
      // Someone else changed the file: the writer re-reads it before applying the change.
      const edited = fromDisk(disk).replace('entities:\n', `entities:\n  # edited elsewhere ${k++}\n`);
      const target = data.entities[Math.floor(r() * data.entities.length)];
      const res = timed(() => writer.apply(edited, [{ kind: 'update', id: target.id, set: { note: 'x' } }], ctx));
      if (!res.ok) throw new Error(JSON.stringify(res.problems));
      disk = res.text;
    });
    writeRows.push([label, 'first write after an external change (re-read)', ms(external.median), ms(external.p95), '']);
    if (parseSidecar(disk, { documentText: text }).problems.some((p) => p.severity !== 'info')) throw new Error('bench left a bad sidecar');

    // Re-anchoring all annotations (entities and facts) after one edit in the middle.
    const mid = idx.toUtf16(data.entities[Math.floor(data.entities.length / 2)].start) - 5;
    const both = (t: string, opts: { oldText?: string }) => {
      const e = reanchor(t, data.entities, opts);
      const f = reanchor(t, data.facts, opts);
      return { moved: e.moved + f.moved, orphaned: e.orphaned + f.orphaned };
    };
    const edited = text.slice(0, mid) + 'a few inserted words, ' + text.slice(mid);
    const withOld = timeLoop(RUNS, (timed) => {
      const res = timed(() => both(edited, { oldText: text }));
      if (res.orphaned) throw new Error('orphans');
    });
    anchorRows.push([label, 'one insertion, with the old text', ms(withOld.median), ms(withOld.p95), n >= 10_000 ? verdict(withOld, 50) : '']);
    const noOld = timeLoop(n >= 10_000 ? 20 : RUNS, (timed) => {
      timed(() => both(edited, {}));
    });
    anchorRows.push([label, 'same, without the old text (changed on disk)', ms(noOld.median), ms(noOld.p95), '']);
    const deleted = text.slice(0, mid) + text.slice(mid + 400);
    const delRes = both(deleted, { oldText: text });
    const del = timeLoop(RUNS, (timed) => {
      timed(() => both(deleted, { oldText: text }));
    });
    anchorRows.push([label, `400 characters deleted, with the old text (${delRes.moved} moved, ${delRes.orphaned} orphaned)`, ms(del.median), ms(del.p95), '']);
    const rewritten = text.slice(0, mid) + text.slice(mid, mid + 2000).replace(/\b(\p{L})(\p{L}+)/gu, (_m, a: string, b: string) => b + a) + text.slice(mid + 2000);
    const rwRes = both(rewritten, { oldText: text });
    const rw = timeLoop(n >= 10_000 ? 20 : RUNS, (timed) => {
      timed(() => both(rewritten, { oldText: text }));
    });
    anchorRows.push([label, `2,000 characters rewritten, with the old text (${rwRes.moved} moved, ${rwRes.orphaned} orphaned)`, ms(rw.median), ms(rw.p95), '']);
  }
  console.log(`Median and p95 over ${RUNS} runs (20 for the slowest rows), after 2 warm-up runs.\n`);
  console.log('### Cold load\n');
  console.log(table(['annotations', 'what', 'median', 'p95', 'target'], loadRows));
  console.log('\n### One change written (SidecarWriter.apply → full new text)\n');
  console.log(table(['annotations', 'change', 'median', 'p95', 'target'], writeRows));
  console.log('\n### Re-anchoring after an edit\n');
  console.log(table(['annotations', 'edit', 'median', 'p95', 'target'], anchorRows));
}
