import * as assert from 'assert';
import { DecisionIndex, RejectionSet } from '../../../src/core/suggest';
import { packSpans, unpackSpans } from '../../../src/features/suggestions/packedSpans';
import { contextOf, suggestJobs, updatedContext } from '../../../src/features/suggestions/suggestWorker';

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

  it('brings its context up to date from changes as a whole new context would be', () => {
    const text = 'Tongzhou is east of Beijing; Tongzhou grew. The Beijing Municipal Government met.';
    const before = contextOf({ tagged: [{ text: 'Tongzhou', type: 'location', count: 2 }, { text: 'Beijing', type: 'location' }], registry: [], rejections: [] });
    const rejections = before.rejections!;
    // One Tongzhou taken back and retyped, Beijing gone, a longer name added, nothing rejected still.
    const updated = updatedContext(before, {
      changes: [
        { text: 'Tongzhou', type: 'location', delta: -1 },
        { text: 'Tongzhou', type: 'organization', delta: 2 },
        { text: 'Beijing', type: 'location', delta: -1 },
        { text: 'Beijing Municipal Government', type: 'organization', entity: 'bmg', delta: 1 },
      ],
      registry: [],
      rejections: [],
    });
    assert.strictEqual(updated.rejections, rejections, 'the same rejections keep their set');
    const whole = contextOf({ tagged: [{ text: 'Tongzhou', type: 'location' }, { text: 'Tongzhou', type: 'organization', count: 2 }, { text: 'Beijing Municipal Government', type: 'organization', entity: 'bmg' }], registry: [], rejections: [] });
    const [got] = suggestJobs(updated, [{ id: 'a', text, engines: ['corpus'] }]);
    const [want] = suggestJobs(whole, [{ id: 'a', text, engines: ['corpus'] }]);
    assert.deepStrictEqual(got, want);
    assert.deepStrictEqual(got.map((s) => [s.text, s.type, s.entity]), [['Tongzhou', 'organization', undefined], ['Tongzhou', 'organization', undefined], ['Beijing Municipal Government', 'organization', 'bmg']]);
    const rejecting = updatedContext(updated, { changes: [], rejections: [{ text: 'Tongzhou', type: 'organization' }] });
    assert.strictEqual(rejecting.registry, updated.registry, 'no registry in the update: the one it had');
    assert.ok(rejecting.rejections instanceof RejectionSet && rejecting.rejections !== rejections);
    const [rejected] = suggestJobs(rejecting, [{ id: 'a', text, engines: ['corpus'] }]);
    assert.deepStrictEqual(rejected.map((s) => [s.text, s.type]), [['Tongzhou', 'location'], ['Tongzhou', 'location'], ['Beijing Municipal Government', 'organization']]);
    assert.throws(() => updatedContext({}, { changes: [], registry: [], rejections: [] }), /before the context/);
  });
});
