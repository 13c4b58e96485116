import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { stepAside, type SearchWorkerReply, type SearchWorkerRequest } from '../../../src/features/search/searchWorker';
import type { SearchResult } from '../../../src/core/search/types';

type Body<T> = T extends unknown ? Omit<T, 'id'> : never;

describe('search: worker thread', function () {
  this.timeout(20000);
  let worker: Worker;
  let next = 1;
  const pending = new Map<number, (r: SearchWorkerReply) => void>();

  function call(msg: Body<SearchWorkerRequest>): Promise<unknown> {
    const id = next++;
    return new Promise((resolve, reject) => {
      pending.set(id, (r) => (r.ok ? resolve(r.result) : reject(new Error(r.error))));
      worker.postMessage({ ...msg, id });
    });
  }

  before(() => {
    // The transpiled (unbundled) worker in out/, next to this test's sources.
    worker = new Worker(path.resolve(__dirname, '../../../src/features/search/searchWorker.js'));
    worker.on('message', (r: SearchWorkerReply) => {
      pending.get(r.id)?.(r);
      pending.delete(r.id);
    });
  });

  after(() => worker.terminate());

  it('indexes, searches, updates and removes documents through messages', async () => {
    await call({ op: 'setRegistry', entities: [{ id: 'beijing', name: 'Beijing', type: 'place', aliases: ['Pékin'] }] });
    const n = await call({
      op: 'indexDocument',
      doc: { id: 'file:///a.txt', title: 'A', text: 'Beijing Metro Line 22 is long. The shield machine moved.', entities: [{ id: 'e1', type: 'place', entity: 'beijing', text: 'Beijing', start: 0, end: 7, prefix: '', suffix: '' }] },
    });
    assert.strictEqual(n, 2);
    let res = (await call({ op: 'search', query: 'sheild machine' })) as SearchResult[];
    assert.deepStrictEqual(res.map((r) => [r.docId, r.text]), [['file:///a.txt', 'The shield machine moved.']]);
    res = (await call({ op: 'search', query: 'Pékin' })) as SearchResult[];
    assert.strictEqual(res[0].text, 'Beijing Metro Line 22 is long.');
    await call({ op: 'indexDocument', doc: { id: 'file:///a.txt', title: 'A', text: 'Nothing here.' } });
    assert.deepStrictEqual(await call({ op: 'search', query: 'shield' }), []);
    await call({ op: 'removeDocument', docId: 'file:///a.txt' });
    const st = (await call({ op: 'stats' })) as { facts: number; documents: number };
    assert.deepStrictEqual([st.facts, st.documents], [0, 0]);
    const heap = (await call({ op: 'memory' })) as number;
    assert.ok(Number.isInteger(heap) && heap > 1e6 && heap < 1e9, `worker heap ${heap}`);
    await assert.rejects(call({ op: 'nope' } as unknown as Body<SearchWorkerRequest>), /unknown op/);
  });

  it('searchQuery brings the problems of the query back with the results, instead of dropping them', async () => {
    await call({ op: 'indexDocument', doc: { id: 'file:///b.txt', title: 'B', text: 'The shield machine moved in 2023.' } });
    const r = (await call({ op: 'searchQuery', query: 'colour:red shield y:20x3' })) as { value: SearchResult[]; problems: { code: string; message: string; column: number }[] };
    assert.deepStrictEqual(r.value.map((x) => x.text), ['The shield machine moved in 2023.']);
    assert.deepStrictEqual(r.problems.map((p) => [p.code, p.column]), [['unknown-filter', 1], ['bad-filter-value', 19]]);
    assert.match(r.problems[1].message, /year:20x3 is not a year/);
    await call({ op: 'removeDocument', docId: 'file:///b.txt' });
  });

  it('answers a query that arrives behind queued changes before them, and applies the changes in order', async () => {
    const order: string[] = [];
    const text = Array.from({ length: 400 }, (_, i) => `Sentence ${i} of the corpus about Tianjin.`).join(' ');
    const changes = Array.from({ length: 40 }, (_, i) =>
      call({ op: 'indexDocument', doc: { id: `file:///q${i}.txt`, title: `Q${i}`, text } }).then(() => order.push(`indexed ${i}`)),
    );
    // Sent after 40 documents (16,000 sentences): answered while most of them still wait.
    const query = call({ op: 'stats' }).then((st) => order.push(`query saw ${(st as { documents: number }).documents}`));
    const removals = Array.from({ length: 40 }, (_, i) => call({ op: 'removeDocument', docId: `file:///q${i}.txt` }));
    await Promise.all([...changes, query, ...removals]);
    const at = order.findIndex((o) => o.startsWith('query'));
    assert.ok(at < 39, order.join(', '));
    assert.deepStrictEqual(order.filter((o) => o.startsWith('indexed')), Array.from({ length: 40 }, (_, i) => `indexed ${i}`));
    const st = (await call({ op: 'stats' })) as { facts: number; documents: number };
    assert.deepStrictEqual([st.facts, st.documents], [0, 0], 'every removal ran after its document was indexed');
  });

  it('indexes a local file it reads itself as the extension host would read it (BOM dropped, CRLF normalised), and says when it is gone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-worker-'));
    try {
      const file = path.join(dir, 'c.txt');
      fs.writeFileSync(file, '\ufeffThe Tianjin port grew.\r\nPékin signed in 2024.\r\n');
      const n = await call({ op: 'indexFile', path: file, doc: { id: 'file:///c.txt', title: 'C', lang: 'en' } });
      assert.strictEqual(n, 2);
      const res = (await call({ op: 'search', query: 'Tianjin port' })) as SearchResult[];
      assert.deepStrictEqual(res.map((r) => [r.text, r.start, r.line]), [['The Tianjin port grew.', 0, 1]]);
      assert.strictEqual(((await call({ op: 'search', query: 'signed' })) as SearchResult[])[0].line, 2);
      assert.strictEqual(await call({ op: 'indexFile', path: path.join(dir, 'gone.txt'), doc: { id: 'file:///gone.txt', title: 'G' } }), null);
      await call({ op: 'removeDocument', docId: 'file:///c.txt' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('search: worker thread, the index saved for the next start', function () {
  this.timeout(30000);
  let dir: string;
  let corpus: string;
  const workers: Worker[] = [];
  const registry = [{ id: 'beijing', name: 'Beijing', type: 'place', aliases: ['Pékin'] }];

  /** A new worker thread (a new start), with a `call` for it. */
  function start(): (msg: Body<SearchWorkerRequest>) => Promise<unknown> {
    const worker = new Worker(path.resolve(__dirname, '../../../src/features/search/searchWorker.js'));
    workers.push(worker);
    let next = 1;
    const pending = new Map<number, (r: SearchWorkerReply) => void>();
    worker.on('message', (r: SearchWorkerReply) => {
      pending.get(r.id)?.(r);
      pending.delete(r.id);
    });
    return (msg) => {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, (r) => (r.ok ? resolve(r.result) : reject(new Error(r.error))));
        worker.postMessage({ ...msg, id });
      });
    };
  }

  const file = (name: string) => path.join(corpus, name);
  const docOf = (name: string) => ({ id: `file:///${name}`, title: name, lang: 'en' as const });
  const texts = (hits: unknown) => (hits as SearchResult[]).map((h) => `${h.docId} ${h.text}`);

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-snapshot-'));
    corpus = path.join(dir, 'corpus');
    fs.mkdirSync(corpus);
    fs.writeFileSync(file('a.txt'), 'The Tianjin port grew.\nA shield machine reached Tongzhou in 2023.\n');
    fs.writeFileSync(file('b.txt'), 'Beijing signed the plan.\nThe old sentence of b.\n');
    fs.writeFileSync(file('c.txt'), 'Hebei built a railway.\n');
  });

  after(async () => {
    await Promise.all(workers.map((w) => w.terminate()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('saves the index; the next start restores it and searches it only as each file is confirmed unchanged', async () => {
    const store = path.join(dir, 'storage');
    let call = start();
    await call({ op: 'setRegistry', entities: registry });
    assert.strictEqual(((await call({ op: 'loadSnapshot', dir: store })) as { skipped: string }).skipped, 'no snapshot yet');
    for (const n of ['a.txt', 'b.txt', 'c.txt']) await call({ op: 'indexFile', path: file(n), doc: docOf(n) });
    const saved = (await call({ op: 'saveSnapshot', dir: store })) as { movedTexts: number; rewritten: boolean };
    assert.deepStrictEqual([saved.movedTexts, saved.rewritten], [5, true]);
    assert.strictEqual(await call({ op: 'saveSnapshot', dir: store }), null, 'nothing changed since');
    // The first start still answers, its texts now read from the file.
    assert.deepStrictEqual(texts(await call({ op: 'search', query: 'shield machine' })), ['file:///a.txt A shield machine reached Tongzhou in 2023.']);

    // Between the starts: b's text changes, c is deleted.
    fs.writeFileSync(file('b.txt'), 'Beijing signed the plan.\nThe new sentence of b.\n');
    fs.utimesSync(file('b.txt'), new Date(), new Date(Date.now() + 5000));
    fs.rmSync(file('c.txt'));

    call = start();
    await call({ op: 'setRegistry', entities: registry });
    const loaded = (await call({ op: 'loadSnapshot', dir: store })) as { documents: number; skipped?: string };
    assert.deepStrictEqual([loaded.documents, loaded.skipped], [3, undefined]);
    assert.strictEqual(((await call({ op: 'stats' })) as { warmUp?: unknown }).warmUp, undefined, 'no warm-up while nothing can be found');
    assert.deepStrictEqual(await call({ op: 'search', query: 'Tianjin' }), [], 'nothing shows before its file is checked');
    assert.strictEqual(await call({ op: 'indexFile', path: file('a.txt'), doc: docOf('a.txt') }), 2);
    assert.strictEqual(await call({ op: 'indexFile', path: file('b.txt'), doc: docOf('b.txt') }), 2);
    assert.strictEqual(await call({ op: 'indexFile', path: file('c.txt'), doc: docOf('c.txt') }), null);
    const st = (await call({ op: 'stats' })) as { confirmed: number; held: number; documents: number };
    assert.deepStrictEqual([st.confirmed, st.held, st.documents], [1, 1, 2], 'a confirmed, b extracted again, c still held');
    assert.deepStrictEqual(await call({ op: 'dropHeld' }), ['file:///c.txt']);
    assert.deepStrictEqual(texts(await call({ op: 'search', query: 'shield machine' })), ['file:///a.txt A shield machine reached Tongzhou in 2023.']);
    assert.deepStrictEqual(texts(await call({ op: 'search', query: 'sentence of b' })), ['file:///b.txt The new sentence of b.']);
    assert.deepStrictEqual(await call({ op: 'search', query: 'Hebei railway' }), []);
    // Annotations are part of what a document's facts are made from: new ones mean extracting again.
    const tagged = { ...docOf('a.txt'), entities: [{ id: 'e1', type: 'place', entity: 'beijing', text: 'Tianjin', start: 4, end: 11, prefix: '', suffix: '' }] };
    await call({ op: 'indexFile', path: file('a.txt'), doc: tagged });
    assert.deepStrictEqual(texts(await call({ op: 'search', query: 'Pékin' })), ['file:///a.txt The Tianjin port grew.']);
    const resaved = (await call({ op: 'saveSnapshot', dir: store })) as { movedTexts: number };
    assert.strictEqual(resaved.movedTexts, 4, 'only the texts extracted since the load (b\'s two, and a\'s two again)');

    // Another registry: the snapshot is not trusted.
    call = start();
    await call({ op: 'setRegistry', entities: [...registry, { id: 'hebei', name: 'Hebei', type: 'place', aliases: [] }] });
    assert.match(((await call({ op: 'loadSnapshot', dir: store })) as { skipped: string }).skipped, /other registry entries/);
  });

  it('does not trust a snapshot whose texts file is gone or whose bytes are damaged', async () => {
    const store = path.join(dir, 'storage2');
    let call = start();
    await call({ op: 'setRegistry', entities: registry });
    await call({ op: 'indexFile', path: file('a.txt'), doc: docOf('a.txt') });
    await call({ op: 'saveSnapshot', dir: store });
    const index = path.join(store, 'fact-index.bin');
    const bytes = fs.readFileSync(index);
    fs.writeFileSync(index, bytes.subarray(0, bytes.length - 9));
    call = start();
    await call({ op: 'setRegistry', entities: registry });
    assert.match(((await call({ op: 'loadSnapshot', dir: store })) as { skipped: string }).skipped, /cut short/);
    assert.deepStrictEqual(await call({ op: 'stats' }), { facts: 0, documents: 0, words: 0, postings: 0, deadSlots: 0, held: 0, confirmed: 0, textsInMemory: 0 });
    fs.writeFileSync(index, bytes);
    for (const n of fs.readdirSync(store)) if (n.startsWith('fact-texts-')) fs.rmSync(path.join(store, n));
    call = start();
    await call({ op: 'setRegistry', entities: registry });
    assert.match(((await call({ op: 'loadSnapshot', dir: store })) as { skipped: string }).skipped, /text store fact-texts-[0-9a-f]+\.bin:\d+ is missing/);
  });

  it('moves texts out of memory to the texts file as a build goes, and answers from them', async () => {
    const store = path.join(dir, 'storage3');
    const call = start();
    await call({ op: 'setRegistry', entities: registry });
    await call({ op: 'loadSnapshot', dir: store });
    const big = Array.from({ length: 12_000 }, (_, i) => `Sentence number ${i} is about Tianjin.`).join('\n');
    fs.writeFileSync(file('big.txt'), big);
    for (const n of ['big.txt', 'a.txt', 'big.txt']) await call({ op: 'indexFile', path: file(n), doc: { ...docOf(n), title: `${n} again` } });
    const st = (await call({ op: 'stats' })) as { facts: number; textsInMemory: number };
    // 24,000 texts were extracted; the first 20,000 or more left memory during the build.
    assert.ok(st.facts === 12_002 && st.textsInMemory < 5_000, JSON.stringify(st));
    assert.deepStrictEqual(texts(await call({ op: 'search', query: 'sentence number 11999' })).slice(0, 1), ['file:///big.txt Sentence number 11999 is about Tianjin.']);
    const saved = (await call({ op: 'saveSnapshot', dir: store })) as { movedTexts: number; rewritten: boolean };
    // The replaced document's first texts are unused bytes of the file, too few to rewrite it for.
    assert.deepStrictEqual([saved.movedTexts, saved.rewritten], [st.textsInMemory, false]);
    assert.strictEqual(((await call({ op: 'stats' })) as { textsInMemory: number }).textsInMemory, 0);
    fs.rmSync(file('big.txt'));
  });

  it('renews from the snapshot it has just saved: every document searchable at once, the same answers; another file is refused', async () => {
    const store = path.join(dir, 'storage5');
    const first = start();
    await first({ op: 'setRegistry', entities: registry });
    await first({ op: 'loadSnapshot', dir: store });
    for (const n of ['a.txt', 'b.txt']) await first({ op: 'indexFile', path: file(n), doc: docOf(n) });
    const saved = (await first({ op: 'saveSnapshot', dir: store })) as { file: { size: number; mtimeMs: number } };
    const stored = fs.statSync(path.join(store, 'fact-index.bin'));
    assert.deepStrictEqual(saved.file, { size: stored.size, mtimeMs: stored.mtimeMs });
    const queries = ['shield machine', 'Beijing signed', 'sentence of b', 'Tianjin port'];
    const answers = await Promise.all(queries.map((query) => first({ op: 'search', query })));
    assert.ok(answers.every((a) => (a as SearchResult[]).length > 0), JSON.stringify(answers));

    const renewed = start();
    await renewed({ op: 'setRegistry', entities: registry });
    // A file other than the one saved (here: its time moved) is not trusted.
    const moved = (await renewed({ op: 'loadSnapshot', dir: store, trust: { ...saved.file, mtimeMs: saved.file.mtimeMs + 1 } })) as { skipped?: string };
    assert.strictEqual(moved.skipped, 'the snapshot file is not the one last saved');
    const loaded = (await renewed({ op: 'loadSnapshot', dir: store, trust: saved.file })) as { documents: number; skipped?: string };
    assert.deepStrictEqual([loaded.documents, loaded.skipped], [2, undefined]);
    const st = (await renewed({ op: 'stats' })) as { confirmed: number; held: number; documents: number; warmUp?: { of: number } };
    assert.deepStrictEqual([st.confirmed, st.held, st.documents], [2, 0, 2]);
    assert.ok(st.warmUp && st.warmUp.of > 0, 'the renewed thread starts its warm-up at once');
    // Searches meanwhile are answered as before (and end the warm-up: theirs warm the code from there).
    for (const [i, query] of queries.entries()) assert.deepStrictEqual(await renewed({ op: 'search', query }), answers[i], query);
    let warm: { searches: number; of: number; done: boolean; interrupted: boolean } | undefined;
    for (let i = 0; i < 200 && !warm?.done; i++) {
      await new Promise((r) => setTimeout(r, 10));
      warm = ((await renewed({ op: 'stats' })) as { warmUp: typeof warm }).warmUp;
    }
    assert.ok(warm?.done && (warm.interrupted ? warm.searches < warm.of : warm.searches === warm.of), JSON.stringify(warm));
    assert.strictEqual(await renewed({ op: 'saveSnapshot', dir: store }), null, 'nothing to save: it is the snapshot');
  });

  it('closes its texts file when asked (before it is terminated: the descriptor is the process\'s)', async function () {
    if (process.platform !== 'linux') this.skip();
    const store = path.join(dir, 'storage6');
    // Descriptors of this process open on the store's texts file.
    const openOnTexts = () =>
      fs.readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return /fact-texts-[0-9a-f]+\.bin$/.test(fs.readlinkSync(`/proc/self/fd/${fd}`)) && fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith(store);
        } catch {
          return false;
        }
      }).length;
    const call = start();
    await call({ op: 'setRegistry', entities: registry });
    await call({ op: 'loadSnapshot', dir: store });
    await call({ op: 'indexFile', path: file('a.txt'), doc: docOf('a.txt') });
    await call({ op: 'saveSnapshot', dir: store });
    assert.strictEqual(openOnTexts(), 1);
    assert.strictEqual(await call({ op: 'close' }), null);
    assert.strictEqual(openOnTexts(), 0);
  });

  it('confirms restored documents in one message by the keys the extension host gives', async () => {
    const store = path.join(dir, 'storage4');
    let call = start();
    await call({ op: 'setRegistry', entities: registry });
    await call({ op: 'loadSnapshot', dir: store });
    await call({ op: 'indexFile', path: file('a.txt'), doc: docOf('a.txt'), key: 'stamp-a-1' });
    await call({ op: 'indexFile', path: file('b.txt'), doc: docOf('b.txt'), key: 'stamp-b-1' });
    await call({ op: 'saveSnapshot', dir: store });
    call = start();
    await call({ op: 'setRegistry', entities: registry });
    await call({ op: 'loadSnapshot', dir: store });
    // b's stamps moved on; the key the worker would make itself is not what a was saved with.
    assert.deepStrictEqual(await call({ op: 'confirm', items: [['file:///a.txt', 'stamp-a-1'], ['file:///b.txt', 'stamp-b-2'], ['file:///x.txt', 'stamp-x']] }), [['file:///a.txt', 2]]);
    // With documents to find, the thread types its warm-up queries (nobody searches meanwhile here).
    let warm: { searches: number; of: number; done: boolean; interrupted: boolean } | undefined;
    for (let i = 0; i < 200 && !warm?.done; i++) {
      await new Promise((r) => setTimeout(r, 10));
      warm = ((await call({ op: 'stats' })) as { warmUp?: typeof warm }).warmUp;
    }
    assert.ok(warm && warm.of > 0, JSON.stringify(warm));
    assert.deepStrictEqual(warm, { searches: warm.of, of: warm.of, done: true, interrupted: false });
    assert.deepStrictEqual(texts(await call({ op: 'search', query: 'Tianjin port' })), ['file:///a.txt The Tianjin port grew.']);
    assert.deepStrictEqual(await call({ op: 'search', query: 'Beijing signed' }), [], 'b is held until indexed again');
    assert.strictEqual(await call({ op: 'indexFile', path: file('b.txt'), doc: docOf('b.txt'), key: 'stamp-b-2' }), 2);
    assert.strictEqual(((await call({ op: 'stats' })) as { confirmed: number }).confirmed, 1);
    assert.strictEqual(texts(await call({ op: 'search', query: 'Beijing signed' })).length, 1);
  });

  it('steps aside while searches keep coming: a save ends only once they pause, and answers them meanwhile', async () => {
    const store = path.join(dir, 'storage7');
    const call = start();
    await call({ op: 'setRegistry', entities: registry });
    await call({ op: 'loadSnapshot', dir: store });
    const text = Array.from({ length: 2000 }, (_, i) => `Sentence ${i} says Tianjin grew by ${i} percent.`).join('\n');
    for (let i = 0; i < 10; i++) await call({ op: 'indexDocument', doc: { id: `file:///s${i}.txt`, title: `S${i}`, text } });
    let savedAt = 0;
    const saving = call({ op: 'saveSnapshot', dir: store }).then((r) => ((savedAt = performance.now()), r));
    // Someone types for 0.8 s, a search every 40 ms; each is answered while the save waits.
    let lastSentAt = 0;
    let answered = 0;
    for (const started = performance.now(); performance.now() - started < 800; ) {
      lastSentAt = performance.now();
      const hits = (await call({ op: 'search', query: 'Tianjin percent' })) as SearchResult[];
      if (hits.length > 0) answered++;
      await new Promise((r) => setTimeout(r, 40));
    }
    assert.ok(answered >= 5, `${answered} searches answered`);
    assert.strictEqual(savedAt, 0, 'the save was still waiting when the typing stopped');
    const saved = (await saving) as { bytes: number; steppedAsideMs: number };
    assert.ok(saved.bytes > 0);
    assert.ok(savedAt > lastSentAt, 'saved after the last search');
    assert.ok(saved.steppedAsideMs >= 500, `stepped aside ${saved.steppedAsideMs} ms`);
  });
});

describe('search: stepAside, between a save\'s steps', () => {
  it('takes a turn of the event loop when no search came lately', async () => {
    const started = performance.now();
    await stepAside(() => -Infinity).pause();
    assert.ok(performance.now() - started < 200);
  });

  it('waits until searches have paused for the gap', async () => {
    const last = performance.now();
    const started = performance.now();
    await stepAside(() => last, 120).pause();
    assert.ok(performance.now() - last >= 119, `waited ${performance.now() - started} ms`);
  });

  it('waits no longer than its cap in all, so that a save ends while searches never pause', async () => {
    const { pause, waited } = stepAside(() => performance.now(), 60_000, 100);
    const started = performance.now();
    await pause();
    await pause();
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 99 && elapsed < 5_000, `waited ${elapsed} ms`);
    assert.strictEqual(waited(), 100);
  });
});
