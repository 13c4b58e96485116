import * as assert from 'assert';
import { overlapsAny } from '../../../src/core/corpus/suggestions';
import { DecisionIndex, engineCandidates, RejectionSet, suggestEntities, TaggedCounts } from '../../../src/core/suggest';

describe('suggest: corpus decisions and registry engines', () => {
  const tagged = [...Array(9).fill({ text: 'Tongzhou', type: 'location' }), { text: 'Tongzhou', type: 'organization' }, { text: 'Yunda Express', type: 'organization', entity: 'yunda' }];

  it('scores a string by how consistently it was given a type (9 location, 1 organization → location 0.9)', () => {
    const d = new DecisionIndex(tagged);
    assert.deepStrictEqual(d.decide('Tongzhou'), { type: 'location', score: 0.9 });
    assert.deepStrictEqual(d.decide('Yunda Express'), { type: 'organization', score: 1 });
    assert.strictEqual(d.decide('Beijing'), undefined);
  });

  it('decides the same from counted tagged strings as from one entry per annotation, keeping the first entity seen', () => {
    const each = [
      { text: 'Beijing', type: 'location' },
      { text: 'Beijing', type: 'location', entity: 'beijing' },
      { text: 'Beijing', type: 'organization', entity: 'beijing-gov' },
      { text: 'Beijing', type: 'location', entity: 'peking' },
      { text: 'Beijing', type: 'location', entity: 'beijing' },
      ...tagged,
      { text: ' X ', type: 'location' },
    ];
    const counts = new TaggedCounts();
    for (const t of each) counts.add(t.text, t.type, t.entity);
    const list = counts.list();
    assert.strictEqual(list.length, 8);
    assert.deepStrictEqual(list[1], { text: 'Beijing', type: 'location', entity: 'beijing', count: 2 });
    const a = new DecisionIndex(each);
    const b = new DecisionIndex(list);
    for (const text of ['Beijing', 'Tongzhou', 'Yunda Express', 'X']) assert.deepStrictEqual(b.decide(text), a.decide(text), text);
    assert.deepStrictEqual(b.decide('Beijing'), { type: 'location', score: 0.8 });
    assert.deepStrictEqual(b.sources(), a.sources());
    assert.strictEqual(b.sources().find((s) => s.text === 'Beijing')?.entity, 'beijing');
  });

  it('never suggests a rejected pair again, and falls back to the next type', () => {
    const d = new DecisionIndex(tagged);
    const rejected = new RejectionSet([{ text: 'Tongzhou', type: 'location' }]);
    assert.deepStrictEqual(d.decide('Tongzhou', rejected), { type: 'organization', score: 0.1 });
    rejected.add('Tongzhou', 'organization');
    assert.strictEqual(d.decide('Tongzhou', rejected), undefined);
    const s = suggestEntities('Tongzhou and Yunda Express.', { decisions: d, rejections: rejected }, { engines: ['corpus'] });
    assert.deepStrictEqual(s.map((x) => x.text), ['Yunda Express']);
  });

  it('suggests untagged occurrences with code point offsets, score and engine, keeping the entity id', () => {
    const text = '😀 Tongzhou is near 🚄 Pékin; Tongzhou again.';
    const s = suggestEntities(text, { decisions: new DecisionIndex(tagged), registry: [{ id: 'beijing', name: 'Beijing', type: 'location', aliases: ['Pékin'] }] }, { engines: ['corpus', 'registry'], annotated: [{ start: 27, end: 35 }] });
    assert.deepStrictEqual(s, [
      { start: 2, end: 10, type: 'location', text: 'Tongzhou', score: 0.9, engine: 'corpus' },
      { start: 21, end: 26, type: 'location', text: 'Pékin', score: 1, engine: 'registry', entity: 'beijing' },
    ]);
    assert.strictEqual(Array.from(text).slice(21, 26).join(''), 'Pékin');
  });

  it('corpus and registry candidates over annotated spans are left out, in any order given, and only those', () => {
    const text = 'Tongzhou and Pékin; Yunda Express in Tongzhou, Pékin again. Tongzhou.';
    const context = { decisions: new DecisionIndex(tagged), registry: [{ id: 'beijing', name: 'Beijing', type: 'location', aliases: ['Pékin'] }] };
    const all = engineCandidates(text, context, { engines: ['corpus', 'registry'] });
    const annotated = [{ start: 37, end: 45 }, { start: 0, end: 3 }, { start: 50, end: 51 }];
    const sorted = [...annotated].sort((a, b) => a.start - b.start);
    const left = all.filter((c) => !overlapsAny(sorted, c.start, c.end));
    assert.ok(left.length > 0 && left.length < all.length - 2, 'the text has candidates on both sides');
    assert.deepStrictEqual(engineCandidates(text, context, { engines: ['corpus', 'registry'], annotated }), left);
  });
});
