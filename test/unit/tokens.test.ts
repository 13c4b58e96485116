import * as assert from 'assert';
import fc from 'fast-check';
import { seedTexts } from '../support/fixtures';
import { tokenize } from '../../src/core/text/tokens';

const texts = (s: string) => tokenize(s).map((t) => t.text);

describe('tokenize', () => {
  it('splits words and punctuation, keeping decimals and elisions whole', () => {
    assert.deepStrictEqual(texts('Mr. Chen said 11.9 km, 7,9 % of l’État.'), ['Mr', '.', 'Chen', 'said', '11.9', 'km', ',', '7,9', '%', 'of', 'l’État', '.']);
  });

  it('splits hyphenated compounds and keeps a trailing apostrophe out', () => {
    assert.deepStrictEqual(texts("Beijing-Tianjin-Hebei's 'zone'"), ['Beijing', '-', 'Tianjin', '-', "Hebei's", "'", 'zone', "'"]);
  });

  it('gives code point offsets past emoji and astral CJK', () => {
    const text = '😀 𠀋北京 Beijing';
    const toks = tokenize(text);
    assert.deepStrictEqual(toks.map((t) => [t.text, t.start, t.end]), [
      ['😀', 0, 1],
      ['𠀋', 2, 3],
      ['北', 3, 4],
      ['京', 4, 5],
      ['Beijing', 6, 13],
    ]);
    const cps = Array.from(text);
    for (const t of toks) assert.strictEqual(cps.slice(t.start, t.end).join(''), t.text);
  });

  it('returns nothing for empty or blank text', () => {
    assert.deepStrictEqual(tokenize(''), []);
    assert.deepStrictEqual(tokenize(' \n\t'), []);
  });
});

/** The first, plain implementation (one regular expression test per character), kept as the oracle for the fast one. */
function referenceTokenize(text: string): { start: number; end: number; text: string }[] {
  const WORD = /[\p{L}\p{M}\p{N}]/u;
  const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  const SPACE = /\s/u;
  const DIGIT = /\p{N}/u;
  const LETTER = /[\p{L}\p{M}]/u;
  const isJoiner = (before: string, c: string, after: string) => {
    if (CJK.test(after) || CJK.test(before)) return false;
    if (c === "'" || c === '’') return LETTER.test(before) && LETTER.test(after);
    if (c === '.' || c === ',') return DIGIT.test(before) && DIGIT.test(after);
    return false;
  };
  const chars = Array.from(text);
  const tokens: { start: number; end: number; text: string }[] = [];
  let i = 0;
  while (i < chars.length) {
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
    const start = i++;
    while (i < chars.length) {
      const d = chars[i];
      if (WORD.test(d) && !CJK.test(d)) i++;
      else if (i + 1 < chars.length && isJoiner(chars[i - 1], d, chars[i + 1])) i += 2;
      else break;
    }
    tokens.push({ start, end: i, text: chars.slice(start, i).join('') });
  }
  return tokens;
}

describe('tokenize against the plain reference implementation', () => {
  it('gives the same tokens on random text mixing scripts, joiners, marks, astral and lone surrogates', () => {
    const alphabet = ['a', 'Z', 'é', 'e\u0301', '7', '٣', '.', ',', "'", '’', '-', ' ', '\n', '\t', '\u00a0', '北', 'の', 'カ', '한', '😀', '𠀋', '\ud800', '\udc00', '%', '«', 'ß', 'Ⅻ', '²'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        assert.deepStrictEqual(tokenize(text), referenceTokenize(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same tokens on the seed documents', () => {
    for (const text of seedTexts()) assert.deepStrictEqual(tokenize(text), referenceTokenize(text));
  });
});
