import * as vscode from 'vscode';
import { statFile } from './fileSystem';
import type { FileStat } from './sidecarWorker';

type Stamp = { size: number; mtime: number } | undefined;

/** Paths per message when the stats are asked for ahead (`prefetch`): a few messages for a whole corpus. */
const PREFETCH_BATCH = 4096;

/**
 * Stats of local files asked for one at a time and answered in batches by a worker thread: the
 * scan checks two stamps per document shown from the scan cache, and 20,000 async stats cost the
 * extension host's thread about 0.6 s at 10,000 documents. What arrives within one turn of the
 * event loop (or 256 paths) goes in one message. Without a worker, and for other schemes, each
 * stat is `statFile`'s; a path the worker could not stat is asked again there, which says why.
 */
export class StatBatcher {
  private queue: { path: string; uri: vscode.Uri; resolve: (s: Stamp) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  /** Stats asked for ahead, by path, each taken by the first `stat` of its path (undefined: the worker did not stat it). */
  private readonly ahead = new Map<string, Promise<FileStat | undefined>>();

  constructor(private readonly statMany: (paths: string[]) => Promise<FileStat[] | undefined>) {}

  stat(uri: vscode.Uri): Promise<Stamp> {
    if (uri.scheme !== 'file') return statFile(uri);
    const path = uri.fsPath;
    const early = this.ahead.get(path);
    if (early) {
      this.ahead.delete(path);
      return early.then((s) => stampOf(s, uri));
    }
    return new Promise<Stamp>((resolve, reject) => {
      this.queue.push({ path, uri, resolve, reject });
      if (this.queue.length >= 256) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Stats these local files (their `fsPath`s) now, in a few large messages, for the `stat` calls
   * that will come. The scan asks for every document it shows from its cache as soon as the cache
   * is read, so the worker stats them while this thread shows them: asked for as each was shown,
   * most checks waited until the showing was over, 0.5-0.9 s more at 10,000 documents. Whoever
   * prefetches calls `dropPrefetched` when its checks are done: a stat kept longer would be stale.
   */
  prefetch(paths: readonly string[]): void {
    for (let i = 0; i < paths.length; i += PREFETCH_BATCH) {
      const batch = paths.slice(i, i + PREFETCH_BATCH);
      const reply = this.statMany(batch).catch(() => undefined);
      batch.forEach((path, j) => this.ahead.set(path, reply.then((stats) => stats?.[j])));
    }
  }

  /** Forgets the stats asked for ahead and not taken. */
  dropPrefetched(): void {
    this.ahead.clear();
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    this.statMany(batch.map((b) => b.path)).then(
      (stats) => {
        batch.forEach((b, i) => stampOf(stats?.[i], b.uri).then(b.resolve, b.reject));
      },
      () => {
        for (const b of batch) statFile(b.uri).then(b.resolve, b.reject);
      },
    );
  }
}

/** The stamp a worker's stat gives; one it did not take (no worker, or an error there) is taken here, which says why. */
function stampOf(s: FileStat | undefined, uri: vscode.Uri): Promise<Stamp> {
  return s === undefined || (s !== null && 'error' in s) ? statFile(uri) : Promise.resolve(s ?? undefined);
}
