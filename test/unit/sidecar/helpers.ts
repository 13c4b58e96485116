import { mulberry32 } from '../../support/fixtures';
import * as fs from 'fs';
import * as path from 'path';
import type { EntityAnnotation, FactAnnotation } from '../../../src/core/model';
import { hashText, makeAnchor, type SidecarData } from '../../../src/core/sidecar';
import { CodePointIndex } from '../../../src/core/text/codepoints';
import { normalizeText } from '../../../src/core/text/normalize';

export const ROOT = path.resolve(__dirname, '../../../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures/sidecars');

export function seed(n = 0): string {
  const dir = path.join(ROOT, 'seeds');
  const file = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()[n];
  return normalizeText(fs.readFileSync(path.join(dir, file), 'utf8'));
}

const TYPES = ['person', 'organization', 'location', 'date', 'quantity', 'event', 'facility', 'policy'];


/** Entities over whole words of `text` (code point offsets), `count` of them, deterministic. */
export function generateAnnotations(text: string, count: number, seedValue = 1, factShare = 0): SidecarData {
  const idx = new CodePointIndex(text);
  const words: [number, number][] = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}'-]*/gu;
  for (const m of text.matchAll(re)) {
    const s = idx.toCodePoint(m.index!);
    words.push([s, s + [...m[0]].length]);
  }
  const r = mulberry32(seedValue);
  const entities: EntityAnnotation[] = [];
  const facts: FactAnnotation[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const w = words[Math.floor(r() * words.length)];
    const span = r() < 0.3 ? words[Math.min(words.length - 1, words.indexOf(w) + 1)] : w;
    const a = makeAnchor(idx, w[0], Math.max(w[1], span[1]));
    let id = `e-${i.toString(32).padStart(10, '0')}`;
    if (r() < factShare) {
      id = `f-${i.toString(32).padStart(10, '0')}`;
      facts.push({ id, ...a, subject: 'hebei', predicate: 'gdp', value: `${Math.floor(r() * 1000)} billion yuan`, date: '2023' });
    } else {
      const e: EntityAnnotation = { id, type: TYPES[Math.floor(r() * TYPES.length)], ...a };
      if (r() < 0.2) e.entity = 'beijing';
      if (r() < 0.05) e.note = 'check: "quoted" # not a comment';
      entities.push(e);
    }
    used.add(id);
  }
  return { header: { format: 'corpus-annotator', version: 1, document: 'doc.txt', textHash: hashText(text), offsets: 'codepoint' }, entities, facts };
}

/** A seed-like document of about `size` code points, made of the seeds' paragraphs. */
export function bigDocument(size: number): string {
  const parts: string[] = [];
  let n = 0;
  let i = 0;
  while (n < size) {
    const t = seed(i % 5);
    parts.push(t);
    n += t.length;
    i++;
  }
  return parts.join('\n\n');
}
