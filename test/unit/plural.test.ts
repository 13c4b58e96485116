import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
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

/**
 * Counts pluralised by hand drift ("1 annotation(s)", "1 mentions"): every count a person reads
 * goes through plural(). This holds the sources to it, so a new message cannot slip back.
 */
describe('text: no count pluralised by hand', () => {
  const src = path.resolve(__dirname, '../../../src');
  const HAND_MADE = [
    { re: /\$\{[^}]+\} ?[a-z]+\(s\)/, what: 'a "(s)" after a count' },
    { re: /[!=]== 1 \? '' : 's'|> 1 \? 's' : ''|[!=]== 1 \? 's' : ''/, what: 'an inline plural suffix' },
    { re: /\$\{[^}]*\b(?:length|size|count|total)\b[^}]*\} (?:entities|documents|annotations|facts|mentions|suggestions|files|results|occurrences|disagreements|tokens)\b/, what: 'a count before a fixed plural noun' },
  ];
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
    });

  it('no source file writes a count with a hand-made plural', () => {
    const offenders: string[] = [];
    for (const file of sources(src)) {
      fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        for (const h of HAND_MADE) if (h.re.test(line)) offenders.push(`${path.relative(src, file)}:${i + 1}: ${h.what}`);
      });
    }
    assert.deepStrictEqual(offenders, []);
  });

  it('the check catches each hand-made form', () => {
    const samples = ['`${n} annotation(s)`', "`${n} mention${n === 1 ? '' : 's'}`", '`${docs.length} documents`'];
    assert.deepStrictEqual(samples.map((s) => HAND_MADE.some((h) => h.re.test(s))), [true, true, true]);
  });
});
