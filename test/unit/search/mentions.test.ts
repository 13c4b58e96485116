import * as assert from 'assert';
import { MentionColumns, type IndexedEntity } from '../../../src/core/search/mentions';

describe('search: entity mentions as columns', () => {
  const beijing: IndexedEntity = { type: 'location', text: 'Pékin', start: 3, end: 8, name: 'Beijing', entity: 'beijing' };
  const tongzhou: IndexedEntity = { type: 'location', text: 'Tongzhou', start: 10, end: 18, name: 'Tongzhou' };
  const xi: IndexedEntity = { type: 'person', text: 'Xi', start: 0, end: 2, name: 'Xi' };

  it('gives back each slot its mentions, in order, with or without a canonical entity', () => {
    const m = new MentionColumns();
    m.add(0, [beijing, tongzhou]);
    m.add(0, []);
    m.add(4, [xi]);
    for (let s = 5; s < 600; s++) m.add(s, [tongzhou]);
    assert.deepStrictEqual(m.of(0), [beijing, tongzhou]);
    assert.deepStrictEqual(m.of(4), [xi]);
    assert.deepStrictEqual(m.of(1), []);
    assert.strictEqual('entity' in m.of(4)[0], false, 'no canonical entity: no key');
    assert.deepStrictEqual([...m.slotsIn(0, 7)], [0, 4, 5, 6]);
    // Seven distinct strings for the 598 mentions' string fields.
    assert.deepStrictEqual([...m.strings].sort(), ['Beijing', 'Pékin', 'Tongzhou', 'Xi', 'beijing', 'location', 'person'].sort());
  });

  it('keeps, renumbered, the mentions of slots a compaction keeps, and only the strings they use', () => {
    const m = new MentionColumns();
    m.add(0, [beijing]);
    m.add(1, [xi]);
    m.add(2, [tongzhou, beijing]);
    m.compact(Int32Array.from([-1, 0, 1]));
    assert.deepStrictEqual(m.of(0), [xi]);
    assert.deepStrictEqual(m.of(1), [tongzhou, beijing]);
    assert.deepStrictEqual(m.of(2), []);
    assert.strictEqual(m.count, 3);
    m.compact(Int32Array.from([0, -1]));
    assert.deepStrictEqual([...m.strings].sort(), ['Xi', 'person']);
    m.add(3, [tongzhou]);
    assert.deepStrictEqual([...m.slotsIn(0, 10)], [0, 3]);
  });

  it('restores from columns cut to their entries (as a snapshot holds them) and grows from there', () => {
    const a = new MentionColumns();
    a.add(1, [beijing, xi]);
    a.add(7, [tongzhou]);
    const [slot, start, end, type, text, name, entity] = a.views().map((v) => v.slice());
    const b = new MentionColumns();
    b.restore({ slot, start, end, type, text, name, entity }, [...a.strings]);
    assert.deepStrictEqual([b.of(1), b.of(7)], [[beijing, xi], [tongzhou]]);
    b.add(9, [beijing]);
    assert.deepStrictEqual(b.of(9), [beijing]);
    assert.deepStrictEqual(b.of(1), [beijing, xi]);
  });
});
