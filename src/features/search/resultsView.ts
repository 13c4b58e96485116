import * as vscode from 'vscode';
import { placeOf, type SearchResult } from '../../core/search';
import { setContext } from '../commands';
import { commandOf } from '../commandIds';
import { plural } from '../../core/text/plural';

type Item = { kind: 'query'; n: number; query: string; results: SearchResult[] } | { kind: 'result'; n: number; result: SearchResult };

/**
 * The results of fact searches a person chose to keep, newest first, like the Search view's
 * results: each one opens its document at the sentence.
 */
export class SearchResultsView implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Item | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly kept: Item[] = [];
  private view: vscode.TreeView<Item> | undefined;
  private counter = 0;

  attach(view: vscode.TreeView<Item>): void {
    this.view = view;
  }

  show(query: string, results: SearchResult[]): void {
    const item: Item = { kind: 'query', n: ++this.counter, query, results };
    this.kept.unshift(item);
    if (this.kept.length > 20) this.kept.pop();
    setContext('hasSearchResults', true);
    this.changed.fire(undefined);
    void this.view?.reveal(item, { expand: true, focus: true, select: false }).then(undefined, () => undefined);
  }

  clear(): void {
    this.kept.length = 0;
    setContext('hasSearchResults', false);
    this.changed.fire(undefined);
  }

  getChildren(item?: Item): Item[] {
    if (!item) return this.kept;
    return item.kind === 'query' ? item.results.map((result) => ({ kind: 'result', n: item.n, result })) : [];
  }

  getParent(item: Item): Item | undefined {
    return item.kind === 'result' ? this.kept.find((k) => k.n === item.n) : undefined;
  }

  getTreeItem(item: Item): vscode.TreeItem {
    if (item.kind === 'query') {
      const t = new vscode.TreeItem(`“${item.query}”`, vscode.TreeItemCollapsibleState.Expanded);
      t.description = plural(item.results.length, 'result');
      t.iconPath = new vscode.ThemeIcon('search');
      t.id = `q|${item.n}`;
      return t;
    }
    const r = item.result;
    const t = new vscode.TreeItem(r.text.replace(/\s+/g, ' '), vscode.TreeItemCollapsibleState.None);
    t.id = `q|${item.n}|${r.docId}|${r.id}`;
    t.description = placeOf(r);
    t.tooltip = `${r.text}\n\n${placeOf(r, 200)}${r.entities.length ? `\nEntities: ${r.entities.join(', ')}` : ''}`;
    t.iconPath = new vscode.ThemeIcon(r.kind === 'fact' ? 'quote' : 'symbol-text');
    t.command = { command: commandOf('openSearchResult'), title: 'Open', arguments: [r.docId, r.start, r.end] };
    return t;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
