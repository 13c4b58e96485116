import * as vscode from 'vscode';
import { changedRegion, type ContentChange, EditTracker, reanchor } from '../core/anchoring';
import type { EntityAnnotation, FactAnnotation } from '../core/model';
import { normalizeText } from '../core/text/normalize';
import type { TextEdit } from '../core/text/textEdit';
import type { DocumentState } from './documentState';

type Anchored = EntityAnnotation | FactAnnotation;

/**
 * What happened in an editor until the next flush, with the document version it happened at
 * (selection events can arrive before the edit that moved the cursor).
 */
type SyncItem = ({ kind: 'edit'; changes: ContentChange[]; reason?: 'undo' | 'redo' } | { kind: 'cursors'; at: number[] }) & { version: number };

/** What a document becomes after its editor's events: the state's new text and annotations. */
export interface FollowedText {
  text: string;
  entities: EntityAnnotation[];
  facts: FactAnnotation[];
  /** Ids whose anchors differ from the sidecar's (written with the next write or save). Not to be changed: the tracker may hand out the same set again. */
  reanchored: ReadonlySet<string>;
  /** Where the text changed, when it followed the state's text by edits alone: indexes over it are updated around it. */
  edit?: TextEdit;
}

interface Tracked {
  tracker: EditTracker<Anchored>;
  /** The first `entities` of the tracker's list are the document's entities, the rest its facts. */
  entities: number;
  /** Anchors re-anchored when the document was read, not yet in the sidecar. */
  readUnsaved: Set<string>;
}

/** A position in the document as a UTF-16 offset of its normalised (LF) text. */
function normalizedOffset(document: vscode.TextDocument, p: vscode.Position): number {
  return document.offsetAt(p) - (document.eol === vscode.EndOfLine.CRLF ? p.line : 0);
}

/**
 * Edits made in an editor move annotations exactly (core EditTracker), one tracker per open
 * corpus document. Events are queued as they come and applied at a pause in typing (or when a
 * command needs positions), in order. A file changed on disk under a clean editor is also
 * reported as edits, but the file watcher then reads the document again and re-anchors the
 * sidecar's annotations to it (CorpusService.loadDocument), which replaces what tracking made of it.
 */
export class EditorSync {
  private readonly tracked = new Map<string, Tracked>();
  private readonly pending = new Map<string, { document: vscode.TextDocument; items: SyncItem[]; before?: string }>();
  /**
   * Each open corpus document's normalised text as of its last event when none is pending: the
   * text the next edit applies to (set when pending events are flushed or forgotten).
   */
  private readonly mirror = new Map<string, string>();

  constructor(private readonly log: (message: string, level?: 'info' | 'warn') => void) {}

  /** Queues one onDidChangeTextDocument event. */
  queueEdit(key: string, e: vscode.TextDocumentChangeEvent): void {
    const crlf = e.document.eol === vscode.EndOfLine.CRLF;
    const changes = e.contentChanges.map((c) => ({
      rangeOffset: c.rangeOffset - (crlf ? c.range.start.line : 0),
      rangeLength: c.rangeLength - (crlf ? c.range.end.line - c.range.start.line : 0),
      text: c.text.includes('\r') ? c.text.replace(/\r\n?/g, '\n') : c.text,
    }));
    const reason = e.reason === vscode.TextDocumentChangeReason.Undo ? 'undo' : e.reason === vscode.TextDocumentChangeReason.Redo ? 'redo' : undefined;
    // The editor's whole text is read at the flush, not at every event (a copy of it each time).
    this.queue(key, e.document, { kind: 'edit', changes, reason, version: e.document.version });
  }

  /** Queues where the cursors are: a span being retyped stops taking keys once the cursor leaves its end. */
  queueCursors(key: string, editor: vscode.TextEditor): void {
    if (!this.tracked.has(key) && !this.pending.has(key)) return;
    this.queue(key, editor.document, { kind: 'cursors', at: editor.selections.map((s) => normalizedOffset(editor.document, s.active)), version: editor.document.version });
  }

  private queue(key: string, document: vscode.TextDocument, item: SyncItem): void {
    const entry = this.pending.get(key);
    if (entry) entry.items.push(item);
    else this.pending.set(key, { document, items: [item], before: this.mirror.get(key) });
  }

  /** A corpus document was opened in an editor (or is open): its text is what the first edit applies to. */
  opened(key: string, document: vscode.TextDocument): void {
    this.mirror.set(key, normalizeText(document.getText()));
  }

  /** A corpus document's editor model was closed. */
  closed(key: string): void {
    this.mirror.delete(key);
    this.forget(key);
  }

  isTracking(key: string): boolean {
    return this.tracked.has(key);
  }

  hasPending(key: string): boolean {
    return this.pending.has(key);
  }

  pendingKeys(): string[] {
    return [...this.pending.keys()];
  }

