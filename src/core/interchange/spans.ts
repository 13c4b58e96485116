/** Reading one span's offsets from an import, checked and mapped onto the normalised text. */
import type { Skipped } from './types';

export interface Mapper {
  map(offset: number): number;
  /** Length of the file's text in the unit its offsets count. */
  units: number;
}

/**
 * `pick` gives a span's [start, end, label] in the file's own unit. Returns normalised code point
 * offsets, or undefined after reporting why the span cannot be read.
 */
export function readSpanOffsets(value: unknown, i: number, m: Mapper, skipped: Skipped[], where: string, pick: (v: unknown) => unknown[]): { start: number; end: number; label: string } | undefined {
  const [start, end, label] = pick(value);
  const bad = (reason: string) => {
    skipped.push({ file: where, reason: `span ${i + 1}: ${reason}` });
    return undefined;
  };
  if (typeof label !== 'string' || label.trim() === '') return bad('no label');
  if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end)) return bad('start and end must be integers');
  if (start < 0 || end < start) return bad(`start ${start} and end ${end} are not a range`);
  if (end > m.units) return bad(`end ${end} is past the end of the text (${m.units})`);
  return { start: m.map(start), end: m.map(end), label };
}
