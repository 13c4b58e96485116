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
