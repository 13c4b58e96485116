import type { Anchor } from '../model';
import { CodePointIndex } from '../text/codepoints';

export const DEFAULT_CONTEXT_LENGTH = 32;

/**
 * The anchor of the code point range [start, end) in the normalised text: the quote plus up to
 * `contextLength` code points before and after. Pass a CodePointIndex to avoid re-scanning a text
 * used for many anchors.
 */
export function makeAnchor(normalizedText: string | CodePointIndex, start: number, end: number, contextLength = DEFAULT_CONTEXT_LENGTH): Anchor {
  const index = typeof normalizedText === 'string' ? new CodePointIndex(normalizedText) : normalizedText;
  const s = Math.max(0, Math.min(start, index.length));
  const e = Math.max(s, Math.min(end, index.length));
  return {
    text: index.slice(s, e),
    start: s,
    end: e,
    prefix: index.slice(Math.max(0, s - contextLength), s),
    suffix: index.slice(e, Math.min(index.length, e + contextLength)),
  };
}
