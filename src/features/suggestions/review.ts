import * as vscode from 'vscode';
import type { EntitySuggestion } from '../../core/suggest';
import { CannotAct } from '../../errors';
import { rangeOf, typeLabel, type DocumentState } from '../../workspace/documentState';
import { setContext } from '../commands';
import type { FeatureContext } from '../context';
import { acceptSuggestion, rejectSuggestion, stateOf } from './actions';
import type { SuggestionSource } from './source';

export interface ReviewState {
  uri: string;
  /** Suggestions still to review, highest score first; `current` is the first. */
  left: number;
  current?: EntitySuggestion;
  accepted: number;
  rejected: number;
  skipped: number;
}

/**
 * `Corpus: Review Suggestions`: one suggestion at a time, highest score first, its span selected.
 * While it runs the context key `corpusAnnotator.reviewingSuggestions` turns the editor's keys into
 * the walk's (package.json keybindings): Enter accepts, a type's shortcut key retypes and accepts,
 * Backspace rejects, Space skips, Escape stops. The status bar counts what is left.
 */
export class ReviewWalk implements vscode.Disposable {
  private queue: EntitySuggestion[] = [];
  private state: DocumentState | undefined;
  private counts = { accepted: 0, rejected: 0, skipped: 0 };
  private readonly status = vscode.window.createStatusBarItem('corpusAnnotator.review', vscode.StatusBarAlignment.Left, 1000);
  private busy: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: FeatureContext,
    private readonly source: SuggestionSource,
  ) {
    this.status.name = 'Corpus: Review Suggestions';
  }

  get active(): boolean {
    return this.state !== undefined;
  }

  snapshot(): ReviewState | undefined {
    if (!this.state) return undefined;
    return { uri: this.state.key, left: this.queue.length, current: this.queue[0], ...this.counts };
  }

  async start(uri?: string): Promise<ReviewState | undefined> {
    let state = await stateOf(this.ctx, uri);
    const all = await this.source.forDocument(state);
    if (all.length === 0) throw new CannotAct('This document has no suggestions to review.');
    if (!vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === state.key)) {
      await vscode.window.showTextDocument(state.uri);
      // Opening gives the document its text (the walk selects spans in the editor).
      state = (await this.ctx.corpus.whenLoaded(state.uri)) ?? state;
    }
    this.state = state;
    this.queue = [...all].sort((a, b) => b.score - a.score || a.start - b.start);
    this.counts = { accepted: 0, rejected: 0, skipped: 0 };
    setContext('reviewingSuggestions', true);
    this.show();
    return this.snapshot();
  }

  /** Runs one step after the previous one finished, so fast key presses act in order. */
  private step(body: () => Promise<void>): Promise<ReviewState | undefined> {
    this.busy = this.busy.then(body, body);
    return this.busy.then(() => this.snapshot());
  }

  accept(typeKey?: string): Promise<ReviewState | undefined> {
    return this.step(async () => {
      const s = this.queue[0];
      if (!s || !this.state) return;
      let type = s.type;
      if (typeKey !== undefined) {
        const t = this.state.corpus.config.types.find((x) => x.shortcut?.toLowerCase() === typeKey.toLowerCase());
        if (!t) {
          void vscode.window.showInformationMessage(`No entity type has the key "${typeKey}". Keys: ${this.state.corpus.config.types.filter((x) => x.shortcut).map((x) => `${x.shortcut} ${x.label}`).join(', ')}.`);
          return;
        }
        type = t.id;
      }
      await acceptSuggestion(this.ctx, this.source, { uri: this.state.key, start: s.start, end: s.end, type }, s);
      this.counts.accepted++;
      this.advance(s);
    });
  }

  reject(): Promise<ReviewState | undefined> {
    return this.step(async () => {
      const s = this.queue[0];
      if (!s || !this.state) return;
      await rejectSuggestion(this.ctx, this.source, { uri: this.state.key, start: s.start, end: s.end, type: s.type });
      this.counts.rejected++;
      // The same quote and type is rejected everywhere: drop its other occurrences from the walk too.
      this.queue = this.queue.filter((x) => !(x.text === s.text && x.type === s.type));
      this.advance();
    });
  }

  skip(): Promise<ReviewState | undefined> {
    return this.step(async () => {
      const s = this.queue[0];
      if (!s) return;
      this.counts.skipped++;
      this.advance(s);
    });
  }

  /** Drops the suggestion just handled (suggestions never overlap: combine.ts resolved that) and shows the next. */
  private advance(handled?: EntitySuggestion): void {
    if (handled) this.queue = this.queue.filter((x) => x !== handled);
    this.show();
  }

  stop(): ReviewState | undefined {
    const last = this.snapshot();
    if (this.state) {
      const { accepted, rejected, skipped } = this.counts;
      this.status.hide();
      void vscode.window.setStatusBarMessage(`Review stopped: ${accepted} accepted, ${rejected} rejected, ${skipped} skipped, ${this.queue.length} left.`, 5000);
    }
    this.state = undefined;
    this.queue = [];
    setContext('reviewingSuggestions', false);
    return last;
  }

  private show(): void {
    const state = this.state;
    const s = this.queue[0];
    if (!state) return;
    if (!s) {
      this.stop();
      void vscode.window.showInformationMessage(`Review done: ${this.counts.accepted} accepted, ${this.counts.rejected} rejected, ${this.counts.skipped} skipped.`);
      return;
    }
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === state.key);
    if (editor && state.resident) {
      const range = rangeOf(state, s);
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    const keys = state.corpus.config.types.filter((t) => t.shortcut).map((t) => t.shortcut).join('/');
    this.status.text = `$(checklist) ${this.queue.length} left · "${s.text}" ${typeLabel(state, s.type)} (${s.engine} ${s.score.toFixed(2)})`;
    this.status.tooltip = `Enter accept · ${keys} accept as that type · Backspace reject · Space skip · Escape stop`;
    this.status.show();
  }

  dispose(): void {
    this.stop();
    this.status.dispose();
  }
}
