import * as vscode from 'vscode';
import type { CachedDocument } from '../core/cache/scanCache';
import { findDocuments, readCorpusFolder } from './corpusFolders';
import type { CorpusFolder, DocumentState } from './documentState';
import type { LogLevel } from './log';
import type { ScanCacheStore } from './scanCacheStore';

/** What the scan needs of the corpus service. */
export interface ScanHost {
  readonly corpora: Map<string, CorpusFolder>;
  /** The scan cache, where there is one (read at the start, saved at the end). */
  cache(): ScanCacheStore | undefined;
  /** Loads a document the editors show, if it is a corpus document. */
  loadIfCorpusDocument(uri: vscode.Uri): Promise<DocumentState | undefined>;
  /** Loads a document for the scan (serialised with its writes), from the cache entry while it holds. */
  loadForScan(corpus: CorpusFolder, uri: vscode.Uri, cached: CachedDocument | undefined): Promise<unknown>;
  forget(corpus: CorpusFolder, key: string): void;
  /** Resolves when no foreground work runs. */
  idle(): Promise<void>;
  corpusChanged(): void;
  log(message: string, level?: LogLevel): void;
}

/**
 * The background scan of every workspace folder's corpus: the documents in open editors first,
 * then the rest in batches that yield to foreground work, with progress in the status bar and
 * the scan cache read at the start and saved at the end.
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
    if (source === 'cache') this.lastScan.fromCache++;
    else this.lastScan.read.add(key);
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
    const found: { corpus: CorpusFolder; uris: vscode.Uri[] }[] = [];
    for (const corpus of corpora) found.push({ corpus, uris: await findDocuments(corpus) });
    this.progress.documents = found.reduce((n, f) => n + f.uris.length, 0);
    this.progress.loaded = this.loadedThisScan.size;
    this.progressChanged.fire();
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Corpus: reading documents' }, async (progress) => {
      for (const { corpus, uris } of found) {
        const keep = new Set(uris.map((u) => u.toString()));
        for (const key of [...corpus.documents.keys()]) if (!keep.has(key)) host.forget(corpus, key);
        const cached = await host.cache()?.read(corpus);
        const batch = 16;
        for (let i = 0; i < uris.length; i += batch) {
          await host.idle();
          const loads = uris.slice(i, i + batch).map(async (uri) => {
            const key = uri.toString();
            if (this.loadedThisScan.has(key)) return;
            await host.loadForScan(corpus, uri, cached?.documents.get(key));
          });
          await Promise.all(loads);
          this.progress.loaded = this.loadedThisScan.size;
          this.progressChanged.fire();
          progress.report({ message: `${this.progress.loaded.toLocaleString('en')}/${this.progress.documents.toLocaleString('en')}` });
        }
      }
    });
    host.log(`scan: ${this.progress.documents} documents in ${Date.now() - started} ms, ${this.lastScan.fromCache} from the scan cache, ${this.lastScan.read.size} read`);
    host.corpusChanged();
    await host.cache()?.save(host.corpora.values());
  }

  dispose(): void {
    this.progressChanged.dispose();
  }
}
