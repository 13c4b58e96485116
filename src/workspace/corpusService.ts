import * as vscode from 'vscode';
import { anchorCounts, assembleDocumentModel, DocumentModel, prepareDocument, readSidecarText } from '../core/corpus/documentModel';
import { CachedDocument, DocumentKey, isFresh, sidecarKey } from '../core/cache/scanCache';
import { SidecarChange, SidecarWriter } from '../core/sidecar';
import type { Rejection } from '../core/suggest/types';
import { LineIndex } from '../core/text/lineIndex';
import { normalizeText } from '../core/text/normalize';
import { CorpusWatcher } from './corpusWatcher';
import { EditorSync, type FollowedText } from './editorSync';
import { basename, CorpusFolder, DocumentFields, DocumentState, makeState, release, reside, sidecarUriOf } from './documentState';
import { readText, statFile } from './fileSystem';
import { ScanCacheStore } from './scanCacheStore';
import { SidecarReader } from './sidecarReader';
import type { Log, LogLevel } from './log';
import type { WriteOutcome } from './outcome';
import { UndoStacks } from './undoStack';
import { WriteQueue } from './writeQueue';
import { SidecarWrites } from './sidecarWrites';
import { findDocuments, matchesCorpusPatterns, readCorpusFolder } from './corpusFolders';
import { DocumentTexts } from './documentTexts';

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
  /** The sidecar write path (changes, undo and redo, rejections, our own writes). */
  private readonly writes: SidecarWrites;
  private readonly disposables: vscode.Disposable[] = [];
  /**
   * Serialises loads and writes per file (a document's key, corpus.yaml's URI): read-modify-write
   * must not interleave. The registry service's writes go through it too.
   */
  readonly writeQueue = new WriteQueue();
  private scanning: Promise<void> = Promise.resolve();
  /** Resolves once every corpus.yaml of the scan under way is read: until then no document can be told apart. */
  private foldersRead: Promise<void> = Promise.resolve();
  /** What the last scan did: documents taken from the scan cache, and the keys of those read from disk. */
  readonly lastScan = { fromCache: 0, read: new Set<string>() };
  /** Documents the running scan has already loaded (the open ones go first), so it does not load them twice. */
  private loadedThisScan = new Set<string>();
  private readonly progressChanged = new vscode.EventEmitter<void>();
  /** The scan's progress changed (see `progress`). */
  readonly onDidChangeProgress = this.progressChanged.event;
  /** The scan's progress: documents found (or known) and loaded, whether a scan runs, when the last one ended (epoch ms). */
  readonly progress: { documents: number; loaded: number; scanning: boolean; startedAt?: number; finishedAt?: number } = { documents: 0, loaded: 0, scanning: false };
  private foreground = 0;
  private readonly idleWaiters: (() => void)[] = [];
  /** Texts of closed documents read lately (see withText). */
  private readonly texts = new DocumentTexts();
  /** Edits made in editors, tracked exactly. */
  private readonly editorSync = new EditorSync((m, l) => this.log(m, l));
  private syncTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly cache: ScanCacheStore | undefined;
  /** Parses sidecars: large ones in a worker thread, off the extension host's. */
  readonly sidecars: SidecarReader;

  constructor(
    private readonly logger: Log,
    private readonly author: () => string,
    /** Where the scan cache is kept (the extension's workspace storage); none: no cache. */
    cacheDir?: vscode.Uri,
    /** The bundled sidecar worker (dist/workspace/sidecarWorker.js); none: every sidecar is parsed inline. */
    sidecarWorker?: string,
  ) {
    this.sidecars = new SidecarReader(sidecarWorker, (m, l) => this.log(m, l));
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
    this.disposables.push(this.sidecars);
    this.cache = cacheDir && new ScanCacheStore(cacheDir, (m: string, l?: LogLevel) => this.log(m, l));
    this.disposables.push(this.documentChanged, this.corpusChanged, this.progressChanged);
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

  get ready(): Promise<void> {
    return this.scanning;
  }

  /** Scans all workspace folders in the background, with progress in the status bar. */
  scan(): Promise<void> {
    let foldersRead!: () => void;
    this.foldersRead = new Promise<void>((resolve) => (foldersRead = resolve));
    this.scanning = this.scanning
      .then(() => this.doScan(foldersRead))
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

  private async doScan(foldersRead: () => void): Promise<void> {
    const started = Date.now();
    this.loadedThisScan = new Set();
    this.lastScan.fromCache = 0;
    this.lastScan.read.clear();
    this.progress.scanning = true;
    this.progress.startedAt = started;
    this.progressChanged.fire();
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const key of [...this.corpora.keys()]) if (!folders.some((f) => f.uri.toString() === key)) this.corpora.delete(key);
    const corpora: CorpusFolder[] = [];
    for (const folder of folders) corpora.push(await readCorpusFolder(this.corpora, folder));
    foldersRead();
    // The documents people are looking at come first, whatever the corpus's size.
    await Promise.all(vscode.workspace.textDocuments.map((d) => this.loadIfCorpusDocument(d.uri)));
    const found: { corpus: CorpusFolder; uris: vscode.Uri[] }[] = [];
    for (const corpus of corpora) found.push({ corpus, uris: await findDocuments(corpus) });
    this.progress.documents = found.reduce((n, f) => n + f.uris.length, 0);
    this.progress.loaded = this.loadedThisScan.size;
    this.progressChanged.fire();
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Corpus: reading documents' }, async (progress) => {
      for (const { corpus, uris } of found) {
        const keep = new Set(uris.map((u) => u.toString()));
        for (const key of [...corpus.documents.keys()]) if (!keep.has(key)) this.forget(corpus, key);
        const cached = await this.cache?.read(corpus);
        const batch = 16;
        for (let i = 0; i < uris.length; i += batch) {
          await this.idle();
          const loads = uris.slice(i, i + batch).map(async (uri) => {
            const key = uri.toString();
            if (this.loadedThisScan.has(key)) return;
            await this.enqueue(key, () => this.doLoad(corpus, uri, false, cached?.documents.get(key)));
          });
          await Promise.all(loads);
          this.progress.loaded = this.loadedThisScan.size;
          this.progressChanged.fire();
          progress.report({ message: `${this.progress.loaded.toLocaleString('en')}/${this.progress.documents.toLocaleString('en')}` });
        }
      }
    });
    this.log(`scan: ${this.progress.documents} documents in ${Date.now() - started} ms, ${this.lastScan.fromCache} from the scan cache, ${this.lastScan.read.size} read`);
    this.corpusChanged.fire();
    await this.cache?.save(this.corpora.values());
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
      if (!this.corpusOf(uri)) await this.foldersRead;
      return this.loadIfCorpusDocument(uri);
    });
  }

  private async loadIfCorpusDocument(uri: vscode.Uri): Promise<DocumentState | undefined> {
    const corpus = this.corpusOf(uri);
    if (!corpus || !this.isCorpusDocument(uri)) return undefined;
    return this.current(uri) ?? this.loadDocument(corpus, uri);
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
    void this.primeWriter(state);
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

  /** Loads a document (from the scan cache when its entry still holds); says where it came from. */
  private async doLoad(corpus: CorpusFolder, uri: vscode.Uri, notify: boolean, cached?: CachedDocument, retried = false): Promise<'cache' | 'read' | 'gone'> {
    const key = uri.toString();
    this.loadedThisScan.add(key);
    this.texts.forget(key);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    const openVersion = open?.version;
    const sidecarUri = sidecarUriOf(uri);
    const tracked = corpus.documents.get(key);
    if (open && tracked?.resident && this.editorSync.isTracking(key)) {
      // An open document whose edits are tracked, with the sidecar as we last wrote it: reading
      // it again would only trade exact positions for re-anchored ones.
      const sidecar = await readText(sidecarUri);
      if (sidecar !== undefined && tracked.hasSidecar && this.isOwnWrite(sidecarUri, sidecar)) {
        this.flushSync(key);
        if (normalizeText(open.getText()) === tracked.text) return 'read';
      }
    }
    let fields: Omit<DocumentFields, 'key' | 'uri' | 'sidecarUri' | 'corpus'>;
    let text: { text: string; lines: LineIndex } | undefined;
    let source: 'cache' | 'read' = 'read';
    // An editor's first edit is reported before the document says it is dirty: queued edits count.
    if (open && (open.isDirty || this.editorSync.hasPending(key))) {
      // Unsaved edits are the truth while they last (and are no file's state: no stamp). The
      // editor's text holds the queued edits: tracking starts again from it.
      this.editorSync.forget(key);
      const m = await this.readModel(corpus, uri, open.getText(), await readText(sidecarUri), true);
      ({ text, fields } = split(m, undefined));
    } else {
      // Stamps first: if a file changes while it is read, the next start sees a newer stamp and reads it again.
      const [textStat, sidecarStat] = await Promise.all([statFile(uri), statFile(sidecarUri)]);
      const sidecarText = sidecarStat ? await readText(sidecarUri) : undefined;
      const sidecar = sidecarStat && sidecarText !== undefined ? sidecarKey(sidecarStat, sidecarText) : undefined;
      const stamp: DocumentKey | undefined = textStat && { text: textStat, ...(sidecar ? { sidecar } : {}) };
      if (stamp && cached && !open && isFresh(cached.key, stamp.text, stamp.sidecar)) {
        // The entry's `key` is its files' stamp; the state's `key` is the document's URI.
        const { key: stampOf, ...entry } = cached;
        fields = { ...entry, reanchored: new Set(entry.reanchored), stamp: stampOf };
        source = 'cache';
      } else {
        const raw = textStat && (await readText(uri));
        if (raw === undefined) {
          this.log(`document gone: ${uri.path}`);
          this.forget(corpus, key);
          if (notify) this.corpusChanged.fire();
          return 'gone';
        }
        ({ text, fields } = split(await this.readModel(corpus, uri, raw, sidecarText, !!open), stamp));
      }
    }
    if (this.progress.scanning) {
      if (source === 'cache') this.lastScan.fromCache++;
      else this.lastScan.read.add(key);
    }
    // The editor changed the text while the files were read, and its edits are tracked: they are
    // newer than what was read.
    const edited = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    const editorText = edited && openVersion !== undefined && edited.version !== openVersion ? normalizeText(edited.getText()) : undefined;
    if (editorText !== undefined && text?.text !== editorText) {
      const current = corpus.documents.get(key);
      if (this.editorSync.isTracking(key) && current?.resident && current.text === editorText) return source;
      // What was read is older than the editor: read again (once), from the editor's text.
      if (!retried) return this.doLoad(corpus, uri, notify, cached, true);
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
      this.log(`loaded ${uri.path}: ${state.entities.length} entities, ${state.facts.length} facts, ${state.problems.length} problems`);
      if (!existing) this.corpusChanged.fire();
      this.documentChanged.fire(state);
    }
    return source;
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

  /** A document was opened in an editor: have its sidecar writer ready for the first change. */
  primeWriter(state: DocumentState): Promise<void> {
    return this.writes.primeWriter(state);
  }

  /** A document's editor closed: its writer's cache is no longer worth its memory. */
  releaseWriter(key: string): void {
    this.writes.releaseWriter(key);
  }

  private enqueue<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.writeQueue.run(key, work);
  }

  private async readModel(corpus: CorpusFolder, uri: vscode.Uri, rawText: string, sidecarText: string | undefined, isOpen: boolean): Promise<DocumentModel> {
    const doc = prepareDocument(basename(uri), rawText, sidecarText, this.knownTypes(corpus));
    this.writes.writers.delete(uri.toString());
    if (!doc.sidecar || sidecarText === undefined) return assembleDocumentModel(doc, undefined);
    // A large sidecar is parsed in the worker (the result comes back as plain data, so no writer is
    // primed with it: its first change parses again, and is refused if the file is unparseable).
    if (sidecarText.length >= this.sidecars.threshold) return assembleDocumentModel(doc, await this.sidecars.read(sidecarText, doc.sidecar.options));
    // A document open in an editor is where changes happen: parse its sidecar through a writer
    // it keeps, so the first change needs no second parse. Closed documents keep no writer (at
    // 10,000 documents that cache would hold hundreds of megabytes).
    const writer = isOpen ? new SidecarWriter() : undefined;
    if (writer) this.writes.writers.set(uri.toString(), writer);
    return assembleDocumentModel(doc, readSidecarText(sidecarText, { ...doc.sidecar.options, documentIndex: doc.lines.cp }, writer));
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

  /**
   * An edit in a corpus document's editor. The editor already moves decorations with the text, so
   * the model follows at a pause (a burst of keystrokes is one update); anything that reads
   * positions calls `flushSync` (or `current`) first. See EditorSync.
   */
  queueEdit(state: DocumentState, e: vscode.TextDocumentChangeEvent): void {
    this.editorSync.queueEdit(state.key, e);
    this.scheduleSync();
  }

  /** The cursors moved in a corpus document's editor (ends retyping of an annotation left behind). */
  queueCursors(state: DocumentState, editor: vscode.TextEditor): void {
    this.editorSync.queueCursors(state.key, editor);
  }

  /** A corpus document's editor model was closed: edit tracking for it ends. */
  editorClosed(state: DocumentState): void {
    this.editorSync.closed(state.key);
  }

  private scheduleSync(): void {
    clearTimeout(this.syncTimer);
    this.syncTimer = setTimeout(() => this.flushSync(), 60);
  }

  /** Applies pending editor events to the model now: for one document, or all; `saving` when the document was just saved. */
  flushSync(key?: string, saving = false): void {
    for (const k of this.editorSync.pendingKeys()) {
      if (key !== undefined && k !== key) continue;
      const state = this.documentByKey(k);
      let next: FollowedText | 'reload' | undefined;
      try {
        next = this.editorSync.flush(k, state, saving);
      } catch (e) {
        this.log(`following the editor failed for ${k}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, 'error');
      }
      if (!next || !state) continue;
      if (next === 'reload') {
        void this.loadDocument(state.corpus, state.uri);
        continue;
      }
      if (next.text !== state.text) {
        const lines = new LineIndex(next.text);
        reside(state, next.text, lines);
        state.length = lines.cp.length;
      }
      state.entities = next.entities;
      state.facts = next.facts;
      state.reanchored = next.reanchored;
      // The state now follows the editor, not the files: the scan cache leaves it out.
      state.stamp = undefined;
      this.indexDocument(state);
      this.documentChanged.fire(state);
    }
  }

  /** After a save: write what re-anchoring changed, so the sidecar matches the saved text. */
  persistReanchoring(state: DocumentState): Promise<WriteOutcome> {
    return this.writes.persistReanchoring(state);
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
  async inForeground<T>(work: () => Promise<T>): Promise<T> {
    this.foreground++;
    try {
      return await work();
    } finally {
      if (--this.foreground === 0) for (const resume of this.idleWaiters.splice(0)) resume();
    }
  }

  /** Resolves when no foreground work runs: background work awaits it between its steps. */
  idle(): Promise<void> {
    return this.foreground === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Adds a rejected suggestion to the document's sidecar (see SidecarWrites.reject). */
  reject(state: DocumentState, rejection: Rejection): Promise<WriteOutcome> {
    return this.writes.reject(state, rejection);
  }

  /** Our own writes are not external changes: the watcher skips a file whose text we just wrote. */
  rememberOwnWrite(uri: vscode.Uri, text: string): void {
    this.writes.rememberOwnWrite(uri, text);
  }

  /** Whether `text` is what we last wrote to the file. */
  isOwnWrite(uri: vscode.Uri, text: string): boolean {
    return this.writes.isOwnWrite(uri, text);
  }

  forgetOwnWrite(uri: vscode.Uri): void {
    this.writes.forgetOwnWrite(uri);
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
    clearTimeout(this.syncTimer);
    for (const d of this.disposables) d.dispose();
  }
}


/** A model read from the files: its text (to hold while open) and the fields every state keeps. */
function split(m: DocumentModel, stamp: DocumentKey | undefined): { text: { text: string; lines: LineIndex }; fields: Omit<DocumentFields, 'key' | 'uri' | 'sidecarUri' | 'corpus'> } {
  const { text, lines, ...rest } = m;
  return { text: { text, lines }, fields: { ...rest, length: lines.cp.length, stamp } };
}

function isOpen(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
}
