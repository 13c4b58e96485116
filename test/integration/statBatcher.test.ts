import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { StatBatcher } from '../../src/workspace/statBatcher';
import { statPaths, type FileStat } from '../../src/workspace/sidecarWorker';

/**
 * The scan's stamp checks (src/workspace/statBatcher.ts): stats asked for one at a time go to the
 * worker in batches, and a scan may ask for all of them ahead. The worker's side is `statPaths`,
 * called here in this thread, behind a counter of the messages it would get.
 */
describe('StatBatcher', () => {
  let dir: string;
  const file = (name: string, text: string): vscode.Uri => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return vscode.Uri.file(p);
  };
  const stampOf = (uri: vscode.Uri) => {
    const st = fs.statSync(uri.fsPath);
    return { size: st.size, mtime: st.mtime.getTime() };
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stat-batcher-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A batcher over `statPaths`, recording each message's paths. */
  function batcher(answer: (paths: string[]) => FileStat[] | undefined = statPaths): { stats: StatBatcher; messages: string[][] } {
    const messages: string[][] = [];
    const stats = new StatBatcher(async (paths) => {
      messages.push(paths);
      return answer(paths);
    });
    return { stats, messages };
  }

  it('answers the stats asked for within one turn in one message', async () => {
    const a = file('a.txt', 'alpha');
    const b = file('b.txt', 'beta!');
    const { stats, messages } = batcher();
    const missing = vscode.Uri.file(path.join(dir, 'missing.txt'));
    const got = await Promise.all([stats.stat(a), stats.stat(b), stats.stat(missing)]);
    assert.deepStrictEqual(got, [stampOf(a), stampOf(b), undefined]);
    assert.deepStrictEqual(messages, [[a.fsPath, b.fsPath, missing.fsPath]]);
  });

  it('answers prefetched stats from the prefetch, each once, and asks again after dropPrefetched', async () => {
    const a = file('a.txt', 'alpha');
    const b = file('b.txt', 'beta');
    const { stats, messages } = batcher();
    stats.prefetch([a.fsPath, b.fsPath]);
    assert.deepStrictEqual(messages, [[a.fsPath, b.fsPath]], 'one message for the prefetch, sent at once');
    const before = stampOf(a);
    fs.writeFileSync(a.fsPath, 'alpha, longer now');
    // Taken from the prefetch: the stamp from before the write.
    assert.deepStrictEqual(await stats.stat(a), before);
    // Taken once: the next stat of the same file asks again.
    assert.deepStrictEqual(await stats.stat(a), stampOf(a));
    assert.strictEqual(messages.length, 2);
    stats.dropPrefetched();
    fs.writeFileSync(b.fsPath, 'beta, longer now');
    assert.deepStrictEqual(await stats.stat(b), stampOf(b), 'a dropped prefetch is not used');
    assert.deepStrictEqual(messages.slice(2), [[b.fsPath]]);
  });

  it('stats in this thread what the worker could not: no worker, or an error there', async () => {
    const a = file('a.txt', 'alpha');
    const b = file('b.txt', 'beta');
    const none = batcher(() => undefined);
    none.stats.prefetch([a.fsPath]);
    assert.deepStrictEqual(await Promise.all([none.stats.stat(a), none.stats.stat(b)]), [stampOf(a), stampOf(b)]);
    const failing = batcher((paths) => paths.map(() => ({ error: 'EIO: the worker could not' })));
    failing.stats.prefetch([a.fsPath]);
    assert.deepStrictEqual(await Promise.all([failing.stats.stat(a), failing.stats.stat(b)]), [stampOf(a), stampOf(b)]);
  });

  it('splits a large prefetch into a few messages and keeps each path with its own stat', async () => {
    const uris = Array.from({ length: 5000 }, (_, i) => file(`f${i}.txt`, 'x'.repeat(i % 97)));
    const { stats, messages } = batcher();
    stats.prefetch(uris.map((u) => u.fsPath));
    assert.deepStrictEqual(messages.map((m) => m.length), [4096, 904]);
    const got = await Promise.all(uris.map((u) => stats.stat(u)));
    got.forEach((s, i) => assert.strictEqual(s?.size, i % 97, uris[i].fsPath));
    assert.strictEqual(messages.length, 2, 'no stat asked again');
  });
});
