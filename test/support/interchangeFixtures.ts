/**
 * Annotated documents for the interchange tests and benches: the seeds tagged with a small registry,
 * and short documents that stress offsets (a BOM, CRLF, emoji and astral CJK before annotated spans,
 * French typography).
 */
import { makeAnchor } from '../../src/core/anchoring/anchor';
import type { CanonicalEntity, EntityAnnotation, EntityType, FactAnnotation } from '../../src/core/model';
import { DEFAULT_ENTITY_TYPES } from '../../src/core/corpus/defaults';
import type { ExportDocument } from '../../src/core/interchange';
import { CodePointIndex } from '../../src/core/text/codepoints';
import { normalizeText } from '../../src/core/text/normalize';
import { seedFiles } from './fixtures';

export const TYPES: EntityType[] = DEFAULT_ENTITY_TYPES.map((t) => ({ ...t, color: { ...t.color } }));

export const REGISTRY: CanonicalEntity[] = [
  { id: 'beijing', name: 'Beijing', type: 'location', aliases: ['Pékin'], externalId: 'Q956' },
  { id: 'hebei', name: 'Hebei', type: 'location', aliases: [], externalId: 'Q21208' },
  { id: 'tongzhou', name: 'Tongzhou', type: 'location', aliases: [] },
  { id: 'cpc', name: 'Communist Party of China', type: 'organization', aliases: [], externalId: 'Q17427' },
];

/** Surface form → type and link. Longest first, so a longer name wins over a part of it. */
const NAMES: { form: string; type: string; entity?: string }[] = [
  { form: 'Communist Party of China', type: 'organization', entity: 'cpc' },
  { form: 'Xinhua News Agency', type: 'organization' },
  { form: 'Xiong’an New Area', type: 'location' },
  { form: 'Xi Jinping', type: 'person' },
  { form: 'Langfang', type: 'location' },
  { form: 'Tongzhou', type: 'location', entity: 'tongzhou' },
  { form: 'Beijing', type: 'location', entity: 'beijing' },
  { form: 'Pékin', type: 'location', entity: 'beijing' },
  { form: 'Tianjin', type: 'location' },
  { form: 'Hebei', type: 'location', entity: 'hebei' },
  { form: 'Chine', type: 'location' },
  { form: '2014', type: 'date' },
];

/** Every whole-word occurrence of the names (no overlaps), with notes and authors on some. */
export function tagText(text: string, prefix = 'e'): EntityAnnotation[] {
  const index = new CodePointIndex(text);
  const taken: [number, number][] = [];
  const out: EntityAnnotation[] = [];
  for (const n of NAMES) {
    for (let i = text.indexOf(n.form); i >= 0; i = text.indexOf(n.form, i + 1)) {
      const j = i + n.form.length;
      if (/[\p{L}\p{N}]/u.test(text[i - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[j] ?? '')) continue;
      if (taken.some(([a, b]) => i < b && j > a)) continue;
      taken.push([i, j]);
      const start = index.toCodePoint(i);
      const a: EntityAnnotation = { id: `${prefix}-${out.length}`, type: n.type, ...makeAnchor(index, start, index.toCodePoint(j)) };
      if (n.entity) a.entity = n.entity;
      if (out.length % 7 === 3) a.note = `checked against the source (${out.length})`;
      if (out.length % 5 === 1) a.author = 'ana';
      out.push(a);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function factAt(text: string, quote: string, id: string): FactAnnotation[] {
  const i = text.indexOf(quote);
  if (i < 0) return [];
  const index = new CodePointIndex(text);
  const s = index.toCodePoint(i);
  return [{ id, ...makeAnchor(index, s, s + [...quote].length), subject: 'hebei', predicate: 'length', value: '7.9 kilometers', date: '2023', note: 'from the Changtong Road article' }];
}

export function annotatedSeeds(): ExportDocument[] {
  return seedFiles().map(({ file, text }, k) => ({ path: `seeds/${file}`, text, entities: tagText(text, `s${k}`), facts: factAt(text, '7.9 kilometers', `f-${k}`) }));
}

/** Raw file texts (as on disk) of the offset-stressing documents. */
export const TRICKY_RAW: Record<string, string> = {
  'bom-crlf.txt': '\ufeffFirst line about Beijing.\r\nSecond line: Hebei and Tianjin.\r\n',
  'emoji/astral.txt': 'Smile 😀😀 then Beijing; 𠮷野家 and 𡈽 before Tongzhou 👍🏽 and Langfang.\n',
  'french.txt': 'La « coordination » entre Pékin, Tianjin et le Hebei : l’État a déclaré en 2014… À Pékin, c’est dit.\n',
  'crlf-only.txt': 'Xi Jinping visited\r\nXiong’an New Area\r\nwith the Communist Party of China.\r\n',
};

export function trickyDocuments(): ExportDocument[] {
  return Object.entries(TRICKY_RAW).map(([path, raw], k) => {
    const text = normalizeText(raw);
    return { path, text, entities: tagText(text, `t${k}`), facts: [] };
  });
}