  /**
   * Applies the queued events of one document; returns the document's new text and annotations
   * (undefined when they did not change).
   * The result is checked against the editor's text; should they ever differ, the annotations are
   * re-anchored to the editor's text and the difference is logged.
   */
  flush(key: string, state: DocumentState | undefined, saving = false): FollowedText | 'reload' | undefined {
    const entry = this.pending.get(key);
    this.pending.delete(key);
    if (!entry) return undefined;
    const actual = normalizeText(entry.document.getText());
    this.mirror.set(key, actual);
    if (!state) return undefined;
    if (!state.resident) {
      // Its text is still being read (it takes the editor's text when it arrives).
      this.tracked.delete(key);
      return undefined;
    }
    if (!this.tracked.has(state.key) && state.text === actual) {
      // The document was read from the editor after these edits: it is current already.
      this.trackerFor(state);
      return undefined;
    }
    const t = this.trackerFor(state);
    // The edits apply to the editor's text before them; if the model holds another text (the
    // document was read from disk meanwhile), carry the annotations there first.
    const before = entry.before ?? state.text;
    let followed = t.tracker.text === state.text;
    if (t.tracker.text !== before) {
      this.reanchorTo(t, before);
      followed = before === state.text;
    }
    // A clean document that changed without undo or redo was reloaded from disk (a person's first
    // edit is reported before the document is dirty, but it is dirty by the time we get here; a
    // save flushes its edits first): the caller reads it again, re-anchoring the sidecar's annotations.
    const reloaded = !saving && !entry.document.isDirty && entry.items.every((i) => i.kind === 'cursors' || !i.reason);
    if (reloaded) {
      this.tracked.delete(key);
      return 'reload';
    }
    // Cursor positions are offsets in the text of their version: after the edits that made it.
    const items = entry.items.map((item, i) => ({ item, i })).sort((a, b) => a.item.version - b.item.version || (a.item.kind === 'edit' ? 0 : 1) - (b.item.kind === 'edit' ? 0 : 1) || a.i - b.i);
    const applied: ContentChange[] = [];
    let lastEdit = -1;
    items.forEach(({ item }, i) => item.kind === 'edit' && (lastEdit = i));
    items.forEach(({ item }, i) => {
      if (item.kind === 'cursors') t.tracker.endRetyping(item.at);
      else {
        // The last event's result is the editor's text: the tracker takes it (once it checked it) instead of making its own copy.
        t.tracker.apply(item.changes, { reason: item.reason, ...(i === lastEdit ? { text: actual } : {}) });
        applied.push(...item.changes);
      }
    });
    if (t.tracker.text !== actual) {
      this.log(`edit tracking lost step with the editor for ${state.uri.path}; re-anchoring`, 'warn');
      this.reanchorTo(t, actual);
      followed = false;
    }
    return this.result(t, state, followed && applied.length ? changedRegion(t.tracker.text, applied) : undefined);
  }

  /** The sidecar now holds the state's annotations for the state's text (after a write). */
  written(state: DocumentState, textWritten: string): void {
    const t = this.tracked.get(state.key);
    if (!t) return;
    t.readUnsaved.clear();
    t.entities = state.entities.length;
    const all = [...state.entities, ...state.facts];
    if (textWritten === state.text) t.tracker.setBaseline(state.text, all);
    else t.tracker.replace(state.text, all);
  }

  /** The document's state was read again: track from it (edits queued since still apply). */
  dropTracker(key: string): void {
    this.tracked.delete(key);
  }

  /** The document's state was read from its editor, queued edits included: start over from it. */
  forget(key: string): void {
    this.tracked.delete(key);
    const entry = this.pending.get(key);
    if (entry) this.mirror.set(key, normalizeText(entry.document.getText()));
    this.pending.delete(key);
  }

  /** Whether an annotation of the document is being retyped (takes keys typed at its end). */
  isRetyping(key: string): boolean {
    return this.tracked.get(key)?.tracker.retyping ?? false;
  }

  private trackerFor(state: DocumentState): Tracked {
    let t = this.tracked.get(state.key);
    if (!t) {
      t = { tracker: new EditTracker<Anchored>(state.text, [...state.entities, ...state.facts]), entities: state.entities.length, readUnsaved: new Set(state.reanchored) };
      this.tracked.set(state.key, t);
    }
    return t;
  }

  private reanchorTo(t: Tracked, text: string): void {
    const list = t.tracker.annotations;
    const entities = reanchor(text, list.slice(0, t.entities), { oldText: t.tracker.text }).annotations;
    const facts = reanchor(text, list.slice(t.entities), { oldText: t.tracker.text }).annotations;
    t.tracker.replace(text, [...entities, ...facts]);
  }

  /** The state's new text and annotations, or undefined when nothing changed. */
  private result(t: Tracked, state: DocumentState, edit: TextEdit | undefined): FollowedText | undefined {
    const list = t.tracker.annotations;
    const entities = list.slice(0, t.entities) as EntityAnnotation[];
    const facts = list.slice(t.entities) as FactAnnotation[];
    const changed = state.text !== t.tracker.text || entities.some((a, i) => a !== state.entities[i]) || facts.some((a, i) => a !== state.facts[i]);
    if (!changed) return undefined;
    const unsaved = t.tracker.unsaved();
    const reanchored = t.readUnsaved.size ? new Set([...unsaved, ...t.readUnsaved]) : unsaved;
    return { text: t.tracker.text, entities, facts, reanchored, ...(edit ? { edit } : {}) };
  }
}
