import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';

// The transpiled (unbundled) workers in out/, next to this test's sources.
const SIDECAR_WORKER = path.resolve(__dirname, '../../../src/workspace/sidecarWorker.js');
const SUGGEST_WORKER = path.resolve(__dirname, '../../../src/features/suggestions/suggestWorker.js');

/** Each thread of this process and its nice value, from /proc (Linux keeps one per thread). */
function niceByThread(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // The fields after "(comm)" start at the 3rd; nice is the 19th (proc(5)).
      out.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // A thread that ended while we looked.
    }
  }
  return out;
}

describe('workspace: background workers yield the CPU (Linux)', function () {
  this.timeout(20_000);
  // The process's own nice value (a run under `nice` starts above 0); lowering a thread below it
  // would need a privilege, so from 10 up there is nothing to see.
  let base = 0;
  before(function () {
    if (process.platform !== 'linux') this.skip();
    base = niceByThread().get(process.pid) ?? 0;
    if (base >= 10) this.skip();
  });

  /** The threads at nice 10 now that were not in `before`. */
  const loweredNow = (before: Map<number, number>): number[] => [...niceByThread()].filter(([tid, nice]) => nice === 10 && before.get(tid) !== 10).map(([tid]) => tid);

  /** The same, looked for until there is one (or 2 s): a worker's top-level code lowers it right after it comes online. */
  async function lowered(before: Map<number, number>): Promise<number[]> {
    let niced: number[] = [];
    for (let i = 0; i < 100 && niced.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      niced = loweredNow(before);
    }
    return niced;
  }

  function onlyThat(before: Map<number, number>, niced: number[]): void {
    assert.strictEqual(niced.length, 1, `one thread lowered, the worker's: ${niced.join(', ')}`);
    const now = niceByThread();
    assert.strictEqual(now.get(process.pid), base, 'the main thread keeps its priority');
    assert.deepStrictEqual([...now].filter(([tid, nice]) => nice !== base && tid !== niced[0] && before.get(tid) !== nice), [], 'no other thread changed');
  }

  async function started(script: string): Promise<Worker> {
    const worker = new Worker(script);
    await new Promise<void>((resolve, reject) => {
      worker.once('online', resolve);
      worker.once('error', reject);
    });
    return worker;
  }

  /** Sends a request and waits for its reply. */
  function ask(worker: Worker, msg: { id: number } & Record<string, unknown>): Promise<unknown> {
    return new Promise((resolve) => {
      const on = (reply: { id: number }) => {
        if (reply.id !== msg.id) return;
        worker.off('message', on);
        resolve(reply);
      };
      worker.on('message', on);
      worker.postMessage(msg);
    });
  }

  it('runs the suggestion worker at nice 10, and nothing else of the process', async () => {
    const before = niceByThread();
    const worker = await started(SUGGEST_WORKER);
    try {
      onlyThat(before, await lowered(before));
    } finally {
      await worker.terminate();
    }
  });

  it('keeps the sidecar worker at its priority while it checks stamps, and lowers it to nice 10 once it reads the corpus', async () => {
    const { BACKGROUND_AFTER_LOADS } = (await import(SIDECAR_WORKER)) as { BACKGROUND_AFTER_LOADS: number };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-annotator-nice-'));
    const before = niceByThread();
    const worker = await started(SIDECAR_WORKER);
    try {
      fs.writeFileSync(path.join(dir, 'a.txt'), 'Beijing and Tianjin.\n');
      // A second start's checks: stats only, however many.
      for (let id = 1; id <= 20; id++) await ask(worker, { id, stat: [path.join(dir, 'a.txt'), path.join(dir, 'a.txt.yaml')] });
      // The worker lowers itself, if it does, before it replies: what the replies leave is what there is.
      assert.deepStrictEqual(loweredNow(before), [], 'stat batches leave the worker at its priority');
      // A first start's reads: the worker goes to the background after a few.
      const load = { path: path.join(dir, 'a.txt'), sidecarPath: path.join(dir, 'a.txt.yaml'), name: 'a.txt', knownTypes: ['location'] };
      for (let id = 100; id < 100 + BACKGROUND_AFTER_LOADS - 1; id++) await ask(worker, { id, load });
      assert.deepStrictEqual(loweredNow(before), [], `still at its priority after ${BACKGROUND_AFTER_LOADS - 1} reads`);
      await ask(worker, { id: 999, load });
      onlyThat(before, loweredNow(before));
    } finally {
      await worker.terminate();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
