/**
 * Edit tracking: annotations follow the edits the editor reports, exactly (see spanMapping.ts for
 * the rules), instead of being re-anchored by similarity. Re-anchoring (reanchor.ts) stays for
 * changes nobody described: a file changed on disk, another branch checked out.
 *
 * Two guarantees on top of the per-edit rules:
 *  - baseline: whenever the text is again the text the sidecar was written for (undo, revert,
 *    Backspace over a typo), every annotation is exactly the sidecar's again;
 *  - undo/redo: an undo or redo that brings back a text seen recently brings back where every
 *    annotation was then (recognised by a 64-bit fingerprint of the text and its length, which
 *    every remembered state has: LineHashes, kept up to date line by line as the text changes).
 *
 * A change costs what it touched (typing in a document with 10,000 annotations): the code point
 * index and the fingerprint are updated around the changed region, and only annotations whose span
 * or context window reaches into it get a new anchor; the others keep their object, or when the
 * change was before them get their offsets shifted. The output is the same as rebuilding every
 * anchor from the whole text (`incremental: false`, the reference the unit tests hold it to).
 *
 * Offsets in changes are UTF-16 code units of the normalised text; annotations keep code points.
 */
import type { Anchor, AnchorStatus } from '../model';
import { CodePointIndex } from '../text/codepoints';
import { LineHashes } from '../text/fingerprint';
import type { TextEdit } from '../text/textEdit';
import { DEFAULT_CONTEXT_LENGTH, makeAnchor } from './anchor';
import { HISTORY_CELLS, pack, type Snapshot, unpack } from './editHistory';
import { SlotSet } from './slotSet';
import { sameAnchor, sameStatus, statusOf, type Trackable } from './trackedAnchor';
import { applyChanges, changedRegion, type ContentChange, mapSpan, textAfter, type TrackedSpan } from './spanMapping';

export type { ContentChange } from './spanMapping';

export interface EditTrackerOptions {
  /** Prefix/suffix length of rewritten anchors, in code points; default 32. */
  contextLength?: number;
  /** How many recent texts undo/redo can return to; default 500. */
  historySize?: number;
  /**
   * Default true. False: every change rebuilds every anchor, the code point index and the
   * fingerprint from the whole text: the reference the incremental path is tested against.
   */
  incremental?: boolean;
}

/** An event's changed region in UTF-16 indices (`edit`) and in code points. */
interface Region {
  edit: TextEdit;
  /** Where it starts (the same in the old and new text). */
  cpStart: number;
  /** Where it ended in the old text. */
  oldCpEnd: number;
  /** New length minus old length, in code points. */
  delta: number;
}

export interface TrackResult<T> {
  /** Same order as the tracker's list; an annotation that did not change is the same object. */
  annotations: readonly T[];
  /** Whether any annotation differs from before this call. */
  changed: boolean;
  /** Set when the positions came back from the sidecar (`baseline`) or from an undo/redo (`history`). */
  restored?: 'baseline' | 'history';
}

/**
 * The annotations of one document (entities and facts alike, in one list) following its text as
 * the editor changes it. Deterministic and free of I/O: the editor layer feeds it the editor's
 * content changes and the sidecar's contents.
 */
export class EditTracker<T extends Trackable> {
  private readonly contextLength: number;
  private readonly historySize: number;
  private readonly incremental: boolean;
  private currentText: string;
  /** Of currentText. */
  private index: CodePointIndex;
  /** Of currentText: its fingerprint. */
  private hashes: LineHashes;
  private baselineHash: [number, number];
  /**
   * Per annotation, 1 when its object in `current` is what makeAnchor gives for its span in the
   * current text (with the status the span calls for): then a change clear of it needs no new
   * anchor. 0 for objects taken as given (the sidecar's, a restored undo state's).
   */
  private fresh = new Uint8Array(0);
  private baselineText: string;
  private baseline: readonly T[];
  /** The baseline by id, made when first asked for. */
  private baselineById: Map<string, T> | undefined;
  /** The last answer of `unsaved`, and what it was for. */
  private unsavedFor:
    | { ids: readonly string[]; slots: ReadonlyMap<string, number>; baseline: readonly T[]; current: readonly T[]; flags: Uint8Array; count: number; answer: ReadonlySet<string> }
    | undefined;
  /** Objects whose non-anchor fields (and stored status) the output carries. */
  private source: readonly T[];
  private spans: TrackedSpan[] = [];
  private current: readonly T[];
  private ids: string[] = [];
  private history: Snapshot<T>[] = [];
  /** The snapshot of the current state in `history`. */
  private at = -1;
  private generation = 0;

