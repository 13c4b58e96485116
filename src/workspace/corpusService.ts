import * as vscode from 'vscode';
import { anchorCounts } from '../core/corpus/documentModel';
import { stampsHold, type CachedDocument, type DocumentKey } from '../core/cache/scanCache';
import type { SidecarChange } from '../core/sidecar';
import type { Rejection } from '../core/suggest/types';
import { LineIndex } from '../core/text/lineIndex';
import { normalizeText } from '../core/text/normalize';
import { CorpusWatcher } from './corpusWatcher';
import { EditorFollow } from './editorFollow';
import { EditorSync } from './editorSync';
import { CorpusFolder, DocumentFields, DocumentState, makeState, release, reside, SIDECAR_SUFFIX, sidecarUriOf } from './documentState';
import { DocumentReader, ReadDocument } from './documentReader';
import { readText } from './fileSystem';
import { StatBatcher } from './statBatcher';
import { ForegroundGate } from './foregroundGate';
import { ScanCacheStore } from './scanCacheStore';
import { SidecarReader } from './sidecarReader';
import type { Log, LogLevel } from './log';
import type { WriteOutcome } from './outcome';
import { UndoStacks } from './undoStack';
import { WriteQueue } from './writeQueue';
import { SidecarWrites } from './sidecarWrites';
import { matchesCorpusPatterns } from './corpusFolders';
import { CorpusScan } from './corpusScan';
import { DocumentTexts } from './documentTexts';
import { plural } from '../core/text/plural';

/**
 * Holds every corpus of the workspace (one per workspace folder), keeps it in step with the files
 * on disk and with open editors, and writes annotation changes back to the sidecars.
 */
export class CorpusService implements vscode.Disposable {
  readonly corpora = new Map<string, CorpusFolder>();
  private readonly documentChanged = new vscode.EventEmitter<DocumentState>();
  /** One document's text, annotations or problems changed. */
  readonly onDidChangeDocument = this.documentChanged.event;
  private readonly corpusChanged = new vscode.EventEmitter<void>();
  /** Documents were added or removed, or a corpus.yaml changed. */
  readonly onDidChangeCorpus = this.corpusChanged.event;
  readonly undoStacks = new UndoStacks();
  /** The sidecar write path (changes, undo and redo, rejections, writers, our own writes). */
  readonly writes: SidecarWrites;
  private readonly disposables: vscode.Disposable[] = [];
  /**
   * Serialises loads and writes per file (a document's key, corpus.yaml's URI): read-modify-write
   * must not interleave. The registry service's writes go through it too.
   */
  readonly writeQueue = new WriteQueue();
  /** The background scan; its progress and outcome are the service's. */
  private readonly scans: CorpusScan = new CorpusScan({
    corpora: this.corpora,
    cache: () => this.cache,
    loadIfCorpusDocument: (uri) => this.loadIfCorpusDocument(uri),
    loadForScan: (corpus, uri, notify) => this.enqueue(uri.toString(), () => this.doLoad(corpus, uri, notify, false, true)),
    adopt: (corpus, uri, entry) => this.adopt(corpus, uri, entry),
    revalidate: (corpus, uri, stamp) => this.revalidate(corpus, uri, stamp),
    prefetchStamps: (uris) => (uris === 'done' ? this.stamps.dropPrefetched() : this.stamps.prefetch(localPathsWithSidecars(uris))),
    forget: (corpus, key) => this.forget(corpus, key),
    idle: () => this.idle(),
    corpusChanged: () => this.corpusChanged.fire(),
    log: (m, l) => this.log(m, l),
  });
  /** What the last scan did: documents taken from the scan cache, and the keys of those read from disk. */
  readonly lastScan = this.scans.lastScan;
  /** The scan's progress: documents found (or known) and loaded, whether a scan runs, when the last one ended (epoch ms). */
  readonly progress = this.scans.progress;
  /** The scan's progress changed (see `progress`). */
  readonly onDidChangeProgress = this.scans.onDidChangeProgress;
  private readonly gate = new ForegroundGate();
  private readonly reader: DocumentReader;
  /** Texts of closed documents read lately (see withText). */
  private readonly texts = new DocumentTexts();
  /** Edits made in editors, tracked exactly. */
  private readonly editorSync = new EditorSync((m, l) => this.log(m, l));
  private readonly follow = new EditorFollow(this.editorSync, {
    documentByKey: (key) => this.documentByKey(key),
    reload: (state) => void this.loadDocument(state.corpus, state.uri),
    followed: (state) => {
      this.indexDocument(state);
      this.documentChanged.fire(state);
    },
    log: (m, l) => this.log(m, l),
  });

