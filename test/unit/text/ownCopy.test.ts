import * as assert from 'assert';
import { ownCopy } from '../../../src/core/text/ownCopy';

describe('ownCopy: a copy of a string that holds nothing else alive', () => {
  it('is equal to the text, whatever it holds', () => {
    const document = '“Pékin” is Beijing — 北京. 😀 Émile\r\n\t';
    for (let a = 0; a < document.length; a++) {
      for (let b = a; b <= document.length; b++) assert.strictEqual(ownCopy(document.slice(a, b)), document.slice(a, b), `[${a}, ${b})`);
    }
  });

  it('keeps a leading U+FEFF and lone surrogates, which a trip through UTF-8 would drop or replace', () => {
    for (const t of ['\ufeffBeijing', 'a\ud83db', '\udc00', 'x\ud83d', '\ud83d\ude00\ud83d']) assert.strictEqual(ownCopy(t), t, JSON.stringify(t));
  });
});
