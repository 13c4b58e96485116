import type * as vscode from 'vscode';
import type { AgreementApi } from './features/agreement';
import type { EntitySuggestion } from './core/suggest';
import type { ReviewState } from './features/suggestions/review';
import type { SearchService } from './features/search/searchService';
import type { CorpusViews } from './features/views';
import type { CorpusService } from './workspace/corpusService';
import type { DocumentState } from './workspace/documentState';

/** What `activate()` returns: integration tests and other extensions reach the extension's state here. */
export interface CorpusAnnotatorApi {
  /** Resolves when the first scan of the workspace's corpora has finished. */
  ready: Promise<void>;
  /** URIs of the corpus documents, sorted by path. */
  documents(): vscode.Uri[];
  /** A corpus document as the extension holds it: text, info, annotations, sidecar problems. */
  document(uri: vscode.Uri): DocumentState | undefined;
  /** Diagnostics the extension published for a sidecar or document. */
  diagnostics(uri: vscode.Uri): readonly vscode.Diagnostic[];
  /** The decoration type key used for an entity type (its CSS class in the rendered editor). */
  decorationKey(typeId: string): string | undefined;
  /** The options an entity type's decoration was created with: colours, and its inline label when `highlight.inlineLabels` is on. */
  decorationOptions(typeId: string): vscode.DecorationRenderOptions | undefined;
  /** Suggestions last drawn in a document. */
  suggestions(uri: vscode.Uri): EntitySuggestion[];
  /** Where Review Suggestions is (undefined when not reviewing). */
  reviewState?(): ReviewState | undefined;
  /** Suggestions left per document key, from pre-annotation or the documents' last full computation. */
  suggestionCounts?(): Map<string, number>;
  /** The status bar text for the active editor. */
  statusText(): string;
  /** The language a person chose for a corpus document instead of Corpus Text (kept across reopen and reload). */
  chosenLanguage(uri: vscode.Uri): string | undefined;
  /** The status bar item's hover as Markdown: the counts and the legend of types (colour, key, count). */
  statusTooltip(): string;
  /** Times the status bar item was set (its text and hover sent to the workbench): only when they change. */
  statusSends(): number;
  /** Re-reads a document and its sidecar from disk. */
  reload(uri: vscode.Uri): Promise<void>;
  /** Redraws every visible editor now, without the debounce. */
  drawNow(): void;
  /** The live corpus model. */
  service: CorpusService;
  /** The Corpus views' providers and tree views. */
  views: CorpusViews;
  /** The fact index behind Search Facts. */
  search: SearchService;
  /** The Search Facts quick pick while it is open (its value, prompt and items), else undefined. */
  searchBox(): vscode.QuickPick<vscode.QuickPickItem> | undefined;
  /** Presses the Search Facts box's help button (a quick pick's button cannot be pressed through VS Code's API). */
  pressSearchHelp(): void;
  /** The Link Entity picker while it is open (its rows in order and the default one), else undefined. */
  linkPicker?(): vscode.QuickPick<vscode.QuickPickItem & { entity?: { id: string }; create?: boolean }> | undefined;
  /** How long `activate()` itself took, in milliseconds (the scan runs after, in the background). */
  activationMs: number;
  /** Milliseconds the extension's modules took to evaluate before `activate` ran (the bundle's own start; VS Code's reading and compiling of the file not included). */
  loadMs: number;
  /** The last comparison of two annotators, the Disagreements view and the report panel. */
  agreement: AgreementApi;
}
