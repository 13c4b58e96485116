import * as vscode from 'vscode';
import type { CorpusService } from '../../workspace/corpusService';

export const LANGUAGE_ID = 'corpus-text';

/**
 * Opens corpus documents in the corpus-text language (its grammar marks dates, numbers and
 * quotations). Only plain-text documents are switched, and each only once per session, so a
 * person who switches a document to another language keeps their choice.
 */
export class LanguageMode implements vscode.Disposable {
  private readonly switched = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly service: CorpusService) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => void this.apply(d)),
      service.onDidChangeCorpus(() => vscode.workspace.textDocuments.forEach((d) => void this.apply(d))),
    );
  }

  private async apply(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    if (document.languageId !== 'plaintext' || this.switched.has(key) || !this.service.getDocument(document.uri)) return;
    this.switched.add(key);
    await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID).then(undefined, () => undefined);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