  constructor(text: string, annotations: readonly T[], options: EditTrackerOptions = {}) {
    this.contextLength = options.contextLength ?? DEFAULT_CONTEXT_LENGTH;
    this.historySize = options.historySize ?? 500;
    this.incremental = options.incremental ?? true;
    this.currentText = text;
    this.index = new CodePointIndex(text);
    this.hashes = LineHashes.of(text);
    this.baselineHash = this.hashes.value;
    this.baselineText = text;
    this.baseline = annotations;
    this.source = annotations;
    this.current = annotations;
    this.load(annotations);
    this.remember();
  }

  get text(): string {
    return this.currentText;
  }

  get annotations(): readonly T[] {
    return this.current;
  }

  /** Whether some annotation's text was typed over and is still taking text typed at its end. */
  get retyping(): boolean {
    return this.spans.some((s) => s.retyping);
  }

  /**
   * Applies one editor event's content changes, in the order given (VS Code's: each change is
   * relative to the text after the previous one). `reason` is the event's undo/redo reason;
   * `text`, the editor's text after the event when the caller has it (taken once checked).
   */
  apply(changes: readonly ContentChange[], options: { reason?: 'undo' | 'redo'; text?: string } = {}): TrackResult<T> {
    if (changes.length === 0) return { annotations: this.current, changed: false };
    const newText = this.incremental && options.text !== undefined ? textAfter(this.currentText, changes, options.text) : applyChanges(this.currentText, changes);
    let region: Region | undefined;
    if (this.incremental) {
      const edit = changedRegion(newText, changes);
      const old = this.index;
      this.index = old.afterEdit(newText, edit);
      this.hashes = this.hashes.afterEdit(newText, edit);
      const cpStart = old.toCodePoint(edit.start);
      region = { edit, cpStart, oldCpEnd: old.toCodePoint(edit.oldEnd), delta: this.index.length - old.length };
    } else {
      this.index = new CodePointIndex(newText);
      this.hashes = LineHashes.of(newText);
    }
    const touched = new Uint8Array(this.spans.length);
    for (const change of changes) {
      for (let i = 0; i < this.spans.length; i++) {
        const effect = mapSpan(this.spans[i], change);
        if (effect === 'inside' || effect === 'retyped') touched[i] = 1;
      }
    }
    // Retyping lasts while the person keeps editing that span; an event elsewhere ends it.
    this.spans.forEach((s, i) => {
      if (s.retyping && !touched[i]) s.retyping = false;
    });
    this.currentText = newText;
    return this.settle(options.reason, this.current, region);
  }

  /**
   * The text changed in a way no edit described (reloaded from disk): `annotations` are the
   * tracker's annotations re-anchored to it by the caller. The baseline stays, so a text equal to
   * it still restores the sidecar exactly.
   */
  replace(text: string, annotations: readonly T[]): TrackResult<T> {
    const before = this.current;
    this.setText(text);
    this.generation++;
    if (text === this.baselineText) return this.settle(undefined, before);
    this.source = annotations;
    this.current = annotations;
    this.load(annotations);
    this.remember();
    return { annotations, changed: annotations.some((a, i) => a !== before[i]) || annotations.length !== before.length };
  }

  /** The sidecar now holds `annotations` for `text` (after a write or a read). */
  setBaseline(text: string, annotations: readonly T[]): void {
    this.setText(text);
    this.baselineText = text;
    this.baselineHash = this.hashes.value;
    this.baseline = annotations;
    this.baselineById = undefined;
    this.source = annotations;
    this.current = annotations;
    this.generation++;
    this.load(annotations);
    this.remember();
  }

  /** Ends retyping, except for spans ending at one of `keepAt` (UTF-16 offsets of the cursors). */
  endRetyping(keepAt: readonly number[] = []): void {
    for (const s of this.spans) if (s.retyping && !keepAt.includes(s.end)) s.retyping = false;
  }

