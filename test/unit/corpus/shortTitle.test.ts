import * as assert from 'assert';
import { columns, SHORT_TITLE, shortTitle } from '../../../src/core/corpus/shortTitle';

describe('corpus: short titles for the Documents view', () => {
  it('a title that fits is kept; a long one gives way to the file name when that fits', () => {
    assert.strictEqual(shortTitle('Rail link opens', '001.txt'), 'Rail link opens');
    assert.strictEqual(shortTitle('Beijing–Tianjin rail link opens', '001.txt'), '001.txt');
    assert.strictEqual(shortTitle('', 'x.txt'), 'x.txt');
    assert.strictEqual(shortTitle('  Rail\n link  ', 'x.txt'), 'Rail link');
  });

  it('when neither fits, the title is cut at a word, with an ellipsis, within the width', () => {
    const long = 'The construction of the Chaobai River Bridge on Changtong Road is in full swing';
    const cut = shortTitle(long, '000_ad486b33f2fde1b8.txt');
    assert.strictEqual(cut, 'The construction…');
    assert.ok(columns(cut) <= SHORT_TITLE);
    assert.strictEqual(shortTitle('A Chronicle of Leading and Promoting', '001_b03c6ba473a52724.txt'), 'A Chronicle of…');
    // No word end in reach: cut inside the word.
    assert.strictEqual(shortTitle('Supercalifragilisticexpialidocious', 'a_very_long_file_name.txt'), 'Supercalifragilis…');
    assert.strictEqual(columns(shortTitle('Supercalifragilisticexpialidocious', 'a_very_long_file_name.txt')), SHORT_TITLE);
  });

  it('wide characters take two columns', () => {
    assert.strictEqual(columns('北京'), 4);
    const t = shortTitle('北京通州与廊坊北三县：两岸携手走向一体化', 'beijing_tongzhou_langfang.txt');
    assert.ok(columns(t) <= SHORT_TITLE, t);
    assert.ok(t.startsWith('北京通州') && t.endsWith('…'), t);
  });
});
