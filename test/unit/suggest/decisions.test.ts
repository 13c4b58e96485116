import * as assert from 'assert';
import { overlapsAny, prepareSources, type PreparedSources } from '../../../src/core/corpus/suggestions';
import { CorpusTaggedCounts, DecisionIndex, engineCandidates, netChanges, RejectionSet, suggestEntities, TaggedCounts, type TaggedChange } from '../../../src/core/suggest';

type Doc = { key: string; entities: { text: string; type: string; entity?: string; status?: string }[] };

/**
 * A corpus changing at random, as an editor changes it: `change(round)` removes a document, adds
 * one, or gives one new annotations (a new array: annotations are replaced, never changed in place).
 */
function randomCorpus(seedValue: number, texts: string[], types: string[], entities: string[], size: number) {
  let seed = seedValue;
  const rnd = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
  const make = () => Array.from({ length: rnd(6) }, () => ({ text: texts[rnd(texts.length)], type: types[rnd(types.length)], ...(rnd(3) === 0 ? { entity: entities[rnd(entities.length)] } : {}), ...(rnd(8) === 0 ? { status: 'orphaned' } : {}) }));
  let docs: Doc[] = Array.from({ length: size }, (_, i) => ({ key: `d${i}`, entities: make() }));
  return {
    rnd,
    docs: () => docs,
    change(round: number): void {
      const i = rnd(docs.length);
      const what = rnd(types.length + 2);
      if (what === 0) docs = docs.filter((_, k) => k !== i);
      else if (what === 1) docs = [...docs, { key: `n${round}`, entities: make() }];
      else docs = docs.map((d, k) => (k === i ? { key: d.key, entities: make() } : d));
    },
  };
}

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
    const recount = (docs: Doc[]) => {
      const c = new TaggedCounts();
      for (const d of docs) for (const a of d.entities) if (a.status !== 'orphaned') c.add(a.text, a.type, a.entity);
      return c.list();
    };
    const sorted = (list: { text: string; type: string; entity?: string; count?: number }[]) => list.map((t) => `${t.type}|${t.entity ?? ''}|${t.text}|${t.count}`).sort();
    const corpus = randomCorpus(11, ['Beijing', 'Tianjin', 'Hebei', 'Tongzhou', "Xiong'an"], ['location', 'organization'], ['e'], 20);
    let docs = corpus.docs();
    const tally = new CorpusTaggedCounts();
    assert.strictEqual(tally.sync(docs), true);
    assert.deepStrictEqual(sorted(tally.list()), sorted(recount(docs)));
    assert.strictEqual(tally.sync(docs), false, 'nothing changed: no document is counted again');
    for (let round = 0; round < 200; round++) {
      corpus.change(round);
      docs = corpus.docs();
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

  it('keeps decisions and prepared sources up to date change by change, as built again from the counts', () => {
    const texts = ['Beijing', 'Tianjin', 'Hebei', 'Tongzhou', "Xiong'an", 'Beijing Municipal Government', 'Tianjin Port', ' X ', 'Hebei Province'];
    const types = ['location', 'organization', 'policy'];
    const corpus = randomCorpus(7, texts, types, ['e0', 'e1'], 12);
    const rnd = corpus.rnd;
    const shape = (p: PreparedSources) =>
      [...p.byFirstWord].map(([w, list]) => `${w}: ${list.map((s) => `${s.text}/${s.type}/${(s.score ?? 1).toFixed(3)}`).join(', ')}`).sort();
    // The order of equal-length sources under one first word does not matter to matching (they cannot both match at one place).
    const lengths = (p: PreparedSources) => [...p.byFirstWord.values()].every((l) => l.every((s, i) => i === 0 || l[i - 1].text.length >= s.text.length));
    const tally = new CorpusTaggedCounts();
    tally.sync(corpus.docs());
    const live = new DecisionIndex(tally.list());
    let rejected = new RejectionSet();
    live.prepared(rejected);
    let incremental = 0;
    for (let round = 0; round < 300; round++) {
      corpus.change(round);
      const docs = corpus.docs();
      // Now and then a rejection: a new set, and the prepared sources are made whole again.
      if (rnd(10) === 0) rejected = new RejectionSet([{ text: texts[rnd(texts.length)], type: types[rnd(3)] }]);
      const changes: TaggedChange[] = [];
      tally.sync(docs, changes);
      for (const c of netChanges(changes)) live.apply(c);
      const rebuilt = new DecisionIndex(tally.list());
      for (const t of texts) assert.deepStrictEqual(live.decide(t.trim(), rejected), rebuilt.decide(t.trim(), rejected), `round ${round}: ${t}`);
      assert.strictEqual(live.size, rebuilt.size, `round ${round}`);
      const prepared = live.prepared(rejected);
      assert.deepStrictEqual(shape(prepared), shape(prepareSources(rebuilt.sources(rejected))), `round ${round}`);
      assert.ok(lengths(prepared), `round ${round}: longest first`);
      // The entity suggested is one the text is linked to now.
      for (const list of prepared.byFirstWord.values()) {
        for (const s of list) {
          const linked = new Set(docs.flatMap((d) => d.entities.filter((a) => a.status !== 'orphaned' && a.text.trim() === s.text && a.entity).map((a) => a.entity)));
          if (linked.size === 0) assert.strictEqual(s.entity, undefined, `round ${round}: ${s.text}`);
          else assert.ok(linked.has(s.entity), `round ${round}: ${s.text} → ${s.entity}`);
        }
      }
      if (changes.length) incremental++;
    }
    assert.ok(incremental > 200, `${incremental} rounds changed something`);
  });

  it('sums changes per tagged string and leaves out those that come to nothing; a sync past its limit says so', () => {
    const net = netChanges([
      { text: 'Beijing', type: 'location', delta: 1 },
      { text: 'Beijing', type: 'location', entity: 'beijing', delta: 1 },
      { text: 'Beijing', type: 'location', delta: -1 },
      { text: 'Tianjin', type: 'location', delta: 1 },
      { text: 'Tianjin', type: 'location', delta: 1 },
    ]);
    assert.deepStrictEqual(net, [
      { text: 'Beijing', type: 'location', entity: 'beijing', delta: 1 },
      { text: 'Tianjin', type: 'location', delta: 2 },
    ]);
    const tally = new CorpusTaggedCounts();
    const changes: TaggedChange[] = [];
    const entities = Array.from({ length: 10 }, (_, i) => ({ text: `T${i}`, type: 'location' }));
    tally.sync([{ key: 'a', entities }], changes, 4);
    assert.strictEqual(changes.length, 5, 'up to the limit and one more: not whole');
    assert.strictEqual(tally.list().length, 10, 'the counts are whole all the same');
  });

  it('tells two rejection sets with the same pairs apart from others, and lists its pairs once', () => {
    const a = new RejectionSet([{ text: 'China', type: 'location' }, { text: ' China ', type: 'location' }, { text: 'Hebei', type: 'organization' }]);
    const b = new RejectionSet([{ text: 'Hebei', type: 'organization' }, { text: 'China', type: 'location' }]);
    assert.ok(a.equals(b) && b.equals(a));
    assert.ok(!a.equals(new RejectionSet([{ text: 'China', type: 'location' }])));
    assert.ok(!a.equals(new RejectionSet([{ text: 'China', type: 'location' }, { text: 'Hebei', type: 'location' }])));
    assert.deepStrictEqual(a.list(), [{ text: 'China', type: 'location' }, { text: 'Hebei', type: 'organization' }]);
    assert.ok(new RejectionSet(a.list()).equals(a));
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
