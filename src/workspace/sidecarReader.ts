import { Worker } from 'worker_threads';
import { readSidecarText, type SidecarRead, type SidecarReadOptions } from '../core/corpus/documentModel';
import { emptyData } from '../core/sidecar/validate';
import type { CachedDocument } from '../core/cache/scanCache';
import type { FileStat, LoadReply, LoadRequest, SidecarWorkerReply, SidecarWorkerRequest, StatReply, StatRequest } from './sidecarWorker';

type AnyReply = SidecarWorkerReply | StatReply | LoadReply;

/**
 * Sidecars at least this long (in UTF-16 units) are parsed in a worker thread. Below it parsing is
 * a few milliseconds (the writer's own layout goes through a linear reader), and the round trip to
 * a thread would cost more than it saves; above it the general YAML path can take long enough to
 * freeze every extension in the host.
 */
export const WORKER_THRESHOLD = 256 * 1024;

/** A worker's heap cap: a runaway parse ends the worker, never the extension host. */
const WORKER_HEAP_MB = 1024;

/** What the reader did, for the log and for integration tests (they assert where a parse ran). */
export interface SidecarReaderStats {
  inline: number;
  inWorker: number;
  /** Worker parses started and not yet answered. */
  pending: number;
  /** Documents the worker read for the scan (`load`). */
  loaded: number;
}

/**
 * Reads sidecars: small ones inline, large ones in one lazily started worker thread (requests queue
 * there in order). If the worker cannot start, the parse runs inline; if it dies mid-parse, the
 * sidecar is reported unreadable and therefore never written, and the next request starts a new one.
 * The same worker stats files in batches and reads the scan's closed documents whole (`load`).
 */
export class SidecarReader {
  private worker: Worker | undefined;
  private next = 1;
  private readonly pending = new Map<number, (reply: AnyReply) => void>();
  readonly stats: SidecarReaderStats = { inline: 0, inWorker: 0, pending: 0, loaded: 0 };
  private readonly started = new Set<(text: string) => void>();

  constructor(
    /** The bundled worker script; none (unit tests of the VS Code layer's callers): always inline. */
    private script: string | undefined,
    private readonly log: (message: string, level?: 'info' | 'warn' | 'error') => void,
    readonly threshold = WORKER_THRESHOLD,
  ) {}

  /** Calls `listener` with the sidecar's text each time a parse is handed to the worker. */
  onDidStartWorkerParse(listener: (text: string) => void): { dispose(): void } {
    this.started.add(listener);
    return { dispose: () => this.started.delete(listener) };
  }

  async read(sidecarText: string, options: SidecarReadOptions): Promise<SidecarRead> {
    const worker = sidecarText.length >= this.threshold ? this.ensureWorker() : undefined;
    if (!worker) {
      this.stats.inline++;
      return readSidecarText(sidecarText, options);
    }
    const id = this.next++;
    this.stats.inWorker++;
    this.stats.pending++;
    const reply = await new Promise<SidecarWorkerReply>((resolve) => {
      this.pending.set(id, resolve as (reply: AnyReply) => void);
      const msg: SidecarWorkerRequest = { id, sidecarText, options };
      worker.postMessage(msg);
      for (const l of this.started) l(sidecarText);
    });
    this.stats.pending--;
    return reply.ok ? reply.result : unreadable(reply.error);
  }

  /**
   * Stats local paths in the worker thread, in one message (the scan's checks of the scan cache:
   * 20,000 async stats cost the extension host's thread about 0.6 s at 10,000 documents, measured in
   * a CPU profile of a second start). Undefined when there is no worker: the caller stats itself.
   */
  async statMany(paths: string[]): Promise<FileStat[] | undefined> {
    const worker = this.ensureWorker();
    if (!worker) return undefined;
    const id = this.next++;
    const reply = await new Promise<SidecarWorkerReply | StatReply>((resolve) => {
      this.pending.set(id, resolve as (reply: AnyReply) => void);
      worker.postMessage({ id, stat: paths } satisfies StatRequest);
    });
    return reply.ok ? (reply.result as FileStat[]) : undefined;
  }

  /**
   * Reads a closed local document in the worker thread (sidecarWorker.ts's `loadFiles`): its scan
   * cache entry, null when the document file is gone. Undefined when there is no worker, `{ error }`
   * when the worker failed (an error of the files, or the worker died): either way the caller reads
   * the document itself, and meets an error of the files there.
   */
  async load(path: string, sidecarPath: string, name: string, knownTypes: ReadonlySet<string>): Promise<{ entry: CachedDocument | null } | { error: string } | undefined> {
    const worker = this.ensureWorker();
    if (!worker) return undefined;
    const id = this.next++;
    const reply = await new Promise<LoadReply>((resolve) => {
      this.pending.set(id, resolve as (reply: AnyReply) => void);
      worker.postMessage({ id, load: { path, sidecarPath, name, knownTypes: [...knownTypes] } } satisfies LoadRequest);
    });
    if (!reply.ok) return { error: reply.error };
    this.stats.loaded++;
    return { entry: reply.result };
  }

  /** Ends the worker if it has nothing in hand; the next request starts a new one. */
  release(): void {
    const worker = this.worker;
    if (!worker || this.pending.size) return;
    this.worker = undefined;
    void worker.terminate();
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || !this.script) return this.worker;
    try {
      const worker = new Worker(this.script, { name: 'sidecarWorker', resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      worker.on('message', (reply: AnyReply) => {
        const done = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        done?.(reply);
      });
      const fail = (why: string) => {
        if (this.worker !== worker) return;
        this.worker = undefined;
        this.log(`sidecar worker stopped: ${why}`, 'error');
        for (const [id, done] of this.pending) done({ id, ok: false, error: why });
        this.pending.clear();
      };
      worker.on('error', (e) => fail(e.message));
      worker.on('exit', (code) => fail(`exited with code ${code}`));
      // The worker must not keep the extension host alive on shutdown.
      worker.unref();
      this.worker = worker;
    } catch (e) {
      this.log(`large sidecars are parsed in the extension host: ${e instanceof Error ? e.message : String(e)}`, 'warn');
      this.script = undefined;
    }
    return this.worker;
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const [id, done] of this.pending) done({ id, ok: false, error: 'the extension is shutting down' });
    this.pending.clear();
    void worker?.terminate();
  }
}

/** A sidecar the worker could not read: no entries, not writable, one located problem. */
function unreadable(why: string): SidecarRead {
  return {
    parsed: {
      value: emptyData(),
      problems: [{ message: `Could not read the sidecar (its parse stopped: ${why}); it will not be changed.`, severity: 'error', line: 1, column: 1, code: 'internal-error' }],
      writable: false,
    },
    rejections: { value: [], problems: [] },
  };
}
