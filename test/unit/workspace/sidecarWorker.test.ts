import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { readDocumentModel, readSidecarText } from '../../../src/core/corpus/documentModel';
import { cacheEntryOf, sidecarKey } from '../../../src/core/cache/scanCache';
import { hashText, makeAnchor, SidecarWriter } from '../../../src/core/sidecar';
import type { SidecarWorkerReply, SidecarWorkerRequest } from '../../../src/workspace/sidecarWorker';
import { SidecarReader } from '../../../src/workspace/sidecarReader';

// The transpiled (unbundled) worker in out/, next to this test's sources.
const SCRIPT = path.resolve(__dirname, '../../../src/workspace/sidecarWorker.js');
const TEXT = 'Ana Lopez met Zhao Yonghui in Beijing.';
const TYPES = new Set(['person', 'place']);

function sidecarOf(n: number, rejections = false): string {
  const ctx = { documentName: 'a.txt', textHash: hashText(TEXT) };
  const entities = Array.from({ length: n }, (_, i) => ({ kind: 'add' as const, collection: 'entities' as const, annotation: { id: `e-${i}`, type: i % 2 ? 'person' : 'place', ...makeAnchor(TEXT, 30, 37) } }));
  const out = new SidecarWriter().apply(undefined, [{ kind: 'header', textHash: ctx.textHash }, ...entities], ctx);
  assert.ok(out.ok);
  return rejections ? `${out.text}rejections:\n  - text: Ana\n    type: person\n  - text: 7\n` : out.text;
}

/** 5 MB of a flow list: the general YAML path's hostile case (issue 10). */
function hostileFlowList(): string {
  return `corpus-annotator: 1\ndocument: a.txt\ntext-hash: ${hashText(TEXT)}\nentities: []\nx: [${'1,'.repeat(2_500_000)}1]\n`;
}

describe('workspace: sidecar worker thread', function () {
  this.timeout(30000);
  let worker: Worker;
  const pending = new Map<number, (r: SidecarWorkerReply) => void>();
  let next = 1;

  function call(sidecarText: string, options: SidecarWorkerRequest['options']): Promise<SidecarWorkerReply> {
    const id = next++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      worker.postMessage({ id, sidecarText, options } satisfies SidecarWorkerRequest);
    });
  }

  before(() => {
    worker = new Worker(SCRIPT);
    worker.on('message', (r: SidecarWorkerReply) => {
      pending.get(r.id)?.(r);
      pending.delete(r.id);
    });
  });
  after(() => worker.terminate());

  it('answers each request by its id with what an inline read gives, cloned', async () => {
    const small = sidecarOf(3, true);
    const large = sidecarOf(2000);
    const options = { knownTypes: TYPES, documentText: TEXT };
    // Two in flight at once: replies are matched by id, not by order of asking.
    const [a, b] = await Promise.all([call(small, options), call(large, { knownTypes: new Set(['place']) })]);
    assert.ok(a.ok && b.ok);
    assert.notStrictEqual(a.id, b.id);
    assert.deepStrictEqual(a.result, readSidecarText(small, options));
    assert.strictEqual(a.result.parsed.value.entities.length, 3);
    assert.deepStrictEqual(a.result.rejections.value, [{ text: 'Ana', type: 'person' }]);
    assert.strictEqual(a.result.rejections.problems.length, 1, 'the rejection without a type is reported');
    assert.deepStrictEqual(b.result, readSidecarText(large, { knownTypes: new Set(['place']) }));
    assert.strictEqual(b.result.parsed.value.entities.length, 2000);
    assert.ok(b.result.parsed.problems.some((p) => p.code === 'unknown-type'), 'knownTypes crossed the thread as a Set');
  });

  it('reports a 5 MB hostile flow list as a located problem, not writable', async () => {
    const text = hostileFlowList();
    const r = await call(text, { knownTypes: TYPES });
    assert.ok(r.ok);
    assert.strictEqual(r.result.parsed.writable, false);
    assert.deepStrictEqual(r.result.parsed.value.entities, []);
    const p = r.result.parsed.problems.find((q) => q.severity === 'error');
    assert.ok(p, JSON.stringify(r.result.parsed.problems.slice(0, 3)));
    assert.strictEqual(p.line, 5, 'on the flow list\'s line');
    assert.ok(p.column > 1);
  });
});

