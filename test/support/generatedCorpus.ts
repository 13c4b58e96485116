import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_ENTITY_TYPES } from '../../src/core/corpus/config';
import type { EntityAnnotation } from '../../src/core/model';
import { hashText, makeAnchor, serializeSidecar, SIDECAR_FORMAT, SIDECAR_VERSION } from '../../src/core/sidecar';
import { CodePointIndex } from '../../src/core/text/codepoints';
import { seedTexts } from './fixtures';

const TYPE_IDS = DEFAULT_ENTITY_TYPES.map((t) => t.id);

/** File name of the i-th generated document. */
export function generatedName(i: number): string {
  return `doc-${String(i).padStart(5, '0')}.txt`;
}

/**
 * Writes `count` seed-like documents into `dir`, each with a sidecar of up to `perDoc` annotations
 * of capitalised words (every third one, types in turn). The documents are the seeds perturbed so
 * none is a copy: a document number in the first line and a rotated body. Returns the file names.
 */
export function generateCorpus(dir: string, count: number, perDoc = 30): string[] {
  const texts = seedTexts();
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = texts[i % texts.length];
    const cut = (i * 7919) % Math.max(1, base.length - 1);
    const text = `Document ${i}\n\n${base.slice(cut)}\n${base.slice(0, cut)}`;
    const name = generatedName(i);
    const entities: EntityAnnotation[] = [];
    const re = /\b[A-Z][a-z]{3,}\b/g;
    let k = 0;
    let cps: CodePointIndex | undefined;
    for (let m: RegExpExecArray | null; (m = re.exec(text)) && entities.length < perDoc; ) {
      if (k++ % 3 !== 0) continue;
      cps ??= new CodePointIndex(text);
      const start = cps.toCodePoint(m.index);
      entities.push({ id: `e-${i}-${entities.length}`, type: TYPE_IDS[entities.length % TYPE_IDS.length], ...makeAnchor(cps, start, start + m[0].length) });
    }
    fs.writeFileSync(path.join(dir, name), text);
    const header = { format: SIDECAR_FORMAT, version: SIDECAR_VERSION, document: name, textHash: hashText(text), offsets: 'codepoint' as const };
    fs.writeFileSync(path.join(dir, `${name}.yaml`), serializeSidecar({ header, entities, facts: [] }));
    names.push(name);
  }
  return names;
}
