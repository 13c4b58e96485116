import type * as vscode from 'vscode';
import { describeDocument } from '../core/corpus/documentInfo';
import { LineIndex } from '../core/text/lineIndex';
import { basename, type DocumentState, reside } from './documentState';
import type { EditorSync, FollowedText } from './editorSync';
import type { LogLevel } from './log';

/** What following the editors needs of the corpus service. */
export interface FollowHost {
  documentByKey(key: string): DocumentState | undefined;
  /** The tracker lost the thread (a change it cannot follow): read the document again. */
  reload(state: DocumentState): void;
  /** A state now follows its editor's text: index it and tell the listeners. */
  followed(state: DocumentState): void;
  log(message: string, level?: LogLevel): void;
}

/**
 * Applies the edits made in corpus documents' editors to their states. The editor already moves
 * decorations with the text, so the model follows at a pause (a burst of keystrokes is one
 * update); anything that reads positions flushes first. See EditorSync for the tracking itself.
 */
export class EditorFollow implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly sync: EditorSync,
    private readonly host: FollowHost,
  ) {}

  queueEdit(key: string, e: vscode.TextDocumentChangeEvent): void {
    this.sync.queueEdit(key, e);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), 60);
  }

  /** Applies pending editor events now: for one document, or all; `saving` when the document was just saved. */
  flush(key?: string, saving = false): void {
    for (const k of this.sync.pendingKeys()) {
      if (key !== undefined && k !== key) continue;
      const state = this.host.documentByKey(k);
      let next: FollowedText | 'reload' | undefined;
      try {
        next = this.sync.flush(k, state, saving);
      } catch (e) {
        this.host.log(`following the editor failed for ${k}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, 'error');
      }
      if (!next || !state) continue;
      if (next === 'reload') {
        this.host.reload(state);
        continue;
      }
      if (next.text !== state.text) {
        // Typing: the line and code point indexes are updated around the edit, not rebuilt.
        const lines = next.edit && state.lines.text === state.text ? state.lines.afterEdit(next.text, next.edit) : new LineIndex(next.text);
        reside(state, next.text, lines);
        state.length = lines.cp.length;
        // The title, date and language come from the head of the text and a bounded sample:
        // cheap to read again, and the Documents view shows them as they are typed.
        state.info = describeDocument(basename(state.uri), next.text);
      }
      state.entities = next.entities;
      state.facts = next.facts;
      state.reanchored = next.reanchored;
      // The state now follows the editor, not the files: the scan cache leaves it out.
      state.stamp = undefined;
      this.host.followed(state);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
