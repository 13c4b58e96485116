import { CodePointIndex } from '../text/codepoints';

export interface Span {
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

/**
 * Every occurrence of `needle` in `text`, as code point spans. With `wholeWord`, an occurrence must
 * not continue a word on either side (so `Hebei` does not match inside `Hebeiese`), which works
 * for Latin, accented and CJK text alike.
 */
export function findOccurrences(text: string, needle: string, options: { caseSensitive?: boolean; wholeWord?: boolean } = {}): Span[] {
  if (!needle) return [];
  const caseSensitive = options.caseSensitive ?? true;
  const wholeWord = options.wholeWord ?? true;
  const hay = caseSensitive ? text : text.toLocaleLowerCase();
  const pin = caseSensitive ? needle : needle.toLocaleLowerCase();
  // Lower-casing can change lengths for a few characters; then fall back to exact matching.
  const usable = hay.length === text.length && pin.length === needle.length;
  const h = usable ? hay : text;
  const n = usable ? pin : needle;
  const cps = new CodePointIndex(text);
  const out: Span[] = [];
  for (let i = h.indexOf(n); i !== -1; i = h.indexOf(n, i + 1)) {
    const end = i + n.length;
    if (wholeWord) {
      const before = i > 0 ? String.fromCodePoint(text.codePointAt(i - 1)!) : '';
      const after = end < text.length ? String.fromCodePoint(text.codePointAt(end)!) : '';
      const startsWord = WORD_CHAR.test(n[0]);
      const endsWord = WORD_CHAR.test(n[n.length - 1]);
      if ((startsWord && before && WORD_CHAR.test(before) && !isLowSurrogate(text, i - 1)) || (endsWord && after && WORD_CHAR.test(after))) continue;
    }
    out.push({ start: cps.toCodePoint(i), end: cps.toCodePoint(end) });
  }
  return out;
}

function isLowSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}
