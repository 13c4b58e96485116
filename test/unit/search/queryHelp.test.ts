import * as assert from 'assert';
import { FILTERS } from '../../../src/core/search/filters';
import { parseQuery } from '../../../src/core/search/query';
import { QUERY_HELP_ROWS, withInserted } from '../../../src/core/search/queryHelp';
import { fileNameOf, placeOf } from '../../../src/core/search/place';

describe('search: the help rows and result places', () => {
  it('has a row for every filter, and what a row inserts is a filter the parser knows', () => {
    for (const f of FILTERS) {
      const row = QUERY_HELP_ROWS.find((r) => r.insert === `${f.key}:`);
      assert.ok(row, `a row for ${f.key}:`);
      assert.ok(row.detail.includes(f.example), `${f.key}'s row shows its example`);
      // The example, typed after the inserted key, is a query without problems.
      const typed = withInserted('Tongzhou', row.insert) + f.example.slice(f.key.length + 1);
      assert.deepStrictEqual(parseQuery(typed).problems, [], typed);
    }
    assert.ok(QUERY_HELP_ROWS.some((r) => r.insert === '"'));
  });

  it('adds a row\'s text at the end of the query, keeping it', () => {
    assert.strictEqual(withInserted('Tongzhou  ', 'year:'), 'Tongzhou year:');
    assert.strictEqual(withInserted('', 'type:'), 'type:');
    assert.strictEqual(withInserted('Langfang', ''), 'Langfang');
  });

  it('a place names the title, the file and every line', () => {
    const docId = 'file:///home/a/corpus/000_ad486b33f2fde1b8.txt';
    assert.strictEqual(fileNameOf('file:///c%3A/corpus/caf%C3%A9%20news.txt'), 'café news.txt');
    assert.strictEqual(placeOf({ docId, title: 'Tongzhou and Langfang', line: 12 }), '000_ad486b33f2fde1b8.txt:12 · Tongzhou and Langfang');
    assert.strictEqual(placeOf({ docId, title: 'Tongzhou', line: 40, lines: [12, 40] }), '000_ad486b33f2fde1b8.txt:12, 40 · Tongzhou');
    assert.strictEqual(placeOf({ docId, title: '', line: 3 }), '000_ad486b33f2fde1b8.txt:3');
    assert.strictEqual(placeOf({ docId, title: 'x'.repeat(80), line: 1 }, 10), `000_ad486b33f2fde1b8.txt:1 · ${'x'.repeat(9)}…`);
  });
});
