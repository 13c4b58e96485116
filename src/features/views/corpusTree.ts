import * as vscode from 'vscode';
import { EntitySummary, groupKeyOf, TypeCount } from '../../core/corpus/corpusIndex';
import type { EntityAnnotation } from '../../core/model';
import type { CorpusService } from '../../workspace/corpusService';
import { CorpusFolder, DocumentState, typeLabelIn } from '../../workspace/documentState';
import type { LineIndex } from '../../core/text/lineIndex';
import { shortTitle } from '../../core/corpus/shortTitle';
import { Node, nodeId, parentOf, ViewName } from './nodes';
import { plural } from '../../core/text/plural';

export type SortOrder = 'name' | 'count' | 'document';

/** View options a person sets from the title bar; kept per view for the session. */
export interface ViewOptions {
  /** Types to show; empty shows all. */
  types: Set<string>;
  sort: SortOrder;
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', fr: 'French', de: 'German', es: 'Spanish', zh: 'Chinese', ja: 'Japanese', ko: 'Korean', und: 'unknown language' };

/**
 * The two Corpus views share one provider: the documents view lists documents › types › entities
 * › mentions, the entities view types › entities › documents › mentions. Children are computed
 * from the corpus index on expand, so a large corpus costs nothing until a node is opened.
 */
export class CorpusTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | Node[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly options: ViewOptions = { types: new Set(), sort: 'document' };
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly dirtyDocs = new Set<string>();
  private fullRefresh = false;
  /**
   * The node objects handed to VS Code, by id. VS Code finds the element to update by identity,
   * so a document's update must fire the very object `getChildren` returned: a fresh object with
   * the same fields updates nothing, and the row keeps its old count until Refresh. Kept across
   * refreshes (VS Code may hold them still), less those of documents that are gone.
   */
  private readonly nodes = new Map<string, Node>();

  constructor(
    readonly view: ViewName,
    private readonly service: CorpusService,
    /** Suggestions left per document (pre-annotation), shown in the Documents view. */
    private readonly suggestions?: { counts: ReadonlyMap<string, number>; onDidChange: vscode.Event<void> },
  ) {
    this.disposables.push(
      service.onDidChangeDocument((s) => this.schedule(s)),
      service.onDidChangeCorpus(() => this.schedule()),
    );
    if (suggestions && view === 'documents') this.disposables.push(suggestions.onDidChange(() => this.suggestionsChanged(suggestions.counts)));
  }

  /** Suggestion counts shown last, per document: a new result for one document updates its row only. */
  private shownCounts = new Map<string, number>();

  private suggestionsChanged(counts: ReadonlyMap<string, number>): void {
    for (const key of new Set([...counts.keys(), ...this.shownCounts.keys()])) {
      if (counts.get(key) === this.shownCounts.get(key)) continue;
      const state = this.service.documentByKey(key);
      if (state) this.schedule(state);
      else this.schedule();
    }
    this.shownCounts = new Map(counts);
  }

  private get multiRoot(): boolean {
    return this.service.corpora.size > 1;
  }

  /** Coalesces updates: in the documents view only the documents that changed are refreshed. */
  private schedule(state?: DocumentState): void {
    if (state && this.view === 'documents') this.dirtyDocs.add(state.key);
    else this.fullRefresh = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.fullRefresh) this.refresh();
      else {
        const rows: Node[] = [];
        for (const doc of this.dirtyDocs) {
          const s = this.service.documentByKey(doc);
          // A row VS Code has not been given yet needs no update: it is built when shown.
          const shown = s && this.nodes.get(nodeId({ kind: 'document', view: 'documents', corpus: s.corpus.folder.uri.toString(), doc }));
          if (shown) rows.push(shown);
        }
        // One event for every row that changed (a pre-annotation run changes them all at once).
        if (rows.length) this.changed.fire(rows);
      }
      this.fullRefresh = false;
      this.dirtyDocs.clear();
    }, 100);
  }

  /** Rebuilds the whole view (VS Code asks for every shown node again). */
  refresh(): void {
    // Nodes of documents (and corpora) gone are dropped; the others keep their objects.
    for (const [id, n] of this.nodes) {
      const corpus = this.corpus(n.corpus);
      if (!corpus || ('doc' in n && n.doc !== undefined && !corpus.documents.has(n.doc))) this.nodes.delete(id);
    }
    this.changed.fire(undefined);
  }

  /** The node with this one's id that VS Code already holds, else this one, kept from now on. */
  private intern(node: Node): Node {
    const id = nodeId(node);
    const known = this.nodes.get(id);
    if (known) return known;
    this.nodes.set(id, node);
    return node;
  }

  private corpus(key: string): CorpusFolder | undefined {
    return this.service.corpora.get(key);
  }

  private doc(corpus: CorpusFolder, key: string): DocumentState | undefined {
    return corpus.documents.get(key);
  }

  getParent(node: Node): Node | undefined {
    const parent = parentOf(node, this.multiRoot);
    return parent && this.intern(parent);
  }

  getChildren(node?: Node): Node[] {
    return this.children(node).map((n) => this.intern(n));
  }

  private children(node?: Node): Node[] {
    if (!node) {
      const corpora = [...this.service.corpora.values()];
      if (corpora.length > 1) return corpora.map((c) => ({ kind: 'corpus', view: this.view, corpus: c.folder.uri.toString() }));
      return corpora[0] ? this.corpusChildren(corpora[0]) : [];
    }
    const corpus = this.corpus(node.corpus);
    if (!corpus) return [];
    const c = node.corpus;
    const v = this.view;
    switch (node.kind) {
      case 'corpus':
        return this.corpusChildren(corpus);
      case 'document':
        if (v === 'documents') return this.filterTypes(corpus.index.typesOf(node.doc)).map((t) => ({ kind: 'type', view: v, corpus: c, type: t.type, doc: node.doc }));
        return corpus.index.mentionsOf(node.doc, node.group!, node.type).map((a) => ({ kind: 'mention', view: v, corpus: c, doc: node.doc, type: node.type!, group: node.group!, annotation: a.id }));
      case 'type':
        if (v === 'documents') return this.sortEntities(corpus.index.entitiesOf(node.doc!, node.type)).map((e) => ({ kind: 'entity', view: v, corpus: c, type: node.type, group: e.key, doc: node.doc }));
        return this.sortEntities(corpus.index.corpusEntities(node.type)).map((e) => ({ kind: 'entity', view: v, corpus: c, type: node.type, group: e.key }));
      case 'entity':
        if (v === 'documents') return corpus.index.mentionsOf(node.doc!, node.group, node.type).map((a) => ({ kind: 'mention', view: v, corpus: c, doc: node.doc!, type: node.type, group: node.group, annotation: a.id }));
        return [...new Set(corpus.index.corpusMentions(node.group, node.type).map((m) => m.docKey))].map((doc) => ({ kind: 'document', view: v, corpus: c, doc, type: node.type, group: node.group }));
      case 'mention':
        return [];
    }
  }

  private corpusChildren(corpus: CorpusFolder): Node[] {
    const c = corpus.folder.uri.toString();
    if (this.view === 'documents') {
      let docs = corpus.index.documents();
      if (this.options.sort === 'name') docs = [...docs].sort((a, b) => a.info.title.localeCompare(b.info.title));
      else if (this.options.sort === 'count') docs = [...docs].sort((a, b) => b.total - a.total);
      else docs = [...docs].sort((a, b) => a.key.localeCompare(b.key));
      return docs.map((d) => ({ kind: 'document', view: 'documents', corpus: c, doc: d.key }));
    }
    return this.filterTypes(corpus.index.corpusTypes()).map((t) => ({ kind: 'type', view: 'entities', corpus: c, type: t.type }));
  }

  private filterTypes(types: TypeCount[]): TypeCount[] {
    return this.options.types.size ? types.filter((t) => this.options.types.has(t.type)) : types;
  }

  private sortEntities(list: EntitySummary[]): EntitySummary[] {
    const out = [...list];
    if (this.options.sort === 'name') out.sort((a, b) => a.name.localeCompare(b.name));
    else if (this.options.sort === 'count') out.sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name));
    else out.sort((a, b) => (a.firstStart ?? 0) - (b.firstStart ?? 0) || b.mentionCount - a.mentionCount);
    return out;
  }

  getTreeItem(node: Node): vscode.TreeItem | Promise<vscode.TreeItem> {
    const withId = (item: vscode.TreeItem) => {
      item.id = nodeId(node);
      return item;
    };
    // A mention in a closed document needs its text for the line and context: read for the moment.
    if (node.kind === 'mention') {
      const corpus = this.corpus(node.corpus);
      const state = corpus && this.doc(corpus, node.doc);
      if (state && !state.resident) return this.service.withText(state).then((held) => withId(this.buildItem(node, held?.lines)));
    }
    return withId(this.buildItem(node));
  }

  private buildItem(node: Node, readLines?: LineIndex): vscode.TreeItem {
    const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    const corpus = this.corpus(node.corpus);
    if (!corpus) return new vscode.TreeItem('(gone)');
    switch (node.kind) {
      case 'corpus': {
        const item = new vscode.TreeItem(corpus.folder.name, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('root-folder');
        item.description = plural(corpus.documents.size, 'document');
        item.contextValue = 'corpus';
        return item;
      }
      case 'document': {
        const state = this.doc(corpus, node.doc);
        const summary = corpus.index.document(node.doc);
        const uri = vscode.Uri.parse(node.doc);
        const fileName = uri.path.slice(uri.path.lastIndexOf('/') + 1);
        if (this.view === 'entities') {
          const count = corpus.index.mentionsOf(node.doc, node.group!, node.type).length;
          const label = shortTitle(summary?.info.title ?? '', fileName);
          const item = new vscode.TreeItem(label, Collapsed);
          item.description = `${plural(count, 'mention')}${label === fileName ? '' : ` · ${fileName}`}`;
          item.tooltip = summary?.info.title || fileName;
          item.resourceUri = uri;
          item.iconPath = vscode.ThemeIcon.File;
          item.contextValue = 'document';
          return item;
        }
        // The full title is in the tooltip; a long one gives way to the file name, so that the
        // language, date and count after it fit at the default sidebar width.
        const item = new vscode.TreeItem(shortTitle(summary?.info.title ?? '', fileName), summary && summary.total > 0 ? Collapsed : vscode.TreeItemCollapsibleState.None);
        const info = summary?.info;
        const lang = info?.language.code ?? 'und';
        const suggested = this.suggestions?.counts.get(node.doc);
        item.description = [lang, info?.date?.slice(0, 10), `${summary?.total ?? 0}`, suggested ? `${suggested} suggested` : ''].filter(Boolean).join(' · ');
        const tip = new vscode.MarkdownString();
        tip.appendMarkdown(`**${escapeMd(info?.title ?? fileName)}**\n\n`);
        tip.appendMarkdown(`File: \`${vscode.workspace.asRelativePath(uri)}\`\n\n`);
        tip.appendMarkdown(`Language: ${LANGUAGE_NAMES[lang] ?? lang}${info ? ` (confidence ${info.language.confidence.toFixed(2)})` : ''}\n\n`);
        if (info?.date) tip.appendMarkdown(`Date: ${info.date}\n\n`);
        if (info?.source) tip.appendMarkdown(`Source: ${escapeMd(info.source)}\n\n`);
        tip.appendMarkdown(`Annotations: ${summary?.total ?? 0}${state?.facts.length ? `, facts: ${state.facts.length}` : ''}\n\n`);
        if (suggested) tip.appendMarkdown(`${plural(suggested, 'suggestion')} left (Corpus: Review Suggestions)\n\n`);
        if (summary?.flagged) tip.appendMarkdown(`$(warning) ${summary.reasons.map(escapeMd).join(' ')}`);
        tip.supportThemeIcons = true;
        item.tooltip = tip;
        item.iconPath = summary?.flagged ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('file-text');
        item.contextValue = state?.hasSidecar ? 'document.withSidecar' : 'document';
        item.resourceUri = undefined;
        item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
        return item;
      }
      case 'type': {
        const counts = node.doc ? corpus.index.typesOf(node.doc) : corpus.index.corpusTypes();
        const count = counts.find((t) => t.type === node.type);
        const item = new vscode.TreeItem(typeLabelIn(corpus, node.type), Collapsed);
        item.description = node.doc ? `${count?.count ?? 0}` : `${plural(corpus.index.corpusEntities(node.type).length, 'entity')} · ${plural(count?.count ?? 0, 'mention')}`;
        item.iconPath = new vscode.ThemeIcon('symbol-namespace');
        item.contextValue = 'type';
        return item;
      }
      case 'entity': {
        const summary = node.doc ? corpus.index.entitiesOf(node.doc, node.type).find((e) => e.key === node.group) : corpus.index.corpusEntity(node.group, node.type);
        const name = summary?.name ?? node.group;
        const item = new vscode.TreeItem(name, Collapsed);
        const inconsistent = !!summary && (summary.types.length > 1 || summary.forms.some((f) => corpus.index.isInconsistent(f)));
        item.description = node.doc
          ? `${summary?.mentionCount ?? 0}${summary && summary.forms.length > 1 ? ` · ${summary.forms.join(', ')}` : ''}`
          : `${plural(summary?.mentionCount ?? 0, 'mention')} · ${plural(summary?.documentCount ?? 0, 'doc')}`;
        const tip = new vscode.MarkdownString(undefined, true);
        tip.appendMarkdown(`**${escapeMd(name)}** — ${escapeMd(typeLabelIn(corpus, node.type))}${summary?.entityId ? ` (\`${summary.entityId}\`)` : ''}\n\n`);
        if (summary?.aliases.length) tip.appendMarkdown(`Aliases: ${summary.aliases.map(escapeMd).join(', ')}\n\n`);
        if (summary && summary.forms.length > 1) tip.appendMarkdown(`Written as: ${summary.forms.map(escapeMd).join(', ')}\n\n`);
        if (summary) tip.appendMarkdown(`${plural(summary.mentionCount, 'mention')} in ${plural(summary.documentCount, 'document')}\n\n`);
        if (inconsistent) {
          const types = new Set<string>(summary!.types);
          for (const inc of corpus.index.inconsistencies()) if (summary!.forms.includes(inc.text)) inc.types.forEach((t) => types.add(t));
          tip.appendMarkdown(`$(warning) **Inconsistent:** the same text is tagged as ${[...types].map((t) => typeLabelIn(corpus, t)).join(' and ')} in the corpus.`);
        }
        item.tooltip = tip;
        item.iconPath = inconsistent
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
          : new vscode.ThemeIcon(summary?.entityId ? 'symbol-class' : 'symbol-string');
        item.contextValue = `entity${summary?.registered ? '.canonical' : ''}${inconsistent ? '.inconsistent' : ''}`;
        return item;
      }
      case 'mention': {
        const state = this.doc(corpus, node.doc);
        const a = state?.entities.find((x) => x.id === node.annotation);
        const lines = state?.resident ? state.lines : readLines;
        if (!state || !a || !lines) return new vscode.TreeItem('(gone)');
        const line = lines.positionAt(a.start).line;
        const item = new vscode.TreeItem(`${line + 1}: ${contextOf(lines, a)}`, vscode.TreeItemCollapsibleState.None);
        item.description = a.status && a.status !== 'exact' ? a.status : undefined;
        item.tooltip = `${a.text} — ${typeLabelIn(corpus, a.type)}${a.note ? `\n${a.note}` : ''}\n${vscode.workspace.asRelativePath(state.uri)}, line ${line + 1}`;
        item.iconPath = new vscode.ThemeIcon(a.status === 'orphaned' ? 'debug-disconnect' : a.status === 'moved' ? 'warning' : 'tag');
        // `mention.moved` offers Confirm Position in the context menu (Remove is on every mention).
        item.contextValue = a.status === 'moved' ? 'mention.moved' : 'mention';
        item.command = { command: 'vscode.open', title: 'Show mention', arguments: [state.uri, { selection: rangeIn(lines, a), preview: true } satisfies vscode.TextDocumentShowOptions] };
        return item;
      }
    }
  }

  /** The node of an annotation, for `reveal` (following the cursor). */
  mentionNode(state: DocumentState, a: EntityAnnotation): Node {
    return this.intern({ kind: 'mention', view: this.view, corpus: state.corpus.folder.uri.toString(), doc: state.key, type: a.type, group: groupKeyOf(a), annotation: a.id });
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

function contextOf(lines: LineIndex, a: EntityAnnotation): string {
  const before = lines.cp.slice(Math.max(0, a.start - 30), a.start).replace(/\s+/g, ' ').trimStart();
  const after = lines.cp.slice(a.end, a.end + 30).replace(/\s+/g, ' ').trimEnd();
  return `${before}«${a.text}»${after}`;
}

function rangeIn(lines: LineIndex, a: { start: number; end: number }): vscode.Range {
  const s = lines.positionAt(a.start);
  const e = lines.positionAt(a.end);
  return new vscode.Range(s.line, s.character, e.line, e.character);
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
