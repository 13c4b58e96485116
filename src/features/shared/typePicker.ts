import * as vscode from 'vscode';
import type { EntityType } from '../../core/model';
import { Cancelled } from '../../errors';

const MRU_KEY = 'corpusAnnotator.recentTypes';

interface TypeItem extends vscode.QuickPickItem {
  type: EntityType;
}

/** Most recently used types first, remembered across sessions. */
export function recentTypes(memento: vscode.Memento): string[] {
  return memento.get<string[]>(MRU_KEY, []);
}

export async function rememberType(memento: vscode.Memento, id: string): Promise<void> {
  await memento.update(MRU_KEY, [id, ...recentTypes(memento).filter((t) => t !== id)].slice(0, 20));
}

/**
 * Asks for an entity type. Each type shows its one-key shortcut: typing that key alone makes it the
 * active item, so tagging is one key and Enter; typing more filters by name as usual.
 */
export async function pickType(types: EntityType[], memento: vscode.Memento, title: string, current?: string): Promise<EntityType> {
  const mru = recentTypes(memento);
  const rank = (t: EntityType) => {
    const i = mru.indexOf(t.id);
    return i === -1 ? mru.length + types.indexOf(t) : i;
  };
  const items: TypeItem[] = [...types]
    .sort((a, b) => rank(a) - rank(b))
    .map((t) => ({
      label: t.label,
      description: [t.shortcut ? `[${t.shortcut}]` : '', t.id === current ? '(current)' : ''].filter(Boolean).join(' '),
      detail: t.description,
      type: t,
    }));
  const qp = vscode.window.createQuickPick<TypeItem>();
  qp.title = title;
  qp.placeholder = 'Type a shortcut key or a type name, then Enter';
  qp.items = items;
  qp.matchOnDescription = false;
  qp.matchOnDetail = false;
  const byShortcut = new Map(items.filter((i) => i.type.shortcut).map((i) => [i.type.shortcut!.toLowerCase(), i]));
  return new Promise<EntityType>((resolve, reject) => {
    let done = false;
    qp.onDidChangeValue((value) => {
      const hit = value.length === 1 ? byShortcut.get(value.toLowerCase()) : undefined;
      if (hit) qp.activeItems = [hit];
    });
    qp.onDidAccept(() => {
      const chosen = qp.activeItems[0] ?? qp.selectedItems[0];
      if (!chosen) return;
      done = true;
      void rememberType(memento, chosen.type.id);
      resolve(chosen.type);
      qp.hide();
    });
    qp.onDidHide(() => {
      qp.dispose();
      if (!done) reject(new Cancelled());
    });
    qp.show();
  });
}
