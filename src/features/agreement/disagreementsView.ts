/**
 * The Disagreements view: every difference of the last comparison by document; selecting one
 * shows both versions in the editor; accept A / accept B / accept both / reject both write the
 * curated result into the working tree's sidecars, one undo step each.
 */
import * as vscode from 'vscode';
import { curationChanges, type Disagreement, type DocumentDifferences } from '../../core/agreement';
import type { EntityAnnotation } from '../../core/model';
import { newAnnotationId } from '../../core/sidecar';
import { CannotAct, check } from '../../errors';
import type { CorpusService } from '../../workspace/corpusService';
import type { DocumentState } from '../../workspace/documentState';
import type { Comparison } from './session';
import { corpusRoot } from './sources';
import { plural } from '../../core/text/plural';

export type Decision = 'a' | 'b' | 'both' | 'none';

export type Node = { kind: 'document'; differences: DocumentDifferences } | { kind: 'disagreement'; item: Disagreement };

const KIND_LABEL: Record<Disagreement['kind'], string> = { onlyA: 'only A', onlyB: 'only B', type: 'type differs', boundaries: 'boundaries differ' };

function describe(d: Disagreement): { label: string; description: string; tooltip: string } {
  const side = (e: EntityAnnotation | undefined, name: string) => (e ? `${name}: ${e.type} «${e.text}»${e.author ? ` by ${e.author}` : ''}` : `${name}: —`);
  const quote = (d.a ?? d.b)!.text;
  const label = d.kind === 'type' ? `${d.a!.type} ≠ ${d.b!.type} «${quote}»` : d.kind === 'boundaries' ? `«${d.a!.text}» ≠ «${d.b!.text}»` : `${(d.a ?? d.b)!.type} «${quote}»`;
  return { label, description: KIND_LABEL[d.kind], tooltip: `${KIND_LABEL[d.kind]}\n${side(d.a, 'A')}\n${side(d.b, 'B')}` };
}

