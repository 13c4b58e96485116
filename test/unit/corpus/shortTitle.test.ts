import * as assert from 'assert';
import { shortTitle } from '../../../src/core/corpus/shortTitle';

describe('corpus: short titles for the Documents view', () => {
  it('a short title is kept, a long one gives way to the file name', () => {
    assert.strictEqual(shortTitle('Beijing–Tianjin rail link opens', '001.txt'), 'Beijing–Tianjin rail link opens');
    assert.strictEqual(shortTitle('The construction of the Chaobai River Bridge on Changtong Road is in full swing', '000_ad486b33f2fde1b8.txt'), '000_ad486b33f2fde1b8.txt');
    assert.strictEqual(shortTitle('', 'x.txt'), 'x.txt');
  });
});
