import * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from './api';
import { addNote, changeType, gotoAnnotation, linkEntity, removeAnnotation, undoRedo } from './commands/annotationCommands';
import { annotationsAt, CommandContext, registerCommand } from './commands/context';
import { createCorpusConfig } from './commands/createConfig';
import { recordFact, revealSpan, searchEntities, searchFacts } from './commands/searchCommands';
import { tagAllOccurrences, tagEntity } from './commands/tagging';
import { findSuggestions, suggestionSources } from './core/corpus/suggestions';
import { Highlighter } from './decorations/highlighter';
import { SuggestionActions } from './editor/codeActions';
import { Diagnostics } from './editor/diagnostics';
import { AnnotationHover } from './editor/hover';
import { LanguageMode } from './editor/languageMode';
import { AnnotationStatus } from './editor/statusBar';
import { readSettings, SECTION } from './settings';
import { CorpusService, DocumentState } from './workspace/corpusService';
import { SearchService } from './search/searchService';
import { SearchResultsView } from './views/searchResultsView';
import { registerViews } from './views/viewCommands';
import { RegistryService } from './workspace/registryService';

const IGNORED_KEY = 'corpusAnnotator.ignoredSuggestions';

export function activate(context: vscode.ExtensionContext): CorpusAnnotatorApi {
  let settings = readSettings();
  const service = new CorpusService(() => settings.author);
  const registry = new RegistryService(service);
  const ctx: CommandContext = { service, extension: context };
  const push = (...d: vscode.Disposable[]) => context.subscriptions.push(...d);
  push(service);

  // Suggestions: sources are rebuilt only when the corpus's tagged texts or registry change.
  let ignoredVersion = 0;
  const sourceCache = new Map<string, { version: number; sources: ReturnType<typeof suggestionSources> }>();
  const ignored = () => new Set(context.workspaceState.get<string[]>(IGNORED_KEY, []));
  const suggest = (state: DocumentState, lines: { from: number; to: number }) => {
    const version = service.annotationsVersion + ignoredVersion;
    const key = state.corpus.folder.uri.toString();
    let cached = sourceCache.get(key);
    if (cached?.version !== version) {
      const tagged = [...state.corpus.documents.values()].flatMap((d) => d.entities.filter((a) => a.status !== 'orphaned'));
      cached = { version, sources: suggestionSources(tagged, state.corpus.config.entities) };
      sourceCache.set(key, cached);
    }
    const window = { start: state.lines.lineStart(lines.from), end: state.lines.lineStart(lines.to + 1) };
    return findSuggestions(state.text, cached.sources, state.entities, { ignored: ignored(), window, cps: state.lines.cp });
  };

  const highlighter = new Highlighter(service, settings, suggest);
  const diagnostics = new Diagnostics(service);
  const status = new AnnotationStatus(service);
  const languageMode = new LanguageMode(service);
  push(highlighter, diagnostics, status, languageMode);

  const views = registerViews(ctx, registry);

  const selector: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'vscode-remote' }, { scheme: 'untitled' }];
  push(
    vscode.languages.registerHoverProvider(selector, new AnnotationHover(service)),
    vscode.languages.registerCodeActionsProvider(selector, new SuggestionActions(service, suggest, () => settings), { providedCodeActionKinds: SuggestionActions.kinds }),
  );

  const register = <A extends unknown[], R>(id: string, body: (...args: A) => Promise<R>) => registerCommand(ctx, id, body);
  register('tagEntity', (args?: Parameters<typeof tagEntity>[1]) => tagEntity(ctx, args));
  register('tagAllOccurrences', (args?: Parameters<typeof tagAllOccurrences>[1]) => tagAllOccurrences(ctx, args));
  register('removeAnnotation', (args?: Parameters<typeof removeAnnotation>[1]) => removeAnnotation(ctx, args));
  register('changeType', (args?: Parameters<typeof changeType>[1]) => changeType(ctx, args));
  register('addNote', (args?: Parameters<typeof addNote>[1]) => addNote(ctx, args));
  register('linkEntity', (args?: Parameters<typeof linkEntity>[2]) => linkEntity(ctx, registry, args));
  register('nextAnnotation', () => gotoAnnotation(ctx, 1));
  register('previousAnnotation', () => gotoAnnotation(ctx, -1));
  register('undo', (args?: { uri?: string }) => undoRedo(ctx, 'undo', args));
  register('redo', (args?: { uri?: string }) => undoRedo(ctx, 'redo', args));
  register('ignoreSuggestion', async (text: string) => {
    await context.workspaceState.update(IGNORED_KEY, [...ignored(), text]);
    ignoredVersion++;
    highlighter.scheduleAll();
  });
  register('refresh', () => service.scan());

  const search = new SearchService(service, vscode.Uri.joinPath(context.extensionUri, 'dist', 'search', 'searchWorker.js').fsPath);
  const results = new SearchResultsView();
  const resultsView = vscode.window.createTreeView('corpusAnnotator.searchResults', { treeDataProvider: results });
  results.attach(resultsView);
  push(search, results, resultsView);
  register('searchFacts', (query?: string) => searchFacts(ctx, search, results, typeof query === 'string' ? query : undefined));
  register('searchEntities', (query?: string) => searchEntities(ctx, search, typeof query === 'string' ? query : undefined));
  register('recordFact', (args?: Parameters<typeof recordFact>[1]) => recordFact(ctx, args));
  register('openSearchResult', async (uri: string, start: number, end: number) => revealSpan(ctx, vscode.Uri.parse(uri), start, end, { preview: false, flashIt: true }));
  register('clearSearchResults', async () => results.clear());
  register('createCorpusConfig', () => createCorpusConfig());

  // Editor state the keybindings and menus' `when` clauses read.
  const updateContext = () => {
    const editor = vscode.window.activeTextEditor;
    const state = editor && service.getDocument(editor.document.uri);
    void vscode.commands.executeCommand('setContext', 'corpusAnnotator.isCorpusDocument', !!state);
    const on = !!state && annotationsAt(state, state.lines.offsetAt({ line: editor.selection.active.line, character: editor.selection.active.character })).length > 0;
    void vscode.commands.executeCommand('setContext', 'corpusAnnotator.onAnnotation', on);
  };
  push(
    vscode.window.onDidChangeActiveTextEditor(updateContext),
    vscode.window.onDidChangeTextEditorSelection(updateContext),
    service.onDidChangeCorpus(() => {
      void vscode.commands.executeCommand('setContext', 'corpusAnnotator.hasCorpus', [...service.corpora.values()].some((c) => c.documents.size > 0));
      updateContext();
    }),
  );

  // Highlights follow the text while typing; the sidecar follows on save.
  push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      const state = service.getDocument(e.document.uri);
      if (state && e.contentChanges.length) service.requestSync(state, e.document);
    }),
    vscode.workspace.onDidSaveTextDocument((d) => {
      const state = service.getDocument(d.uri);
      if (!state) return;
      service.log(`saved ${d.uri.path}`);
      service.syncToText(state, d.getText());
      void service.persistReanchoring(state).then((o) => {
        if (!o.ok) void vscode.window.showWarningMessage(`Corpus Annotator: ${o.message}`);
      });
    }),
    vscode.workspace.onDidOpenTextDocument((d) => {
      const state = service.getDocument(d.uri);
      if (state) void service.primeWriter(state);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      // Closed without saving: the file on disk is the truth again.
      const state = service.getDocument(d.uri);
      if (!state) return;
      service.releaseWriter(state.key);
      void service.loadDocument(state.corpus, d.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      settings = readSettings();
      highlighter.updateSettings(settings);
    }),
  );

  service.watch();
  const ready = service.scan().then(() => {
    updateContext();
    highlighter.scheduleAll();
  });

  return {
    ready,
    documents: () => service.allDocuments().map((d) => d.uri),
    document: (uri) => service.getDocument(uri),
    diagnostics: (uri) => diagnostics.get(uri),
    decorationKey: (typeId) => highlighter.decorationKeyOf(typeId),
    suggestions: (uri) => highlighter.suggestions.get(uri.toString()) ?? [],
    statusText: () => status.text,
    reload: async (uri) => {
      const state = service.getDocument(uri);
      if (state) await service.loadDocument(state.corpus, uri);
    },
    drawNow: () => {
      for (const e of vscode.window.visibleTextEditors) highlighter.draw(e);
    },
    service,
    views,
    search,
  };
}

export function deactivate(): void {}