  private readonly cache: ScanCacheStore | undefined;
  /** Loads under way of documents that had no state yet, by key (see loadIfCorpusDocument). */
  private readonly firstLoads = new Map<string, Promise<DocumentState | undefined>>();
  /** Parses sidecars: large ones in a worker thread, off the extension host's. */
  readonly sidecars: SidecarReader;
  /** The scan's stamp checks, batched to the sidecar reader's worker. */
  private readonly stamps: StatBatcher;

  constructor(
    private readonly logger: Log,
    private readonly author: () => string,
    /** Where the scan cache is kept (the extension's workspace storage); none: no cache. */
    cacheDir?: vscode.Uri,
    /** The bundled sidecar worker (dist/workspace/sidecarWorker.js); none: every sidecar is parsed inline. */
    sidecarWorker?: string,
  ) {
    this.sidecars = new SidecarReader(sidecarWorker, (m, l) => this.log(m, l));
    this.stamps = new StatBatcher((paths) => this.sidecars.statMany(paths));
    this.writes = new SidecarWrites({
      writeQueue: this.writeQueue,
      undoStacks: this.undoStacks,
      log: (m, l) => this.log(m, l),
      withText: (state) => this.withText(state),
      knownTypes: (corpus) => this.knownTypes(corpus),
      inForeground: (work) => this.inForeground(work),
      sidecarThreshold: () => this.sidecars.threshold,
      editorWritten: (state, text) => {
        if (state.resident) this.editorSync.written(state, text);
      },
      annotationsWritten: (state, reindex) => {
        if (reindex) this.indexDocument(state);
        this.annotationsVersion++;
        this.documentChanged.fire(state);
      },
    });
    this.reader = new DocumentReader(this.sidecars, this.writes.writers, (corpus) => this.knownTypes(corpus));
    this.disposables.push(this.sidecars);
    this.cache = cacheDir && new ScanCacheStore(cacheDir, (m: string, l?: LogLevel) => this.log(m, l), () => this.idle());
    this.disposables.push(this.documentChanged, this.corpusChanged, this.scans);
    // Changes after the scan are saved a while later; during it, the scan's own save at its end does.
    if (this.cache) this.disposables.push(this.cache, this.onDidChangeDocument(() => !this.progress.scanning && this.cache!.saveSoon(this.corpora.values())));
  }

  /**
   * Bumped when annotations are read or written, not when they merely follow typing: what depends
   * on the set of tagged texts (suggestions) rebuilds only then.
   */
  annotationsVersion = 0;

  /** Recent log lines, for tests that need to know why. */
  get recentLog(): string[] {
    return this.logger.recent;
  }

  log(message: string, level: LogLevel = 'info'): void {
    this.logger.write(message, level);
  }

  /** Resolves once the documents shown from the scan cache have had their stamps checked (see CorpusScan.cacheChecked). */
  get cacheChecked(): Promise<void> {
    return this.scans.cacheChecked;
  }

  get ready(): Promise<void> {
    return this.scans.ready;
  }

  /** Scans all workspace folders in the background, with progress in the status bar. */
  scan(): Promise<void> {
    // The sidecar worker read most of the corpus: what that left in its heap goes with it (the next request starts another).
    return this.scans.start().finally(() => this.sidecars.release());
  }

  /**
   * A document's state as soon as it can be had: at once when loaded, else (a document of a corpus
   * that the scan has not reached yet) loaded now, ahead of the scan. Undefined only for files
   * that are no corpus document by corpus.yaml's patterns.
   */
  async whenLoaded(uri: vscode.Uri): Promise<DocumentState | undefined> {
    const state = this.current(uri);
    if (state) return state;
    return this.inForeground(async () => {
      // Before the first corpus.yaml is read no document can be told apart: wait for that only.
      if (!this.corpusOf(uri)) await this.scans.foldersRead;
      return this.loadIfCorpusDocument(uri);
    });
  }

  private loadIfCorpusDocument(uri: vscode.Uri): Promise<DocumentState | undefined> {
    const corpus = this.corpusOf(uri);
    if (!corpus || !this.isCorpusDocument(uri)) return Promise.resolve(undefined);
    const ready = this.current(uri);
    if (ready) return Promise.resolve(ready);
    // The editor's opening, the scan and a command may all ask for the same document at once: one
    // load serves them all (a second one would queue behind the first and read everything again).
    const key = uri.toString();
    let load = this.firstLoads.get(key);
    if (!load) {
      load = this.loadDocument(corpus, uri).finally(() => this.firstLoads.delete(key));
      this.firstLoads.set(key, load);
    }
    return load;
  }

