/**
 * A pool of suggestion workers (suggestWorker.ts), one per core by default, for pre-annotating a
 * whole corpus: documents go out in small batches to whichever worker is free, progress is reported
 * as batches come back, and cancelling stops sending new batches. No `vscode` here, so the
 * benchmark drives the same pool as the extension.
 */
import * as os from 'os';
import type { EntitySuggestion } from '../../core/suggest';
import { WorkerClient } from '../shared/workerClient';
import type { ContextMessage, ContextUpdate, SuggestJob } from './suggestWorker';

type Request = ({ op: 'context' } & ContextMessage) | ({ op: 'update' } & ContextUpdate) | { op: 'suggest'; docs: SuggestJob[] };
type PoolWorker = WorkerClient<Request>;

export interface PreannotateProgress {
  done: number;
  total: number;
  /** UTF-16 code units of text done so far. */
  chars: number;
}

export interface PreannotateOptions {
  onProgress?: (p: PreannotateProgress) => void;
  isCancelled?: () => boolean;
  /** Roughly how much text goes to a worker at once (UTF-16 code units). */
  batchChars?: number;
  /** Called as each batch comes back, so results can be used before the whole corpus is done. */
  onResults?: (results: { id: string; suggestions: EntitySuggestion[] }[]) => void;
}

export class SuggestPool {
  private readonly workers: PoolWorker[];

  constructor(script: string, size = defaultSize()) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => new WorkerClient<Request>(script));
  }

  get size(): number {
    return this.workers.length;
  }

  /** What every worker suggests from: the corpus's decisions, registry and rejections. */
  async setContext(context: ContextMessage): Promise<void> {
    await Promise.all(this.workers.map((w) => w.request({ op: 'context', ...context })));
  }

  /** Brings every worker's context up to date: the tagged strings' changes since the context it has, the registry when it changed, the rejections whole. */
  async updateContext(update: ContextUpdate): Promise<void> {
    await Promise.all(this.workers.map((w) => w.request({ op: 'update', ...update })));
  }

  async suggest(job: SuggestJob): Promise<EntitySuggestion[]> {
    const [r] = await this.workers[0].request<EntitySuggestion[][]>({ op: 'suggest', docs: [job] });
    return r;
  }

  /** Suggestions for every job; a cancelled run returns what was done. */
  async suggestMany(jobs: readonly SuggestJob[], options: PreannotateOptions = {}): Promise<Map<string, EntitySuggestion[]>> {
    const out = new Map<string, EntitySuggestion[]>();
    const batchChars = options.batchChars ?? 64 * 1024;
    let next = 0;
    let chars = 0;
    const take = (): SuggestJob[] => {
      const batch: SuggestJob[] = [];
      let size = 0;
      while (next < jobs.length && (batch.length === 0 || size + jobs[next].text.length <= batchChars)) {
        size += jobs[next].text.length;
        batch.push(jobs[next++]);
      }
      return batch;
    };
    const run = async (w: PoolWorker): Promise<void> => {
      for (;;) {
        if (options.isCancelled?.()) return;
        const batch = take();
        if (batch.length === 0) return;
        const results = await w.request<EntitySuggestion[][]>({ op: 'suggest', docs: batch });
        const done = batch.map((j, i) => ({ id: j.id, suggestions: results[i] }));
        for (const d of done) out.set(d.id, d.suggestions);
        for (const j of batch) chars += j.text.length;
        options.onResults?.(done);
        options.onProgress?.({ done: out.size, total: jobs.length, chars });
      }
    };
    await Promise.all(this.workers.map(run));
    return out;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function defaultSize(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}
