import * as assert from 'assert';
import { DecisionIndex } from '../../../src/core/suggest';
import { packSpans, unpackSpans } from '../../../src/features/suggestions/packedSpans';
import { suggestJobs } from '../../../src/features/suggestions/suggestWorker';

describe('suggest: the worker job', () => {
  it('carries annotated spans packed, and nothing is suggested over them', () => {
    const spans = [{ start: 0, end: 8 }, { start: 30, end: 38 }, { start: 0, end: 0 }];
    assert.deepStrictEqual(unpackSpans(packSpans(spans)), spans);
    const text = 'Tongzhou is east of Beijing; Tongzhou grew.';
    const context = { decisions: new DecisionIndex([{ text: 'Tongzhou', type: 'location' }, { text: 'Beijing', type: 'location' }]) };
    const [free] = suggestJobs(context, [{ id: 'a', text, engines: ['corpus'] }]);
    const [held] = suggestJobs(context, [{ id: 'a', text, annotated: packSpans(spans.slice(0, 2)), engines: ['corpus'] }]);
    assert.deepStrictEqual(free.map((s) => s.text), ['Tongzhou', 'Beijing', 'Tongzhou']);
    assert.deepStrictEqual(held.map((s) => [s.text, s.start]), [['Beijing', 20]]);
  });
});
