import type { AnchorStatus } from '../model';
import type { LineIndex } from '../text/lineIndex';

/**
 * Editor ranges, flat: start line, start character, end line, end character (UTF-16) for each
 * range in turn. A redraw of 10,000 annotations makes numbers, not 30,000 small objects.
 */
export type FlatRanges = number[];

export interface HighlightPlan {
  /** Ranges to draw per entity type. */
  byType: Map<string, FlatRanges>;
  /** Moved annotations, drawn with a dashed border for review. */
  moved: FlatRanges;
}

/**
 * What the highlighter draws for a document: one list of editor ranges per type. Orphaned
 * annotations have no place in the text and are left to the Problems panel. This is the work
 * behind every redraw, so it is kept linear: annotations in document order find their lines at
 * or just after the previous one's, others by a binary search.
 */
export function planHighlights(lines: LineIndex, annotations: readonly { type?: string; start: number; end: number; status?: AnchorStatus }[]): HighlightPlan {
  const byType = new Map<string, FlatRanges>();
  const moved: FlatRanges = [];
  let line = 0;
  for (const a of annotations) {
    if (a.status === 'orphaned') continue;
    const su = lines.cp.toUtf16(a.start);
    const eu = lines.cp.toUtf16(a.end);
    const sl = lines.lineNear(su, line);
    const el = lines.lineNear(eu, sl);
    line = sl;
    const sc = su - lines.lineStart(sl);
    const ec = eu - lines.lineStart(el);
    if (a.type !== undefined) {
      let list = byType.get(a.type);
      if (!list) byType.set(a.type, (list = []));
      list.push(sl, sc, el, ec);
    }
    if (a.status === 'moved') moved.push(sl, sc, el, ec);
  }
  return { byType, moved };
}

/**
 * The highlighter sends each type's ranges in bands of lines, one decoration per band, so that a
 * keystroke sends again only the band of the line typed in. Lines per band: at least 256, and at most about 32 bands (a power of two, so that a document
 * growing by a line seldom moves every range to another band).
 */
export function bandLinesFor(lineCount: number): number {
  let lines = 256;
  while (lines * 32 < lineCount) lines *= 2;
  return lines;
}

/** Flat ranges split by the band of their start line (an array per band, up to the last with any). */
export function splitByBand(flat: FlatRanges, bandLines: number): FlatRanges[] {
  const out: FlatRanges[] = [];
  for (let i = 0; i < flat.length; i += 4) {
    const band = Math.floor(flat[i] / bandLines);
    while (out.length <= band) out.push([]);
    out[band].push(flat[i], flat[i + 1], flat[i + 2], flat[i + 3]);
  }
  return out;
}
