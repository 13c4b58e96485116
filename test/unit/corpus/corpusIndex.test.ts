import * as assert from 'assert';
import { CorpusIndex, DocumentStatus, groupKeyOf } from '../../../src/core/corpus/corpusIndex';
import type { DocumentInfo } from '../../../src/core/corpus/documentInfo';
import { DocSet, KeyCache, SEP } from '../../../src/core/corpus/indexTally';
import type { CanonicalEntity, EntityAnnotation } from '../../../src/core/model';

const OK: DocumentStatus = { problems: 0, moved: 0, orphaned: 0 };
const info = (title: string, code = 'en'): DocumentInfo => ({ title, language: { code, confidence: 1 } });
let ids = 0;
function ann(text: string, type: string, start: number, entity?: string, extra: Partial<EntityAnnotation> = {}): EntityAnnotation {
  return { id: `a${++ids}`, text, type, start, end: start + text.length, prefix: '', suffix: '', ...(entity ? { entity } : {}), ...extra };
}
const REGISTRY: CanonicalEntity[] = [
  { id: 'beijing', name: 'Beijing', type: 'location', aliases: ['Pékin', 'Peking'], externalId: 'Q956' },
  { id: 'tongzhou', name: 'Tongzhou District', type: 'location', aliases: ['Tongzhou'] },
];

function sample(): CorpusIndex {
  const index = new CorpusIndex();
  index.setRegistry(REGISTRY);
  index.setDocument('doc:a', info('A'), [
    ann('Tongzhou', 'location', 50),
    ann('Beijing', 'location', 10, 'beijing'),
    ann('Beijing', 'location', 90, 'beijing'),
    ann('Hebei Daily', 'organization', 120),
  ], OK);
  index.setDocument('doc:b', info('B', 'fr'), [
    ann('Pékin', 'location', 5, 'beijing'),
    ann('Tongzhou', 'location', 30),
    ann('Hebei Daily', 'person', 70),
  ], { problems: 0, moved: 1, orphaned: 2 });
  return index;
}

