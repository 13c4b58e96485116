import type { SidecarChange } from '../core/sidecar';

/** One user action on a document's annotations, with the changes that reverse it. */
export interface UndoEntry {
  label: string;
  forward: SidecarChange[];
  inverse: SidecarChange[];
}

function pushTo(stacks: Map<string, UndoEntry[]>, key: string, entry: UndoEntry, limit: number): void {
  const stack = stacks.get(key) ?? [];
  stack.push(entry);
  if (stack.length > limit) stack.shift();
  stacks.set(key, stack);
}

/** Per-document undo and redo of annotation changes, separate from the text editor's own undo. */
export class UndoStacks {
  private readonly undo = new Map<string, UndoEntry[]>();
  private readonly redo = new Map<string, UndoEntry[]>();
  constructor(private readonly limit = 200) {}

  /** A new action: it can be undone, and what was undone before can no longer be redone. */
  record(docKey: string, entry: UndoEntry): void {
    pushTo(this.undo, docKey, entry, this.limit);
    this.redo.delete(docKey);
  }

  popUndo(docKey: string): UndoEntry | undefined {
    return this.undo.get(docKey)?.pop();
  }

  popRedo(docKey: string): UndoEntry | undefined {
    return this.redo.get(docKey)?.pop();
  }

  pushRedo(docKey: string, entry: UndoEntry): void {
    pushTo(this.redo, docKey, entry, this.limit);
  }

  /** After a redo: back onto the undo stack without clearing the redo stack. */
  pushUndo(docKey: string, entry: UndoEntry): void {
    pushTo(this.undo, docKey, entry, this.limit);
  }
}
