import * as assert from 'assert';
import { groupDuplicateResults } from '../../../src/core/search/duplicates';
import type { SearchResult } from '../../../src/core/search';

const hit = (docId: string, text: string, line: number, score: number, kind: SearchResult['kind'] = 'sentence'): SearchResult =>
  ({ id: `${docId}:${line}`, docId, title: docId, kind, text, start: line * 100, end: line * 100 + text.length, line, score, matches: [], exact: false, entities: [], entityTypes: [] }) as SearchResult;

describe('search: duplicate sentences', () => {
  it('the same sentence in the same document is one result with its lines; other documents and facts stay apart', () => {
    const photo = 'Photo by Zhao Yonghui';
    const grouped = groupDuplicateResults([
      hit('a', photo, 40, 0.9),
      hit('b', photo, 3, 0.8),
      hit('a', 'Other.', 2, 0.7),
      hit('a', photo, 12, 0.6),
      hit('a', photo, 12, 0.5, 'fact'),
    ]);
    assert.deepStrictEqual(grouped.map((g) => [g.docId, g.text, g.kind, g.lines, g.score]), [
      ['a', photo, 'sentence', [12, 40], 0.9],
      ['b', photo, 'sentence', [3], 0.8],
      ['a', 'Other.', 'sentence', [2], 0.7],
      ['a', photo, 'fact', [12], 0.5],
    ]);
    assert.strictEqual(grouped[0].line, 40, 'the best-ranked occurrence is the one opened');
  });
});
