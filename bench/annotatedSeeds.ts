import { makeAnchor } from '../src/core/anchoring/anchor';
import type { EntityAnnotation } from '../src/core/model';
import { seedTexts } from '../test/support/fixtures';

export const ENTITY_TYPES = ['person', 'organization', 'location', 'date', 'quantity', 'event', 'facility', 'policy'];

/**
 * A large annotated document for the editor-path benches: the seeds repeated until they hold
 * `count` capitalised words, each annotated, with types taken in turn from `types`.
 */
export function annotatedSeeds(count: number, types: readonly string[] = ENTITY_TYPES): { text: string; entities: EntityAnnotation[] } {
  const base = seedTexts().join('\n\n');
  let text = base;
  while ((text.match(/\b[A-Z][a-z]{3,}\b/g) ?? []).length < count * 1.2) text += '\n\n' + base;
  // Code point offsets: the seeds hold no astral characters, so UTF-16 indices are code points.
  if (Array.from(text).length !== text.length) throw new Error('expected BMP-only text');
  const entities: EntityAnnotation[] = [];
  const re = /\b[A-Z][a-z]{3,}\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && entities.length < count) {
    entities.push({ id: `e-${entities.length}`, type: types[entities.length % types.length], ...makeAnchor(text, m.index, m.index + m[0].length) });
  }
  return { text, entities };
}
