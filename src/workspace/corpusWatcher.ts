import * as vscode from 'vscode';
import type { CorpusService } from './corpusService';
import { basename, CONFIG_FILE, SIDECAR_SUFFIX } from './documentState';
import { normalizeText } from '../core/text/normalize';
import { readText } from './fileSystem';

/**
 * Keeps the corpus service in step with the world: files on disk (documents, sidecars,
 * corpus.yaml; reloads only what changed, debounced) and the editors of corpus documents
 * (annotations follow edits exactly while typing; the sidecar follows on save; a document closed
 * without saving is read from disk again).
 */
export class CorpusWatcher implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pendingReloads = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly service: CorpusService) {
    this.watchEditors();
    this.watchFiles();
  }

  private watchEditors(): void {
    const service = this.service;
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        const state = service.getDocument(e.document.uri);
        if (state && e.contentChanges.length) service.queueEdit(state, e);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        const state = service.getDocument(e.textEditor.document.uri);
        if (state) service.queueCursors(state, e.textEditor);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        const state = service.getDocument(d.uri);
        if (!state) return;
        service.log(`saved ${d.uri.path}`);
        service.flushSync(state.key, true);
        void service.writes.persistReanchoring(state).then((o) => {
          if (!o.ok) void vscode.window.showWarningMessage(`Corpus Annotator: ${o.message}`);
        });
      }),
      vscode.workspace.onDidOpenTextDocument((d) => service.opened(d)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        // Closed without saving: the file on disk is the truth again.
        const state = service.getDocument(d.uri);
        if (!state) return;
        service.writes.releaseWriter(state.key);
        service.editorClosed(state);
        void service.loadDocument(state.corpus, d.uri);
      }),
    );
  }

  private watchFiles(): void {
    const onFile = (uri: vscode.Uri) => {
      const key = uri.toString();
      clearTimeout(this.pendingReloads.get(key));
      this.pendingReloads.set(
        key,
        setTimeout(() => {
          this.pendingReloads.delete(key);
          void this.onFileChanged(uri);
        }, 150),
      );
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(watcher, watcher.onDidChange(onFile), watcher.onDidCreate(onFile), watcher.onDidDelete(onFile));
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.service.scan()),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.uri.path.endsWith(SIDECAR_SUFFIX) || basename(d.uri) === CONFIG_FILE) onFile(d.uri);
      }),
    );
  }

  private async onFileChanged(uri: vscode.Uri): Promise<void> {
    const service = this.service;
    if (uri.path.endsWith('.tmp')) return;
    service.log(`changed on disk: ${uri.path}`);
    const corpus = service.corpusOf(uri);
    if (!corpus) return;
    if (basename(uri) === CONFIG_FILE && uri.path === corpus.configUri.path) {
      const current = await readText(uri);
      if (current !== undefined && service.writes.isOwnWrite(uri, current)) return;
      await service.scan();
      return;
    }
    if (uri.path.endsWith(SIDECAR_SUFFIX)) {
      const docUri = uri.with({ path: uri.path.slice(0, -SIDECAR_SUFFIX.length) });
      const current = await readText(uri);
      if (current !== undefined && service.writes.isOwnWrite(uri, current)) return;
      service.writes.forgetOwnWrite(uri);
      if (corpus.documents.has(docUri.toString())) await service.loadDocument(corpus, docUri);
      return;
    }
    const key = uri.toString();
    if (corpus.documents.has(key)) {
      // An open editor's text is the truth while it is open; the file changed under it only.
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (open?.isDirty) return;
      // A save writes the editor's text: nothing to read again (and the edit tracking's history stays).
      const disk = open && (await readText(uri));
      if (open && disk !== undefined && normalizeText(disk) === normalizeText(open.getText())) return;
      await service.loadDocument(corpus, uri);
    } else if (service.isCorpusDocument(uri)) {
      await service.loadDocument(corpus, uri);
    }
  }

  dispose(): void {
    for (const t of this.pendingReloads.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
