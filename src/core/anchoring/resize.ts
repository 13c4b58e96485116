import { CodePointIndex } from '../text/codepoints';
import { tokenize } from '../text/tokens';

export type SpanEdge = 'start' | 'end';
export type ResizeUnit = 'word' | 'character';
export type ResizeDirection = 'grow' | 'shrink';

/** How far around a span the words are read: enough for any word next to it. */
const WINDOW = 256;

/**
 * The span [start, end) (code points of the normalised text) with one edge moved by a word or a
 * character: growing takes in the next word (and what separates it), shrinking gives back the
 * edge's word (and what separated it). Words are the corpus's tokens (src/core/text/tokens.ts), so
 * a punctuation mark counts as a word. Undefined when the span would become empty or leave the text.
 */
export function resizeSpan(text: string | CodePointIndex, start: number, end: number, edge: SpanEdge, unit: ResizeUnit, direction: ResizeDirection): { start: number; end: number } | undefined {
  const index = typeof text === 'string' ? new CodePointIndex(text) : text;
  const step = direction === 'grow' ? 1 : -1;
  let s = start;
  let e = end;
  if (unit === 'character') {
    if (edge === 'start') s -= step;
    else e += step;
  } else {
    const lo = Math.max(0, start - WINDOW);
    const tokens = tokenize(index.slice(lo, Math.min(index.length, end + WINDOW))).map((t) => ({ start: t.start + lo, end: t.end + lo }));
    if (edge === 'end' && direction === 'grow') e = tokens.find((t) => t.end > end)?.end ?? -1;
    else if (edge === 'end') e = [...tokens].reverse().find((t) => t.end < end && t.end > start)?.end ?? -1;
    else if (direction === 'grow') s = [...tokens].reverse().find((t) => t.start < start)?.start ?? -1;
    else s = tokens.find((t) => t.start > start && t.start < end)?.start ?? -1;
  }
  if (s < 0 || e < 0 || s >= e || e > index.length) return undefined;
  return { start: s, end: e };
}