describe('workspace: SidecarReader', function () {
  this.timeout(30000);
  const log: string[] = [];
  const say = (m: string) => void log.push(m);

  it('reads small sidecars inline and large ones in the worker, with the same result', async () => {
    const reader = new SidecarReader(SCRIPT, say, 10_000);
    try {
      const small = sidecarOf(2);
      const large = sidecarOf(400);
      assert.ok(small.length < 10_000 && large.length >= 10_000);
      const handed: number[] = [];
      reader.onDidStartWorkerParse((t) => handed.push(t.length));
      const options = { knownTypes: TYPES, documentText: TEXT };
      assert.deepStrictEqual(await reader.read(small, options), readSidecarText(small, options));
      assert.deepStrictEqual(await reader.read(large, options), readSidecarText(large, options));
      assert.deepStrictEqual(reader.stats, { inline: 1, inWorker: 1, pending: 0, loaded: 0 });
      assert.deepStrictEqual(handed, [large.length]);
    } finally {
      reader.dispose();
    }
  });

  it('without a worker script, parses inline', async () => {
    const reader = new SidecarReader(undefined, say, 10);
    const r = await reader.read(sidecarOf(2), { knownTypes: TYPES });
    assert.strictEqual(r.parsed.value.entities.length, 2);
    assert.deepStrictEqual(reader.stats, { inline: 1, inWorker: 0, pending: 0, loaded: 0 });
  });

  it('a worker that dies mid-parse leaves the sidecar unreadable and unwritable, and the next read starts a new one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-worker-'));
    const dying = path.join(dir, 'dying.js');
    fs.writeFileSync(dying, "require('worker_threads').parentPort.on('message', () => process.exit(3));\n");
    const reader = new SidecarReader(dying, say, 10);
    try {
      const r = await reader.read(sidecarOf(2), { knownTypes: TYPES });
      assert.strictEqual(r.parsed.writable, false);
      assert.deepStrictEqual(r.parsed.value.entities, []);
      assert.strictEqual(r.parsed.problems[0].code, 'internal-error');
      assert.match(r.parsed.problems[0].message, /exited with code 3/);
      assert.ok(log.some((m) => /sidecar worker stopped/.test(m)));
      const again = await reader.read(sidecarOf(1), { knownTypes: TYPES });
      assert.strictEqual(again.parsed.writable, false, 'a new worker was started (and died the same way)');
      assert.strictEqual(reader.stats.inWorker, 2);
      assert.strictEqual(reader.stats.pending, 0);
    } finally {
      reader.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  /** Runs `body` with a worker-backed reader and a temporary folder, both gone afterwards. */
  async function withReader(prefix: string, body: (dir: string, reader: SidecarReader) => Promise<void>): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    const reader = new SidecarReader(SCRIPT, () => undefined);
    try {
      await body(dir, reader);
    } finally {
      reader.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it('stats a batch of local paths in the thread as statFile would: size and Date time, null for a missing path or a folder', () =>
    withReader('sidecar-stat-', async (dir, reader) => {
      const a = path.join(dir, 'a.txt');
      fs.writeFileSync(a, 'Pékin\n');
      fs.utimesSync(a, new Date(1_700_000_000_123), new Date(1_700_000_000_987.654));
      const stats = await reader.statMany([a, path.join(dir, 'missing.txt'), dir, path.join(a, 'under-a-file')]);
      const st = fs.statSync(a);
      assert.deepStrictEqual(stats?.slice(0, 3), [{ size: 7, mtime: st.mtime.getTime() }, null, null]);
      // A path under a file cannot be stat'ed (ENOTDIR): it is said, so the caller can ask again and be told why.
      const last = stats?.[3];
      assert.ok(last === null || (last !== null && 'error' in last), JSON.stringify(last));
    }));

  it('reads a closed document from its files in the thread: the scan cache entry this thread would make, null when it is gone', () =>
    withReader('sidecar-load-', async (dir, reader) => {
      // A byte order mark and CRLF line ends, as a file may have; the sidecar anchored to another text, so it is re-anchored.
      const doc = path.join(dir, 'a.txt');
      fs.writeFileSync(doc, `\ufeffPékin!\r\n${TEXT}\r\n`);
      fs.writeFileSync(`${doc}.yaml`, sidecarOf(3, true));
      fs.utimesSync(doc, new Date(1_700_000_000_000), new Date(1_700_000_000_000));
      const bare = path.join(dir, 'b.txt');
      fs.writeFileSync(bare, TEXT);
      const got = await reader.load(doc, `${doc}.yaml`, 'a.txt', TYPES);
      assert.ok(got && 'entry' in got && got.entry, JSON.stringify(got));
      const here = cacheEntryOf(readDocumentModel('a.txt', fs.readFileSync(doc, 'utf8'), fs.readFileSync(`${doc}.yaml`, 'utf8'), TYPES), {
        text: { size: fs.statSync(doc).size, mtime: fs.statSync(doc).mtime.getTime() },
        sidecar: sidecarKey({ size: fs.statSync(`${doc}.yaml`).size, mtime: fs.statSync(`${doc}.yaml`).mtime.getTime() }, fs.readFileSync(`${doc}.yaml`, 'utf8')),
        racy: true,
      });
      assert.deepStrictEqual(got.entry, here);
      assert.strictEqual(reader.stats.loaded, 1);
      assert.strictEqual(got.entry.entities.length, 3);
      assert.ok(got.entry.reanchored.length > 0, 'moved by the two lines put before the text');
      const noSidecar = await reader.load(bare, `${bare}.yaml`, 'b.txt', TYPES);
      assert.ok(noSidecar && 'entry' in noSidecar && noSidecar.entry);
      assert.strictEqual(noSidecar.entry.hasSidecar, false);
      assert.strictEqual(noSidecar.entry.key.sidecar, undefined);
      assert.deepStrictEqual(await reader.load(path.join(dir, 'gone.txt'), path.join(dir, 'gone.txt.yaml'), 'gone.txt', TYPES), { entry: null });
      // Released after a scan, the worker is started again by the next request.
      reader.release();
      const again = await reader.load(doc, `${doc}.yaml`, 'a.txt', TYPES);
      assert.ok(again && 'entry' in again && again.entry);
      assert.deepStrictEqual(again.entry.entities, here.entities);
      const failed = await reader.load(path.join(doc, 'under-a-file.txt'), path.join(doc, 'x.yaml'), 'x', TYPES);
      assert.ok(failed && 'error' in failed, JSON.stringify(failed));
      assert.strictEqual(await new SidecarReader(undefined, () => undefined).load(doc, `${doc}.yaml`, 'a.txt', TYPES), undefined, 'no worker: the caller reads');
    }));
});
