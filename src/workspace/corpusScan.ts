import * as vscode from 'vscode';
import type { CachedDocument, DocumentKey } from '../core/cache/scanCache';
import { findDocuments, readCorpusFolder } from './corpusFolders';
import type { CorpusFolder, DocumentState } from './documentState';
import type { LogLevel } from './log';
import type { ScanCacheStore } from './scanCacheStore';
import { plural } from '../core/text/plural';

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
  forget(corpus: CorpusFolder, key: string): void;
  /** Resolves when no foreground work runs. */
  idle(): Promise<void>;
  corpusChanged(): void;
  log(message: string, level?: LogLevel): void;
}

/** Documents read or checked at a time: enough to keep the file system's round trips busy. */
const CONCURRENCY = 32;

/**
 * The background scan of every workspace folder's corpus: the documents in open editors first;
 * then, when the scan cache has them, every document as the cache left it, shown at once; then the
 * documents the cache lacks are read and the stamps of the others checked (those that changed are
 * read again), a bounded number at a time, each waiting for foreground work first. Progress is in
 * the status bar; the scan cache is saved at the end when anything was read.
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
    this.foldersReadPromise = new Promise<void>((resolve) => (foldersRead = resolve));
    this.scanning = this.scanning
      .then(() => this.run(foldersRead))
      .catch((e: unknown) => {
        void vscode.window.showErrorMessage(`Corpus Annotator: scanning the corpus failed: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        foldersRead();
        this.progress.scanning = false;
        this.progress.finishedAt = Date.now();
        this.progressChanged.fire();
      });
    return this.scanning;
  }

  private async run(foldersRead: () => void): Promise<void> {
    const { host } = this;
    const started = Date.now();
    this.loadedThisScan = new Set();
    this.fromCache.clear();
    this.lastScan.fromCache = 0;
    this.lastScan.read.clear();
    this.progress.scanning = true;
    this.progress.startedAt = started;
    this.progressChanged.fire();
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const key of [...host.corpora.keys()]) if (!folders.some((f) => f.uri.toString() === key)) host.corpora.delete(key);
    const corpora: CorpusFolder[] = [];
    for (const folder of folders) corpora.push(await readCorpusFolder(host.corpora, folder));
    foldersRead();
    // The documents people are looking at come first, whatever the corpus's size.
    await Promise.all(vscode.workspace.textDocuments.map((d) => host.loadIfCorpusDocument(d.uri)));
    const found: { corpus: CorpusFolder; uris: vscode.Uri[]; cached: Map<string, CachedDocument> | undefined }[] = [];
    for (const corpus of corpora) {
      await host.idle();
      const [uris, cached] = await Promise.all([findDocuments(corpus), host.cache()?.read(corpus)]);
      found.push({ corpus, uris, cached: cached?.documents });
    }
    this.progress.documents = found.reduce((n, f) => n + f.uris.length, 0);
    // What the cache holds is shown at once; its stamps are checked below.
    const work: { corpus: CorpusFolder; uri: vscode.Uri; stamp?: DocumentKey }[] = [];
    let forgotten = 0;
    for (const { corpus, uris, cached } of found) {
      const keep = new Set(uris.map((u) => u.toString()));
      for (const key of [...corpus.documents.keys()]) {
        if (keep.has(key)) continue;
        host.forget(corpus, key);
        forgotten++;
      }
      for (const uri of uris) {
        const key = uri.toString();
        if (this.loadedThisScan.has(key)) continue;
        const entry = cached?.get(key);
        if (entry && host.adopt(corpus, uri, entry)) work.push({ corpus, uri, stamp: entry.key });
        else work.push({ corpus, uri });
        // Adopting thousands of entries (indexing each) must not hold the thread from a person's command.
        if (work.length % 500 === 0) await breathe(host);
      }
    }
    this.progress.loaded = this.loadedThisScan.size;
    this.progressChanged.fire();
    if (this.fromCache.size) {
      host.log(`shown from the scan cache: ${plural(this.fromCache.size, 'document')}, ${Date.now() - started} ms after the scan started`);
      host.corpusChanged();
    }
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Corpus: reading documents' }, async (progress) => {
      let next = 0;
      let reported = 0;
      const step = async (): Promise<void> => {
        while (next < work.length) {
          const { corpus, uri, stamp } = work[next++];
          await host.idle();
          if (stamp) await host.revalidate(corpus, uri, stamp);
          else if (!this.loadedThisScan.has(uri.toString())) await host.loadForScan(corpus, uri, false);
          this.progress.loaded = this.loadedThisScan.size;
          if (next - reported >= 64 || next === work.length) {
            reported = next;
            this.progressChanged.fire();
            progress.report({ message: `${Math.min(next, work.length).toLocaleString('en')}/${work.length.toLocaleString('en')}` });
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, step));
    });
    this.progress.loaded = this.loadedThisScan.size;
    host.log(`scan: ${plural(this.progress.documents, 'document')} in ${Date.now() - started} ms, ${this.lastScan.fromCache} from the scan cache, ${this.lastScan.read.size} read`);
    host.corpusChanged();
    // A start that found everything in the cache as it was has nothing new to keep (documents read
    // from an editor's text have no stamp, so the cache could not keep them anyway).
    const stamped = (key: string) => [...host.corpora.values()].some((c) => c.documents.get(key)?.stamp);
    const stale = forgotten > 0 || found.some((f) => f.cached?.size !== f.uris.length) || [...this.lastScan.read].some(stamped);
    if (stale) await host.cache()?.save(host.corpora.values());
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
