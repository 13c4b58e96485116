/**
 * A read-only set of ids, given by one flag per slot of a fixed list of unique ids: made by copying
 * the flags (a byte per id), where a Set of 10,000 ids costs a copy of each entry. What
 * EditTracker.unsaved hands out while typing moves thousands of annotations.
 */
export class SlotSet implements ReadonlySet<string> {
  constructor(
    private readonly ids: readonly string[],
    /** Each id's slot in `ids`. */
    private readonly slots: ReadonlyMap<string, number>,
    private readonly flags: Uint8Array,
    readonly size: number,
  ) {}

  has(id: string): boolean {
    const i = this.slots.get(id);
    return i !== undefined && this.flags[i] === 1;
  }

  *values(): SetIterator<string> {
    for (let i = 0; i < this.ids.length; i++) if (this.flags[i] === 1) yield this.ids[i];
  }

  keys(): SetIterator<string> {
    return this.values();
  }

  *entries(): SetIterator<[string, string]> {
    for (const id of this.values()) yield [id, id];
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const id of this.values()) callback.call(thisArg, id, id, this);
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.values();
  }
}
