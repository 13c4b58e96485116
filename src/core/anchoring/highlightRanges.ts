import type { AnchorStatus } from '../model';
import type { LineCharacter, LineIndex } from '../text/lineIndex';

export interface EditorRange {
  start: LineCharacter;
  end: LineCharacter;
}

export interface HighlightPlan {
  /** Ranges to draw per entity type. */
  byType: Map<string, EditorRange[]>;
  /** Moved annotations, drawn with a dashed border for review. */
  moved: EditorRange[];
}

/**
 * What the highlighter draws for a document: one list of editor ranges per type. Orphaned
 * annotations have no place in the text and are left to the Problems panel. This is the work
 * behind every redraw, so it is kept linear: annotations in document order find their lines at
 * or just after the previous one's, others by a binary search.
 */
export function planHighlights(lines: LineIndex, annotations: readonly { type?: string; start: number; end: number; status?: AnchorStatus }[]): HighlightPlan {
  const byType = new Map<string, EditorRange[]>();
  const moved: EditorRange[] = [];
  let line = 0;
  for (const a of annotations) {
    if (a.status === 'orphaned') continue;
    const start = lines.positionNear(a.start, line);
    const end = lines.positionNear(a.end, start.line);
    line = start.line;
    const range = { start, end };
    if (a.type !== undefined) {
      const list = byType.get(a.type);
      if (list) list.push(range);
      else byType.set(a.type, [range]);
    }
    if (a.status === 'moved') moved.push(range);
  }
  return { byType, moved };
}
