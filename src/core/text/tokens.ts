/**
 * The corpus's word tokenisation, shared by the CoNLL export and the token-level agreement
 * measures so that both count the same tokens.
 *
 * Rules, over normalised text (no BOM, LF), with code point offsets:
 * - a token is a run of letters, marks and digits; an apostrophe (`'`, `’`) or a decimal
 *   separator (`.`, `,`) between two letters/digits of the same kind stays inside it
 *   (`l’État`, `11.9`, `7,9`, `don't`);
 * - a hyphen splits (`Beijing-Tianjin-Hebei` is five tokens) so entity boundaries inside
 *   hyphenated compounds fall on token boundaries;
 * - each Han, Hiragana, Katakana or Hangul character is a token of its own (no spaces to split on);
 * - any other character that is not white space is a token of its own (punctuation, symbols,
 *   emoji; a surrogate pair is one character).
 */

export interface Token {
  /** Code point offset, inclusive. */
  start: number;
  /** Code point offset, exclusive. */
  end: number;
  text: string;
}

const WORD = /[\p{L}\p{M}\p{N}]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const SPACE = /\s/u;
const DIGIT = /\p{N}/u;
const LETTER = /[\p{L}\p{M}]/u;

/** Splits normalised text into tokens with code point offsets. Linear in the text's length. */
export function tokenize(text: string): Token[] {
  const chars = Array.from(text);
  const tokens: Token[] = [];
  let i = 0;
  const n = chars.length;
  while (i < n) {
    const c = chars[i];
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    if (CJK.test(c) || !WORD.test(c)) {
      tokens.push({ start: i, end: i + 1, text: c });
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < n) {
      const d = chars[i];
      if (WORD.test(d) && !CJK.test(d)) {
        i++;
        continue;
      }
      // A joiner stays inside when the same kind of character stands on both sides.
      if (i + 1 < n && isJoiner(chars[i - 1], d, chars[i + 1])) {
        i += 2;
        continue;
      }
      break;
    }
    tokens.push({ start, end: i, text: chars.slice(start, i).join('') });
  }
  return tokens;
}

function isJoiner(before: string, c: string, after: string): boolean {
  if (CJK.test(after) || CJK.test(before)) return false;
  if (c === "'" || c === '’') return LETTER.test(before) && LETTER.test(after);
  if (c === '.' || c === ',') return DIGIT.test(before) && DIGIT.test(after);
  return false;
}
