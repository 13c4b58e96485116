import * as assert from 'assert';
import { Vocabulary } from '../../../src/core/search/vocabulary';

describe('search: word expansion', () => {
  // Twelve words starting with `tr`, the later ones more frequent; `tra` starts three of them.
  const words = ['trade', 'transport', 'trillion', 'travel', 'tree', 'trend', 'trial', 'tribe', 'trip', 'truck', 'true', 'trust'];
  const vocab = new Vocabulary();
  for (const w of words) vocab.intern(w);
  const df = (id: number) => 1 + id;
  const live = () => true;
  const completions = (term: string) => vocab.expand(term, true, df, live).filter((v) => v.kind === 'prefix').map((v) => vocab.words[v.id]);

  it('completes a two-letter prefix with its eight most frequent words only', () => {
    assert.deepStrictEqual(completions('tr').sort(), ['tree', 'trend', 'trial', 'tribe', 'trip', 'truck', 'true', 'trust'].sort());
  });

  it('completes a longer prefix with every word it starts (up to 24)', () => {
    assert.deepStrictEqual(completions('tra').sort(), ['trade', 'transport', 'travel']);
    assert.deepStrictEqual(completions('tru').sort(), ['truck', 'true', 'trust']);
  });

  it('puts the word itself first when it is indexed, before its completions', () => {
    const v = vocab.expand('true', true, df, live);
    assert.deepStrictEqual([vocab.words[v[0].id], v[0].kind], ['true', 'exact']);
  });
});
