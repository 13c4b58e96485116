import * as assert from 'assert';
import { extractFacts } from '../../../src/core/facts/extract';
import type { CanonicalEntity, EntityAnnotation } from '../../../src/core/model';
import { FactIndex } from '../../../src/core/search/factIndex';
import { decodeSnapshot, encodeSnapshot, moved, postingsRoom, storable, textsToStore } from '../../../src/core/search/indexSnapshot';
import type { TextStore } from '../../../src/core/search/indexState';
import { CodePointIndex } from '../../../src/core/text/codepoints';
import { seedFiles } from '../../support/fixtures';

const REGISTRY: CanonicalEntity[] = [
  { id: 'beijing', name: 'Beijing', type: 'place', aliases: ['Pékin', 'Peking'] },
  { id: 'xiongan', name: "Xiong'an New Area", type: 'place', aliases: ["Xiong'an", 'Xiongan'] },
  { id: 'tongzhou', name: 'Tongzhou', type: 'place', aliases: ['Tongzhou District'] },
];

function tag(text: string): EntityAnnotation[] {
  const cps = new CodePointIndex(text);
  const out: EntityAnnotation[] = [];
  for (const c of REGISTRY) {
    for (const f of [c.name, ...c.aliases]) {
      for (let i = text.indexOf(f); i >= 0; i = text.indexOf(f, i + 1)) {
        const start = cps.toCodePoint(i);
        if (out.some((e) => start < e.end && start + [...f].length > e.start)) continue;
        out.push({ id: `e${out.length}`, type: c.type, entity: c.id, text: f, start, end: start + [...f].length, prefix: '', suffix: '' });
      }
    }
  }
  return out;
}

const docs = seedFiles().map(({ file, text }) => ({ id: `file:///corpus/${file}`, title: text.split('\n').find((l) => l.trim())!.trim(), text }));

function setDoc(index: FactIndex, d: { id: string; title: string; text: string }): void {
  index.setDocument(d.id, extractFacts({ ...d, entities: tag(d.text) }, REGISTRY));
}

