/**
 * The entity mentions of the fact index's records, as columns: per mention its slot, offsets and
 * four strings (type, text, name, canonical id) by number in one table of distinct strings.
 *
 * Why columns: kept as objects (one per mention, with the annotation's id and the canonical
 * entity's aliases copied in), the 300,000 mentions of a 10,000-document corpus held about 60 MB
 * of the search worker's heap, and restoring them from a snapshot's JSON took 0.7 s of its 1.2 s.
 * Results and entity summaries need few of them at a time; `of` makes those objects on demand.
 *
 * Mentions are appended in slot order and compaction keeps it, so a slot's mentions are one run
 * found by binary search on `slot`.
 */
import type { FactEntity } from '../facts/extract';
import { ownCopy } from '../text/ownCopy';
import { growInt32, lowerBound } from './postings';

/** What a result and an entity summary use of a mention. */
export type IndexedEntity = Omit<FactEntity, 'id' | 'aliases'>;

/** No canonical entity (a `entity` column value). */
const NONE = -1;

export class MentionColumns {
  slot: Int32Array<ArrayBuffer> = new Int32Array(256);
  start: Int32Array<ArrayBuffer> = new Int32Array(256);
  end: Int32Array<ArrayBuffer> = new Int32Array(256);
  type: Int32Array<ArrayBuffer> = new Int32Array(256);
  text: Int32Array<ArrayBuffer> = new Int32Array(256);
  name: Int32Array<ArrayBuffer> = new Int32Array(256);
  entity: Int32Array<ArrayBuffer> = new Int32Array(256);
  count = 0;
  /** Distinct strings the columns point into. */
  strings: string[] = [];
  private ids = new Map<string, number>();

  /** Appends the mentions of `slot` (which must not be below the last slot appended). */
  add(slot: number, entities: readonly IndexedEntity[]): void {
    if (entities.length === 0) return;
    this.ensure(this.count + entities.length);
    for (const e of entities) {
      const i = this.count++;
      this.slot[i] = slot;
      this.start[i] = e.start;
      this.end[i] = e.end;
      this.type[i] = this.intern(e.type);
      this.text[i] = this.intern(e.text);
      this.name[i] = this.intern(e.name);
      this.entity[i] = e.entity === undefined ? NONE : this.intern(e.entity);
    }
  }

  /** The mentions of `slot`, in the order they were added. */
  of(slot: number): IndexedEntity[] {
    const out: IndexedEntity[] = [];
    for (let i = lowerBound(this.slot, this.count, slot); i < this.count && this.slot[i] === slot; i++) {
      const e: IndexedEntity = { type: this.strings[this.type[i]], text: this.strings[this.text[i]], start: this.start[i], end: this.end[i], name: this.strings[this.name[i]] };
      if (this.entity[i] !== NONE) e.entity = this.strings[this.entity[i]];
      out.push(e);
    }
    return out;
  }

  /** Slots in [from, to) with mentions, ascending, each once. */
  *slotsIn(from: number, to: number): Generator<number> {
    let last = -1;
    for (let i = lowerBound(this.slot, this.count, from); i < this.count && this.slot[i] < to; i++) {
      if (this.slot[i] !== last) yield (last = this.slot[i]);
    }
  }

  /**
   * Keeps the mentions of slots that `map` sends to a new slot (>= 0), renumbered; the string table
   * is rebuilt from them, so strings no mention uses any more go too.
   */
  compact(map: Int32Array): void {
    const old = this.strings;
    this.strings = [];
    this.ids = new Map();
    let k = 0;
    for (let i = 0; i < this.count; i++) {
      const m = map[this.slot[i]];
      if (m < 0) continue;
      this.slot[k] = m;
      this.start[k] = this.start[i];
      this.end[k] = this.end[i];
      this.type[k] = this.intern(old[this.type[i]], true);
      this.text[k] = this.intern(old[this.text[i]], true);
      this.name[k] = this.intern(old[this.name[i]], true);
      this.entity[k] = this.entity[i] === NONE ? NONE : this.intern(old[this.entity[i]], true);
      k++;
    }
    this.count = k;
  }

  /** Replaces everything with restored columns (each of `count` entries) and string table. */
  restore(columns: Record<'slot' | 'start' | 'end' | 'type' | 'text' | 'name' | 'entity', Int32Array<ArrayBuffer>>, strings: string[]): void {
    Object.assign(this, columns);
    this.count = columns.slot.length;
    this.strings = strings;
    this.ids = new Map(strings.map((s, i) => [s, i]));
  }

  /** The columns cut to their entries (views, for a snapshot). */
  views(): Int32Array<ArrayBuffer>[] {
    const n = this.count;
    return [this.slot, this.start, this.end, this.type, this.text, this.name, this.entity].map((c) => c.subarray(0, n));
  }

  /** The number of `s` in the table, adding it when new (`owned`: it is already the table's own copy). */
  private intern(s: string, owned = false): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      // A mention's text may be a slice of its whole document's text, which it (as the table's
      // entry or the map's key) would keep alive.
      const own = owned ? s : ownCopy(s);
      this.strings.push(own);
      this.ids.set(own, id);
    }
    return id;
  }

  private ensure(n: number): void {
    if (this.slot.length >= n) return;
    // growInt32 doubles: the columns are copied O(log n) times as a build goes.
    this.slot = growInt32(this.slot, n);
    this.start = growInt32(this.start, n);
    this.end = growInt32(this.end, n);
    this.type = growInt32(this.type, n);
    this.text = growInt32(this.text, n);
    this.name = growInt32(this.name, n);
    this.entity = growInt32(this.entity, n);
  }
}
