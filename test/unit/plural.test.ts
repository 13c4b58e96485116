import * as assert from 'assert';
import { plural, regularPlural } from '../../src/core/text/plural';

describe('text: plurals', () => {
  it('one is singular, everything else plural, with thousands separators', () => {
    assert.strictEqual(plural(1, 'entity'), '1 entity');
    assert.strictEqual(plural(2, 'entity'), '2 entities');
    assert.strictEqual(plural(0, 'document'), '0 documents');
    assert.strictEqual(plural(12345, 'annotation'), '12,345 annotations');
    assert.strictEqual(plural(3, 'match'), '3 matches');
    assert.strictEqual(plural(2, 'day'), '2 days');
    assert.strictEqual(plural(2, 'person', 'people'), '2 people');
    assert.strictEqual(plural(1, 'person', 'people'), '1 person');
  });
  it('regular plurals of the nouns the UI counts', () => {
    assert.deepStrictEqual(
      ['entity', 'mention', 'fact', 'alias', 'problem', 'occurrence', 'box', 'key'].map(regularPlural),
      ['entities', 'mentions', 'facts', 'aliases', 'problems', 'occurrences', 'boxes', 'keys'],
    );
  });
});
