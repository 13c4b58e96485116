import * as vscode from 'vscode';
import type { FactDocument } from '../../core/facts/extract';
import type { CanonicalEntity } from '../../core/model';
import { FactIndex } from '../../core/search';
import type { EntitySearchResult, SearchResult } from '../../core/search';
import type { Parsed } from '../../core/problems';
import type { CorpusService } from '../../workspace/corpusService';
import type { DocumentState } from '../../workspace/documentState';
import { WorkerClient } from '../shared/workerClient';
import { handle, now as sentAt, type SearchTime, SearchWorkerRequest } from './searchWorker';
import { plural } from '../../core/text/plural';
import { contentHash } from '../../core/cache/contentHash';
import type { SaveOutcome, SnapshotFileStamp } from './factSnapshotFiles';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Request = DistributiveOmit<SearchWorkerRequest, 'id'>;

/** Where the fact index lives: a worker thread, or (where threads are unavailable) this thread. */
interface Backend {
  request<T>(msg: Request): Promise<T>;
  dispose(): void;
}

class WorkerBackend implements Backend {
  private readonly client: WorkerClient<Request>;

  /**
   * `compact`: a young generation of 16 MB, for a worker that restores the index rather than builds
   * it. With the default, V8 keeps more heap: a restored worker's heap total 89 → 41 MB at 10,000
   * documents in VS Code. A first build runs without it: it slowed the build (search complete 34.9 s
   * without, 37.9-44.0 s with, one run against six), and that worker is replaced after its save.
   */
  constructor(script: string, onError: (e: Error) => void, compact: boolean) {
    this.client = new WorkerClient<Request>(script, onError, compact ? { maxYoungGenerationSizeMb: 16 } : undefined);
  }

  request<T>(msg: Request): Promise<T> {
    return this.client.request<T>(msg);
  }

