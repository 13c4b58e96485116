import * as vscode from 'vscode';
import { Worker } from 'worker_threads';
import type { FactDocument } from '../../core/facts/extract';
import type { CanonicalEntity } from '../../core/model';
import { FactIndex } from '../../core/search';
import type { EntitySearchResult, SearchResult } from '../../core/search';
import type { Parsed } from '../../core/problems';
import type { CorpusService } from '../../workspace/corpusService';
import type { DocumentState } from '../../workspace/documentState';
import { handle, SearchWorkerReply, SearchWorkerRequest } from './searchWorker';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Request = DistributiveOmit<SearchWorkerRequest, 'id'>;

/** Where the fact index lives: a worker thread, or (where threads are unavailable) this thread. */
interface Backend {
  request<T>(msg: Request): Promise<T>;
  dispose(): void;
}

class WorkerBackend implements Backend {
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(script: string, onError: (e: Error) => void) {
    this.worker = new Worker(script);
    this.worker.on('message', (reply: SearchWorkerReply) => {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!p) return;
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new Error(reply.error));
    });
    this.worker.on('error', (e) => {
      onError(e);
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
    // The worker must not keep the extension host alive on shutdown.
    this.worker.unref();
  }

  request<T>(msg: Request): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  dispose(): void {
    void this.worker.terminate();
  }
}

class InlineBackend implements Backend {
  private readonly index = new FactIndex();
  private readonly state = { registry: [] as CanonicalEntity[] };

  async request<T>(msg: Request): Promise<T> {
    return handle(this.index, this.state, { ...msg, id: 0 } as SearchWorkerRequest) as T;
  }

  dispose(): void {}
}

/**
 * Keeps the fact index in step with the corpus. The index lives in a worker thread, so building it
 * for a large corpus (with a notification) and answering keystrokes never block the extension
 * host; after the first build it is updated one document at a time when a text or sidecar changes.
 */
export class SearchService implements vscode.Disposable {
  private backend: Backend | undefined;
  private readonly dirty = new Set<string>();
  private readonly indexed = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private building: Promise<void> | undefined;
  private registrySignature = '';
  private readonly disposables: vscode.Disposable[] = [];
  /** Where the index runs, for the log and tests. */
  mode: 'worker' | 'inline' = 'inline';

  constructor(
    private readonly service: CorpusService,
    private readonly workerScript: string | undefined,
  ) {
    this.disposables.push(
      service.onDidChangeDocument((s) => this.markDirty(s.key)),
      service.onDidChangeCorpus(() => this.syncDocuments()),
    );
  }

  private get index(): Backend {
    if (!this.backend) {
      try {
        if (!this.workerScript) throw new Error('no worker script');
        this.backend = new WorkerBackend(this.workerScript, (e) => this.service.log(`search worker failed: ${e.message}`, 'error'));
        this.mode = 'worker';
      } catch (e) {
        this.service.log(`search runs in the extension host: ${e instanceof Error ? e.message : String(e)}`, 'warn');
        this.backend = new InlineBackend();
        this.mode = 'inline';
      }
    }
    return this.backend;
  }

  private registry(): CanonicalEntity[] {
    return [...this.service.corpora.values()].flatMap((c) => c.config.entities);
  }

  private factDocument(state: DocumentState): FactDocument {
    // The language was detected when the document was read; the worker need not detect it again.
    const lang = state.info.language.code === 'fr' ? 'fr' : 'en';
    return { id: state.key, title: state.info.title, text: state.text, entities: state.entities, facts: state.facts, lang };
  }

  /** Documents that came or went, and registry names (they make `Pékin` find Beijing). */
  private syncDocuments(): void {
    if (!this.building) return;
    const registry = this.registry();
    const signature = JSON.stringify(registry);
    if (signature !== this.registrySignature) {
      this.registrySignature = signature;
      void this.index.request({ op: 'setRegistry', entities: registry });
      // Facts carry their entities' names and aliases: documents with linked mentions re-index.
      for (const state of this.service.allDocuments()) if (state.entities.some((a) => a.entity)) this.markDirty(state.key);
    }
    const current = new Set(this.service.allDocuments().map((d) => d.key));
    for (const key of this.indexed) if (!current.has(key)) this.markDirty(key);
    for (const key of current) if (!this.indexed.has(key)) this.markDirty(key);
  }

  private markDirty(key: string): void {
    if (!this.building) return;
    this.dirty.add(key);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), 300);
  }

  /** Re-indexes the documents that changed since the last flush. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    const keys = [...this.dirty];
    this.dirty.clear();
    const work: Promise<unknown>[] = [];
    for (const key of keys) {
      const state = this.service.documentByKey(key);
      if (state) {
        work.push(this.index.request({ op: 'indexDocument', doc: this.factDocument(state) }));
        this.indexed.add(key);
      } else {
        work.push(this.index.request({ op: 'removeDocument', docId: key }));
        this.indexed.delete(key);
      }
    }
    await Promise.all(work);
  }

  /** Builds the index on first use. */
  async ready(): Promise<void> {
    if (!this.building) this.building = this.build();
    await this.building;
    await this.flush();
  }

  private async build(): Promise<void> {
    await this.service.ready;
    const docs = this.service.allDocuments();
    const started = Date.now();
    await this.index.request({ op: 'clear' });
    const registry = this.registry();
    this.registrySignature = JSON.stringify(registry);
    await this.index.request({ op: 'setRegistry', entities: registry });
    const run = async (progress?: vscode.Progress<{ message?: string; increment?: number }>, token?: vscode.CancellationToken) => {
      // A bounded number of documents in flight keeps memory flat while the worker stays busy.
      const inFlight = new Set<Promise<unknown>>();
      let done = 0;
      for (const state of docs) {
        if (token?.isCancellationRequested) break;
        // The registry went to the worker once (setRegistry); each document carries only itself.
        const p: Promise<unknown> = this.index.request({ op: 'indexDocument', doc: this.factDocument(state) }).finally(() => {
          inFlight.delete(p);
          done++;
          if (done % 50 === 0) progress?.report({ message: `${done}/${docs.length} documents`, increment: (100 * 50) / docs.length });
        });
        inFlight.add(p);
        this.indexed.add(state.key);
        if (inFlight.size >= 32) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    };
    if (docs.length > 500) {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Corpus Annotator: indexing facts for search', cancellable: true }, run);
    } else {
      await run();
    }
    const stats = await this.index.request<{ facts: number }>({ op: 'stats' });
    this.service.log(`fact index (${this.mode}) built in ${Date.now() - started} ms: ${JSON.stringify(stats)}`);
  }

  async search(query: string, limit: number): Promise<SearchResult[]> {
    await this.ready();
    return this.index.request<SearchResult[]>({ op: 'search', query, limit });
  }

  /** `search`, with the problems found in the query (an unknown filter, a bad year), for the search box. */
  async searchQuery(query: string, limit: number): Promise<Parsed<SearchResult[]>> {
    await this.ready();
    return this.index.request<Parsed<SearchResult[]>>({ op: 'searchQuery', query, limit });
  }

  async searchEntities(query: string, limit: number): Promise<EntitySearchResult[]> {
    await this.ready();
    return this.index.request<EntitySearchResult[]>({ op: 'searchEntities', query, limit });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.backend?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
