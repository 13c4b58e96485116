import * as vscode from 'vscode';
import type { SidecarChange } from '../core/sidecar';
import { annotationsAt, Cancelled, CannotAct, CommandContext, registerCommand } from '../commands/context';
import { pickType } from '../commands/typePicker';
import { readSettings } from '../settings';
import type { CorpusFolder, DocumentState } from '../workspace/corpusService';
import type { RegistryService } from '../workspace/registryService';
import { CorpusTree, SortOrder } from './corpusTree';
import type { Node } from './nodes';

export interface CorpusViews {
  documents: CorpusTree;
  entities: CorpusTree;
  documentsView: vscode.TreeView<Node>;
  entitiesView: vscode.TreeView<Node>;
}

type EntityNode = Extract<Node, { kind: 'entity' }>;

/** Every mention of an entity group across its corpus, by document. */
function mentionsByDocument(corpus: CorpusFolder, node: EntityNode): Map<DocumentState, string[]> {
  const out = new Map<DocumentState, string[]>();
  for (const m of corpus.index.corpusMentions(node.group)) {
    const state = corpus.documents.get(m.docKey);
    if (state) out.set(state, [...(out.get(state) ?? []), m.annotation.id]);
  }
  return out;
}

/** Applies one change per mention in every document; refuses up front if a sidecar is unwritable. */
async function changeAll(ctx: CommandContext, byDoc: Map<DocumentState, string[]>, label: string, change: (id: string) => SidecarChange): Promise<number> {
  const blocked = [...byDoc.keys()].filter((s) => !s.writable);
  if (blocked.length) throw new CannotAct(`${blocked.map((s) => vscode.workspace.asRelativePath(s.sidecarUri)).join(', ')} cannot be parsed, so nothing was changed. Fix ${blocked.length > 1 ? 'them' : 'it'} first.`);
  let n = 0;
  for (const [state, ids] of byDoc) {
    const outcome = await ctx.service.change(state, label, ids.map(change));
    if (!outcome.ok) throw new CannotAct(outcome.message);
    n += ids.length;
  }
  return n;
}