  /**
   * Closes the worker's texts file, then terminates it: its file descriptors are the process's.
   * Queries already sent are answered first (`close` is answered in turn with them).
   */
  dispose(): void {
    const terminate = () => void this.client.terminate();
    this.client.request({ op: 'close' }).then(terminate, terminate);
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

/** Where the fact index stands: what `corpusAnnotator.indexStatus` reports of it. */
export interface IndexProgress {
  /** Documents in the fact index. */
  indexed: number;
  /** Facts and sentences in it. */
  facts: number;
  /** Whether the first build still runs. */
  building: boolean;
}

/**
 * Keeps the fact index in step with the corpus. The index lives in a worker thread, so building it
 * for a large corpus and answering keystrokes never block the extension host. The first build
 * starts with the extension and follows the corpus scan (the documents open in editors first);
 * queries are answered at once from what is indexed so far. After it, the index is updated one
 * document at a time when a text or sidecar changes.
 */
export class SearchService implements vscode.Disposable {
  private backend: Backend | undefined;
  private readonly dirty = new Set<string>();
  private readonly indexed = new Set<string>();
  /** Documents whose facts the index holds (the worker replied); `indexed` also counts those under way. */
  private readonly held = new Set<string>();
  /** Facts (and sentences) per indexed document. */
  private readonly factCounts = new Map<string, number>();
  private factTotal = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Changes sent to the index and not yet answered. */
  private readonly changing = new Set<Promise<unknown>>();
  private building: Promise<void> | undefined;
  private built = false;
  /** When the first build finished (epoch ms). */
  builtAt: number | undefined;
  private registrySignature = '';
  private readonly disposables: vscode.Disposable[] = [];
  private readonly progressChanged = new vscode.EventEmitter<void>();
  /** The build's progress changed. */
  readonly onDidChangeProgress = this.progressChanged.event;
  /** Where the index runs, for the log and tests. */
  mode: 'worker' | 'inline' = 'inline';

  /** Where the index is saved for the next start (the snapshot's load and save outcomes are logged). */
  private readonly snapshotDir: string | undefined;
  /** The snapshot read at the start: documents restored (and confirmed against their files by the build). */
  snapshot: { restored: number; confirmed: number; skipped?: string } | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** corpus.yaml texts' hashes, for `factKey`. */
  private readonly configHashes = new Map<string, string>();
  /** Changes sent to the index so far: a worker renewed from a snapshot must have missed none. */
  private changeSeq = 0;
  /** The registry the index was last given (a renewed worker is given the same). */
  private registrySent: CanonicalEntity[] = [];
  /** Whether a saved index was there when the first build started (its worker restores rather than builds). */
  private snapshotExists = false;
  /** When a search last came (epoch ms): saves wait for a pause. */
  private lastQueryAt = 0;
  /** The save under way (saves and renewals run one at a time). */
  private saving: Promise<void> = Promise.resolve();
  private disposed = false;
  /** Times the search worker was replaced by one restored from the snapshot it had just saved. */
  renewals = 0;

  constructor(
    private readonly service: CorpusService,
    private readonly workerScript: string | undefined,
    storage?: vscode.Uri,
  ) {
    // The worker reads and writes the snapshot itself, so only a local storage folder will do.
    this.snapshotDir = storage?.scheme === 'file' ? vscode.Uri.joinPath(storage, 'fact-index').fsPath : undefined;
    this.disposables.push(
      service.onDidChangeDocument((s) => this.markDirty(s.key)),
      service.onDidChangeCorpus(() => this.syncDocuments()),
      this.progressChanged,
    );
  }

  get progress(): IndexProgress {
    // What a search would find now: documents picked and whose facts the index holds.
    let indexed = 0;
    for (const key of this.held) if (this.indexed.has(key)) indexed++;
    return { indexed, facts: this.factTotal, building: !this.built };
  }

  private get index(): Backend {
    if (!this.backend) {
      try {
        if (!this.workerScript) throw new Error('no worker script');
        this.backend = new WorkerBackend(this.workerScript, (e) => this.service.log(`search worker failed: ${e.message}`, 'error'), this.snapshotExists);
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

  /** Extracts and indexes one document; its text is read for the moment when it is not open. */
  private async indexOne(state: DocumentState): Promise<void> {
    // Picked from the start, so the build does not pick it twice while it is read (`held` once it is in).
    this.indexed.add(state.key);
    // The language was detected when the document was read; the worker need not detect it again.
    const lang = state.info.language.code === 'fr' ? 'fr' : 'en';
    const doc = { id: state.key, title: state.info.title, entities: state.entities, facts: state.facts, lang } as const;
    const key = this.factKey(state);
    let n: number | null;
    // The worker reads a closed local document itself (a text in an editor may hold unsaved edits).
    if (!state.resident && state.uri.scheme === 'file' && this.index instanceof WorkerBackend) {
      n = await this.change<number | null>({ op: 'indexFile', path: state.uri.fsPath, doc, key });
    } else {
      const text = await this.service.textOf(state);
      n = text === undefined ? null : await this.change<number>({ op: 'indexDocument', doc: { ...doc, text } satisfies FactDocument, key });
    }
    if (n === null) {
      this.indexed.delete(state.key);
      return;
    }
    this.held.add(state.key);
    this.countFacts(state.key, n);
  }

  /**
   * Sends a change to the index. The worker answers queries ahead of the changes it has queued (so
   * a keystroke during the first build does not wait for them); after the build, a query first
   * waits for every change sent before it, so it sees them, as it always did.
   */
  private change<T>(msg: Request): Promise<T> {
    this.changeSeq++;
    if (msg.op === 'setRegistry') this.registrySent = msg.entities;
    const p = this.index.request<T>(msg);
    const settled: Promise<unknown> = p.then(
      () => this.changing.delete(settled),
      () => this.changing.delete(settled),
    );
    this.changing.add(settled);
    return p;
  }

  /**
   * What a document's facts are made from, when its state is what its files say (the scan checked
   * their stamps, see DocumentState.stamp) and corpus.yaml is the same: the fact index saved for the
   * next start is kept under it. Undefined otherwise (the worker then keys the document itself).
   */
  private factKey(state: DocumentState): string | undefined {
    if (!state.stamp || state.stamp.racy) return undefined;
    const config = state.corpus.configText ?? '';
    let hash = this.configHashes.get(config);
    if (hash === undefined) this.configHashes.set(config, (hash = contentHash(config)));
    return `${hash} ${state.info.title} ${state.info.language.code} ${JSON.stringify(state.stamp)}`;
  }

  private countFacts(key: string, n: number | undefined): void {
    this.factTotal += (n ?? 0) - (this.factCounts.get(key) ?? 0);
    if (n === undefined) this.factCounts.delete(key);
    else this.factCounts.set(key, n);
  }

  /** Documents that came or went, and registry names (they make `Pékin` find Beijing). */
  private syncDocuments(): void {
    if (!this.built) return;
    const registry = this.registry();
    const signature = JSON.stringify(registry);
    if (signature !== this.registrySignature) {
      this.registrySignature = signature;
      void this.change({ op: 'setRegistry', entities: registry });
      // Facts carry their entities' names and aliases: documents with linked mentions re-index.
      for (const state of this.service.allDocuments()) if (state.entities.some((a) => a.entity)) this.markDirty(state.key);
    }
    const current = new Set(this.service.allDocuments().map((d) => d.key));
    for (const key of this.indexed) if (!current.has(key)) this.markDirty(key);
    for (const key of current) if (!this.indexed.has(key)) this.markDirty(key);
  }

  private markDirty(key: string): void {
    // During the first build a changed document is indexed (again) by the build itself.
    if (!this.building) return;
    if (!this.built) {
      this.indexed.delete(key);
      return;
    }
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
      if (state) work.push(this.indexOne(state));
      else {
        work.push(this.change({ op: 'removeDocument', docId: key }));
        this.indexed.delete(key);
        this.held.delete(key);
        this.countFacts(key, undefined);
      }
    }
    await Promise.all(work);
    if (keys.length) {
      this.progressChanged.fire();
      this.scheduleSave();
    }
  }

  /**
   * Saves the index for the next start two minutes after the last change: a save rewrites the
   * snapshot whole, and what changed since the last one is only extracted again at the next start.
   */
  private scheduleSave(): void {
    if (!this.built || !this.snapshotDir || this.mode !== 'worker') return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveWhenQuiet(), 120_000);
  }

  /**
   * Saves once searches have paused for 3 s (30 s at most): someone typing in the search box goes
   * first. The save and the renewal take about 1.5 s of the workers' time at 10,000 documents, and
   * keystrokes that fell on them took 36-37 ms at p95 against 19-23 ms otherwise. Once under way,
   * the save steps aside in the worker while searches come (see `stepAside` in searchWorker.ts).
   */
  private async saveWhenQuiet(): Promise<void> {
    const since = Date.now();
    for (;;) {
      const quiet = Date.now() - this.lastQueryAt;
      if (quiet >= 3_000 || Date.now() - since >= 30_000 || this.disposed) break;
      await new Promise((resolve) => setTimeout(resolve, 3_000 - quiet));
    }
    await this.saveSnapshot();
  }

  /**
   * Writes the snapshot now when the index changed since the last, then renews the worker from it
   * (tests and benchmarks call it too). Saves run one after another, each with its renewal.
   */
  saveSnapshot(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saving = this.saving.then(() => this.saveNow());
    return this.saving;
  }

  private async saveNow(): Promise<void> {
    if (!this.snapshotDir || this.mode !== 'worker' || this.disposed) return;
    const seq = this.changeSeq;
    let saved: SaveOutcome | null;
    try {
      // Not a change: queries need not wait for it (the worker answers them between its chunks).
      saved = await this.index.request<SaveOutcome | null>({ op: 'saveSnapshot', dir: this.snapshotDir });
      if (saved) this.service.log(`fact index saved for the next start in ${saved.ms} ms (${(saved.bytes / 2 ** 20).toFixed(1)} MB; ${plural(saved.movedTexts, 'sentence text')} moved out of memory${saved.rewritten ? '; texts file rewritten' : ''}${saved.steppedAsideMs ? `; ${saved.steppedAsideMs} ms of it stepped aside for searches` : ''})`);
    } catch (e) {
      this.service.log(`saving the fact index failed: ${e instanceof Error ? e.message : String(e)}`, 'warn');
      return;
    }
    if (saved) await this.renew(saved.file, seq);
  }

  /**
   * Replaces the search worker with a new one restored from the snapshot it has just saved. A
   * worker's heap keeps the size its busiest moment gave it: after the first build at 10,000
   * documents it held about 270 MB of heap and 260 MB of arrays for an index that, restored, needs
   * about 70 and 120 (measured in plain Node). Queries go to the old worker until the new one is
   * ready; a change sent meanwhile (the snapshot lacks it) calls the renewal off.
   */
  private async renew(file: SnapshotFileStamp, seq: number): Promise<void> {
    const old = this.backend;
    // Renewals run one at a time, inside `saveNow` (saves are chained), and only they replace the backend.
    if (this.disposed || !this.workerScript || !this.snapshotDir || !(old instanceof WorkerBackend) || this.changeSeq !== seq) return;
    const started = Date.now();
    let fresh: WorkerBackend | undefined;
    try {
      fresh = new WorkerBackend(this.workerScript, (e) => this.service.log(`search worker failed: ${e.message}`, 'error'), true);
      await fresh.request({ op: 'setRegistry', entities: this.registrySent });
      const loaded = await fresh.request<{ documents: number; skipped?: string }>({ op: 'loadSnapshot', dir: this.snapshotDir, trust: file });
      const stats = loaded.skipped ? undefined : await fresh.request<{ held: number }>({ op: 'stats' });
      const why = loaded.skipped ?? (this.disposed ? 'the extension is stopping' : this.changeSeq !== seq ? 'the index changed meanwhile' : stats!.held ? `${plural(stats!.held, 'document')} not confirmed` : undefined);
      if (why !== undefined) {
        fresh.dispose();
        this.service.log(`search worker not renewed: ${why}`);
        return;
      }
      this.backend = fresh;
      this.renewals++;
      old.dispose();
      this.service.log(`search worker renewed from the snapshot in ${Date.now() - started} ms: ${plural(loaded.documents, 'document')}, its memory as a restored index's`);
    } catch (e) {
      fresh?.dispose();
      this.service.log(`search worker not renewed: ${e instanceof Error ? e.message : String(e)}`, 'warn');
    }
  }

  /** Starts the first build (in the background); later calls change nothing. */
  start(): void {
    this.building ??= this.build().catch((e: unknown) => this.service.log(`building the fact index failed: ${e instanceof Error ? e.message : String(e)}`, 'error'));
  }

  /** Resolves when the first build is complete and pending changes are indexed. */
  async ready(): Promise<void> {
    this.start();
    await this.building;
    await this.flush();
    await Promise.all(this.changing);
  }

  private async build(): Promise<void> {
    const started = Date.now();
    if (this.snapshotDir) this.snapshotExists = await vscode.workspace.fs.stat(vscode.Uri.file(`${this.snapshotDir}/fact-index.bin`)).then(() => true, () => false);
    await this.index.request({ op: 'clear' });
    this.held.clear();
    const registry = this.registry();
    this.registrySignature = JSON.stringify(registry);
    await this.index.request({ op: 'setRegistry', entities: registry });
    this.registrySent = registry;
    if (this.snapshotDir && this.index instanceof WorkerBackend) {
      // Restoring takes both cores' time for a moment; the scan's cache checks come first (measured
      // at 10,000 documents: restoring beside them made the second start's scan 3.8 s → 6.6 s).
      await this.service.cacheChecked;
      try {
        const loaded = await this.index.request<{ documents: number; slots: number; ms: number; skipped?: string }>({ op: 'loadSnapshot', dir: this.snapshotDir });
        this.snapshot = { restored: loaded.documents, confirmed: 0, skipped: loaded.skipped };
        this.service.log(loaded.skipped ? `fact index snapshot not used: ${loaded.skipped}` : `fact index snapshot restored in ${loaded.ms} ms: ${plural(loaded.documents, 'document')}, each searchable once its file is checked`);
        if (!loaded.skipped) await this.confirmRestored();
      } catch (e) {
        this.service.log(`fact index snapshot not used: ${e instanceof Error ? e.message : String(e)}`, 'warn');
        await this.index.request({ op: 'clear' });
      }
    }
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Corpus: indexing for search' }, async (progress) => {
      // A bounded number of documents in flight keeps memory flat while the worker stays busy.
      const inFlight = new Set<Promise<unknown>>();
      let reported = 0;
      for (;;) {
        const scanning = this.service.progress.scanning;
        // Open documents first, then in scan order; the scan may still be adding documents.
        const pending = this.pendingDocuments();
        if (pending.length === 0) {
          await Promise.all(inFlight);
          if (this.pendingDocuments().length) continue;
          if (!scanning && !this.service.progress.scanning) break;
          // The scan is still finding documents: wait for its next step (or a moment, whichever is first).
          await new Promise<void>((resolve) => {
            const done = () => {
              sub.dispose();
              clearTimeout(timer);
              resolve();
            };
            const sub = this.service.onDidChangeProgress(done);
            const timer = setTimeout(done, 250);
          });
          continue;
        }
        for (const state of pending) {
          await this.service.idle();
          // Documents shown from the scan cache are indexed once their files are known unchanged.
          if (!state.resident) await this.service.cacheChecked;
          if (this.indexed.has(state.key) || !this.service.documentByKey(state.key)) continue;
          const p: Promise<unknown> = this.indexOne(state).finally(() => inFlight.delete(p));
          inFlight.add(p);
          if (inFlight.size >= 8) await Promise.race(inFlight);
          if (this.indexed.size - reported >= 50) {
            reported = this.indexed.size;
            progress.report({ message: `${this.indexed.size.toLocaleString('en')}/${this.service.progress.documents.toLocaleString('en')}` });
            this.progressChanged.fire();
          }
        }
      }
    });
    // Built before anything else is awaited: a document that changes from here on is indexed
    // again by `flush`, whereas during the build it is left for the build's loop, which is over.
    this.built = true;
    this.builtAt = Date.now();
    this.progressChanged.fire();
    this.service.log(`fact index (${this.mode}) built in ${Date.now() - started} ms: ${plural(this.indexed.size, 'document')}, ${plural(this.factTotal, 'fact and sentence', 'facts and sentences')}`);
    if (this.snapshot && !this.snapshot.skipped) {
      // Restored documents whose files are gone (or no longer in the corpus) were never confirmed.
      const dropped = await this.change<string[]>({ op: 'dropHeld' });
      const stats = await this.index.request<{ confirmed: number }>({ op: 'stats' });
      this.snapshot.confirmed = stats.confirmed;
      this.service.log(`fact index snapshot: ${plural(stats.confirmed, 'document')} confirmed unchanged, ${plural(dropped.length, 'document')} gone`);
    }
    // A build that restored the snapshot extracted only what changed: saving all of it again at
    // once (about 1 s of the worker and 130 MB written at 10,000 documents) can wait for the
    // usual two minutes. A first build saves at once: the next start must not redo it.
    if (this.snapshot && !this.snapshot.skipped) this.scheduleSave();
    else void this.saveWhenQuiet();
  }

  /** Confirms at once the restored documents whose keys the scan's checks vouch for; the build indexes the rest. */
  private async confirmRestored(): Promise<void> {
    const items: [string, string][] = [];
    for (const corpus of this.service.corpora.values()) {
      for (const state of corpus.documents.values()) {
        const key = this.factKey(state);
        if (key !== undefined) items.push([state.key, key]);
      }
    }
    const sent = new Map(items);
    const confirmed = await this.change<[string, number][]>({ op: 'confirm', items });
    for (const [docId, n] of confirmed) {
      // A document that changed meanwhile (its state moved on) is indexed again by the build.
      const state = this.service.documentByKey(docId);
      if (!state || this.factKey(state) !== sent.get(docId)) continue;
      this.indexed.add(docId);
      this.held.add(docId);
      this.countFacts(docId, n);
    }
    this.progressChanged.fire();
  }

  private pendingDocuments(): DocumentState[] {
    const out: DocumentState[] = [];
    for (const corpus of this.service.corpora.values()) for (const state of corpus.documents.values()) if (!this.indexed.has(state.key)) out.push(state);
    return out.sort((a, b) => Number(b.resident) - Number(a.resident));
  }

  /** Ranked facts for a query: during the first build, from what is indexed so far. */
  async search(query: string, limit: number): Promise<SearchResult[]> {
    await this.settle();
    return this.index.request<SearchResult[]>({ op: 'search', query, limit, sentAt: sentAt() });
  }

  /** `search`, with the problems found in the query (an unknown filter, a bad year), for the search box. */
  async searchQuery(query: string, limit: number): Promise<Parsed<SearchResult[]>> {
    // As `search`: the search box answers during the first build from what is indexed so far.
    await this.settle();
    return this.index.request<Parsed<SearchResult[]>>({ op: 'searchQuery', query, limit, sentAt: sentAt() });
  }

  async searchEntities(query: string, limit: number): Promise<EntitySearchResult[]> {
    await this.settle();
    return this.index.request<EntitySearchResult[]>({ op: 'searchEntities', query, limit, sentAt: sentAt() });
  }

  /** The V8 heap the search worker holds (bytes); undefined when the index runs on this thread. */
  async workerHeap(): Promise<number | undefined> {
    return this.mode === 'worker' && this.backend ? this.index.request<number>({ op: 'memory' }) : undefined;
  }

  /** The search worker's own times of the searches since the last call (for the benchmarks); undefined without a worker. */
  async workerSearchTimes(): Promise<SearchTime[] | undefined> {
    return this.mode === 'worker' && this.backend ? this.index.request<SearchTime[]>({ op: 'searchTimes' }) : undefined;
  }

  /** The search worker's `v8.getHeapStatistics()` after a full collection (for the benchmarks). */
  async workerHeapStatistics(): Promise<Record<string, number> | undefined> {
    return this.mode === 'worker' && this.backend ? this.index.request<Record<string, number>>({ op: 'memory', detail: true }) : undefined;
  }

  /** Before a query: never waits for the first build; after it, pending changes are indexed first. */
  private async settle(): Promise<void> {
    this.lastQueryAt = Date.now();
    this.start();
    if (!this.built) return;
    await this.flush();
    await Promise.all(this.changing);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    clearTimeout(this.saveTimer);
    this.backend?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