export class DisagreementsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  comparison: Comparison | undefined;
  private roots: Node[] = [];

  set(comparison: Comparison | undefined): void {
    this.comparison = comparison;
    this.roots = (comparison?.differences ?? []).filter((d) => d.disagreements.length).map((differences) => ({ kind: 'document', differences }));
    this.changed.fire(undefined);
  }

  refresh(): void {
    this.roots = this.roots.filter((r) => r.kind === 'document' && r.differences.disagreements.length);
    this.changed.fire(undefined);
  }

  // One node object per disagreement, so the view can reveal and select it.
  private readonly nodes = new WeakMap<Disagreement, Node>();
  private nodeOf(item: Disagreement): Node {
    let n = this.nodes.get(item);
    if (!n) this.nodes.set(item, (n = { kind: 'disagreement', item }));
    return n;
  }

  documentNode(document: string): Node | undefined {
    return this.roots.find((r) => r.kind === 'document' && r.differences.document === document);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.roots;
    if (node.kind === 'document') return node.differences.disagreements.map((item) => this.nodeOf(item));
    return [];
  }

  getParent(node: Node): Node | undefined {
    if (node.kind === 'document') return undefined;
    return this.documentNode(node.item.document);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'document') {
      const n = node.differences.disagreements.length;
      const item = new vscode.TreeItem(node.differences.document, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `document:${node.differences.document}`;
      item.description = plural(n, 'disagreement');
      item.contextValue = 'disagreementDocument';
      item.iconPath = new vscode.ThemeIcon('file');
      return item;
    }
    const { label, description, tooltip } = describe(node.item);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    const d = node.item;
    item.id = `disagreement:${d.document}:${d.start}:${d.end}:${d.a?.id ?? ''}:${d.b?.id ?? ''}`;
    item.description = description;
    item.tooltip = tooltip;
    item.contextValue = 'disagreement';
    item.iconPath = new vscode.ThemeIcon(node.item.kind === 'onlyA' ? 'arrow-left' : node.item.kind === 'onlyB' ? 'arrow-right' : 'diff');
    item.command = { command: 'corpusAnnotator.showDisagreement', title: 'Show', arguments: [node] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The working tree's state of a compared document. */
export function workingDocument(service: CorpusService, document: string): DocumentState {
  const root = corpusRoot(service);
  const uri = vscode.Uri.joinPath(root, document);
  const state = service.current(uri);
  if (!state) throw new CannotAct(`${document} is not a corpus document of this workspace, so the curated result has nowhere to go.`);
  return state;
}

/** Writes one decision into the working tree's sidecar (one undo step) and drops the item from the view. */
export async function decide(service: CorpusService, tree: DisagreementsTree, item: Disagreement, decision: Decision): Promise<void> {
  const state = workingDocument(service, item.document);
  if (!state.writable) throw new CannotAct(`${vscode.workspace.asRelativePath(state.sidecarUri)} has an error and is left untouched until it is fixed.`);
  const versions = [item.a, item.b].filter((e): e is EntityAnnotation => !!e);
  const keep = decision === 'a' ? (item.a ? [item.a] : []) : decision === 'b' ? (item.b ? [item.b] : []) : decision === 'both' ? versions : [];
  const drop = versions.filter((v) => !keep.includes(v));
  // Two versions of one base annotation share an id: keeping both needs a second id.
  const changes = curationChanges(state.entities, keep, drop, () => newAnnotationId());
  const label = { a: 'Accept A', b: 'Accept B', both: 'Accept both', none: 'Reject both' }[decision];
  if (changes.length) check(await service.change(state, label, changes));
  const differences = tree.comparison?.differences.find((d) => d.document === item.document);
  if (differences) differences.disagreements = differences.disagreements.filter((d) => d !== item);
  tree.refresh();
}

/** Copies every annotation both sides agree on into the working tree (one undo step per document). */
export async function acceptAllAgreements(service: CorpusService, comparison: Comparison): Promise<number> {
  let added = 0;
  for (const d of comparison.differences) {
    if (!d.agreements.length) continue;
    const state = workingDocument(service, d.document);
    const changes = curationChanges(state.entities, d.agreements.map((p) => p.a), [], () => newAnnotationId());
    if (!changes.length) continue;
    check(await service.change(state, 'Accept all agreements', changes));
    added += changes.filter((c) => c.kind === 'add').length;
  }
  return added;
}

/** Both versions in the editor: A outlined, B underlined, the stretch selected. */
export class VersionHighlighter implements vscode.Disposable {
  private readonly a = vscode.window.createTextEditorDecorationType({ border: '1px solid', borderColor: new vscode.ThemeColor('charts.blue'), borderRadius: '2px' });
  private readonly b = vscode.window.createTextEditorDecorationType({ borderStyle: 'none none dashed none', borderWidth: '2px', borderColor: new vscode.ThemeColor('charts.orange') });

  async show(service: CorpusService, item: Disagreement): Promise<void> {
    const state = workingDocument(service, item.document);
    // Focus stays in the view, so the next decision is one key away.
    const editor = await vscode.window.showTextDocument(state.uri, { preview: true, preserveFocus: true });
    const lines = (await service.withText(state))?.lines;
    if (!lines) throw new CannotAct(`${item.document} is gone from the working tree.`);
    const range = (e: { start: number; end: number }) => {
      const s = lines.positionAt(e.start);
      const t = lines.positionAt(e.end);
      return new vscode.Range(s.line, s.character, t.line, t.character);
    };
    const hover = (e: EntityAnnotation, side: string) => new vscode.MarkdownString(`**${side}**: ${e.type}${e.author ? ` (${e.author})` : ''} «${e.text}»`);
    editor.setDecorations(this.a, item.a ? [{ range: range(item.a), hoverMessage: hover(item.a, 'A') }] : []);
    editor.setDecorations(this.b, item.b ? [{ range: range(item.b), hoverMessage: hover(item.b, 'B') }] : []);
    const all = range(item);
    editor.selection = new vscode.Selection(all.start, all.end);
    editor.revealRange(all, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    this.a.dispose();
    this.b.dispose();
  }
}
