import * as assert from 'assert';
import { compileGlob, matchesAny } from '../../src/core/corpus/glob';

describe('corpus globs', () => {
  it('matches ** across folders, including none', () => {
    assert.ok(matchesAny('a.txt', ['**/*.txt']));
    assert.ok(matchesAny('news/2024/a.txt', ['**/*.txt']));
    assert.ok(!matchesAny('a.txt.yaml', ['**/*.txt']));
  });
  it('handles *, ? and {a,b}', () => {
    assert.ok(compileGlob('docs/*.{txt,md}').test('docs/x.md'));
    assert.ok(!compileGlob('docs/*.{txt,md}').test('docs/sub/x.md'));
    assert.ok(compileGlob('00?_*.txt').test('003_dea.txt'));
    assert.ok(!compileGlob('a.txt').test('aXtxt'), 'dots are literal');
  });
});
