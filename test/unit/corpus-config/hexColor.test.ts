import * as assert from 'assert';
import { hexColor } from '../../../src/core/corpus/config/colors';
import { DEFAULT_ENTITY_TYPES } from '../../../src/core/corpus/defaults';

describe('corpus config: type colours as hex (the legend\'s swatches)', () => {
  it('hex, rgb() and hsl() convert; named colours do not', () => {
    assert.strictEqual(hexColor('#1A5FB4'), '#1a5fb4');
    assert.strictEqual(hexColor('#abc'), '#aabbcc');
    assert.strictEqual(hexColor('#abcd'), '#aabbcc');
    assert.strictEqual(hexColor('#1a5fb480'), '#1a5fb4');
    assert.strictEqual(hexColor('rgb(26, 95, 180)'), '#1a5fb4');
    assert.strictEqual(hexColor('rgb(26 95 180 / 50%)'), '#1a5fb4');
    assert.strictEqual(hexColor('rgba(100%, 0%, 0%, 0.5)'), '#ff0000');
    assert.strictEqual(hexColor('hsl(0, 100%, 50%)'), '#ff0000');
    assert.strictEqual(hexColor('hsl(120 100% 25%)'), '#008000');
    assert.strictEqual(hexColor('hsl(0.5turn 100% 50%)'), '#00ffff');
    assert.strictEqual(hexColor('hsla(240deg, 100%, 50%, 0.3)'), '#0000ff');
    assert.strictEqual(hexColor('teal'), undefined);
    assert.strictEqual(hexColor('rgb(1, 2)'), undefined);
    assert.strictEqual(hexColor('not a colour'), undefined);
  });

  it('every default type has a hex colour for both themes', () => {
    for (const t of DEFAULT_ENTITY_TYPES) {
      assert.match(hexColor(t.color.light) ?? '', /^#[0-9a-f]{6}$/);
      assert.match(hexColor(t.color.dark) ?? '', /^#[0-9a-f]{6}$/);
    }
  });
});