  /**
   * Ids whose anchor (offsets, quote, context, status) differs from the sidecar's. Not to be
   * changed: while the answer stays the same, the same set is handed out again.
   */
  unsaved(): ReadonlySet<string> {
    this.baselineById ??= new Map(this.baseline.map((a) => [a.id, a] as const));
    const base = this.baselineById;
    const differs = (a: T) => {
      const b = base.get(a.id);
      return !b || !sameAnchor(a, b);
    };
    // With unique ids, a flag per annotation is kept and only annotations whose object changed
    // since are looked at again (typing shifts thousands, but seldom changes which ones differ).
    const s = this.unsavedFor;
    if (this.incremental && s && s.ids === this.ids && s.baseline === this.baseline) {
      let flags = s.flags;
      this.current.forEach((a, i) => {
        if (a === s.current[i] || (differs(a) ? 1 : 0) === flags[i]) return;
        // Flags handed out are never changed: a change makes new ones.
        if (flags === s.flags) flags = flags.slice();
        flags[i] ^= 1;
        s.count += flags[i] ? 1 : -1;
      });
      s.current = this.current;
      if (flags !== s.flags) {
        s.flags = flags;
        s.answer = new SlotSet(s.ids, s.slots, flags, s.count);
      }
      return s.answer;
    }
    const out = new Set<string>();
    for (const a of this.current) if (differs(a)) out.add(a.id);
    const slots = new Map(this.ids.map((id, i) => [id, i] as const));
    if (this.incremental && base.size === this.baseline.length && slots.size === this.ids.length) {
      const flags = Uint8Array.from(this.ids, (id) => (out.has(id) ? 1 : 0));
      this.unsavedFor = { ids: this.ids, slots, baseline: this.baseline, current: this.current, flags, count: out.size, answer: out };
    } else this.unsavedFor = undefined;
    return out;
  }

  /** UTF-16 offsets of the annotation with this id in the current text, unless orphaned. */
  spanOf(id: string): { start: number; end: number } | undefined {
    const i = this.ids.indexOf(id);
    const s = i >= 0 ? this.spans[i] : undefined;
    return s && !s.orphaned ? { start: s.start, end: s.end } : undefined;
  }

  /** A text no edit described: its index and fingerprint from scratch. */
  private setText(text: string): void {
    this.currentText = text;
    this.index = new CodePointIndex(text);
    this.hashes = LineHashes.of(text);
  }

  /** Tracks `annotations` (objects taken as given) from their offsets in the current text. */
  private load(annotations: readonly T[]): void {
    const index = this.index;
    this.fresh = new Uint8Array(annotations.length);
    this.ids = annotations.map((a) => a.id);
    this.spans = annotations.map((a) => ({
      start: index.toUtf16(a.start),
      end: index.toUtf16(a.end),
      orphaned: a.status === 'orphaned',
      clipped: false,
      retyping: false,
    }));
  }

  private settle(reason: 'undo' | 'redo' | undefined, before = this.current, region?: Region): TrackResult<T> {
    const [h1, h2] = this.hashes.value;
    // Undo and redo walk the history as the editor walks its undo stack.
    const k = reason ? this.find(h1, h2, reason) : -1;
    if (h1 === this.baselineHash[0] && h2 === this.baselineHash[1] && this.currentText === this.baselineText) {
      const was = this.spans;
      this.source = this.baseline;
      this.current = this.baseline;
      this.generation++;
      this.load(this.baseline);
      // Retyping a name over itself passes through its original text: keep taking the next keys.
      this.spans.forEach((sp, i) => {
        const w = was[i];
        if (w?.retyping && !w.orphaned && w.start === sp.start && w.end === sp.end && this.ids[i] === this.current[i].id) sp.retyping = true;
      });
      this.remember(h1, h2, k);
      return { annotations: this.current, changed: before.some((a, i) => a !== this.current[i]) || before.length !== this.current.length, restored: 'baseline' };
    }
    const snapshot = k >= 0 ? this.history[k] : undefined;
    if (snapshot) {
      const at = new Map(snapshot.ids.map((id, j) => [id, j] as const));
      this.ids.forEach((id, i) => {
        const j = at.get(id);
        if (j !== undefined) this.spans[i] = unpack(snapshot.spans, j);
      });
    }
    this.current = region && !snapshot ? this.outputAfter(before, region) : this.output(before, snapshot);
    this.remember(h1, h2, k);
    return { annotations: this.current, changed: this.current.some((a, i) => a !== before[i]), ...(snapshot ? { restored: 'history' as const } : {}) };
  }

