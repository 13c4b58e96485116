import * as assert from 'assert';
import { parseQuery } from '../../../src/core/search/query';
import { tokens } from '../../../src/core/search/tokenize';

describe('search: query syntax', () => {
  it('free text: folded words, stopwords kept apart, the last word typed is a prefix', () => {
    const { value: q, problems } = parseQuery('Line 22 of the sheild mach');
    assert.strictEqual(q.text, 'Line 22 of the sheild mach');
    assert.deepStrictEqual(q.words, ['line', '22', 'of', 'the', 'sheild', 'mach']);
    assert.deepStrictEqual(q.terms, ['line', '22', 'sheild', 'mach']);
    assert.strictEqual(q.lastIsPrefix, true);
    assert.strictEqual(parseQuery('Tongzou ').value.lastIsPrefix, false);
    assert.deepStrictEqual(parseQuery('Pékin Xiong’an l’intégration 7,9').value.terms, ['pekin', 'xiongan', 'integration', '7.9']);
    assert.deepStrictEqual(problems, []);
  });

  it('filters: type, entity, doc, year, kind, short keys, lists, quoted values', () => {
    const q = parseQuery('type:person entity:xiongan doc:003 year:2023 kind:fact Hebei').value;
    assert.deepStrictEqual(q.filters, { type: ['person'], entity: ['xiongan'], doc: ['003'], year: [{ from: 2023, to: 2023 }], kind: ['fact'] });
    assert.deepStrictEqual(q.terms, ['hebei']);
    assert.strictEqual(q.lastIsPrefix, true);
    const r = parseQuery('t:person,place e:"Xiong\'an New Area" y:2020-2022 d:Tongzhou k:sentence').value;
    assert.deepStrictEqual(r.filters, { type: ['person', 'place'], entity: ['xiongannewarea'], doc: ['tongzhou'], year: [{ from: 2020, to: 2022 }], kind: ['sentence'] });
    assert.strictEqual(r.text, '');
    assert.strictEqual(r.lastIsPrefix, false);
    assert.deepStrictEqual(parseQuery('entity:Pékin').value.filters.entity, ['pekin']);
    assert.deepStrictEqual(parseQuery('year:2023..2021').value.filters.year, [{ from: 2021, to: 2023 }]);
    assert.deepStrictEqual(parseQuery('TYPE:Person').value.filters.type, ['person']);
  });

  it('quoted phrases, curly quotes and an unclosed quote', () => {
    const q = parseQuery('"one meeting and three letters" approval').value;
    assert.deepStrictEqual(q.phrases, ['one meeting and three letters']);
    assert.deepStrictEqual(q.phraseWords, [['one', 'meeting', 'and', 'three', 'letters']]);
    assert.deepStrictEqual(q.terms, ['approval']);
    assert.deepStrictEqual(parseQuery('“shield machine” «ligne 22»').value.phrases, ['shield machine', 'ligne 22']);
    const open = parseQuery('Hebei "shield mach').value;
    assert.deepStrictEqual(open.phrases, ['shield mach']);
    assert.deepStrictEqual(open.terms, ['hebei']);
    assert.strictEqual(open.lastIsPrefix, false);
  });

  it('problems: unknown keys are searched as text, bad years and kinds are reported', () => {
    const { value: q, problems } = parseQuery('colour:red year:20x3 kind:banana Hebei');
    assert.strictEqual(problems.length, 3);
    assert.match(problems[0].message, /Unknown filter "colour:"/);
    assert.deepStrictEqual(q.terms, ['colour', 'red', 'hebei']);
    assert.deepStrictEqual(q.filters.year, []);
    // Times and URLs are text, without a problem.
    const t = parseQuery('train at 6:56 https://example.org');
    assert.deepStrictEqual(t.problems, []);
    assert.ok(t.value.terms.includes('56'));
  });

  it('an empty or blank query', () => {
    for (const s of ['', '   ', '""']) {
      const { value: q, problems } = parseQuery(s);
      assert.deepStrictEqual([q.terms, q.phrases, problems, q.lastIsPrefix], [[], [], [], false]);
    }
  });

  it('tokeniser: numbers, apostrophes, ligatures, CJK', () => {
    assert.deepStrictEqual(tokens("Beijing's 1,146 firms, 11.9 km; l'œuvre d'État 丨北京"), ['beijing', '1146', 'firms', '11.9', 'km', 'oeuvre', 'etat', '丨', '北', '京']);
  });
});
