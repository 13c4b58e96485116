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

// Character classes, so the loop tests a small integer instead of running regular expressions
// on every character (the agreement measures tokenise millions of characters).
const C_SPACE = 0;
/** A token on its own: CJK characters and anything that is neither a word character nor space. */
const C_ALONE = 1;
const C_LETTER = 2;
const C_DIGIT = 3;
const C_CJK = 4;

function classifyChar(c: string): number {
  if (SPACE.test(c)) return C_SPACE;
  if (CJK.test(c)) return C_CJK;
  if (!WORD.test(c)) return C_ALONE;
  return LETTER.test(c) ? C_LETTER : DIGIT.test(c) ? C_DIGIT : C_ALONE;
}

const ASCII = new Uint8Array(128);
for (let i = 0; i < 128; i++) ASCII[i] = classifyChar(String.fromCharCode(i));
const CACHE = new Map<number, number>();

function classOf(cp: number): number {
  if (cp < 128) return ASCII[cp];
  let k = CACHE.get(cp);
  if (k === undefined) {
    k = classifyChar(String.fromCodePoint(cp));
    if (CACHE.size < 65536) CACHE.set(cp, k);
  }
  return k;
}

/** Splits normalised text into tokens with code point offsets. Linear in the text's length. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0; // UTF-16 index
  let cp = 0; // code point index
  while (i < n) {
    const c = text.codePointAt(i)!;
    const w = c > 0xffff ? 2 : 1;
    const k = classOf(c);
    if (k === C_SPACE) {
      i += w;
      cp++;
      continue;
    }
    if (k === C_ALONE || k === C_CJK) {
      tokens.push({ start: cp, end: cp + 1, text: text.slice(i, i + w) });
      i += w;
      cp++;
      continue;
    }
    const start = i;
    const startCp = cp;
    let prev = k;
    i += w;
    cp++;
    while (i < n) {
      const d = text.codePointAt(i)!;
      const dw = d > 0xffff ? 2 : 1;
      const dk = classOf(d);
      if (dk === C_LETTER || dk === C_DIGIT) {
        prev = dk;
        i += dw;
        cp++;
        continue;
      }
      // A joiner stays inside when the same kind of character stands on both sides.
      if (i + dw < n && (d === 0x27 || d === 0x2019 || d === 0x2e || d === 0x2c)) {
        const after = text.codePointAt(i + dw)!;
        const ak = classOf(after);
        const joins = d === 0x27 || d === 0x2019 ? prev === C_LETTER && ak === C_LETTER : prev === C_DIGIT && ak === C_DIGIT;
        if (joins) {
          i += dw + (after > 0xffff ? 2 : 1);
          cp += 2;
          prev = ak;
          continue;
        }
      }
      break;
    }
    tokens.push({ start: startCp, end: cp, text: text.slice(start, i) });
  }
  return tokens;
}
