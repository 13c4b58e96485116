/** What EditTracker remembers of each recent state, for undo and redo: positions packed, the objects as they were. */
import type { TrackedSpan } from './spanMapping';

/** Int32 cells of packed positions the undo history may hold per document. */
export const HISTORY_CELLS = 2_000_000;

export interface Snapshot<T> {
  /** The text's length and fingerprint. */
  length: number;
  h1: number;
  h2: number;
  generation: number;
  ids: readonly string[];
  /** start, end, flags (1 orphaned, 2 clipped) per annotation. */
  spans: Int32Array;
  objects: readonly T[];
}

export function pack(spans: readonly TrackedSpan[]): Int32Array {
  const out = new Int32Array(spans.length * 3);
  spans.forEach((s, i) => {
    out[3 * i] = s.start;
    out[3 * i + 1] = s.end;
    out[3 * i + 2] = (s.orphaned ? 1 : 0) | (s.clipped ? 2 : 0);
  });
  return out;
}

export function unpack(packed: Int32Array, j: number): TrackedSpan {
  const flags = packed[3 * j + 2];
  return { start: packed[3 * j], end: packed[3 * j + 1], orphaned: (flags & 1) !== 0, clipped: (flags & 2) !== 0, retyping: false };
}
