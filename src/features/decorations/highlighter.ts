import * as vscode from 'vscode';
import { bandLinesFor, type FlatRanges, planHighlights, splitByBand } from '../../core/anchoring/highlightRanges';
import type { EntitySuggestion } from '../../core/suggest';
import type { EntityType } from '../../core/model';
import type { Settings } from '../../settings';
import type { CorpusService } from '../../workspace/corpusService';
import { rangeOf } from '../../workspace/documentState';
import type { SuggestionSource } from '../suggestions/source';

/**
 * Inline highlighting, Error Lens style: one decoration type per entity type (plus moved and
 * suggested mentions), created once and rebuilt only when the types or settings change; every
 * visible editor of a corpus document is redrawn, debounced, whenever its annotations change.
 *
 * Each type's ranges are split into bands of lines, each its own decoration (same options), and
 * a redraw sends a band only when its ranges differ from what that editor was last sent: a
 * keystroke moves the ranges of one line, so one band of the types on it is sent again, where
 * sending all of a 10,000-annotation document's ranges cost the extension host milliseconds.
 * That relies on VS Code moving the ranges it holds only where our model moves them too: the
 * decorations do not grow at their edges
 * (`ClosedClosed`, as text typed next to a name stays outside it), so an edit that leaves every
 * range of a type where it was in our model leaves them there in VS Code's as well. That holds for
 * typing, which the model follows edit by edit; after any other change of the text (an undo or
 * redo, a reload from disk: a clean document's change still clean at the redraw) and when the
 * visible editors change, everything is sent again.
 */
export class Highlighter implements vscode.Disposable {
  /** Per type, its decoration for each band of lines (made as bands are needed, band 0 at once). */
  private typeDecorations = new Map<string, vscode.TextEditorDecorationType[]>();
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
  /** Documents changed while clean since their last redraw. */
  private readonly cleanChanged = new WeakSet<vscode.TextDocument>();
  /** The ranges each editor was last sent per decoration type. */
  private sent = new WeakMap<vscode.TextEditor, Map<vscode.TextEditorDecorationType, FlatRanges>>();

  constructor(
    private readonly service: CorpusService,
    private settings: Settings,
    private readonly suggestions: SuggestionSource,
  ) {
    this.moved = vscode.window.createTextEditorDecorationType({
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      border: '1px dashed',
      borderColor: new vscode.ThemeColor('editorWarning.foreground'),
      overviewRulerColor: new vscode.ThemeColor('editorWarning.foreground'),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
    });
    this.suggestion = vscode.window.createTextEditorDecorationType({
      // Sent only when they differ from what the editor holds, so they must not grow at their edges either (see above).
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      textDecoration: 'underline dotted',
      opacity: '0.85',
      borderColor: new vscode.ThemeColor('editorInfo.foreground'),
    });
    this.disposables.push(
      service.onDidChangeDocument((s) => this.schedule(s.key)),
      service.onDidChangeCorpus(() => this.scheduleAll()),
      suggestions.onDidChange(() => this.scheduleAll()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.reason !== undefined) this.sendAllTo(e.document);
        // A change to a clean document is a reload from disk, or a first keystroke (reported
        // before the document is dirty): the redraw, later, tells them apart.
        else if (!e.document.isDirty) this.cleanChanged.add(e.document);
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => {
        // An editor shown again may be one VS Code cleared: send it everything.
        this.sent = new WeakMap();
        this.scheduleAll();
      }),
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
    for (const bands of this.typeDecorations.values()) for (const d of bands) d.dispose();
    this.typeDecorations.clear();
    this.typeOptions.clear();
    this.sent = new WeakMap();
    for (const t of types) {
      const options = this.typeDecorationOptions(t);
      this.typeOptions.set(t.id, options);
      this.typeDecorations.set(t.id, [vscode.window.createTextEditorDecorationType(options)]);
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
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
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
    if (this.cleanChanged.delete(editor.document) && !editor.document.isDirty) this.sendAllTo(editor.document);
    const state = this.service.current(editor.document.uri);
    if (!state) {
      for (const bands of this.typeDecorations.values()) for (const d of bands) this.send(editor, d, []);
      this.send(editor, this.moved, []);
      this.send(editor, this.suggestion, []);
      return;
    }
    this.ensureTypes(state.corpus.config.types);
    const plan = planHighlights(state.lines, [...state.entities, ...state.facts.filter((f) => f.status === 'moved')]);
    const bandLines = bandLinesFor(state.lines.lineCount);
    for (const [id, bands] of this.typeDecorations) {
      const byBand = splitByBand(plan.byType.get(id) ?? [], bandLines);
      while (bands.length < byBand.length) bands.push(vscode.window.createTextEditorDecorationType(this.typeOptions.get(id)!));
      bands.forEach((d, band) => this.send(editor, d, byBand[band] ?? []));
    }
    this.send(editor, this.moved, plan.moved);
    // The visible lines with a margin, so a little scrolling finds them already drawn.
    const visible = editor.visibleRanges;
    const lines = visible.length ? { from: Math.max(0, visible[0].start.line - 100), to: visible[visible.length - 1].end.line + 100 } : { from: 0, to: state.lines.lineCount };
    const suggestions = this.settings.suggestionsEnabled ? this.suggestions.suggest(state, lines) : [];
    this.drawnSuggestions.set(state.key, suggestions);
    // Their hover is SuggestionHover's (src/features/editor), so the ranges are all there is to send.
    const flat: number[] = [];
    for (const s of suggestions) {
      const r = rangeOf(state, s);
      flat.push(r.start.line, r.start.character, r.end.line, r.end.character);
    }
    this.send(editor, this.suggestion, flat);
  }

  /** The next redraw of the document's editors sends every range. */
  private sendAllTo(document: vscode.TextDocument): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.sent.delete(editor);
  }

  /** Sets a decoration's ranges in an editor, unless they are the ones it was last sent. */
  private send(editor: vscode.TextEditor, type: vscode.TextEditorDecorationType, flat: FlatRanges): void {
    let byType = this.sent.get(editor);
    if (!byType) this.sent.set(editor, (byType = new Map()));
    const last = byType.get(type);
    if (last && last.length === flat.length && last.every((x, i) => x === flat[i])) return;
    byType.set(type, flat);
    const ranges: vscode.Range[] = [];
    for (let i = 0; i < flat.length; i += 4) ranges.push(new vscode.Range(flat[i], flat[i + 1], flat[i + 2], flat[i + 3]));
    editor.setDecorations(type, ranges);
  }

  /** The options a type's decoration was created with (its colours, its inline label). */
  decorationOptionsOf(typeId: string): vscode.DecorationRenderOptions | undefined {
    return this.typeOptions.get(typeId);
  }

  /** Colour of a type's decoration, for tests that look for it in the rendered page. */
  decorationKeyOf(typeId: string): string | undefined {
    return this.typeDecorations.get(typeId)?.[0].key;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const bands of this.typeDecorations.values()) for (const d of bands) d.dispose();
    this.moved.dispose();
    this.suggestion.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
