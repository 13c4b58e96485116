import type { SidecarChange } from '../core/sidecar';

/** One user action on a document's annotations, with the changes that reverse it. */
export interface UndoEntry {
  label: string;
  forward: SidecarChange[];
  inverse: SidecarChange[];
}

/** Per-document undo and redo of annotation changes, separate from the text editor's own undo. */
export class UndoStacks {
  private readonly undo = new Map<string, UndoEntry[]>();
  private readonly redo = new Map<string, UndoEntry[]>();
  constructor(private readonly limit = 200) {}

  record(docKey: string, entry: UndoEntry): void {
    const stack = this.undo.get(docKey) ?? [];
    stack.push(entry);
    if (stack.length > this.limit) stack.shift();
    this.undo.set(docKey, stack);
    this.redo.delete(docKey);
  }

  popUndo(docKey: string): UndoEntry | undefined {
    return this.undo.get(docKey)?.pop();
  }

  popRedo(docKey: string): UndoEntry | undefined {
    return this.redo.get(docKey)?.pop();
  }

  pushRedo(docKey: string, entry: UndoEntry): void {
    const stack = this.redo.get(docKey) ?? [];
    stack.push(entry);
    this.redo.set(docKey, stack);
  }

  /** After a redo: back onto the undo stack without clearing the redo stack. */
  pushUndo(docKey: string, entry: UndoEntry): void {
    const stack = this.undo.get(docKey) ?? [];
    stack.push(entry);
    this.undo.set(docKey, stack);
  }

  canUndo(docKey: string): boolean {
    return (this.undo.get(docKey)?.length ?? 0) > 0;
  }

  canRedo(docKey: string): boolean {
    return (this.redo.get(docKey)?.length ?? 0) > 0;
  }
}
