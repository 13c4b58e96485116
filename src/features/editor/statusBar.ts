import * as vscode from 'vscode';
import { hexColor } from '../../core/corpus/config/colors';
import type { EntityType } from '../../core/model';
import type { CorpusService } from '../../workspace/corpusService';
import { plural } from '../../core/text/plural';

/**
 * The current document's annotation counts; clicking focuses the Corpus view. Its hover is also
 * the legend: every type of the corpus with its colour, its key and its count here.
 */
export class AnnotationStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('corpusAnnotator.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  /** What the item shows, as last set: nothing is sent when it would not change. */
  private shown: { text: string; tooltip: string } | undefined;
  /** Times the item was set (sent to the workbench) since activation. */
  sends = 0;

  constructor(private readonly service: CorpusService) {
    this.item.name = 'Corpus Annotator';
    this.item.command = 'corpusAnnotator.documents.focus';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      // Only the active editor's document is shown: the scan's documents and the search's do not matter here.
      service.onDidChangeDocument((state) => {
        if (state.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.update();
      }),
      service.onDidChangeCorpus(() => this.update()),
      // The swatches are drawn in the colour of the theme's kind.
      vscode.window.onDidChangeActiveColorTheme(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const state = uri && this.service.getDocument(uri);
    if (!state) {
      this.item.hide();
      this.shown = undefined;
      return;
    }
    const counts = new Map<string, number>();
    for (const a of state.entities) counts.set(a.type, (counts.get(a.type) ?? 0) + 1);
    const review = state.entities.filter((a) => a.status && a.status !== 'exact').length;
    const text = `$(tag) ${state.entities.length}${state.facts.length ? ` $(quote) ${state.facts.length}` : ''}${review ? ` $(warning) ${review}` : ''}${state.writable ? '' : ' $(error)'}`;
    const tooltip = [
      `**${plural(state.entities.length, 'annotation')}, ${plural(state.facts.length, 'fact')}** in this document`,
      review ? `$(warning) ${plural(review, 'annotation')} to review (moved or orphaned)` : '',
      state.writable ? '' : '$(error) The sidecar has an error: see Problems',
      legendOf(state.corpus.config.types, counts, isLightTheme()),
      'Click to open the Corpus view',
    ]
      .filter(Boolean)
      .join('\n\n');
    // Setting the item sends it whole, and the extension host parses a Markdown tooltip at every
    // send (200 ms once, at a start measured in the test host): typing in the document, or the scan
    // reading other documents, changes neither.
    if (this.shown?.text === text && this.shown.tooltip === tooltip) return;
    this.shown = { text, tooltip };
    this.sends++;
    this.item.text = text;
    const tip = new vscode.MarkdownString(tooltip, true);
    // The swatches are HTML: VS Code keeps a span's colour when it is hex.
    tip.supportHtml = true;
    this.item.tooltip = tip;
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  /** The hover's Markdown (the counts and the legend). */
  get tooltip(): string {
    const t = this.item.tooltip;
    return typeof t === 'string' ? t : (t?.value ?? '');
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function isLightTheme(): boolean {
  const kind = vscode.window.activeColorTheme.kind;
  return kind === vscode.ColorThemeKind.Light || kind === vscode.ColorThemeKind.HighContrastLight;
}

/** One line per type: a swatch in its colour, its label, its key in the type picker, its count here. */
function legendOf(types: readonly EntityType[], counts: ReadonlyMap<string, number>, light: boolean): string {
  const rows = types.map((t) => {
    const css = light ? t.color.light : t.color.dark;
    const hex = hexColor(css);
    // A named colour has no hex to give the span: its name is written instead.
    const swatch = hex ? `<span style="color:${hex};">■■</span>` : `■■ (${escapeHtml(css)})`;
    const key = t.shortcut ? ` — key \`${t.shortcut}\`` : '';
    const n = counts.get(t.id) ?? 0;
    return `${swatch} **${escapeHtml(t.label)}**${key}${n ? ` — ${n} here` : ''}`;
  });
  // Types tagged here that corpus.yaml no longer lists.
  const unknown = [...counts].filter(([id]) => !types.some((t) => t.id === id)).map(([id, n]) => `**${escapeHtml(id)}** (not in corpus.yaml) — ${n} here`);
  return ['**Types**', ...rows, ...unknown].join('  \n');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"'*_`\\[\]]/g, (c) => `&#${c.charCodeAt(0)};`);
}
