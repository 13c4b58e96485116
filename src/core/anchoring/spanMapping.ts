/**
 * How one edit the editor saw moves one annotated span. The rules (docs/sidecar-format.md,
 * "Edits made in the editor"):
 *  - an edit wholly before the span shifts it; one wholly after leaves it alone;
 *  - text inserted exactly at either edge stays outside (typing next to a name does not join it),
 *    except at the end of a span that is being retyped;
 *  - an edit inside the span (its replaced range within the span's) grows or shrinks it;
 *  - an edit that replaces exactly the span's text makes the new text the span ("retyping"),
 *    and the span keeps taking text typed at its end until the person moves elsewhere;
 *  - an edit that crosses one boundary clips the span at the edit (marked for review);
 *  - a span whose every character is deleted (by an edit larger than it, or a deletion of exactly
 *    it) is orphaned, never re-attached to a lookalike.
 * Offsets are UTF-16 code units in the normalised text (LF line endings, no BOM), as the editor's.
 */
import type { TextEdit } from '../text/textEdit';

/** One content change, applied to the text as it is after the previous change of the same event. */
export interface ContentChange {
  /** Start of the replaced range. */
  rangeOffset: number;
  /** Length of the replaced range. */
  rangeLength: number;
  /** The text that replaces it. */
  text: string;
}

export interface TrackedSpan {
  start: number;
  end: number;
  /** Every character is gone: start/end no longer mean anything. */
  orphaned: boolean;
  /** An edit crossed a boundary: the span was cut, a person should look at it. */
  clipped: boolean;
  /** Its whole text was typed over: insertions at its end join it. */
  retyping: boolean;
}

/** What happened to a span; `touched` spans keep retyping through the event. */
export type SpanEffect = 'none' | 'shifted' | 'inside' | 'retyped' | 'clipped' | 'orphaned';

/** Moves `span` (in place) through one change and says how. */
export function mapSpan(span: TrackedSpan, change: ContentChange): SpanEffect {
  if (span.orphaned) return 'none';
  const o = change.rangeOffset;
  const l = change.rangeLength;
  const d = o + l;
  const n = change.text.length;
  const delta = n - l;
  const { start: s, end: e } = span;
  if (s === e) {
    // An empty span is a point: it goes with the text after it, and dies inside a deletion.
    if (o < s && s < d) return orphan(span);
    if (d <= s && delta !== 0) {
      span.start += delta;
      span.end += delta;
      return 'shifted';
    }
    return 'none';
  }
  if (l === 0) {
    if (o <= s) {
      if (n === 0) return 'none';
      span.start += n;
      span.end += n;
      return 'shifted';
    }
    if (o < e || (o === e && span.retyping)) {
      span.end += n;
      return 'inside';
    }
    return 'none';
  }
  if (d <= s) {
    if (delta === 0) return 'none';
    span.start += delta;
    span.end += delta;
    return 'shifted';
  }
  if (o >= e) return 'none';
  if (o === s && d === e) {
    if (n === 0) return orphan(span);
    span.end = s + n;
    span.retyping = true;
    return 'retyped';
  }
  if (o >= s && d <= e) {
    span.end += delta;
    return 'inside';
  }
  if (o <= s && d >= e) return orphan(span);
  if (o < s) {
    // Crosses the start: the characters left are those after the edit.
    span.start = o + n;
    span.end += delta;
  } else {
    // Crosses the end: the characters left are those before the edit.
    span.end = o;
  }
  span.clipped = true;
  span.retyping = false;
  return 'clipped';
}

function orphan(span: TrackedSpan): SpanEffect {
  span.orphaned = true;
  span.retyping = false;
  return 'orphaned';
}

/**
 * The text after a list of changes applied in order. Changes in descending order of offset, which
 * is how VS Code reports a multi-cursor edit, are joined in one pass.
 */
export function applyChanges(text: string, changes: readonly ContentChange[]): string {
  let descending = true;
  for (let i = 1; i < changes.length && descending; i++) {
    descending = changes[i].rangeOffset + changes[i].rangeLength <= changes[i - 1].rangeOffset;
  }
  if (descending) {
    const parts: string[] = [];
    let end = text.length;
    for (const c of changes) {
      parts.push(text.slice(c.rangeOffset + c.rangeLength, end), c.text);
      end = c.rangeOffset;
    }
    parts.push(text.slice(0, end));
    return parts.reverse().join('');
  }
  for (const c of changes) text = text.slice(0, c.rangeOffset) + c.text + text.slice(c.rangeOffset + c.rangeLength);
  return text;
}

/**
 * The text after `changes`: `given` (the editor's) when it is what they make, checked around their
 * region (comparisons of slices, far cheaper than copying the whole text), else made from `text`.
 */
export function textAfter(text: string, changes: readonly ContentChange[], given: string): string {
  const edit = changedRegion(given, changes);
  const length = changes.reduce((n, c) => n + c.text.length - c.rangeLength, text.length);
  const local = changes.map((c) => ({ ...c, rangeOffset: c.rangeOffset - edit.start }));
  const same =
    given.length === length &&
    edit.oldEnd <= text.length &&
    given.slice(0, edit.start) === text.slice(0, edit.start) &&
    given.slice(edit.newEnd) === text.slice(edit.oldEnd) &&
    given.slice(edit.start, edit.newEnd) === applyChanges(text.slice(edit.start, edit.oldEnd), local);
  return same ? given : applyChanges(text, changes);
}

/**
 * The one region that contains every change of an event (`newText` is the text after them): the
 * old text's [start, oldEnd) became the new text's [start, newEnd), and outside it the texts are
 * the same. Widened so that it never splits a surrogate pair.
 */
export function changedRegion(newText: string, changes: readonly ContentChange[]): TextEdit {
  let start = Infinity;
  let oldEnd = 0;
  let newEnd = 0;
  for (const c of changes) {
    const end = c.rangeOffset + c.rangeLength;
    if (start === Infinity) {
      start = c.rangeOffset;
      oldEnd = end;
    } else {
      start = Math.min(start, c.rangeOffset);
      // Past the region so far, positions in the text before this change are the old text's shifted by newEnd - oldEnd.
      const reach = Math.max(newEnd, end);
      oldEnd += reach - newEnd;
      newEnd = reach;
    }
    newEnd = Math.max(newEnd, end) + c.text.length - c.rangeLength;
  }
  if (start === Infinity) return { start: 0, oldEnd: 0, newEnd: 0 };
  if (start > 0 && isHighSurrogate(newText.charCodeAt(start - 1))) start--;
  if (newEnd < newText.length && isLowSurrogate(newText.charCodeAt(newEnd))) {
    newEnd++;
    oldEnd++;
  }
  return { start, oldEnd, newEnd };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
