import * as vscode from 'vscode';
import type { CorpusService } from '../../workspace/corpusService';

export const LANGUAGE_ID = 'corpus-text';

/** Where the languages people chose for corpus documents are remembered, across reloads. */
const CHOICES_KEY = 'corpusAnnotator.languageChoices';

/**
 * Opens corpus documents in the corpus-text language (its grammar marks dates, numbers and
 * quotations, and its editor defaults suit prose) every time they open: after they were closed
 * and reopened, and after a reload, not only once per session.
 *
 * The language cannot be contributed by file name because which files are corpus documents is
 * decided by corpus.yaml, so it is set as each document opens. A person who picks another
 * language for a document keeps it: VS Code reports a language change as a close immediately
 * followed, in the same tick, by an open of the same document, which is how a change is told
 * apart from a document being opened anew. Choices are kept in workspace state.
 */
export class LanguageMode implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** Documents closed in this tick: an open of one of them is a language change, not an open. */
  private readonly closing = new Set<string>();
  /** Documents this class is switching, so their change is not taken for a person's choice. */
  private readonly switching = new Set<string>();
  private readonly choices: Map<string, string>;

  constructor(
    private readonly service: CorpusService,
    private readonly state: vscode.Memento,
  ) {
    this.choices = new Map(Object.entries(state.get<Record<string, string>>(CHOICES_KEY, {})));
    this.disposables.push(
      vscode.workspace.onDidCloseTextDocument((d) => {
        const key = d.uri.toString();
        this.closing.add(key);
        queueMicrotask(() => this.closing.delete(key));
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.opened(d)),
      service.onDidChangeCorpus(() => vscode.workspace.textDocuments.forEach((d) => void this.apply(d))),
    );
    vscode.workspace.textDocuments.forEach((d) => void this.apply(d));
  }

  /** The language a person chose for a corpus document, if they chose one other than Corpus Text. */
  chosenLanguage(uri: vscode.Uri): string | undefined {
    return this.choices.get(uri.toString());
  }

  private opened(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (this.closing.has(key)) {
      this.closing.delete(key);
      if (!this.service.getDocument(document.uri)) return;
      // A language change: a person's (or another extension's) to keep. Ours is always to
      // Corpus Text, which only clears a choice, so it needs no telling apart.
      if (document.languageId === LANGUAGE_ID) this.choices.delete(key);
      else this.choices.set(key, document.languageId);
      void this.state.update(CHOICES_KEY, Object.fromEntries(this.choices));
      return;
    }
    void this.apply(document);
  }

  private async apply(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    if (document.languageId !== 'plaintext' || this.choices.has(key) || this.switching.has(key)) return;
    if (!this.service.getDocument(document.uri)) return;
    this.switching.add(key);
    try {
      await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
    } catch {
      // The document was closed meanwhile; it is switched when it opens again.
    } finally {
      this.switching.delete(key);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
