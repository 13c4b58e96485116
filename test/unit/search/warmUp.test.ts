import * as assert from 'assert';
import { extractFacts } from '../../../src/core/facts/extract';
import { FactIndex } from '../../../src/core/search/factIndex';
import { isStopword } from '../../../src/core/search/tokenize';
import { runWarmUp } from '../../../src/core/search/warmUp';
import { seedFiles } from '../../support/fixtures';

describe('search: the warm-up of a new search thread', () => {
  const seeded = (): FactIndex => {
    const index = new FactIndex();
    for (const s of seedFiles()) index.setDocument(`file:///${s.file}`, extractFacts({ id: `file:///${s.file}`, title: s.file, text: s.text }, []));
    return index;
  };

  it('types queries made of the index\'s own common words, a letter at a time', () => {
    const index = seeded();
    const prefixes = index.warmUpPrefixes();
    // A query ends where the next one starts again from one letter.
    const queries = prefixes.filter((_, i) => i + 1 === prefixes.length || prefixes[i + 1].length === 1);
    assert.strictEqual(queries.length, 3, prefixes.join(' | '));
    // Every prefix of each query, in order, from its first letter.
    let at = 0;
    for (const q of queries) {
      for (let n = 1; n <= q.length; n++) assert.strictEqual(prefixes[at++], q.slice(0, n));
    }
    assert.strictEqual(at, prefixes.length);
    for (const q of queries) {
      const words = q.split(' ');
      assert.strictEqual(words.length, 2, q);
      for (const w of words) {
        assert.ok(w.length >= 5 && !isStopword(w), `${w} is a word of five letters or more, not a stopword`);
        assert.ok(index.search(w).length > 0, `${w} is found in the index`);
      }
    }
    // The same index gives the same queries.
    assert.deepStrictEqual(seeded().warmUpPrefixes(), prefixes);
    assert.ok(index.search(queries[0]).length > 0, `"${queries[0]}" finds something`);
  });

  it('an empty index has nothing to type', () => {
    assert.deepStrictEqual(new FactIndex().warmUpPrefixes(), []);
  });

  it('runs one search per turn to the end, or stops at the turn after someone searched', () => {
    const turns: (() => void)[] = [];
    const next = (step: () => void) => void turns.push(step);
    const run = (interruptAfter: number): { searched: string[]; done?: [number, boolean] } => {
      const out: { searched: string[]; done?: [number, boolean] } = { searched: [] };
      runWarmUp(['a', 'ab', 'abc', 'abcd'], (p) => out.searched.push(p), () => out.searched.length >= interruptAfter, next, (n, stopped) => (out.done = [n, stopped]));
      assert.deepStrictEqual(out.searched, [], 'nothing runs before the first turn');
      while (turns.length) turns.shift()!();
      return out;
    };
    assert.deepStrictEqual(run(Infinity), { searched: ['a', 'ab', 'abc', 'abcd'], done: [4, false] });
    assert.deepStrictEqual(run(2), { searched: ['a', 'ab'], done: [2, true] });
    assert.deepStrictEqual(run(0), { searched: [], done: [0, true] });
  });
});
