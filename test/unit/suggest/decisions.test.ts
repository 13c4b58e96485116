import * as assert from 'assert';
import { overlapsAny } from '../../../src/core/corpus/suggestions';
import { CorpusTaggedCounts, DecisionIndex, engineCandidates, RejectionSet, suggestEntities, TaggedCounts } from '../../../src/core/suggest';

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

  it('keeps a corpus\'s counts up to date document by document, as a recount of every annotation would give them', () => {
    type Doc = { key: string; entities: { text: string; type: string; entity?: string; status?: string }[] };
    const recount = (docs: Doc[]) => {
      const c = new TaggedCounts();
      for (const d of docs) for (const a of d.entities) if (a.status !== 'orphaned') c.add(a.text, a.type, a.entity);
      return c.list();
    };
    const sorted = (list: { text: string; type: string; entity?: string; count?: number }[]) => list.map((t) => `${t.type}|${t.entity ?? ''}|${t.text}|${t.count}`).sort();
    let seed = 11;
    const rnd = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const texts = ['Beijing', 'Tianjin', 'Hebei', 'Tongzhou', "Xiong'an"];
    const types = ['location', 'organization'];
    const make = () => Array.from({ length: rnd(6) }, () => ({ text: texts[rnd(texts.length)], type: types[rnd(2)], ...(rnd(3) === 0 ? { entity: 'e' } : {}), ...(rnd(8) === 0 ? { status: 'orphaned' } : {}) }));
    let docs: Doc[] = Array.from({ length: 20 }, (_, i) => ({ key: `d${i}`, entities: make() }));
    const tally = new CorpusTaggedCounts();
    assert.strictEqual(tally.sync(docs), true);
    assert.deepStrictEqual(sorted(tally.list()), sorted(recount(docs)));
    assert.strictEqual(tally.sync(docs), false, 'nothing changed: no document is counted again');
    for (let round = 0; round < 200; round++) {
      const i = rnd(docs.length);
      const what = rnd(4);
      // Annotations are replaced, never changed in place: a new array for a changed document.
      if (what === 0) docs = docs.filter((_, k) => k !== i);
      else if (what === 1) docs = [...docs, { key: `n${round}`, entities: make() }];
      else docs = docs.map((d, k) => (k === i ? { key: d.key, entities: make() } : d));
      tally.sync(docs);
      assert.deepStrictEqual(sorted(tally.list()), sorted(recount(docs)), `round ${round}`);
    }
    // Given as a map's values (read once), as the extension does: a document gone is still taken back.
    const byKey = new Map(docs.map((d) => [d.key, d]));
    byKey.delete(docs[0].key);
    assert.strictEqual(tally.sync(byKey.values()), true);
    assert.deepStrictEqual(sorted(tally.list()), sorted(recount([...byKey.values()])));
    // A list handed out is not changed by later counting.
    const list = tally.list();
    const before = JSON.stringify(list);
    tally.sync([]);
    assert.strictEqual(JSON.stringify(list), before);
    assert.deepStrictEqual(tally.list(), []);
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
