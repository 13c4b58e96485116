import * as assert from 'assert';
import { findOccurrences } from '../../src/core/anchoring/occurrences';

describe('anchoring: occurrences', () => {
  it('finds whole words only, case-sensitive by default, in code points', () => {
    const text = '😀 Hebei and Hebeiese; hebei, Hebei.';
    assert.deepStrictEqual(findOccurrences(text, 'Hebei'), [
      { start: 2, end: 7 },
      { start: 29, end: 34 },
    ]);
    assert.strictEqual(findOccurrences(text, 'Hebei', { caseSensitive: false }).length, 3);
    assert.strictEqual(findOccurrences(text, 'Hebei', { wholeWord: false }).length, 3);
  });
  it('handles accents and apostrophes', () => {
    assert.strictEqual(findOccurrences("Pékin et Xiong'an, Pékinois", 'Pékin').length, 1);
    assert.strictEqual(findOccurrences("la Nouvelle Zone de Xiong'an", "Xiong'an").length, 1);
  });
});
