import * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from './api';
import { DocumentsView } from './views/documentsView';
import { findCorpusDocuments } from './workspace/corpusFiles';

export function activate(context: vscode.ExtensionContext): CorpusAnnotatorApi {
  let documents: vscode.Uri[] = [];
  const view = new DocumentsView(() => documents);
  context.subscriptions.push(view, vscode.window.createTreeView('corpusAnnotator.documents', { treeDataProvider: view, showCollapseAll: true }));

  const scan = async () => {
    documents = await findCorpusDocuments();
    view.refresh();
  };
  const ready = scan();
  context.subscriptions.push(vscode.commands.registerCommand('corpusAnnotator.refresh', scan));

  return { ready, documents: () => documents };
}

export function deactivate(): void {}
