import * as vscode from 'vscode';
import { findDisagreements, measureAgreement, pairDocuments, type AgreementReport } from '../../core/agreement';
import { Cancelled, CannotAct } from '../../errors';
import { registerCommand, setContext } from '../commands';
import type { FeatureContext } from '../context';
import { DisagreementsTree, VersionHighlighter, acceptAllAgreements, decide, type Decision, type Node } from './disagreementsView';
import { setUpGitMerge } from './gitSetup';
import { reportHtml } from './reportHtml';
import type { Comparison } from './session';
import { describeSource, isSource, listRefs, loadSource, type Source } from './sources';
import { plural } from '../../core/text/plural';

export interface CompareArgs {
  a: Source;
  b: Source;
  documents?: string[];
  detail?: boolean;
}

/** The agreement feature's part of the API. */
export interface AgreementApi {
  comparison(): Comparison | undefined;
  disagreements: DisagreementsTree;
  disagreementsView: vscode.TreeView<Node>;
  reportPanel(): vscode.WebviewPanel | undefined;
}

async function pickSource(ctx: FeatureContext, which: 'A' | 'B'): Promise<Source> {
  const refs = await listRefs(ctx.corpus);
  const items: (vscode.QuickPickItem & { source?: Source; ask?: 'folder' | 'author' })[] = [
    { label: '$(files) Working tree', description: 'the sidecars as they are now', source: { workingTree: true } },
    ...refs.map((r) => ({ label: `$(git-branch) ${r}`, description: 'git ref', source: { ref: r } })),
    { label: '$(folder) Folder…', description: 'a copy of the corpus with its own sidecars', ask: 'folder' as const },
    { label: '$(person) Author…', description: 'one author within the working tree', ask: 'author' as const },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `Compare annotations: source ${which}${which === 'A' ? ' (the reference)' : ''}`, placeHolder: 'Working tree, a branch or commit, a folder, or an author' });
  if (!picked) throw new Cancelled();
  if (picked.source) return picked.source;
  if (picked.ask === 'folder') {
    const uri = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: `Use as ${which}` });
    if (!uri?.[0]) throw new Cancelled();
    return { folder: uri[0].fsPath };
  }
  const authors = [...new Set(ctx.corpus.allDocuments().flatMap((d) => d.entities.map((e) => e.author ?? '')))].sort();
  const author = await vscode.window.showQuickPick(authors.map((a) => ({ label: a || '(no author)', author: a })), { title: `Source ${which}: author` });
  if (!author) throw new Cancelled();
  return { author: author.author };
}

