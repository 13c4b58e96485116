import * as assert from 'assert';
import { WriteQueue } from '../../../src/workspace/writeQueue';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('workspace: the per-file write queue', () => {
  it('runs one file\'s tasks one after another, and a failed task does not block the next', async () => {
    const q = new WriteQueue();
    const order: string[] = [];
    const a = q.run('f', async () => {
      await tick(20);
      order.push('a');
      throw new Error('a failed');
    });
    const b = q.run('f', async () => {
      order.push('b');
      return 2;
    });
    await assert.rejects(a, /a failed/);
    assert.strictEqual(await b, 2);
    assert.deepStrictEqual(order, ['a', 'b']);
  });

  it('settled() waits for every queued task, including tasks queued by tasks', async () => {
    const q = new WriteQueue();
    const done: string[] = [];
    void q.run('x', async () => {
      await tick(10);
      done.push('x');
      // A task that sets off another write, as a save's sidecar write does.
      void q.run('y', async () => {
        await tick(30);
        done.push('y');
      });
    });
    void q.run('z', async () => {
      await tick(5);
      done.push('z');
    });
    await q.settled();
    assert.deepStrictEqual(done.sort(), ['x', 'y', 'z']);
  });
});
