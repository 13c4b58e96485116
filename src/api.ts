import type * as vscode from 'vscode';

/** What `activate()` returns: integration tests and other extensions reach the extension's state here. */
export interface CorpusAnnotatorApi {
  /** Resolves when the first scan of the workspace's corpora has finished. */
  ready: Promise<void>;
  /** URIs of the corpus documents, sorted by path. */
  documents(): vscode.Uri[];
}