/** A text store in memory, as the search worker's texts file is on disk. */
class MemoryStore implements TextStore {
  bytes = new Uint8Array(1024);
  length = 0;
  reads = 0;
  append(b: Uint8Array): number {
    if (this.length + b.length > this.bytes.length) {
      const n = new Uint8Array(Math.max(this.bytes.length * 2, this.length + b.length));
      n.set(this.bytes.subarray(0, this.length));
      this.bytes = n;
    }
    this.bytes.set(b, this.length);
    this.length += b.length;
    return this.length - b.length;
  }
  read(offset: number, length: number): string {
    this.reads++;
    return new TextDecoder().decode(this.bytes.subarray(offset, offset + length));
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Moves the index's texts to `store` and encodes it, as the worker's save does. */
function save(index: FactIndex, store: MemoryStore, keys: Map<string, string>, stamp = 'v1'): Uint8Array {
  for (const { slot, text } of [...textsToStore(index.state)]) {
    const b = new TextEncoder().encode(text);
    moved(index.state, slot, store.append(b), b.byteLength);
  }
  index.state.store = store;
  return concat(encodeSnapshot(index.state, { stamp, textStore: 'mem', keys }));
}

const QUERIES = ['Beijing', 'Pékin', 'shield machne', 'type:place tongzhou', 'coordinated development', '"high-speed rail"', 'doc:000', 'kind:sentence year:2023', 'Xiong', 'entity:beijing kind:fact', 'hebei tianjin 2024'];

function answers(index: FactIndex): unknown[] {
  return [...QUERIES.map((q) => index.search(q, 20)), index.searchEntities('Beijing', 10), index.searchEntities('Tongzhou', 10)];
}

describe('search: index snapshot', () => {
  // An index with history: a document replaced, one removed, and a text UTF-8 cannot carry.
  function history(): FactIndex {
    const index = new FactIndex();
    index.setRegistry(REGISTRY);
    for (const d of docs) setDoc(index, d);
    setDoc(index, { ...docs[1], text: `${docs[1].text}\nA sentence added about Beijing in 2024.` });
    setDoc(index, { id: 'file:///corpus/gone.txt', title: 'Gone', text: 'A document about Tongzhou that goes away.' });
    index.removeDocument('file:///corpus/gone.txt');
    setDoc(index, { id: 'file:///corpus/odd.txt', title: 'Odd', text: 'A lone surrogate \uD800 sits in this sentence about Beijing.' });
    return index;
  }

  it('restores an index that answers every query as the original did, once its documents are confirmed', () => {
    const original = history();
    const expected = answers(original);
    const store = new MemoryStore();
    const keys = new Map([...docs.map((d) => [d.id, `k ${d.id}`] as const), ['file:///corpus/odd.txt', 'k odd']]);
    const bytes = save(original, store, keys);
    // The texts went to the store, except the one it cannot carry unchanged.
    assert.strictEqual(original.state.texts.filter((t) => t !== undefined).length, 1);
    assert.ok(!storable('\uD800 x') && storable('Beijing 北京 😀'));
    assert.deepStrictEqual(answers(original), expected, 'the original still answers the same from the store');

    const decoded = decodeSnapshot(bytes, store, { stamp: 'v1' });
    assert.deepStrictEqual(decoded.problems, []);
    const restored = new FactIndex();
    restored.setRegistry(REGISTRY);
    restored.restore(decoded.value!.state);
    assert.deepStrictEqual(decoded.value!.keys, keys);
    assert.strictEqual(restored.heldCount, docs.length + 1);
    assert.strictEqual(restored.size, 0, 'held documents count for nothing');
    assert.deepStrictEqual(restored.search('Beijing'), [], 'nothing held is searchable');
    for (const id of keys.keys()) assert.ok(restored.confirm(id)! > 0);
    assert.strictEqual(restored.heldCount, 0);
    assert.strictEqual(restored.size, original.size);
    assert.deepStrictEqual(answers(restored), expected);
    assert.ok(restored.search('lone surrogate')[0].text.includes('\uD800'));
  });

  it('shows a document only once confirmed; replaced or dropped ones never show what was saved', () => {
    const store = new MemoryStore();
    const original = history();
    const keys = new Map(docs.map((d) => [d.id, 'k'] as const));
    const decoded = decodeSnapshot(save(original, store, keys), store, { stamp: 'v1' });
    const index = new FactIndex();
    index.setRegistry(REGISTRY);
    index.restore(decoded.value!.state);
    const [a, b, c] = docs;
    index.confirm(a.id);
    assert.ok(index.search('Beijing', 100).every((r) => r.docId === a.id));
    // b changed on disk: indexed again from its new text; the old facts never show.
    const newText = 'Entirely new text about a shield machine in Xiongan.';
    setDoc(index, { ...b, text: newText });
    assert.deepStrictEqual(index.search('entirely new', 100).filter((r) => r.docId === b.id).map((r) => r.text), [newText]);
    for (const q of [...QUERIES, b.title]) assert.deepStrictEqual(index.search(q, 200).filter((r) => r.docId === b.id && r.text !== newText), [], q);
    assert.strictEqual(index.confirm(b.id), undefined, 'a replaced document is no longer held');
    // Many replacements compact the index: held documents survive it and can still be confirmed.
    for (let i = 0; i < 30; i++) setDoc(index, { ...a, text: `${a.text}\nRound ${i}.` });
    assert.ok(index.stats().deadSlots < 2000, 'the index compacted');
    assert.ok(index.confirm(c.id)! > 0);
    assert.ok(index.search('Beijing', 100).some((r) => r.docId === c.id));
    const dropped = index.dropAllHeld();
    assert.deepStrictEqual(dropped.sort(), docs.slice(3).map((d) => d.id).concat('file:///corpus/odd.txt').sort());
    assert.deepStrictEqual(index.search('Pékin', 100).filter((r) => dropped.includes(r.docId)), []);
    assert.strictEqual(index.documentCount, 3);
  });

  it('refuses a snapshot from another stamp, a damaged one and one cut short, and says why', () => {
    const store = new MemoryStore();
    const bytes = save(history(), store, new Map());
    const problem = (b: Uint8Array, stamp = 'v1') => {
      const d = decodeSnapshot(b, store, { stamp });
      assert.strictEqual(d.value, undefined);
      assert.strictEqual(d.problems.length, 1);
      return d.problems[0].message;
    };
    assert.match(problem(bytes, 'v2'), /another version/);
    assert.match(problem(bytes.subarray(0, bytes.length - 100)), /cut short/);
    assert.match(problem(new TextEncoder().encode('not a snapshot at all')), /not a fact index snapshot/);
    const bad = bytes.slice();
    bad[20] = 0x7b;
    assert.match(problem(bad), /header is not JSON|sections/);
    assert.match(decodeSnapshot(bytes, store, { stamp: 'v1', textStore: () => false }).problems[0].message, /text store mem is missing/);
    // Word counts that still sum to the postings' length, one of them negative: refused before
    // the postings are read with the room the counts would give them.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const jsonLength = view.getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLength))) as { sections: number[] };
    const pad8 = (n: number) => Math.ceil(n / 8) * 8;
    let at = pad8(12 + jsonLength);
    for (let i = 0; i < 8; i++) at += pad8(header.sections[i]);
    const counts = bytes.slice();
    const countsView = new DataView(counts.buffer, counts.byteOffset, counts.byteLength);
    const [c0, c1] = [countsView.getInt32(at, true), countsView.getInt32(at + 4, true)];
    countsView.setInt32(at, -1, true);
    countsView.setInt32(at + 4, c1 + c0 + 1, true);
    assert.match(problem(counts), /word postings do not add up/);
  });

  it('gives restored postings room to grow in place, and answers after new documents as the original does', () => {
    const store = new MemoryStore();
    const original = history();
    const keys = new Map([...docs.map((d) => [d.id, 'k'] as const), ['file:///corpus/odd.txt', 'k']]);
    const decoded = decodeSnapshot(save(original, store, keys), store, { stamp: 'v1' });
    const restored = new FactIndex();
    restored.setRegistry(REGISTRY);
    restored.restore(decoded.value!.state);
    for (const id of keys.keys()) restored.confirm(id);
    const st = restored.state;
    const word = st.post[st.vocab.ids.get('beijing')!];
    assert.ok(word.n >= 32, `"beijing" has ${word.n} postings`);
    assert.strictEqual(word.arr.length, word.n + postingsRoom(word.n), 'a list is restored with its room');
    assert.deepStrictEqual([...word.arr.subarray(0, word.n)], [...original.state.post[original.state.vocab.ids.get('beijing')!].arr.subarray(0, word.n)]);
    for (const p of st.post) assert.ok(p.arr.subarray(p.n).every((x) => x === 0), 'rooms are cleared');
    assert.ok(st.docOf.length > st.slots, 'the per-slot arrays have room too');
    const before = word.arr;
    // Two new sentences with the word: they go into its room, not into a copy.
    const added = { id: 'file:///corpus/new.txt', title: 'New', text: 'Beijing opened a line.\n\nBeijing closed a road.' };
    for (const index of [original, restored]) setDoc(index, added);
    assert.strictEqual(word.n, original.state.post[original.state.vocab.ids.get('beijing')!].n);
    assert.strictEqual(word.arr, before, 'the list grew in place');
    assert.deepStrictEqual(answers(restored), answers(original));
    assert.deepStrictEqual(restored.search('opened a line', 5).map((r) => r.docId), original.search('opened a line', 5).map((r) => r.docId));
    // Beyond its room a list is copied out, and still answers the same.
    for (let i = 0; i < postingsRoom(word.n) + 2; i++) for (const index of [original, restored]) setDoc(index, { id: `file:///corpus/more-${i}.txt`, title: `More ${i}`, text: `Beijing again, round ${i}.` });
    assert.notStrictEqual(word.arr, before);
    assert.deepStrictEqual(answers(restored), answers(original));
  });

  it('reads only the texts a search needs from the store', () => {
    const store = new MemoryStore();
    const decoded = decodeSnapshot(save(history(), store, new Map(docs.map((d) => [d.id, 'k'] as const))), store, { stamp: 'v1' });
    const index = new FactIndex();
    index.restore(decoded.value!.state);
    for (const d of docs) index.confirm(d.id);
    store.reads = 0;
    const hits = index.search('Beijing', 5);
    assert.strictEqual(hits.length, 5);
    assert.ok(store.reads > 0 && store.reads <= 200 && store.reads < index.size / 2, `${store.reads} reads of ${index.size} texts`);
  });
});
