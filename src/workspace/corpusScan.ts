import * as vscode from 'vscode';
import type { CachedDocument, DocumentKey } from '../core/cache/scanCache';
import { findDocuments, matchesCorpusPatterns, readCorpusFolder } from './corpusFolders';
import type { CorpusFolder, DocumentState } from './documentState';
import type { LogLevel } from './log';
import type { ScanCacheStore } from './scanCacheStore';
import { plural } from '../core/text/plural';
import { Feed, pool } from './workPool';

/** What the scan needs of the corpus service. */
export interface ScanHost {
  readonly corpora: Map<string, CorpusFolder>;
  /** The scan cache, where there is one (read at the start, saved at the end). */
  cache(): ScanCacheStore | undefined;
  /** Loads a document the editors show, if it is a corpus document. */
  loadIfCorpusDocument(uri: vscode.Uri): Promise<DocumentState | undefined>;
  /**
   * Loads a document for the scan from its files (serialised with its writes); `notify` when it was
   * shown before (from the scan cache), so the views and the search index follow.
   */
  loadForScan(corpus: CorpusFolder, uri: vscode.Uri, notify: boolean): Promise<unknown>;
  /** Shows a document from its scan cache entry at once, unless it has a state already; whether it did. */
  adopt(corpus: CorpusFolder, uri: vscode.Uri, entry: CachedDocument): boolean;
  /**
   * Checks the stamps of a document shown from the scan cache (`stamp` is its entry's key) and reads
   * it again when they no longer hold; nothing when it was read or written since.
   */
  revalidate(corpus: CorpusFolder, uri: vscode.Uri, stamp: DocumentKey): Promise<unknown>;
  /** Asks for the stamps `revalidate` will check, all at once (`done`: the checks are over, drop what was not taken). */
  prefetchStamps(uris: readonly vscode.Uri[] | 'done'): void;
  forget(corpus: CorpusFolder, key: string): void;
  /** Resolves when no foreground work runs. */
  idle(): Promise<void>;
  corpusChanged(): void;
  log(message: string, level?: LogLevel): void;
}

/**
 * Documents checked (two stats each) or read (two stats, two reads, parsing) at a time. On a local
 * disk (`file:`) a closed document is read whole in the sidecar worker's thread (one at a time
 * there: 4 in flight keep it busy while this thread takes in the results), and the checks are
 * batched to it too. Elsewhere each call is a round trip through `workspace.fs`, a few ms alone and
 * tens of µs each when many are in flight.
 */
// Local checks are batched to a worker (StatBatcher): more at a time make fewer, larger batches.
const concurrency = (corpus: CorpusFolder, work: 'checking' | 'reading'): number =>
  corpus.folder.uri.scheme === 'file' ? (work === 'checking' ? 64 : 4) : work === 'checking' ? 32 : 16;

/**
 * The background scan of every workspace folder's corpus: the documents in open editors first;
 * then every document the scan cache holds, shown at once as the cache left it, and its files'
 * stamps checked as it is shown (those that changed are read again) while the corpus's documents are found;
 * then the documents the cache lacks are read. Checks and reads run a bounded number at a time,
 * each waiting for foreground work first. Progress is in the status bar; the scan cache is saved
 * after the scan when anything was read or dropped.
 */
export class CorpusScan implements vscode.Disposable {
  /** What the last scan did: documents taken from the scan cache, and the keys of those read from disk. */
  readonly lastScan = { fromCache: 0, read: new Set<string>() };
  /** Documents found (or known) and loaded, whether a scan runs, when the last one started and ended (epoch ms). */
  readonly progress: { documents: number; loaded: number; scanning: boolean; startedAt?: number; finishedAt?: number } = { documents: 0, loaded: 0, scanning: false };
  private readonly progressChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeProgress = this.progressChanged.event;
  private scanning: Promise<void> = Promise.resolve();
  /** Resolves once every corpus.yaml of the scan under way is read: until then no document can be told apart. */
  private foldersReadPromise: Promise<void> = Promise.resolve();
  private cacheCheckedPromise: Promise<void> = Promise.resolve();
  /** Documents the running scan has already loaded (the open ones go first), so it does not load them twice. */
  private loadedThisScan = new Set<string>();
  /** Documents the running scan took from the scan cache and has not read again. */
  private readonly fromCache = new Set<string>();

