import * as vscode from 'vscode';
import type { FeatureContext } from '../context';
import { registerCommand } from '../commands';
import { SearchResultsView } from './resultsView';
import { revealSpan, searchEntities, searchFacts, type OpenSearchBoxes } from './searchCommands';
import { indexStatus } from './indexStatus';
import { SearchService } from './searchService';

/** The worker that holds the fact index, bundled beside the extension (see esbuild.js). */
export const WORKER_SCRIPT = ['dist', 'features', 'search', 'searchWorker.js'];

/** Fuzzy search over the corpus's sentences, recorded facts and entities; the Search Results view. */
export function register(ctx: FeatureContext): void {
  const search = new SearchService(ctx.corpus, vscode.Uri.joinPath(ctx.extension.extensionUri, ...WORKER_SCRIPT).fsPath, ctx.extension.storageUri);
  const results = new SearchResultsView();
  const resultsView = vscode.window.createTreeView('corpusAnnotator.searchResults', { treeDataProvider: results });
  results.attach(resultsView);
  ctx.extension.subscriptions.push(search, results, resultsView);
  const open: OpenSearchBoxes = {};
  registerCommand(ctx, 'searchFacts', (query?: string) => searchFacts(ctx, search, results, typeof query === 'string' ? query : undefined, open));
  registerCommand(ctx, 'searchEntities', (query?: string) => searchEntities(ctx, search, typeof query === 'string' ? query : undefined));
  registerCommand(ctx, 'openSearchResult', async (uri: string, start: number, end: number) => revealSpan(ctx, vscode.Uri.parse(uri), start, end, { preview: false, flashIt: true }));
  registerCommand(ctx, 'clearSearchResults', async () => results.clear());
  registerCommand(ctx, 'indexStatus', async () => indexStatus(ctx.corpus, search));
  // The first build follows the scan from the start, off activation's own time.
  const timer = setTimeout(() => search.start(), 0);
  ctx.extension.subscriptions.push({ dispose: () => clearTimeout(timer) });
  ctx.expose({ search, searchBox: () => open.facts, pressSearchHelp: () => open.toggleHelp?.() });
}
