import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';

// The transpiled (unbundled) workers in out/, next to this test's sources.
const WORKERS = {
  'sidecar worker (the scan reads the corpus in it)': path.resolve(__dirname, '../../../src/workspace/sidecarWorker.js'),
  'suggestion worker': path.resolve(__dirname, '../../../src/features/suggestions/suggestWorker.js'),
};

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

  for (const [name, script] of Object.entries(WORKERS)) {
    it(`runs the ${name} at nice 10, and nothing else of the process`, async () => {
      const before = niceByThread();
      const worker = new Worker(script);
      try {
        await new Promise<void>((resolve, reject) => {
          worker.once('online', resolve);
          worker.once('error', reject);
        });
        // Its top-level code lowers it right after it comes online: look until it has.
        let niced: number[] = [];
        for (let i = 0; i < 100 && niced.length === 0; i++) {
          await new Promise((r) => setTimeout(r, 20));
          niced = [...niceByThread()].filter(([tid, nice]) => nice === 10 && before.get(tid) !== 10).map(([tid]) => tid);
        }
        assert.strictEqual(niced.length, 1, `one thread lowered, the worker's: ${niced.join(', ')}`);
        const now = niceByThread();
        assert.strictEqual(now.get(process.pid), base, 'the main thread keeps its priority');
        assert.deepStrictEqual([...now].filter(([tid, nice]) => nice !== base && tid !== niced[0] && before.get(tid) !== nice), [], 'no other thread changed');
      } finally {
        await worker.terminate();
      }
    });
  }
});