  constructor(private readonly host: ScanHost) {}

  get ready(): Promise<void> {
    return this.scanning;
  }

  get foldersRead(): Promise<void> {
    return this.foldersReadPromise;
  }

  /**
   * Resolves once the documents the running scan showed from the scan cache have had their stamps
   * checked (at once when there was no cache): the search build waits for it, so that thousands of
   * text reads do not slow the checks down, and it indexes no stale entry.
   */
  get cacheChecked(): Promise<void> {
    return this.cacheCheckedPromise;
  }

  /** A document's load starts (by the scan or ahead of it): the scan will not load it again. */
  loading(key: string): void {
    this.loadedThisScan.add(key);
  }

  /** A document was read, from the cache entry or from its files. */
  read(key: string, source: 'cache' | 'read'): void {
    if (!this.progress.scanning) return;
    if (source === 'cache') this.fromCache.add(key);
    else {
      this.fromCache.delete(key);
      this.lastScan.read.add(key);
    }
    this.lastScan.fromCache = this.fromCache.size;
  }

  start(): Promise<void> {
    let foldersRead!: () => void;
    let cacheChecked!: () => void;
    this.foldersReadPromise = new Promise<void>((resolve) => (foldersRead = resolve));
    this.cacheCheckedPromise = new Promise<void>((resolve) => (cacheChecked = resolve));
    this.scanning = this.scanning
      .then(() => this.run(foldersRead, cacheChecked))
      .catch((e: unknown) => {
        void vscode.window.showErrorMessage(`Corpus Annotator: scanning the corpus failed: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        this.host.prefetchStamps('done');
        foldersRead();
        cacheChecked();
        this.finish();
      });
    return this.scanning;
  }

  private async run(foldersRead: () => void, cacheChecked: () => void): Promise<void> {
    const { host } = this;
    const started = Date.now();
    this.loadedThisScan = new Set();
    this.fromCache.clear();
    this.lastScan.fromCache = 0;
    this.lastScan.read.clear();
    this.progress.scanning = true;
    this.progress.documents = 0;
    this.progress.startedAt = started;
    this.progressChanged.fire();
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const key of [...host.corpora.keys()]) if (!folders.some((f) => f.uri.toString() === key)) host.corpora.delete(key);
    const corpora: CorpusFolder[] = [];
    for (const folder of folders) corpora.push(await readCorpusFolder(host.corpora, folder));
    foldersRead();
    // The documents people are looking at come first, whatever the corpus's size.
    await Promise.all(vscode.workspace.textDocuments.map((d) => host.loadIfCorpusDocument(d.uri)));
    let forgotten = 0;
    let reading = 0;
    const cachedCounts: { corpus: CorpusFolder; cached: number; found: number }[] = [];
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Corpus: reading documents' }, async (progress) => {
      const report = () => {
        this.progress.loaded = this.loadedThisScan.size;
        this.progressChanged.fire();
        progress.report({ message: `${this.progress.loaded.toLocaleString('en')}/${this.progress.documents.toLocaleString('en')}` });
      };
      const steps: Promise<void>[] = [];
      const checks: Promise<void>[] = [];
      for (const corpus of corpora) {
        await host.idle();
        // The documents are found (a walk of a local folder, a file search elsewhere) while the cache is shown.
        const finding = findDocuments(corpus);
        const cached = (await host.cache()?.read(corpus))?.documents;
        // The stamps of what the cache shows are checked as it is shown (the checks wait on the
        // worker's stats, the showing on this thread), and while the documents are found.
        const adopted = new Feed<{ corpus: CorpusFolder; uri: vscode.Uri; stamp: DocumentKey }>();
        checks.push(pool(adopted, concurrency(corpus, 'checking'), ({ corpus, uri, stamp }) => host.revalidate(corpus, uri, stamp), () => host.idle(), report));
        try {
          if (cached) {
            const shown: { key: string; uri: vscode.Uri; entry: CachedDocument }[] = [];
            let looked = 0;
            for (const [key, entry] of cached) {
              const uri = vscode.Uri.parse(key);
              // An entry corpus.yaml's patterns no longer take is left for finding the documents to settle.
              if (!this.loadedThisScan.has(key) && matchesCorpusPatterns(corpus, uri)) shown.push({ key, uri, entry });
              if (++looked % 1000 === 0) await breathe(host);
            }
            // Their stamps are asked for at once: the worker stats them while this thread shows them.
            host.prefetchStamps(shown.map((s) => s.uri));
            for (const { key, uri, entry } of shown) {
              if (this.loadedThisScan.has(key)) continue;
              if (host.adopt(corpus, uri, entry)) adopted.push({ corpus, uri, stamp: entry.key });
              // Adopting thousands of entries (indexing each) must not hold the thread from a person's command.
              if (adopted.items.length % 200 === 0) await breathe(host);
            }
            this.progress.documents += adopted.items.length;
            host.log(`shown from the scan cache: ${plural(adopted.items.length, 'document')}, ${Date.now() - started} ms after the scan started`);
            report();
            host.corpusChanged();
          }
        } finally {
          adopted.close();
        }
        const uris = await finding;
        host.log(`found ${plural(uris.length, 'document')} in ${corpus.folder.name}, ${Date.now() - started} ms after the scan started`);
        const keep = new Set(uris.map((u) => u.toString()));
        for (const key of [...corpus.documents.keys()]) {
          if (keep.has(key)) continue;
          host.forget(corpus, key);
          forgotten++;
        }
        // Everything else is read: new documents, and (when the scan runs again, after corpus.yaml
        // changed) those held from before.
        const unread = uris.filter((u) => !this.loadedThisScan.has(u.toString()));
        this.progress.documents += uris.length - adopted.items.length;
        reading += unread.length;
        cachedCounts.push({ corpus, cached: cached?.size ?? 0, found: uris.length });
        report();
        steps.push(pool(Feed.of(unread), concurrency(corpus, 'reading'), (uri) => (this.loadedThisScan.has(uri.toString()) ? Promise.resolve() : host.loadForScan(corpus, uri, false)), () => host.idle(), report));
      }
      void Promise.all(checks).then(() => {
        host.prefetchStamps('done');
        cacheChecked();
      });
      await Promise.all([...checks, ...steps]);
      let documents = 0;
      for (const c of corpora) documents += c.documents.size;
      this.progress.documents = documents;
    });
    const stampedRead = [...this.lastScan.read].some((key) => [...host.corpora.values()].some((c) => c.documents.get(key)?.stamp));
    const stale = forgotten > 0 || reading > 0 || stampedRead || cachedCounts.some((c) => c.cached !== c.found);
    this.progress.loaded = this.loadedThisScan.size;
    host.log(`scan: ${plural(this.progress.documents, 'document')} in ${Date.now() - started} ms, ${this.lastScan.fromCache} from the scan cache, ${this.lastScan.read.size} read`);
    host.corpusChanged();
    // The corpus is complete: the progress says so now, before the cache is saved. The scan's
    // promise (`ready`) still resolves after the save, so whoever awaits a scan sees it all done.
    this.finish();
    // A start that found everything in the cache as it was has nothing new to keep (documents read
    // from an editor's text have no stamp, so the cache could not keep them anyway). One that took
    // nearly all of it from the cache saves later: rewriting all of it for a few changed documents
    // (about 1 s of this thread at 10,000 documents) would fall on the fact index's build and the
    // first searches, and the few documents are only read again if the window closes before.
    if (stale) {
      if (this.lastScan.fromCache >= 0.9 * this.progress.documents) host.cache()?.saveSoon(host.corpora.values(), 30_000);
      else await host.cache()?.save(host.corpora.values());
    }
  }

  /** The scan's documents are all read or checked (once per scan). */
  private finish(): void {
    if (!this.progress.scanning) return;
    this.progress.scanning = false;
    this.progress.finishedAt = Date.now();
    this.progressChanged.fire();
  }

  dispose(): void {
    this.progressChanged.dispose();
  }
}

/** Lets foreground work and other events run before the scan goes on. */
async function breathe(host: ScanHost): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  await host.idle();
}