  /**
   * A corpus document was opened in an editor: it holds its text from now on. Taken from the
   * editor at once (commands and highlights need it now) when it is the text the annotations were
   * read against, as far as its length tells; else the document is read again.
   */
  opened(document: vscode.TextDocument): void {
    const state = this.getDocument(document.uri);
    if (!state) {
      if (this.progress.scanning) void this.whenLoaded(document.uri);
      return;
    }
    this.editorSync.opened(state.key, document);
    this.holdEditorText(state, document);
    void this.writes.primeWriter(state);
  }

  private holdEditorText(state: DocumentState, document: vscode.TextDocument): void {
    if (state.resident) return;
    const text = normalizeText(document.getText());
    const lines = new LineIndex(text);
    if (lines.cp.length === state.length) reside(state, text, lines);
    else void this.loadDocument(state.corpus, document.uri);
  }

  corpusOf(uri: vscode.Uri): CorpusFolder | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.corpora.get(folder.uri.toString()) : undefined;
  }

  getDocument(uri: vscode.Uri): DocumentState | undefined {
    return this.corpusOf(uri)?.documents.get(uri.toString());
  }

  /** The document's state, with any text typed since the last pause applied. */
  current(uri: vscode.Uri): DocumentState | undefined {
    this.flushSync(uri.toString());
    const state = this.getDocument(uri);
    // An open document whose text is still being read is not ready for the editor's features.
    return state && !state.resident && isOpen(uri) ? undefined : state;
  }

  /** A document by its key (its URI as a string), without sorting the corpus. */
  documentByKey(key: string): DocumentState | undefined {
    for (const corpus of this.corpora.values()) {
      const state = corpus.documents.get(key);
      if (state) return state;
    }
    return undefined;
  }

  allDocuments(): DocumentState[] {
    return [...this.corpora.values()].flatMap((c) => [...c.documents.values()]).sort((a, b) => a.uri.path.localeCompare(b.uri.path));
  }

  knownTypes(corpus: CorpusFolder): Set<string> {
    return new Set(corpus.config.types.map((t) => t.id));
  }

  /** Whether a file is a document of one of the corpora, by the corpus's globs. */
  isCorpusDocument(uri: vscode.Uri): boolean {
    if (this.getDocument(uri)) return true;
    const corpus = this.corpusOf(uri);
    return !!corpus && matchesCorpusPatterns(corpus, uri);
  }

  /**
   * Reads a document and its sidecar from disk (or the open editor's text) and re-anchors. Loads
   * and writes of one document are serialised, and the state object is updated in place, so a
   * command holding it never acts on a stale copy.
   */
  loadDocument(corpus: CorpusFolder, uri: vscode.Uri, notify = true): Promise<DocumentState | undefined> {
    return this.enqueue(uri.toString(), async () => {
      await this.doLoad(corpus, uri, notify);
      return corpus.documents.get(uri.toString());
    });
  }

  /**
   * Loads a document (from the scan cache when its entry still holds); says where it came from.
   * `inWorker`: the scan's read of a closed local document goes to the sidecar worker (see DocumentReader.fromDisk).
   */
  private async doLoad(corpus: CorpusFolder, uri: vscode.Uri, notify: boolean, retried = false, inWorker = false): Promise<'read' | 'gone'> {
    const key = uri.toString();
    this.scans.loading(key);
    this.texts.forget(key);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    const openVersion = open?.version;
    const sidecarUri = sidecarUriOf(uri);
    const tracked = corpus.documents.get(key);
    if (open && tracked?.resident && this.editorSync.isTracking(key)) {
      // An open document whose edits are tracked, with the sidecar as we last wrote it: reading
      // it again would only trade exact positions for re-anchored ones.
      const sidecar = await readText(sidecarUri);
      if (sidecar !== undefined && tracked.hasSidecar && this.writes.isOwnWrite(sidecarUri, sidecar)) {
        this.flushSync(key);
        if (normalizeText(open.getText()) === tracked.text) return 'read';
      }
    }
    let read: ReadDocument | undefined;
    // An editor's first edit is reported before the document says it is dirty: queued edits count.
    if (open && (open.isDirty || this.editorSync.hasPending(key))) {
      // Unsaved edits are the truth while they last. The editor's text holds the queued edits:
      // tracking starts again from it.
      this.editorSync.forget(key);
      read = await this.reader.fromEditor(corpus, uri, open.getText());
    } else if (open && !tracked) {
      // The first load of a document open in an editor: a person is looking at it, so its text is
      // taken from the editor (the same as the file's while it is clean) and only the sidecar is
      // read. Without a file stamp the scan cache leaves it out until it is read from its files.
      read = await this.reader.fromEditor(corpus, uri, open.getText());
    } else {
      read = await this.reader.fromDisk(corpus, uri, !!open, inWorker);
      if (!read) {
        this.log(`document gone: ${uri.path}`);
        this.forget(corpus, key);
        if (notify) this.corpusChanged.fire();
        return 'gone';
      }
    }
    const { text, fields } = read;
    this.scans.read(key, 'read');
    // The editor changed the text while the files were read, and its edits are tracked: they are
    // newer than what was read.
    const edited = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    const editorText = edited && openVersion !== undefined && edited.version !== openVersion ? normalizeText(edited.getText()) : undefined;
    if (editorText !== undefined && text?.text !== editorText) {
      const current = corpus.documents.get(key);
      if (this.editorSync.isTracking(key) && current?.resident && current.text === editorText) return 'read';
      // What was read is older than the editor: read again (once), from the editor's text.
      if (!retried) return this.doLoad(corpus, uri, notify, true);
    }
    // Tracking starts again from the state read; edits queued meanwhile apply to it.
    this.editorSync.dropTracker(key);
    const existing = corpus.documents.get(key);
    const all: DocumentFields = { key, uri, sidecarUri, corpus, textHash: undefined, stamp: undefined, ...fields };
    const state = existing ? Object.assign(existing, all) : makeState(all);
    // Only documents open in an editor keep their text. Asked again now: an editor may have
    // opened (or closed) the document while its files were read.
    const openNow = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (openNow && text) reside(state, text.text, text.lines);
    else if (openNow) this.holdEditorText(state, openNow);
    else release(state);
    corpus.documents.set(key, state);
    this.indexDocument(state);
    this.annotationsVersion++;
    if (notify) {
      this.log(`loaded ${uri.path}: ${plural(state.entities.length, 'entity')}, ${plural(state.facts.length, 'fact')}, ${plural(state.problems.length, 'problem')}`);
      if (!existing) this.corpusChanged.fire();
    }
    // A scan that reads again a document it already knew (Refresh, corpus.yaml changed) announces
    // it too: its text or annotations may have changed since the search index and views saw it.
    if (notify || existing) this.documentChanged.fire(state);
    return 'read';
  }

  /**
   * Shows a document from its scan cache entry without reading its files: its state holds what the
   * cache says, with the entry's key as its stamp, until the scan checks the stamps (revalidate).
   * Not when the document has a state already or a load of it is under way (that is newer).
   */
  private adopt(corpus: CorpusFolder, uri: vscode.Uri, entry: CachedDocument): boolean {
    const key = uri.toString();
    if (corpus.documents.has(key) || this.firstLoads.has(key) || isOpen(uri)) return false;
    this.scans.loading(key);
    const { fields } = this.reader.fromCache(entry);
    const state = makeState({ key, uri, sidecarUri: sidecarUriOf(uri), corpus, textHash: undefined, stamp: undefined, ...fields });
    corpus.documents.set(key, state);
    this.indexDocument(state);
    this.annotationsVersion++;
    this.scans.read(key, 'cache');
    return true;
  }

  /**
   * A document shown from the scan cache: its files' stamps (two stats, no read) still what the
   * entry says, or it is read again, and the views and the search index follow. Nothing when the
   * state moved on since (read, written or followed an editor: its stamp is no longer the entry's).
   */
  private async revalidate(corpus: CorpusFolder, uri: vscode.Uri, stamp: DocumentKey): Promise<unknown> {
    const key = uri.toString();
    // The stats need no turn in the file's queue (10,000 turns cost the thread more than the stats
    // did): a write that runs meanwhile gives the state a new stamp, which the load below checks for.
    const state = corpus.documents.get(key);
    if (state?.stamp !== stamp) return;
    // The state's sidecar URI, not a new one: making 10,000 of them costs the thread tens of ms.
    const [text, sidecar] = await Promise.all([this.stamps.stat(uri), this.stamps.stat(state.sidecarUri)]);
    if (corpus.documents.get(key)?.stamp !== stamp || stampsHold(stamp, text, sidecar)) return;
    return this.enqueue(key, async () => {
      if (corpus.documents.get(key)?.stamp === stamp) await this.doLoad(corpus, uri, true);
    });
  }

  /**
   * A document's text and line index: the held ones of an open document, else read from disk for
   * the caller's moment (normalised; the state is not changed). Undefined when the file is gone.
   */
  withText(state: DocumentState): Promise<{ text: string; lines: LineIndex } | undefined> {
    return this.texts.withText(state);
  }

  /** A document's text only (no line index, not kept): the held one, else read from disk. */
  textOf(state: DocumentState): Promise<string | undefined> {
    return this.texts.textOf(state);
  }

  private enqueue<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.writeQueue.run(key, work);
  }

  private indexDocument(state: DocumentState): void {
    state.corpus.index.setDocument(state.key, state.info, state.entities, { problems: state.problems.length, ...anchorCounts(state.entities, state.facts) });
  }

  private forget(corpus: CorpusFolder, key: string): void {
    this.texts.forget(key);
    if (!corpus.documents.delete(key)) return;
    corpus.index.removeDocument(key);
    this.writes.writers.delete(key);
    this.editorSync.forget(key);
  }

  /** An edit in a corpus document's editor: the model follows at a pause (see EditorFollow). */
  queueEdit(state: DocumentState, e: vscode.TextDocumentChangeEvent): void {
    this.follow.queueEdit(state.key, e);
  }

  /** The cursors moved in a corpus document's editor (ends retyping of an annotation left behind). */
  queueCursors(state: DocumentState, editor: vscode.TextEditor): void {
    this.editorSync.queueCursors(state.key, editor);
  }

  /** A corpus document's editor model was closed: edit tracking for it ends. */
  editorClosed(state: DocumentState): void {
    this.editorSync.closed(state.key);
  }

  /** Applies pending editor events to the model now: for one document, or all; `saving` when the document was just saved. */
  flushSync(key?: string, saving = false): void {
    this.follow.flush(key, saving);
  }

  /**
   * Applies a user's change to a document's annotations: read-modify-write against the sidecar as
   * it is on disk now, written atomically, recorded for undo. Refused when the sidecar is unparseable.
   */
  change(state: DocumentState, label: string, changes: SidecarChange[]): Promise<WriteOutcome> {
    return this.writes.change(state, label, changes);
  }

  undo(state: DocumentState): Promise<WriteOutcome<{ label: string }>> {
    return this.writes.undo(state);
  }

  redo(state: DocumentState): Promise<WriteOutcome<{ label: string }>> {
    return this.writes.redo(state);
  }
  /**
   * Runs work a person is waiting for (a command's document, a write): the scan and the search
   * build pause between their steps meanwhile, so it is not queued behind a large corpus's reads.
   */
  inForeground<T>(work: () => Promise<T>): Promise<T> {
    return this.gate.run(work);
  }

  /** Resolves when no foreground work runs: background work awaits it between its steps. */
  idle(): Promise<void> {
    return this.gate.idle();
  }

  /** Adds a rejected suggestion to the document's sidecar (see SidecarWrites.reject). */
  reject(state: DocumentState, rejection: Rejection): Promise<WriteOutcome> {
    return this.writes.reject(state, rejection);
  }

  /** The registry in corpus.yaml changed (a link, a rename): views and hovers show entity names. */
  notifyRegistryChanged(): void {
    this.annotationsVersion++;
    this.corpusChanged.fire();
  }

  /** New annotation fields every change stamps. */
  stamp(): { author?: string; created: string } {
    const author = this.author();
    return { ...(author ? { author } : {}), created: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
  }

  /** Watches documents, sidecars and corpus.yaml on disk, and the editors of corpus documents. */
  watch(): void {
    this.disposables.push(new CorpusWatcher(this));
  }

  dispose(): void {
    this.follow.dispose();
    for (const d of this.disposables) d.dispose();
  }
}


function isOpen(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
}

/**
 * The local paths of documents and of their sidecars (`sidecarUriOf`'s path is the document's with
 * the suffix), made from the paths: in a profile of a 10,000-document second start, the sidecar
 * URIs the showing makes cost 163 ms of the extension host's thread, and these would be as many again.
 */
function localPathsWithSidecars(uris: readonly vscode.Uri[]): string[] {
  const paths: string[] = [];
  for (const uri of uris) {
    if (uri.scheme !== 'file') continue;
    const path = uri.fsPath;
    paths.push(path, path + SIDECAR_SUFFIX);
  }
  return paths;
}
