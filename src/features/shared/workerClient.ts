import * as path from 'path';
import { Worker, type ResourceLimits } from 'worker_threads';

/** What this project's workers answer: `{ id, ok: true, result }` or `{ id, ok: false, error }`. */
export type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/**
 * A worker thread that answers numbered requests (the search index, the suggestion engines): each
 * request gets the next id and resolves with the reply carrying it. A worker error rejects every
 * pending request. An idle worker never keeps the process (the extension host) alive; a busy one
 * does, so a benchmark awaiting it does not exit early. No `vscode` here.
 */
export class WorkerClient<Request extends object> {
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(script: string, onError?: (e: Error) => void, resourceLimits?: ResourceLimits) {
    // Named after its script, so a profiler or /proc/<pid>/task tells the threads apart.
    this.worker = new Worker(script, { name: path.basename(script, '.js'), ...(resourceLimits ? { resourceLimits } : {}) });
    this.worker.on('message', (reply: WorkerReply) => {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if (!p) return;
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new Error(reply.error));
    });
    this.worker.on('error', (e) => {
      onError?.(e);
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
    this.worker.unref();
  }

  request<T>(msg: Request): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.ref();
      this.worker.postMessage({ ...msg, id });
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}
