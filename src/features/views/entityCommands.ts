import * as vscode from 'vscode';
import type { SidecarChange } from '../../core/sidecar';
import { Cancelled, CannotAct, check } from '../../errors';
import type { CorpusFolder, DocumentState } from '../../workspace/documentState';
import { registerCommand } from '../commands';
import type { FeatureContext } from '../context';
import { pickType } from '../shared/typePicker';
import type { CorpusViews } from './index';
import type { Node } from './nodes';
import { plural } from '../../core/text/plural';

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
async function changeAll(ctx: FeatureContext, byDoc: Map<DocumentState, string[]>, label: string, change: (id: string) => SidecarChange): Promise<number> {
  const blocked = [...byDoc.keys()].filter((s) => !s.writable);
  if (blocked.length) throw new CannotAct(`${blocked.map((s) => vscode.workspace.asRelativePath(s.sidecarUri)).join(', ')} cannot be parsed, so nothing was changed. Fix ${blocked.length > 1 ? 'them' : 'it'} first.`);
  let n = 0;
  for (const [state, ids] of byDoc) {
    check(await ctx.corpus.change(state, label, ids.map(change)));
    n += ids.length;
  }
  return n;
}

/** The Entities view's context menu: rename, retype, remove or link every mention of an entity. */
export function registerEntityCommands(ctx: FeatureContext, views: CorpusViews): void {
  const { corpus: service, registry, extension } = ctx;
  const register = <A extends unknown[], R>(id: Parameters<typeof registerCommand>[1], body: (...args: A) => Promise<R>) => registerCommand(ctx, id, body);
  const corpusOf = (node: Node) => {
    const c = service.corpora.get(node.corpus);
    if (!c) throw new CannotAct('That corpus is no longer open.');
    return c;
  };
  const entityArg = (node?: Node): EntityNode => {
    const n = node ?? views.entitiesView.selection[0];
    if (!n || n.kind !== 'entity') throw new CannotAct('Select an entity in the Entities view first.');
    return n;
  };

  register('renameEntity', async (node?: Node, newName?: string) => {
    const n = entityArg(node);
    const corpus = corpusOf(n);
    const summary = corpus.index.corpusEntity(n.group);
    if (!summary?.entityId || !summary.registered) throw new CannotAct('Only canonical entities (linked to corpus.yaml) can be renamed. Link the mentions to an entity first.');
    const name = newName ?? (await vscode.window.showInputBox({ title: `Rename ${summary.name}`, value: summary.name, prompt: 'The old name is kept as an alias' }));
    if (!name) throw new Cancelled();
    check(await registry.rename(corpus, summary.entityId, name.trim()));
    return name.trim();
  });

  register('retypeEntity', async (node?: Node, type?: string) => {
    const n = entityArg(node);
    const corpus = corpusOf(n);
    const summary = corpus.index.corpusEntity(n.group);
    const target = type ?? (await pickType(corpus.config.types, extension.globalState, `Change the type of every mention of ${summary?.name ?? n.group} to…`, n.type)).id;
    if (!corpus.config.types.some((t) => t.id === target)) throw new CannotAct(`Unknown entity type "${target}".`);
    const count = await changeAll(ctx, mentionsByDocument(corpus, n), `Retype ${summary?.name ?? ''}`, (id) => ({ kind: 'update', id, set: { type: target } }));
    if (summary?.entityId && summary.registered) check(await registry.apply(corpus, [{ kind: 'updateEntity', id: summary.entityId, set: { type: target } }]));
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
        `Remove ${total === 1 ? 'the' : 'all'} ${plural(total, 'mention')} of "${name}" in ${plural(byDoc.size, 'document')}?`,
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
    for (const form of summary?.forms ?? []) check(await registry.addAlias(corpus, entity.id, form));
    return count;
  });
}
