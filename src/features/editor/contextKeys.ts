import * as vscode from 'vscode';
import type { CorpusService } from '../../workspace/corpusService';
import { annotationsAt, cursorOffset } from '../../workspace/documentState';
import { setContext } from '../commands';

/** Keeps the editor's context keys (read by keybindings' and menus' `when` clauses) up to date. */
export function trackContextKeys(service: CorpusService, ready: Promise<void>): vscode.Disposable {
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const state = editor && service.current(editor.document.uri);
    setContext('isCorpusDocument', !!state);
    setContext('onAnnotation', !!state && annotationsAt(state, cursorOffset(editor, state)).length > 0);
  };
  void ready.then(update);
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.window.onDidChangeTextEditorSelection(update),
    service.onDidChangeCorpus(() => {
      setContext('hasCorpus', [...service.corpora.values()].some((c) => c.documents.size > 0));
      update();
    }),
  );
}
