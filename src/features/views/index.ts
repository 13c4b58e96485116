import * as vscode from 'vscode';
import { Cancelled, CannotAct } from '../../errors';
import { annotationsAt, offsetOf } from '../../workspace/documentState';
import { registerCommand, setContext } from '../commands';
import type { FeatureContext } from '../context';
import { CorpusTree, SortOrder } from './corpusTree';
import { registerEntityCommands } from './entityCommands';
import type { Node } from './nodes';

export interface CorpusViews {
  documents: CorpusTree;
  entities: CorpusTree;
  documentsView: vscode.TreeView<Node>;
  entitiesView: vscode.TreeView<Node>;
}

/** The Documents and Entities views: their title bar (filter, sort, refresh), items' commands, and following the cursor. */
export function register(ctx: FeatureContext): void {
  const { corpus: service, extension } = ctx;
  const documents = new CorpusTree('documents', service, ctx.suggestions);
  const entities = new CorpusTree('entities', service);
  const documentsView = vscode.window.createTreeView('corpusAnnotator.documents', { treeDataProvider: documents, showCollapseAll: true });
  const entitiesView = vscode.window.createTreeView('corpusAnnotator.entities', { treeDataProvider: entities, showCollapseAll: true });
  const push = (...d: vscode.Disposable[]) => extension.subscriptions.push(...d);
  push(documents, entities, documentsView, entitiesView);
  const views: CorpusViews = { documents, entities, documentsView, entitiesView };
  const register = <A extends unknown[], R>(id: Parameters<typeof registerCommand>[1], body: (...args: A) => Promise<R>) => registerCommand(ctx, id, body);
  const trees = [documents, entities];

  const describeFilter = () => {
    const types = documents.options.types;
    const msg = types.size ? `Showing ${[...types].join(', ')}` : undefined;
    documentsView.message = msg;
    entitiesView.message = msg;
    setContext('filtered', types.size > 0);
  };

  register('filterByType', async (types?: string[]) => {
    const all = [...new Map([...service.corpora.values()].flatMap((c) => c.config.types).map((t) => [t.id, t])).values()];
    let chosen = types;
    if (!chosen) {
      const picked = await vscode.window.showQuickPick(
        all.map((t) => ({ label: t.label, description: t.id, picked: documents.options.types.has(t.id), id: t.id })),
        { canPickMany: true, title: 'Show only these entity types', placeHolder: 'Untick all to show every type' },
      );
      if (!picked) throw new Cancelled();
      chosen = picked.map((p) => p.id);
    }
    for (const tree of trees) {
      tree.options.types = new Set(chosen);
      tree.refresh();
    }
    describeFilter();
  });
  register('clearFilter', async () => {
    for (const tree of trees) {
      tree.options.types = new Set();
      tree.refresh();
    }
    describeFilter();
  });
  register('sortBy', async (order?: SortOrder) => {
    let sort = order;
    if (!sort) {
      const picked = await vscode.window.showQuickPick(
        [
          { label: 'Document order', description: 'documents by path, entities by first mention', sort: 'document' as const },
          { label: 'Name', sort: 'name' as const },
          { label: 'Count', description: 'most annotations or mentions first', sort: 'count' as const },
        ],
        { title: 'Sort the Corpus views by…' },
      );
      if (!picked) throw new Cancelled();
      sort = picked.sort;
    }
    for (const tree of trees) {
      tree.options.sort = sort;
      tree.refresh();
    }
  });

  registerEntityCommands(ctx, views);

  register('openDocument', async (node?: Node) => {
    if (!node || node.kind !== 'document') throw new CannotAct('Select a document first.');
    await vscode.window.showTextDocument(vscode.Uri.parse(node.doc));
  });
  register('openSidecar', async (node?: Node) => {
    if (!node || node.kind !== 'document') throw new CannotAct('Select a document first.');
    const state = service.getDocument(vscode.Uri.parse(node.doc));
    if (!state?.hasSidecar) throw new CannotAct('This document has no sidecar yet: tag something first.');
    await vscode.window.showTextDocument(state.sidecarUri);
  });

  register('showMentions', async (args?: { group: string; corpus: string }) => {
    if (!args) throw new CannotAct('Nothing to show.');
    const corpus = service.corpora.get(args.corpus);
    const first = corpus?.index.corpusMentions(args.group)[0];
    if (!corpus || !first) throw new CannotAct('No mentions to show.');
    const node: Node = { kind: 'entity', view: 'entities', corpus: args.corpus, type: first.annotation.type, group: args.group };
    await entitiesView.reveal(node, { select: true, focus: true, expand: 2 });
  });

  // The views follow the editor: the annotation under the cursor is revealed where visible. A
  // reload of the document refreshes its subtree, which can drop the revealed selection: follow again.
  let followTimer: ReturnType<typeof setTimeout> | undefined;
  // Rows updated later (counts, suggestion results) are redrawn, and the redraw can drop the
  // revealed selection: follow again when a visible view is left with nothing selected.
  const refollowWhenCleared = (view: vscode.TreeView<Node>) =>
    view.onDidChangeSelection((e) => {
      const editor = vscode.window.activeTextEditor;
      if (editor && view.visible && e.selection.length === 0) follow(editor);
    });
  const follow = (editor: vscode.TextEditor) => {
    if (!ctx.settings.current.followCursor || (!documentsView.visible && !entitiesView.visible)) return;
    clearTimeout(followTimer);
    followTimer = setTimeout(() => {
      const state = service.current(editor.document.uri);
      if (!state) return;
      const a = annotationsAt(state, offsetOf(state, editor.selection.active))[0];
      if (!a) return;
      if (documentsView.visible) void documentsView.reveal(documents.mentionNode(state, a), { select: true, focus: false }).then(undefined, () => undefined);
      if (entitiesView.visible) void entitiesView.reveal(entities.mentionNode(state, a), { select: true, focus: false }).then(undefined, () => undefined);
    }, 200);
  };
  push(
    vscode.window.onDidChangeTextEditorSelection((e) => follow(e.textEditor)),
    service.onDidChangeDocument((state) => {
      const editor = vscode.window.activeTextEditor;
      if (editor && editor.document.uri.toString() === state.key) follow(editor);
    }),
    refollowWhenCleared(documentsView),
    refollowWhenCleared(entitiesView),
    { dispose: () => clearTimeout(followTimer) },
  );
  ctx.expose({ views });
}
