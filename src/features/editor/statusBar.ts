import * as vscode from 'vscode';
import type { CorpusService } from '../../workspace/corpusService';
import { typeLabel } from '../../workspace/documentState';

/** The current document's annotation counts; clicking focuses the Corpus view. */
export class AnnotationStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('corpusAnnotator.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly service: CorpusService) {
    this.item.name = 'Corpus Annotator';
    this.item.command = 'corpusAnnotator.documents.focus';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      service.onDidChangeDocument(() => this.update()),
      service.onDidChangeCorpus(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const state = uri && this.service.getDocument(uri);
    if (!state) {
      this.item.hide();
      return;
    }
    const counts = new Map<string, number>();
    for (const a of state.entities) counts.set(a.type, (counts.get(a.type) ?? 0) + 1);
    const review = state.entities.filter((a) => a.status && a.status !== 'exact').length;
    this.item.text = `$(tag) ${state.entities.length}${state.facts.length ? ` $(quote) ${state.facts.length}` : ''}${review ? ` $(warning) ${review}` : ''}${state.writable ? '' : ' $(error)'}`;
    const lines = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${typeLabel(state, t)}: ${n}`);
    this.item.tooltip = new vscode.MarkdownString(
      [`**${state.entities.length} annotations, ${state.facts.length} facts** in this document`, ...lines, review ? `${review} to review (moved or orphaned)` : '', state.writable ? '' : 'The sidecar has an error: see Problems', 'Click to open the Corpus view'].filter(Boolean).join('\n\n'),
    );
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
