import * as assert from 'assert';
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
