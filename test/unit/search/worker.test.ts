import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { SearchWorkerReply, SearchWorkerRequest } from '../../../src/features/search/searchWorker';
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
