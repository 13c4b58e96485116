import * as assert from 'assert';
import { isCssColor, isSafeGlob, parseCorpusConfig } from '../../src/core/corpus/config';
import { compileGlob, matchesAny } from '../../src/core/corpus/glob';
import { parseSidecar } from '../../src/core/sidecar';

/** Issue 10, "Wrong answers and messages": each reproduction as a test. */
const HEADER = `format: corpus-annotator\nversion: 1\ndocument: doc.txt\ntextHash: sha256:${'1'.repeat(64)}\noffsets: codepoint\n`;

describe('corpus.yaml globs: brace alternatives are checked', () => {
  for (const g of ['{..,x}/*.txt', '{/etc,x}/*', '{~,x}/*', '{C:,x}/*', 'a/{b,..}/c', '{x,\\\\server}/*']) {
    it(`"${g}" is unsafe`, () => {
      assert.strictEqual(isSafeGlob(g), false);
      const p = parseCorpusConfig(`documents:\n  - "${g.replace(/\\/g, '\\\\')}"\n`);
      assert.ok(p.problems.some((x) => x.code === 'unsafe-glob' && x.line === 2), JSON.stringify(p.problems));
      assert.deepStrictEqual(p.value.documents, ['**/*.txt'], 'the default applies, the pattern is ignored');
    });
  }
  it('safe brace patterns are kept', () => {
    for (const g of ['docs/*.{txt,md}', '{a,b}/**/*.txt']) assert.ok(isSafeGlob(g), g);
  });
  it('the matcher never matches outside the folder', () => {
    assert.strictEqual(matchesAny('../a.txt', ['{..,x}/*.txt']), false);
  });
  for (const g of ['{a,b', 'a}b', '{a,{b,c}}/*.txt']) {
    it(`unbalanced or nested braces "${g}" are a problem, not an exception when matching`, () => {
      const p = parseCorpusConfig(`exclude:\n  - "${g}"\n`);
      const bad = p.problems.find((x) => x.code === 'bad-glob');
      assert.ok(bad, JSON.stringify(p.problems));
      assert.strictEqual(bad.line, 2);
      assert.deepStrictEqual(p.value.exclude, []);
      assert.doesNotThrow(() => compileGlob(g).test('a'));
    });
  }
});

describe('corpus.yaml type colours', () => {
  for (const c of ['notacolor', 'javascript', 'rgb(a;b;c)', 'url(x)', 'red;background:url(x)', '#12', 'x'.repeat(1 << 20)]) {
    it(`"${c.slice(0, 20)}" is reported and not used`, () => {
      assert.strictEqual(isCssColor(c), false);
      const p = parseCorpusConfig(`types:\n  - id: person\n    color: "${c}"\n`);
      const bad = p.problems.find((x) => x.code === 'bad-color');
      assert.ok(bad && bad.line === 3, JSON.stringify(p.problems).slice(0, 300));
      assert.ok(bad.message.length < 300, 'the message shows a short excerpt');
      assert.notStrictEqual(p.value.types[0].color.light, c);
    });
  }
  it('CSS colours are accepted', () => {
    for (const c of ['teal', 'RebeccaPurple', '#1a5fb4', '#abc', '#1a5fb4cc', 'rgb(26, 95, 180)', 'rgba(26,95,180,0.5)', 'rgb(26 95 180 / 50%)', 'hsl(215 75% 40%)', 'hsla(215deg, 75%, 40%, .5)', 'transparent']) {
      assert.ok(isCssColor(c), c);
    }
  });
});

describe('sidecar offsets must be integers as written', () => {
  const withStart = (start: string) => HEADER + `entities:\n  - id: e-1\n    type: person\n    text: Ana\n    start: ${start}\n    end: 16\n    prefix: ""\n    suffix: ""\nfacts: []\n`;
  for (const v of ['12.9999999999999999', '1e-400', '1.0', '9007199254740993', '1e400', '0x0d', '+13']) {
    it(`start: ${v} is reported with its text`, () => {
      const p = parseSidecar(withStart(v));
      const bad = p.problems.find((x) => x.code === 'wrong-type');
      assert.ok(bad, JSON.stringify(p.problems));
      assert.ok(bad.message.includes(`"${v}"`), bad.message);
      assert.deepStrictEqual([bad.line, bad.column], [10, 12]);
      assert.deepStrictEqual(p.value.entities, []);
    });
  }
  it('start: 13 is fine', () => {
    assert.strictEqual(parseSidecar(withStart('13')).value.entities[0].start, 13);
  });
});