describe('CorpusIndex', () => {
  it('groups by canonical entity where linked, by type and exact text otherwise', () => {
    assert.strictEqual(groupKeyOf({ entity: 'beijing', type: 'location', text: 'Pékin' }), 'entity:beijing');
    assert.strictEqual(groupKeyOf({ type: 'location', text: 'Tongzhou' }), 'text:location:Tongzhou');
    const index = sample();
    const beijing = index.corpusEntity('entity:beijing')!;
    assert.deepStrictEqual(
      { name: beijing.name, aliases: beijing.aliases, forms: beijing.forms, type: beijing.type, mentions: beijing.mentionCount, docs: beijing.documentCount, registered: beijing.registered },
      { name: 'Beijing', aliases: ['Pékin', 'Peking'], forms: ['Beijing', 'Pékin'], type: 'location', mentions: 3, docs: 2, registered: true },
    );
    assert.deepStrictEqual(
      index.corpusMentions('entity:beijing').map((m) => [m.docKey, m.annotation.text, m.annotation.start]),
      [['doc:a', 'Beijing', 10], ['doc:a', 'Beijing', 90], ['doc:b', 'Pékin', 5]],
    );
    const tongzhou = index.corpusEntity('text:location:Tongzhou')!;
    assert.strictEqual(tongzhou.entityId, undefined);
    assert.strictEqual(tongzhou.name, 'Tongzhou');
    assert.strictEqual(tongzhou.documentCount, 2);
  });

  it('per document: summaries, types, entities and mentions in document order', () => {
    const index = sample();
    const docs = index.documents();
    assert.deepStrictEqual(docs.map((d) => [d.key, d.info.title, d.total, d.flagged]), [['doc:a', 'A', 4, false], ['doc:b', 'B', 3, true]]);
    assert.deepStrictEqual(docs[0].counts, [{ type: 'location', count: 3, documentCount: 1 }, { type: 'organization', count: 1, documentCount: 1 }]);
    assert.deepStrictEqual(docs[1].reasons, ['1 moved annotation to review', '2 orphaned annotations (quote not found)']);
    assert.deepStrictEqual(index.typesOf('doc:a').map((t) => [t.type, t.count]), [['location', 3], ['organization', 1]]);
    const ents = index.entitiesOf('doc:a', 'location');
    assert.deepStrictEqual(ents.map((e) => [e.key, e.name, e.mentionCount, e.documentCount, e.firstStart]), [
      ['entity:beijing', 'Beijing', 2, 2, 10],
      ['text:location:Tongzhou', 'Tongzhou', 1, 2, 50],
    ]);
    assert.deepStrictEqual(index.mentionsOf('doc:a', 'entity:beijing').map((m) => m.start), [10, 90]);
    assert.deepStrictEqual(index.entitiesOf('doc:missing'), []);
    assert.deepStrictEqual(index.mentionsOf('doc:a', 'entity:nothing'), []);
  });

  it('corpus types and entities, filtered by type', () => {
    const index = sample();
    assert.deepStrictEqual(index.corpusTypes(), [
      { type: 'location', count: 5, documentCount: 2 },
      { type: 'organization', count: 1, documentCount: 1 },
      { type: 'person', count: 1, documentCount: 1 },
    ]);
    assert.deepStrictEqual(index.corpusEntities('location').map((e) => [e.key, e.mentionCount, e.documentCount]), [
      ['entity:beijing', 3, 2],
      ['text:location:Tongzhou', 2, 2],
    ]);
    assert.deepStrictEqual(index.corpusEntities('person').map((e) => e.key), ['text:person:Hebei Daily']);
    assert.strictEqual(index.corpusEntities().length, 4);
  });

  it('flags the same text tagged with two types anywhere in the corpus', () => {
    const index = sample();
    assert.deepStrictEqual(index.inconsistencies(), [{ text: 'Hebei Daily', types: ['organization', 'person'], docKeys: ['doc:a', 'doc:b'] }]);
    assert.ok(index.isInconsistent('Hebei Daily'));
    // Fixing the type in doc:b clears the flag.
    index.setDocument('doc:b', info('B'), [ann('Hebei Daily', 'organization', 70)], OK);
    assert.deepStrictEqual(index.inconsistencies(), []);
    // Within one document counts too.
    index.setDocument('doc:c', info('C'), [ann('Xiong\'an', 'location', 0), ann('Xiong\'an', 'organization', 20)], OK);
    assert.deepStrictEqual(index.inconsistencies(), [{ text: "Xiong'an", types: ['location', 'organization'], docKeys: ['doc:c'] }]);
  });

  it('a linked mention with another type shows under that type as well', () => {
    const index = sample();
    index.setDocument('doc:c', info('C'), [ann('Beijing', 'organization', 0, 'beijing')], OK);
    const all = index.corpusEntity('entity:beijing')!;
    assert.deepStrictEqual([all.type, all.types, all.mentionCount, all.documentCount], ['location', ['location', 'organization'], 4, 3]);
    const asOrg = index.corpusEntity('entity:beijing', 'organization')!;
    assert.deepStrictEqual([asOrg.type, asOrg.mentionCount, asOrg.documentCount], ['organization', 1, 1]);
    assert.deepStrictEqual(index.corpusMentions('entity:beijing', 'organization').map((m) => m.docKey), ['doc:c']);
    assert.deepStrictEqual(index.inconsistencies().map((i) => i.text), ['Beijing', 'Hebei Daily']);
  });

  it('updates incrementally: replacing and removing a document retracts what it contributed', () => {
    const index = sample();
    index.setDocument('doc:a', info('A2'), [ann('Tongzhou', 'location', 1)], OK);
    assert.strictEqual(index.corpusEntity('entity:beijing')!.mentionCount, 1);
    assert.deepStrictEqual(index.corpusEntity('entity:beijing')!.forms, ['Pékin']);
    assert.strictEqual(index.corpusEntity('text:organization:Hebei Daily'), undefined);
    assert.deepStrictEqual(index.inconsistencies(), []);
    assert.strictEqual(index.document('doc:a')!.info.title, 'A2');
    assert.ok(index.removeDocument('doc:b'));
    assert.ok(!index.removeDocument('doc:b'));
    assert.deepStrictEqual(index.documents().map((d) => d.key), ['doc:a']);
    assert.deepStrictEqual(index.corpusTypes(), [{ type: 'location', count: 1, documentCount: 1 }]);
    assert.deepStrictEqual(index.corpusEntities().map((e) => e.key), ['text:location:Tongzhou']);
    index.removeDocument('doc:a');
    assert.deepStrictEqual([index.size, index.corpusTypes(), index.corpusEntities(), index.inconsistencies()], [0, [], [], []]);
  });

  it('ends in the same state whatever the order of updates (random operations against a rebuild)', () => {
    const texts = ['Beijing', 'Pékin', 'Tianjin', 'Hebei', 'Tongzhou', "Xiong'an"];
    const types = ['location', 'organization', 'person'];
    const ents = [undefined, undefined, 'beijing', 'tianjin'];
    let seed = 42;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 8) % n);
    const live = new Map<string, EntityAnnotation[]>();
    const index = new CorpusIndex();
    for (let step = 0; step < 400; step++) {
      const key = `doc${rnd(8)}`;
      if (rnd(5) === 0) {
        index.removeDocument(key);
        live.delete(key);
        continue;
      }
      const list = Array.from({ length: rnd(6) }, (_, i) => ann(texts[rnd(texts.length)], types[rnd(3)], i * 10, ents[rnd(ents.length)]));
      index.setDocument(key, info(key), list, OK);
      live.set(key, list);
      // Now and then a query asks for some document sets (which settles the documents whole adds appended to them).
      if (step % 37 === 0) for (const e of index.corpusEntities()) index.corpusMentions(e.key, step % 2 ? types[rnd(3)] : undefined);
      if (step % 53 === 0) index.inconsistencies();
    }
    const rebuilt = new CorpusIndex();
    for (const [k, list] of live) rebuilt.setDocument(k, info(k), list, OK);
    const state = (ix: CorpusIndex) => ({
      docs: ix.documents(),
      types: ix.corpusTypes(),
      entities: ix.corpusEntities(),
      byType: types.map((t) => ix.corpusEntities(t)),
      mentions: ix.corpusEntities().map((e) => ix.corpusMentions(e.key).map((m) => `${m.docKey}:${m.annotation.id}`)),
      inconsistencies: ix.inconsistencies(),
    });
    assert.deepStrictEqual(state(index), state(rebuilt));
    // And both against counts made here from the live documents, with no index at all.
    const naive = new Map<string, { mentions: number; docs: Set<string>; byType: Map<string, { mentions: number; docs: Set<string> }> }>();
    const typeTotals = new Map<string, { mentions: number; docs: Set<string> }>();
    const textTypes = new Map<string, Set<string>>();
    for (const [k, list] of live) {
      for (const a of list) {
        const g = naive.get(groupKeyOf(a)) ?? { mentions: 0, docs: new Set<string>(), byType: new Map() };
        naive.set(groupKeyOf(a), g);
        g.mentions++;
        g.docs.add(k);
        const gt = g.byType.get(a.type) ?? { mentions: 0, docs: new Set<string>() };
        g.byType.set(a.type, gt);
        gt.mentions++;
        gt.docs.add(k);
        const t = typeTotals.get(a.type) ?? { mentions: 0, docs: new Set<string>() };
        typeTotals.set(a.type, t);
        t.mentions++;
        t.docs.add(k);
        textTypes.set(a.text, (textTypes.get(a.text) ?? new Set()).add(a.type));
      }
    }
    const counts = (m: Map<string, { mentions: number; docs: Set<string> }>) => [...m].map(([key, t]) => `${key} ${t.mentions} ${t.docs.size}`).sort();
    assert.deepStrictEqual(index.corpusTypes().map((t) => `${t.type} ${t.count} ${t.documentCount}`).sort(), counts(typeTotals));
    assert.deepStrictEqual(index.corpusEntities().map((e) => `${e.key} ${e.mentionCount} ${e.documentCount}`).sort(), counts(naive));
    for (const type of types) {
      const expected = [...naive].filter(([, g]) => g.byType.has(type)).map(([key, g]) => `${key} ${g.byType.get(type)!.mentions} ${g.byType.get(type)!.docs.size}`).sort();
      assert.deepStrictEqual(index.corpusEntities(type).map((e) => `${e.key} ${e.mentionCount} ${e.documentCount}`).sort(), expected, type);
    }
    assert.deepStrictEqual(index.inconsistencies().map((i) => `${i.text} ${i.types.join(',')}`), [...textTypes].filter(([, t]) => t.size > 1).map(([text, t]) => `${text} ${[...t].sort().join(',')}`).sort());
  });

  it('typing changes (a few annotations retexted, retyped, relinked or reordered) leave the same state as a rebuild, after every change', () => {
    const texts = ['Beijing', 'Pékin', 'Tianjin', 'Hebei', 'Tongzhou', 'Beijingx'];
    const types = ['location', 'organization', 'person'];
    const ents = [undefined, undefined, 'beijing', 'tianjin'];
    let seed = 7;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 8) % n);
    const random = (i: number) => ann(texts[rnd(texts.length)], types[rnd(3)], i * 10, ents[rnd(ents.length)]);
    const live = new Map<string, EntityAnnotation[]>();
    const index = new CorpusIndex();
    for (let d = 0; d < 4; d++) {
      const list = Array.from({ length: 12 + rnd(8) }, (_, i) => random(i));
      index.setDocument(`doc${d}`, info(`doc${d}`), list, OK);
      live.set(`doc${d}`, list);
    }
    const state = (ix: CorpusIndex) => ({
      docs: ix.documents(),
      types: ix.corpusTypes(),
      entities: ix.corpusEntities(),
      byType: types.map((t) => ix.corpusEntities(t)),
      perDocument: [...live.keys()].map((k) => [ix.typesOf(k), ix.entitiesOf(k)]),
      mentions: ix.corpusEntities().map((e) => ix.corpusMentions(e.key).map((m) => `${m.docKey}:${m.annotation.id}`)),
      inconsistencies: ix.inconsistencies(),
    });
    for (let step = 0; step < 300; step++) {
      const key = `doc${rnd(4)}`;
      const list = [...live.get(key)!];
      const changes = 1 + rnd(rnd(6) === 0 ? 30 : 3);
      for (let c = 0; c < changes; c++) {
        const i = rnd(list.length);
        const a = list[i];
        const how = rnd(5);
        if (how === 0) list[i] = { ...a, text: texts[rnd(texts.length)] };
        else if (how === 1) list[i] = { ...a, type: types[rnd(3)] };
        else if (how === 2) list[i] = { ...a, entity: ents[rnd(ents.length)] };
        else if (how === 3) list[i] = { ...a, start: a.start + 1, end: a.end + 1 };
        // Moved past its neighbour: the sorted order changes.
        else list[i] = { ...a, start: a.start + 15, end: a.end + 15 };
        if (list[i].entity === undefined) delete list[i].entity;
      }
      index.setDocument(key, info(key), list, OK);
      live.set(key, list);
      const rebuilt = new CorpusIndex();
      for (const [k, l] of live) rebuilt.setDocument(k, info(k), l, OK);
      assert.deepStrictEqual(state(index), state(rebuilt), `after step ${step}`);
    }
  });

  it('DocSet: appended and added documents are one set, in the order they came', () => {
    const s = new DocSet();
    s.append('a');
    s.append('b');
    assert.strictEqual(s.size, 2);
    s.add('c');
    assert.strictEqual(s.size, 3);
    s.append('d');
    assert.strictEqual(s.delete('b'), true);
    assert.strictEqual(s.delete('b'), false);
    assert.strictEqual(s.size, 3);
    s.append('e');
    assert.deepStrictEqual([...s.keys()], ['a', 'c', 'd', 'e']);
    assert.strictEqual(s.size, 4);
    assert.strictEqual(s.delete('e'), true);
    assert.deepStrictEqual([...s.keys()], ['a', 'c', 'd']);
  });

  it('makes each key once, and the same keys after the cache starts again at its limit', () => {
    const cache = new KeyCache(3);
    const pairs = [['location', 'Beijing'], ['organization', 'Beijing'], ['location', 'Hebei'], ['person', 'Li'], ['location', 'Beijing']];
    const first = cache.pair('location', 'Beijing');
    assert.strictEqual(cache.pair('location', 'Beijing'), first, 'the same object while kept');
    for (const [type, text] of pairs) {
      assert.deepStrictEqual(cache.pair(type, text), { group: groupKeyOf({ type, text }), textType: type + SEP + text });
      assert.strictEqual(cache.group({ type, text }), groupKeyOf({ type, text }));
    }
    assert.strictEqual(cache.group({ type: 'location', text: 'Pékin', entity: 'beijing' }), 'entity:beijing');
    assert.strictEqual(cache.group({ type: 'person', text: 'Peking', entity: 'beijing' }), 'entity:beijing');
  });

  it('registry changes apply to queries without a rebuild', () => {
    const index = sample();
    index.setRegistry([{ id: 'beijing', name: 'Beijing Municipality', type: 'location', aliases: [] }]);
    assert.strictEqual(index.corpusEntity('entity:beijing')!.name, 'Beijing Municipality');
    index.setRegistry([]);
    const e = index.corpusEntity('entity:beijing')!;
    assert.deepStrictEqual([e.name, e.registered, e.aliases], ['Beijing', false, []]);
  });

  it('keeps the caller\'s array untouched', () => {
    const index = new CorpusIndex();
    const list = [ann('b', 'location', 20), ann('a', 'location', 5)];
    index.setDocument('d', info('D'), list, OK);
    assert.deepStrictEqual(list.map((a) => a.start), [20, 5]);
    assert.deepStrictEqual(index.entitiesOf('d').map((e) => e.firstStart), [5, 20]);
  });
});
