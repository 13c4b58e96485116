import * as vscode from 'vscode';
import { statFile } from './fileSystem';
import type { FileStat } from './sidecarWorker';

type Stamp = { size: number; mtime: number } | undefined;

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

  constructor(private readonly statMany: (paths: string[]) => Promise<FileStat[] | undefined>) {}

  stat(uri: vscode.Uri): Promise<Stamp> {
    if (uri.scheme !== 'file') return statFile(uri);
    return new Promise<Stamp>((resolve, reject) => {
      this.queue.push({ path: uri.fsPath, uri, resolve, reject });
      if (this.queue.length >= 256) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    this.statMany(batch.map((b) => b.path)).then(
      (stats) => {
        batch.forEach((b, i) => {
          const s = stats?.[i];
          if (s === undefined || (s !== null && 'error' in s)) statFile(b.uri).then(b.resolve, b.reject);
          else b.resolve(s ?? undefined);
        });
      },
      () => {
        for (const b of batch) statFile(b.uri).then(b.resolve, b.reject);
      },
    );
  }
}
