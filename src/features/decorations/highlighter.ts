import * as vscode from 'vscode';
import { EditorRange, planHighlights } from '../../core/anchoring/highlightRanges';
import type { EntitySuggestion } from '../../core/suggest';
import type { EntityType } from '../../core/model';
import type { Settings } from '../../settings';
import type { CorpusService } from '../../workspace/corpusService';
import { rangeOf, typeLabel } from '../../workspace/documentState';
import type { SuggestionSource } from '../suggestions/source';

/**
 * Inline highlighting, Error Lens style: one decoration type per entity type (plus moved and
 * suggested mentions), created once and rebuilt only when the types or settings change; every
 * visible editor of a corpus document is redrawn, debounced, whenever its annotations change.
 */
export class Highlighter implements vscode.Disposable {
  private typeDecorations = new Map<string, vscode.TextEditorDecorationType>();
  /** The options each type's decoration was created with (for the API). */
  private readonly typeOptions = new Map<string, vscode.DecorationRenderOptions>();
  private typeSignature = '';
  private moved: vscode.TextEditorDecorationType;
  private suggestion: vscode.TextEditorDecorationType;
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Suggestions last drawn per document (for the API). */
  readonly drawnSuggestions = new Map<string, EntitySuggestion[]>();

  constructor(
    private readonly service: CorpusService,
    private settings: Settings,
    private readonly suggestions: SuggestionSource,
  ) {
    this.moved = vscode.window.createTextEditorDecorationType({
      border: '1px dashed',
      borderColor: new vscode.ThemeColor('editorWarning.foreground'),
      overviewRulerColor: new vscode.ThemeColor('editorWarning.foreground'),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
    });
    this.suggestion = vscode.window.createTextEditorDecorationType({
      textDecoration: 'underline dotted',
      opacity: '0.85',
      borderColor: new vscode.ThemeColor('editorInfo.foreground'),
    });
    this.disposables.push(
      service.onDidChangeDocument((s) => this.schedule(s.key)),
      service.onDidChangeCorpus(() => this.scheduleAll()),
      suggestions.onDidChange(() => this.scheduleAll()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.scheduleAll()),
      // Suggestions are computed for what is on screen, so scrolling redraws them.
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.schedule(e.textEditor.document.uri.toString())),
    );
  }

  updateSettings(settings: Settings): void {
    this.settings = settings;
    this.typeSignature = '';
    this.scheduleAll();
  }

  private ensureTypes(types: EntityType[]): void {
    const signature = JSON.stringify([this.settings.highlightStyle, this.settings.inlineLabels, types.map((t) => [t.id, t.color, t.label])]);
    if (signature === this.typeSignature) return;
    for (const d of this.typeDecorations.values()) d.dispose();
    this.typeDecorations.clear();
    this.typeOptions.clear();
    for (const t of types) {
      const options = this.typeDecorationOptions(t);
      this.typeOptions.set(t.id, options);
      this.typeDecorations.set(t.id, vscode.window.createTextEditorDecorationType(options));
    }
    this.typeSignature = signature;
  }

  private typeDecorationOptions(t: EntityType): vscode.DecorationRenderOptions {
    const underline = this.settings.highlightStyle === 'underline';
    const labels = this.settings.inlineLabels;
    // Translucent tints keep the text readable on any theme; the solid bottom border keeps the
    // category visible in high-contrast themes, where backgrounds are flattened.
    const themed = (color: string): vscode.ThemableDecorationRenderOptions => ({
      backgroundColor: underline ? undefined : `${color}40`,
      borderColor: color,
      overviewRulerColor: color,
      ...(labels ? { after: { color } } : {}),
    });
    return {
      borderStyle: 'none none solid none',
      borderWidth: underline ? '0 0 2px 0' : '0 0 1px 0',
      borderRadius: '2px',
      overviewRulerLane: vscode.OverviewRulerLane.Center,
      light: themed(t.color.light),
      dark: themed(t.color.dark),
      // The label after each annotation, as brat shows it: smaller and raised, so the sentence
      // still reads as a sentence. The API has no font size: the CSS rides on textDecoration,
      // which VS Code writes into the attachment's style as is.
      ...(labels ? { after: { contentText: t.label, margin: '0 0 0 0.2em', fontWeight: 'normal', textDecoration: 'none; font-size: 0.7em; vertical-align: super; opacity: 0.9' } } : {}),
    };
  }

  schedule(key: string): void {
    this.pending.add(key);
    this.arm();
  }

  scheduleAll(): void {
    for (const e of vscode.window.visibleTextEditors) this.pending.add(e.document.uri.toString());
    this.arm();
  }

  private arm(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const keys = new Set(this.pending);
      this.pending.clear();
      for (const editor of vscode.window.visibleTextEditors) {
        if (keys.has(editor.document.uri.toString())) this.draw(editor);
      }
    }, 30);
  }

  /** Draws one editor now. Exposed for tests and the benchmark. */
  draw(editor: vscode.TextEditor): void {
    const state = this.service.current(editor.document.uri);
    if (!state) {
      for (const d of this.typeDecorations.values()) editor.setDecorations(d, []);
      editor.setDecorations(this.moved, []);
      editor.setDecorations(this.suggestion, []);
      return;
    }
    this.ensureTypes(state.corpus.config.types);
    const toRange = (r: EditorRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    const plan = planHighlights(state.lines, [...state.entities, ...state.facts.filter((f) => f.status === 'moved')]);
    for (const [id, d] of this.typeDecorations) editor.setDecorations(d, (plan.byType.get(id) ?? []).map(toRange));
    editor.setDecorations(this.moved, plan.moved.map(toRange));
    // The visible lines with a margin, so a little scrolling finds them already drawn.
    const visible = editor.visibleRanges;
    const lines = visible.length ? { from: Math.max(0, visible[0].start.line - 100), to: visible[visible.length - 1].end.line + 100 } : { from: 0, to: state.lines.lineCount };
    const suggestions = this.settings.suggestionsEnabled ? this.suggestions.suggest(state, lines) : [];
    this.drawnSuggestions.set(state.key, suggestions);
    editor.setDecorations(
      this.suggestion,
      suggestions.map((s) => ({ range: rangeOf(state, s), hoverMessage: suggestionHover(typeLabel(state, s.type), s) })),
    );
  }

  /** The options a type's decoration was created with (its colours, its inline label). */
  decorationOptionsOf(typeId: string): vscode.DecorationRenderOptions | undefined {
    return this.typeOptions.get(typeId);
  }

  /** Colour of a type's decoration, for tests that look for it in the rendered page. */
  decorationKeyOf(typeId: string): string | undefined {
    return this.typeDecorations.get(typeId)?.key;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.typeDecorations.values()) d.dispose();
    this.moved.dispose();
    this.suggestion.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** What a suggestion's hover says: the type, which engine suggested it and how sure it is. */
function suggestionHover(label: string, s: EntitySuggestion): vscode.MarkdownString {
  const engines: Record<string, string> = { corpus: "the corpus's decisions", registry: 'the registry', model: 'the English model', patterns: 'name patterns', rules: 'rules' };
  return new vscode.MarkdownString(`Suggested **${label}** — ${engines[s.engine] ?? s.engine}, score ${s.score.toFixed(2)}\n\nQuick fix (Ctrl+.) to accept or reject; *Corpus: Review Suggestions* to walk them.`);
}
