import * as assert from 'assert';
import { emptyFilters, FILTER_HELP, FILTERS, filterNamed, hasFilters, QUERY_HELP, unknownFilterMessage } from '../../../src/core/search/filters';
import { parseQuery } from '../../../src/core/search/query';

describe('search: filters described once', () => {
  it('every key and alias parses into its own filter, and only that one', () => {
    for (const f of FILTERS) {
      const value = f.example.slice(f.example.indexOf(':') + 1);
      for (const name of [f.key, ...f.aliases, f.key.toUpperCase()]) {
        const { value: q, problems } = parseQuery(`${name}:${value} Hebei`);
        assert.deepStrictEqual(problems, [], name);
        assert.strictEqual(filterNamed(name), f);
        assert.ok(hasFilters(q.filters), `${name}: hasFilters`);
        for (const g of FILTERS) assert.strictEqual(q.filters[g.key].length, g === f ? 1 : 0, `${name}: ${g.key}`);
        assert.deepStrictEqual(q.terms, ['hebei']);
      }
    }
  });

  it('keys and aliases are unique, so a key names one filter', () => {
    const names = FILTERS.flatMap((f) => [f.key, ...f.aliases]);
    assert.strictEqual(new Set(names).size, names.length, names.join(' '));
  });

  it('emptyFilters has a list per filter and no filter', () => {
    const f = emptyFilters();
    assert.deepStrictEqual(Object.keys(f).sort(), FILTERS.map((d) => d.key).sort());
    assert.strictEqual(hasFilters(f), false);
    assert.notStrictEqual(emptyFilters().type, f.type, 'a fresh object each time');
  });

  it('the help texts and the unknown-filter message name every filter', () => {
    assert.strictEqual(FILTER_HELP, 'type:person  entity:xiongan  doc:003  year:2023  kind:fact  "exact phrase"');
    assert.strictEqual(
      QUERY_HELP,
      'Search Facts: type words in any order (typos are forgiven). Filters: type:<entity type>, entity:<canonical id or name>, doc:<file name or title word>, year:<year or range 2015-2023>, kind:fact or kind:sentence. Quote "an exact phrase". Recorded facts rank first.',
    );
    assert.strictEqual(unknownFilterMessage('colour'), 'Unknown filter "colour:" — searched as text. Filters: type:, entity:, doc:, year:, kind:');
    for (const f of FILTERS) {
      assert.ok(FILTER_HELP.includes(f.example) && QUERY_HELP.includes(f.help), f.key);
    }
  });

  it('problems say what and where: code, message, 1-based column of the word', () => {
    const { value: q, problems } = parseQuery('Hebei colour:red y:2020-20x3 k:banana,fact');
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.column, p.line, p.severity]),
      [
        ['unknown-filter', 7, 1, 'warning'],
        ['bad-filter-value', 18, 1, 'warning'],
        ['bad-filter-value', 30, 1, 'warning'],
      ],
    );
    assert.strictEqual(problems[1].message, 'year:2020-20x3 is not a year or a range like 2020-2023');
    assert.strictEqual(problems[2].message, 'kind:banana — use kind:fact or kind:sentence');
    // The good value of a list is kept.
    assert.deepStrictEqual(q.filters.kind, ['fact']);
  });
});