export function registerViews(ctx: CommandContext, registry: RegistryService): CorpusViews {
  const { service, extension } = ctx;
  const documents = new CorpusTree('documents', service);
  const entities = new CorpusTree('entities', service);
  const documentsView = vscode.window.createTreeView('corpusAnnotator.documents', { treeDataProvider: documents, showCollapseAll: true });
  const entitiesView = vscode.window.createTreeView('corpusAnnotator.entities', { treeDataProvider: entities, showCollapseAll: true });
  const push = (...d: vscode.Disposable[]) => extension.subscriptions.push(...d);
  push(documents, entities, documentsView, entitiesView);
  const register = <A extends unknown[], R>(id: string, body: (...args: A) => Promise<R>) => registerCommand(ctx, id, body);
  const trees = [documents, entities];
  const corpusOf = (node: Node) => {
    const c = service.corpora.get(node.corpus);
    if (!c) throw new CannotAct('That corpus is no longer open.');
    return c;
  };
  const entityArg = (node?: Node): EntityNode => {
    const n = node ?? entitiesView.selection[0];
    if (!n || n.kind !== 'entity') throw new CannotAct('Select an entity in the Entities view first.');
    return n;
  };

  const describeFilter = () => {
    const types = documents.options.types;
    const msg = types.size ? `Showing ${[...types].join(', ')}` : undefined;
    documentsView.message = msg;
    entitiesView.message = msg;
    void vscode.commands.executeCommand('setContext', 'corpusAnnotator.filtered', types.size > 0);
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

  register('renameEntity', async (node?: Node, newName?: string) => {
    const n = entityArg(node);
    const corpus = corpusOf(n);
    const summary = corpus.index.corpusEntity(n.group);
    if (!summary?.entityId || !summary.registered) throw new CannotAct('Only canonical entities (linked to corpus.yaml) can be renamed. Link the mentions to an entity first.');
    const name = newName ?? (await vscode.window.showInputBox({ title: `Rename ${summary.name}`, value: summary.name, prompt: 'The old name is kept as an alias' }));
    if (!name) throw new Cancelled();
    await registry.rename(corpus, summary.entityId, name.trim());
    return name.trim();
  });

  register('retypeEntity', async (node?: Node, type?: string) => {
    const n = entityArg(node);
    const corpus = corpusOf(n);
    const summary = corpus.index.corpusEntity(n.group);
    const target = type ?? (await pickType(corpus.config.types, extension.globalState, `Change the type of every mention of ${summary?.name ?? n.group} to…`, n.type)).id;
    if (!corpus.config.types.some((t) => t.id === target)) throw new CannotAct(`Unknown entity type "${target}".`);
    const count = await changeAll(ctx, mentionsByDocument(corpus, n), `Retype ${summary?.name ?? ''}`, (id) => ({ kind: 'update', id, set: { type: target } }));
    if (summary?.entityId && summary.registered) await registry.apply(corpus, [{ kind: 'updateEntity', id: summary.entityId, set: { type: target } }]);
    return count;
  });

  register('removeEntityMentions', async (node?: Node, confirmed?: boolean) => {
    const n = entityArg(node);
    const corpus = corpusOf(n);
    const byDoc = mentionsByDocument(corpus, n);
    const total = [...byDoc.values()].reduce((k, ids) => k + ids.length, 0);
    const name = corpus.index.corpusEntity(n.group)?.name ?? n.group;
    if (!confirmed) {
      const ok = await vscode.window.showWarningMessage(
        `Remove all ${total} mention${total === 1 ? '' : 's'} of "${name}" in ${byDoc.size} document${byDoc.size === 1 ? '' : 's'}?`,
        { modal: true, detail: 'Each document can be restored with Corpus: Undo Annotation Change.' },
        'Remove',
      );
      if (ok !== 'Remove') throw new Cancelled();
    }
    return changeAll(ctx, byDoc, `Remove all "${name}"`, (id) => ({ kind: 'remove', id }));
  });

  register('linkEntityTo', async (node?: Node, targetId?: string) => {
    const n = entityArg(node);
    const corpus = corpusOf(n);
    const summary = corpus.index.corpusEntity(n.group);
    let target = targetId;
    if (!target) {
      const picked = await vscode.window.showQuickPick(
        corpus.config.entities.filter((e) => e.id !== summary?.entityId).map((e) => ({ label: e.name, description: e.type, detail: e.aliases.join(', '), id: e.id })),
        { title: `Link every mention of ${summary?.name ?? n.group} to…`, matchOnDetail: true },
      );
      if (!picked) throw new Cancelled();
      target = picked.id;
    }
    const entity = corpus.config.entities.find((e) => e.id === target);
    if (!entity) throw new CannotAct(`Unknown canonical entity "${target}".`);
    const count = await changeAll(ctx, mentionsByDocument(corpus, n), `Link ${summary?.name ?? ''} to ${entity.name}`, (id) => ({ kind: 'update', id, set: { entity: entity.id } }));
    for (const form of summary?.forms ?? []) await registry.addAlias(corpus, entity.id, form);
    return count;
  });

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

  // The views follow the editor: the annotation under the cursor is revealed where visible.
  let followTimer: ReturnType<typeof setTimeout> | undefined;
  push(
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (!readSettings().followCursor || (!documentsView.visible && !entitiesView.visible)) return;
      clearTimeout(followTimer);
      followTimer = setTimeout(() => {
        const state = service.getDocument(e.textEditor.document.uri);
        if (!state) return;
        const p = e.selections[0].active;
        const a = annotationsAt(state, state.lines.offsetAt({ line: p.line, character: p.character }))[0];
        if (!a) return;
        if (documentsView.visible) void documentsView.reveal(documents.mentionNode(state, a), { select: true, focus: false }).then(undefined, () => undefined);
        if (entitiesView.visible) void entitiesView.reveal(entities.mentionNode(state, a), { select: true, focus: false }).then(undefined, () => undefined);
      }, 200);
    }),
    { dispose: () => clearTimeout(followTimer) },
  );
  return { documents, entities, documentsView, entitiesView };
}