export function register(ctx: FeatureContext): void {
  const { extension, corpus } = ctx;
  const tree = new DisagreementsTree();
  const view = vscode.window.createTreeView('corpusAnnotator.disagreements', { treeDataProvider: tree, showCollapseAll: true });
  const highlighter = new VersionHighlighter();
  extension.subscriptions.push(tree, view, highlighter);
  let panel: vscode.WebviewPanel | undefined;

  const showReport = (comparison: Comparison) => {
    if (!panel) {
      panel = vscode.window.createWebviewPanel('corpusAnnotator.agreementReport', 'Agreement', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
      panel.onDidDispose(() => (panel = undefined), undefined, extension.subscriptions);
      panel.webview.onDidReceiveMessage(
        async (m: { command?: string; document?: string }) => {
          if (m.command !== 'showDocument' || !m.document) return;
          const node = tree.documentNode(m.document);
          if (!node) return void vscode.window.showInformationMessage(`No disagreement left in ${m.document}.`);
          await view.reveal(node, { expand: true, focus: true, select: true });
        },
        undefined,
        extension.subscriptions,
      );
    }
    const nonce = Array.from({ length: 24 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 62)]).join('');
    panel.title = `Agreement: ${comparison.labels.a} ↔ ${comparison.labels.b}`;
    panel.webview.html = reportHtml(comparison.report, comparison.labels, nonce, panel.webview.cspSource);
    panel.reveal();
  };

  registerCommand(ctx, 'compareAnnotations', async (args?: CompareArgs): Promise<AgreementReport | undefined> => {
    await ctx.ready;
    const interactive = !args;
    if (args && (!isSource(args.a) || !isSource(args.b))) throw new CannotAct('compareAnnotations expects { a: SOURCE, b: SOURCE }, SOURCE being { ref }, { folder }, { workingTree: true } or { author }.');
    const a = args?.a ?? (await pickSource(ctx, 'A'));
    const b = args?.b ?? (await pickSource(ctx, 'B'));
    const comparison = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Comparing annotations', cancellable: true }, async (progress, token) => {
      const read = async (s: Source) => {
        progress.report({ message: `reading ${describeSource(s)}` });
        try {
          return await loadSource(corpus, s, token, (message) => progress.report({ message }));
        } catch (e) {
          if (token.isCancellationRequested) throw new Cancelled();
          throw e;
        }
      };
      const docsA = await read(a);
      const docsB = await read(b);
      if (token.isCancellationRequested) throw new Cancelled();
      progress.report({ message: 'measuring' });
      const { inputs, onlyA, onlyB } = pairDocuments(docsA, docsB, args?.documents);
      if (onlyA.length || onlyB.length) ctx.log.write(`Compare: ${plural(onlyA.length, 'document')} only in A, ${plural(onlyB.length, 'document')} only in B, not compared.`, 'info');
      const report = measureAgreement(inputs, { detail: args?.detail === true });
      const mapA = new Map(docsA.map((d) => [d.document, d]));
      const mapB = new Map(docsB.map((d) => [d.document, d]));
      const differences = inputs.map((i) => findDisagreements(mapA.get(i.document)!, mapB.get(i.document)!));
      const result: Comparison = { a, b, labels: { a: describeSource(a), b: describeSource(b) }, report, differences, docsA: mapA };
      return result;
    });
    tree.set(comparison);
    setContext('hasComparison', true);
    if (interactive || !args?.detail) showReport(comparison);
    else if (panel) showReport(comparison);
    return comparison.report;
  });

  registerCommand(ctx, 'showDisagreement', async (node?: Node) => {
    const target = node ?? view.selection[0];
    if (!target || target.kind !== 'disagreement') return;
    await highlighter.show(corpus, target.item);
  });

  /** Writes one decision, then selects the next disagreement of the document (the keyboard flow). */
  const decideSelected = async (d: Decision, node?: Node) => {
    const target = node ?? view.selection[0];
    if (!target || target.kind !== 'disagreement') throw new CannotAct('Select a disagreement in the Disagreements view first.');
    const parent = tree.documentNode(target.item.document);
    const index = parent ? tree.getChildren(parent).findIndex((s) => s.kind === 'disagreement' && s.item === target.item) : -1;
    await decide(corpus, tree, target.item, d);
    const rest = parent ? tree.getChildren(parent) : [];
    const next = rest[Math.min(index, rest.length - 1)] ?? tree.getChildren()[0];
    if (next && view.visible) await view.reveal(next, { select: true, focus: true });
  };
  registerCommand(ctx, 'acceptA', (node?: Node) => decideSelected('a', node));
  registerCommand(ctx, 'acceptB', (node?: Node) => decideSelected('b', node));
  registerCommand(ctx, 'acceptBoth', (node?: Node) => decideSelected('both', node));
  registerCommand(ctx, 'rejectBoth', (node?: Node) => decideSelected('none', node));

  registerCommand(ctx, 'acceptAllAgreements', async () => {
    const comparison = tree.comparison;
    if (!comparison) throw new CannotAct('Compare annotations first (Corpus: Compare Annotations…).');
    const added = await acceptAllAgreements(corpus, comparison);
    void vscode.window.showInformationMessage(`Copied ${plural(added, 'agreed annotation')} into the working tree.`);
    return added;
  });

  registerCommand(ctx, 'setUpGitMerge', async (folder?: vscode.Uri) => {
    const r = await setUpGitMerge(extension.extensionPath, folder);
    void vscode.window.showInformationMessage(
      `Sidecars now merge by entry id: merge.corpus-annotator.driver is set${r.attributesChanged ? ' and .gitattributes has the line for *.txt.yaml (commit it so everyone uses it)' : ' (.gitattributes already had the line)'}.`,
    );
    return r;
  });

  const api: AgreementApi = { comparison: () => tree.comparison, disagreements: tree, disagreementsView: view, reportPanel: () => panel };
  ctx.expose({ agreement: api });
}
