import * as vscode from 'vscode';
import { inverseOf } from '../core/annotations/inverse';
import { reanchor } from '../core/anchoring';
import { parseCorpusConfig } from '../core/corpus/config';
import { CorpusIndex } from '../core/corpus/corpusIndex';
import { changedAnchors, readDocumentModel, reanchorChanges } from '../core/corpus/documentModel';
import { matchesAny } from '../core/corpus/glob';
import { addRejection, hashText, parseSidecar, readRejections, SidecarChange, SidecarWriter } from '../core/sidecar';
import type { Rejection } from '../core/suggest/types';
import { LineIndex } from '../core/text/lineIndex';
import { normalizeText } from '../core/text/normalize';
import { CorpusWatcher } from './corpusWatcher';
import { basename, CONFIG_FILE, CorpusFolder, DocumentState, SIDECAR_SUFFIX, sidecarUriOf } from './documentState';
import { readText, writeTextAtomic } from './fileSystem';
import type { Log, LogLevel } from './log';
import { refused, refusedBy, WriteOutcome } from './outcome';
import { UndoStacks } from './undoStack';
import { WriteQueue } from './writeQueue';

const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.vscode-test/**}';

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
  private readonly writers = new Map<string, SidecarWriter>();
  /** Text we last wrote to each sidecar, so our own writes do not trigger a reload. */
  private readonly ownWrites = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [];
  /**
   * Serialises loads and writes per file (a document's key, corpus.yaml's URI): read-modify-write
   * must not interleave. The registry service's writes go through it too.
   */
  readonly writeQueue = new WriteQueue();
  private scanning: Promise<void> = Promise.resolve();
  private readonly pendingSync = new Map<string, vscode.TextDocument>();
  private syncTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly logger: Log,
    private readonly author: () => string,
  ) {
    this.disposables.push(this.documentChanged, this.corpusChanged);
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

  /** Scans all workspace folders in the background, with progress; large corpora can be cancelled. */
  scan(): Promise<void> {
    this.scanning = this.scanning.then(() => this.doScan()).catch((e: unknown) => {
      void vscode.window.showErrorMessage(`Corpus Annotator: scanning the corpus failed: ${e instanceof Error ? e.message : String(e)}`);
    });
    return this.scanning;
  }

  private async doScan(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const key of [...this.corpora.keys()]) if (!folders.some((f) => f.uri.toString() === key)) this.corpora.delete(key);
    const found: { corpus: CorpusFolder; uris: vscode.Uri[] }[] = [];
    for (const folder of folders) {
      const corpus = await this.loadCorpusFolder(folder);
      const uris = await this.findDocuments(corpus);
      found.push({ corpus, uris });
    }
    const total = found.reduce((n, f) => n + f.uris.length, 0);
    await vscode.window.withProgress(
      {
        location: total > 200 ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
        title: `Corpus Annotator: reading ${total} documents`,
        cancellable: total > 200,
      },
      async (progress, token) => {
        let done = 0;
        for (const { corpus, uris } of found) {
          const keep = new Set(uris.map((u) => u.toString()));
          for (const key of [...corpus.documents.keys()]) if (!keep.has(key)) this.forget(corpus, key);
          const batch = 16;
          for (let i = 0; i < uris.length && !token.isCancellationRequested; i += batch) {
            await Promise.all(uris.slice(i, i + batch).map((u) => this.loadDocument(corpus, u, false)));
            done += Math.min(batch, uris.length - i);
            progress.report({ increment: (100 * Math.min(batch, uris.length - i)) / Math.max(1, total), message: `${done}/${total}` });
          }
        }
      },
    );
    this.corpusChanged.fire();
  }

  private async loadCorpusFolder(folder: vscode.WorkspaceFolder): Promise<CorpusFolder> {
    const configUri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
    const parsed = parseCorpusConfig(await readText(configUri));
    let corpus = this.corpora.get(folder.uri.toString());
    if (!corpus) {
      corpus = { folder, configUri, config: parsed.value, configProblems: parsed.problems, configWritable: parsed.writable, index: new CorpusIndex(), documents: new Map() };
      this.corpora.set(folder.uri.toString(), corpus);
    } else {
      corpus.config = parsed.value;
      corpus.configProblems = parsed.problems;
      corpus.configWritable = parsed.writable;
    }
    corpus.index.setRegistry(corpus.config.entities);
    return corpus;
  }

  private async findDocuments(corpus: CorpusFolder): Promise<vscode.Uri[]> {
    const seen = new Map<string, vscode.Uri>();
    const exclude = corpus.config.exclude.length ? `{${[EXCLUDE.slice(1, -1), ...corpus.config.exclude].join(',')}}` : EXCLUDE;
    for (const glob of corpus.config.documents) {
      for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(corpus.folder, glob), exclude)) {
        if (!uri.path.endsWith(SIDECAR_SUFFIX) && basename(uri) !== CONFIG_FILE) seen.set(uri.toString(), uri);
      }
    }
    return [...seen.values()].sort((a, b) => a.path.localeCompare(b.path));
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
    return this.getDocument(uri);
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
    if (!corpus || uri.path.endsWith(SIDECAR_SUFFIX)) return false;
    const root = corpus.folder.uri.path.replace(/\/$/, '') + '/';
    if (!uri.path.startsWith(root)) return false;
    const rel = uri.path.slice(root.length);
    return matchesAny(rel, corpus.config.documents) && !matchesAny(rel, corpus.config.exclude) && !/(^|\/)(node_modules|\.git)\//.test(rel);
  }

  /**
   * Reads a document and its sidecar from disk (or the open editor's text) and re-anchors. Loads
   * and writes of one document are serialised, and the state object is updated in place, so a
   * command holding it never acts on a stale copy.
   */
  loadDocument(corpus: CorpusFolder, uri: vscode.Uri, notify = true): Promise<DocumentState | undefined> {
    return this.enqueue(uri.toString(), () => this.doLoad(corpus, uri, notify));
  }

  private async doLoad(corpus: CorpusFolder, uri: vscode.Uri, notify: boolean): Promise<DocumentState | undefined> {
    // Unsaved edits are the truth while they last; otherwise the file is (an open but clean
    // document may not have caught up with a change on disk yet).
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.isDirty);
    const raw = open ? open.getText() : await readText(uri);
    if (raw === undefined) {
      this.log(`document gone: ${uri.path}`);
      this.forget(corpus, uri.toString());
      if (notify) this.corpusChanged.fire();
      return undefined;
    }
    const sidecarUri = sidecarUriOf(uri);
    const sidecarText = await readText(sidecarUri);
    const fresh = this.stateFrom(corpus, uri, sidecarUri, raw, sidecarText);
    const existing = corpus.documents.get(fresh.key);
    const state = existing ? Object.assign(existing, fresh) : fresh;
    corpus.documents.set(state.key, state);
    this.indexDocument(state);
    this.annotationsVersion++;
    if (notify) {
      this.log(`loaded ${uri.path}: ${state.entities.length} entities, ${state.facts.length} facts, ${state.problems.length} problems`);
      if (!existing) this.corpusChanged.fire();
      this.documentChanged.fire(state);
    }
    return state;
  }

  /** A document was opened in an editor: have its sidecar writer ready for the first change. */
  primeWriter(state: DocumentState): Promise<void> {
    return this.enqueue(state.key, async () => {
      if (this.writers.has(state.key) || !state.hasSidecar) return;
      const text = await readText(state.sidecarUri);
      if (text === undefined) return;
      const writer = new SidecarWriter();
      writer.parse(text, { knownTypes: this.knownTypes(state.corpus) });
      this.writers.set(state.key, writer);
    });
  }

  /** A document's editor closed: its writer's cache is no longer worth its memory. */
  releaseWriter(key: string): void {
    this.writers.delete(key);
  }

  private enqueue<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.writeQueue.run(key, work);
  }

  private stateFrom(corpus: CorpusFolder, uri: vscode.Uri, sidecarUri: vscode.Uri, rawText: string, sidecarText: string | undefined): DocumentState {
    // A document open in an editor is where changes happen: parse its sidecar through a writer
    // it keeps, so the first change needs no second parse. Closed documents keep no writer (at
    // 10,000 documents that cache would hold hundreds of megabytes).
    const isOpen = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    const writer = isOpen ? new SidecarWriter() : undefined;
    if (writer) this.writers.set(uri.toString(), writer);
    else this.writers.delete(uri.toString());
    const m = readDocumentModel(basename(uri), rawText, sidecarText, this.knownTypes(corpus), writer);
    return { ...m, key: uri.toString(), uri, sidecarUri, corpus, lines: new LineIndex(m.text) };
  }

  private indexDocument(state: DocumentState): void {
    const moved = [...state.entities, ...state.facts].filter((a) => a.status === 'moved').length;
    const orphaned = [...state.entities, ...state.facts].filter((a) => a.status === 'orphaned').length;
    state.corpus.index.setDocument(state.key, state.info, state.entities, { problems: state.problems.length, moved, orphaned });
  }

  private forget(corpus: CorpusFolder, key: string): void {
    if (!corpus.documents.delete(key)) return;
    corpus.index.removeDocument(key);
    this.writers.delete(key);
  }

  /**
   * Typing: the editor already moves decorations with the text, so re-anchoring the model can wait
   * for a pause (a burst of keystrokes costs one re-anchoring). Anything that reads positions
   * calls `flushSync` first.
   */
  requestSync(state: DocumentState, document: vscode.TextDocument): void {
    this.pendingSync.set(state.key, document);
    clearTimeout(this.syncTimer);
    this.syncTimer = setTimeout(() => this.flushSync(), 60);
  }

  /** Applies pending editor text to the model now: for one document, or all. */
  flushSync(key?: string): void {
    for (const [k, document] of [...this.pendingSync]) {
      if (key !== undefined && k !== key) continue;
      this.pendingSync.delete(k);
      const state = this.getDocument(document.uri);
      if (state) this.syncToText(state, document.getText());
    }
  }

  /**
   * Re-anchors a document's annotations to the editor's current text, in memory: highlights move
   * with the text at once, and the sidecar follows when the document is saved.
   */
  syncToText(state: DocumentState, rawText: string): void {
    const text = normalizeText(rawText);
    if (text === state.text) return;
    const oldText = state.text;
    const e = reanchor(text, state.entities, { oldText });
    const f = reanchor(text, state.facts, { oldText });
    changedAnchors(state.entities, e.annotations, state.reanchored);
    changedAnchors(state.facts, f.annotations, state.reanchored);
    state.text = text;
    state.lines = new LineIndex(text);
    state.entities = e.annotations;
    state.facts = f.annotations;
    this.indexDocument(state);
    this.documentChanged.fire(state);
  }

  /** After a save: write what re-anchoring changed, so the sidecar matches the saved text. */
  async persistReanchoring(state: DocumentState): Promise<WriteOutcome> {
    if (state.reanchored.size === 0 || !state.hasSidecar) return { ok: true };
    return this.write(state, []);
  }

  /**
   * Applies a user's change to a document's annotations: read-modify-write against the sidecar as
   * it is on disk now, written atomically, recorded for undo. Refused when the sidecar is unparseable.
   */
  async change(state: DocumentState, label: string, changes: SidecarChange[]): Promise<WriteOutcome> {
    const inverse = inverseOf(state.entities, state.facts, changes);
    const outcome = await this.write(state, changes);
    if (outcome.ok && changes.length) this.undoStacks.record(state.key, { label, forward: changes, inverse });
    return outcome;
  }

  async undo(state: DocumentState): Promise<WriteOutcome<{ label: string }>> {
    const entry = this.undoStacks.popUndo(state.key);
    if (!entry) return refused('nothing-to-do', undefined, 'Nothing to undo in this document.');
    const outcome = await this.write(state, entry.inverse);
    if (outcome.ok) this.undoStacks.pushRedo(state.key, entry);
    else this.undoStacks.pushUndo(state.key, entry);
    return outcome.ok ? { ...outcome, label: entry.label } : outcome;
  }

  async redo(state: DocumentState): Promise<WriteOutcome<{ label: string }>> {
    const entry = this.undoStacks.popRedo(state.key);
    if (!entry) return refused('nothing-to-do', undefined, 'Nothing to redo in this document.');
    const outcome = await this.write(state, entry.forward);
    if (outcome.ok) this.undoStacks.pushUndo(state.key, entry);
    else this.undoStacks.pushRedo(state.key, entry);
    return outcome.ok ? { ...outcome, label: entry.label } : outcome;
  }

  private write(state: DocumentState, changes: SidecarChange[]): Promise<WriteOutcome> {
    return this.enqueue(state.key, () => this.doWrite(state, changes));
  }

  private async doWrite(state: DocumentState, changes: SidecarChange[]): Promise<WriteOutcome> {
    const diskText = await readText(state.sidecarUri);
    const reanchored = reanchorChanges(state);
    let writer = this.writers.get(state.key);
    if (!writer) {
      writer = new SidecarWriter();
      this.writers.set(state.key, writer);
    }
    const textHash = hashText(state.text);
    const result = writer.apply(diskText, [...reanchored, ...changes, { kind: 'header', textHash }], { documentName: basename(state.uri), textHash });
    if (!result.ok) {
      this.log(`write refused for ${state.sidecarUri.path}: ${result.problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`).join('; ')}`, 'warn');
      // The state says whether the sidecar could be parsed when it was read: if it could, it changed on disk since.
      return refusedBy(state.sidecarUri, result.problems, state.writable && state.hasSidecar);
    }
    try {
      await writeTextAtomic(state.sidecarUri, result.text);
    } catch (e) {
      this.writers.delete(state.key);
      return refused('io-error', state.sidecarUri, e instanceof Error ? e.message : String(e));
    }
    this.ownWrites.set(state.sidecarUri.toString(), result.text);
    this.log(`wrote ${state.sidecarUri.path}: ${changes.length} change(s), ${reanchored.length} re-anchored`);
    state.hasSidecar = true;
    state.writable = true;
    state.reanchored.clear();
    // The written data may hold entries someone else added on disk meanwhile: re-anchor them too.
    state.entities = reanchor(state.text, result.data.entities).annotations;
    state.facts = reanchor(state.text, result.data.facts).annotations;
    // Problems the parser found in hand-written entries stay until the next full read.
    const ids = new Set([...state.entities, ...state.facts].map((a) => a.id));
    state.problems = state.problems.filter((p) => !p.annotationId || ids.has(p.annotationId));
    this.indexDocument(state);
    this.annotationsVersion++;
    this.documentChanged.fire(state);
    return { ok: true };
  }

  /**
   * Adds a rejected suggestion to the document's sidecar (`rejections`, created with the sidecar if
   * there is none), through the same per-file queue as every other write. A sidecar that cannot be
   * parsed is never rewritten.
   */
  reject(state: DocumentState, rejection: Rejection): Promise<WriteOutcome> {
    return this.enqueue(state.key, async () => {
      let diskText = await readText(state.sidecarUri);
      if (diskText === undefined) {
        const created = new SidecarWriter().apply(undefined, [{ kind: 'header', textHash: hashText(state.text) }], { documentName: basename(state.uri), textHash: hashText(state.text) });
        if (!created.ok) return refusedBy(state.sidecarUri, created.problems);
        diskText = created.text;
      } else if (!parseSidecar(diskText).writable) return refusedBy(state.sidecarUri, parseSidecar(diskText).problems, state.writable && state.hasSidecar);
      const next = addRejection(diskText, rejection);
      if (next === undefined) return refused('unparseable', state.sidecarUri, '"rejections" is not a list');
      if (next !== diskText) {
        try {
          await writeTextAtomic(state.sidecarUri, next);
        } catch (e) {
          return refused('io-error', state.sidecarUri, e instanceof Error ? e.message : String(e));
        }
        this.ownWrites.set(state.sidecarUri.toString(), next);
        this.writers.delete(state.key);
        this.log(`wrote ${state.sidecarUri.path}: rejected "${rejection.text}" as ${rejection.type}`);
      }
      state.hasSidecar = true;
      state.rejections = readRejections(next).value;
      this.annotationsVersion++;
      this.documentChanged.fire(state);
      return { ok: true };
    });
  }

  /** Our own writes are not external changes: the watcher skips a file whose text we just wrote. */
  rememberOwnWrite(uri: vscode.Uri, text: string): void {
    this.ownWrites.set(uri.toString(), text);
  }

  /** Whether `text` is what we last wrote to the file. */
  isOwnWrite(uri: vscode.Uri, text: string): boolean {
    return text === this.ownWrites.get(uri.toString());
  }

  forgetOwnWrite(uri: vscode.Uri): void {
    this.ownWrites.delete(uri.toString());
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