  /** Every annotation's anchor made again from the whole text (or taken from an undo state): the reference. */
  private output(before: readonly T[], snapshot: Snapshot<T> | undefined): T[] {
    const at = snapshot ? new Map(snapshot.ids.map((id, j) => [id, j] as const)) : undefined;
    return this.spans.map((span, i) => {
      this.fresh[i] = 0;
      const prev = before[i] ?? this.source[i];
      const src = this.source[i];
      const j = at?.get(this.ids[i]);
      if (snapshot && j !== undefined) {
        const then = snapshot.objects[j];
        if (snapshot.generation === this.generation) return then;
        return this.withAnchor(src, then, then.status);
      }
      if (span.orphaned) return prev.status === 'orphaned' ? prev : { ...prev, status: 'orphaned' };
      return this.anchored(i, prev, src);
    });
  }

  /**
   * The same as `output` without an undo state, after a change within `region`: an annotation
   * whose object is fresh and whose span and context window lie wholly before the region keeps
   * its object; one wholly after it keeps its quote and context with its offsets shifted; the
   * rest are anchored again.
   */
  private outputAfter(before: readonly T[], region: Region): T[] {
    const index = this.index;
    const c = this.contextLength;
    const { cpStart, oldCpEnd, delta } = region;
    const editStart = region.edit.start;
    return this.spans.map((span, i) => {
      const prev = before[i] ?? this.source[i];
      const src = this.source[i];
      if (span.orphaned) {
        this.fresh[i] = 0;
        return prev.status === 'orphaned' ? prev : { ...prev, status: 'orphaned' };
      }
      if (this.fresh[i] && prev.id === src.id && sameStatus(prev.status, statusOf(span, src))) {
        if (prev.end + c <= cpStart && span.end <= editStart && index.toCodePoint(span.start) === prev.start && index.toCodePoint(span.end) === prev.end) return prev;
        if (prev.start - c >= oldCpEnd) {
          const start = index.toCodePoint(span.start);
          const end = index.toCodePoint(span.end);
          if (start === prev.start + delta && end === prev.end + delta) {
            if (delta === 0) return prev;
            return this.withAnchor(src, { text: prev.text, start, end, prefix: prev.prefix, suffix: prev.suffix }, statusOf(span, src));
          }
        }
      }
      return this.anchored(i, prev, src);
    });
  }

  /** The annotation at span i anchored in the current text: `prev` when that changes nothing. */
  private anchored(i: number, prev: T, src: T): T {
    const span = this.spans[i];
    const index = this.index;
    const anchor = makeAnchor(index, index.toCodePoint(span.start), index.toCodePoint(span.end), this.contextLength);
    const next = this.withAnchor(src, anchor, statusOf(span, src));
    this.fresh[i] = 1;
    return sameAnchor(prev, next) && prev.id === next.id ? prev : next;
  }

  private withAnchor(src: T, anchor: Anchor, status: AnchorStatus | undefined): T {
    const out = { ...src, text: anchor.text, start: anchor.start, end: anchor.end, prefix: anchor.prefix, suffix: anchor.suffix };
    if (status && status !== 'exact') out.status = status;
    else delete out.status;
    return out;
  }

  /** The snapshot an undo (searching back from the current one) or redo (forward) returns to, or -1. */
  private find(h1: number, h2: number, reason: 'undo' | 'redo'): number {
    const length = this.currentText.length;
    const matches = (s: Snapshot<T>) => s.length === length && s.h1 === h1 && s.h2 === h2;
    if (reason === 'undo') {
      for (let k = this.at - 1; k >= 0; k--) if (matches(this.history[k])) return k;
    } else {
      for (let k = this.at + 1; k < this.history.length; k++) if (matches(this.history[k])) return k;
    }
    return -1;
  }

  /**
   * Records the current state. A new edit drops what could be redone, as the editor's undo stack
   * does; an undo or redo that found its snapshot (`reached`) only moves there.
   */
  private remember(h1?: number, h2?: number, reached = -1): void {
    if (reached >= 0) {
      this.at = reached;
      return;
    }
    if (h1 === undefined || h2 === undefined) [h1, h2] = this.hashes.value;
    this.history.length = this.at + 1;
    this.history.push({ length: this.currentText.length, h1, h2, generation: this.generation, ids: this.ids, spans: pack(this.spans), objects: this.current });
    // At most historySize texts, and at most about 8 MB of positions for documents with many annotations.
    const limit = Math.max(2, Math.min(this.historySize, Math.floor(HISTORY_CELLS / (3 * this.spans.length + 1))));
    if (this.history.length > limit) this.history.splice(0, this.history.length - limit);
    this.at = this.history.length - 1;
  }
}
