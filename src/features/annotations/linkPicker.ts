import * as vscode from 'vscode';
import { LinkCandidate, rankLinkCandidates } from '../../core/corpus/linkCandidates';
import type { CanonicalEntity, EntityAnnotation } from '../../core/model';
import { Cancelled } from '../../errors';
import { DocumentState, typeLabel } from '../../workspace/documentState';

export interface LinkPickerItem extends vscode.QuickPickItem {
  entity?: CanonicalEntity;
  create?: boolean;
}

const MATCH_NOTE: Record<NonNullable<LinkCandidate['match']>, string> = { linked: '(linked)', name: '(same name)', alias: '(an alias)' };

/**
 * The link picker's rows, in the core's order (rankLinkCandidates): the entity the mention links
 * to, those whose name or an alias is its text, the rest, and "New entity" last. Which row is the
 * default: the first match when there is one, so Enter never makes a duplicate of a known name;
 * otherwise "New entity", as nothing known has that name.
 */
export function linkPickerItems(state: DocumentState, annotation: EntityAnnotation): { items: LinkPickerItem[]; active: LinkPickerItem } {
  const ranked = rankLinkCandidates(annotation.text, annotation.type, state.corpus.config.entities, annotation.entity);
  const row = (c: LinkCandidate): LinkPickerItem => ({
    label: c.entity.name,
    description: [typeLabel(state, c.entity.type), c.match ? MATCH_NOTE[c.match] : ''].filter(Boolean).join(' '),
    detail: c.entity.aliases.length ? `aliases: ${c.entity.aliases.join(', ')}` : undefined,
    entity: c.entity,
  });
  const separator = (label: string): LinkPickerItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const matched = ranked.filter((c) => c.match).map(row);
  const others = ranked.filter((c) => !c.match).map(row);
  const create: LinkPickerItem = { label: `$(add) New entity "${annotation.text}"`, description: typeLabel(state, annotation.type), create: true, alwaysShow: true };
  const items = [
    ...(matched.length ? [separator('linked or named like the mention'), ...matched] : []),
    ...(others.length ? [separator(matched.length ? 'other entities' : 'entities'), ...others] : []),
    separator('new'),
    create,
  ];
  return { items, active: matched[0] ?? create };
}

/**
 * Asks which canonical entity to link `annotation` to. While it is open, `onOpen` receives the
 * quick pick (the API's `linkPicker()`, so tests see the rows a person sees).
 */
export async function pickLinkTarget(state: DocumentState, annotation: EntityAnnotation, onOpen: (qp: vscode.QuickPick<LinkPickerItem> | undefined) => void): Promise<LinkPickerItem> {
  const { items, active } = linkPickerItems(state, annotation);
  const qp = vscode.window.createQuickPick<LinkPickerItem>();
  qp.title = `Link "${annotation.text}" to a canonical entity`;
  qp.placeholder = 'Type a name or an alias (fuzzy)';
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.items = items;
  qp.activeItems = [active];
  const picked = await new Promise<LinkPickerItem | undefined>((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0] ?? qp.activeItems[0]);
      qp.hide();
    });
    qp.onDidHide(() => resolve(undefined));
    onOpen(qp);
    qp.show();
  });
  onOpen(undefined);
  qp.dispose();
  if (!picked) throw new Cancelled();
  return picked;
}
