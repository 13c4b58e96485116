/**
 * The ground truth for edit tracking, stated over characters instead of intervals: every
 * character of the text carries the set of annotations it belongs to (a bit mask), edits delete
 * characters and insert new ones, and an annotation is wherever its characters are. The rules
 * of docs/sidecar-format.md say which new characters join an annotation:
 *  - a replacement whose replaced characters all belong to it (but not all of its characters):
 *    the new characters join (an edit inside grows or shrinks it);
 *  - a replacement of exactly all its characters: the new characters are its new text, and while
 *    it is being retyped, characters typed right after its last one join too;
 *  - an insertion between two of its characters joins;
 *  - a replacement that takes some of its characters and some others: nothing joins (clipped,
 *    marked for review); one that takes all of them and more: it is orphaned.
 */
import * as assert from 'assert';
import { makeAnchor } from '../../../src/core/anchoring';
import type { ContentChange } from '../../../src/core/anchoring';
import type { EntityAnnotation } from '../../../src/core/model';
import { CodePointIndex } from '../../../src/core/text/codepoints';

interface Flags {
  orphaned: boolean;
  clipped: boolean;
  retyping: boolean;
}

export interface OracleState {
  text: string;
  masks: number[];
  flags: Flags[];
  expected: EntityAnnotation[];
}

export class Oracle {
  text: string;
  /** One mask per UTF-16 unit; both halves of a surrogate pair carry the same mask. */
  masks: number[];
  flags: Flags[];
  expected: EntityAnnotation[];

  constructor(
    readonly baselineText: string,
    readonly baseline: readonly EntityAnnotation[],
  ) {
    this.text = baselineText;
    this.masks = [];
    this.flags = [];
    this.expected = [];
    this.reset();
  }

  /** Back to the sidecar's state (the text is the baseline text again). */
  reset(): void {
    assert.ok(this.baseline.length <= 30, 'masks hold 30 annotations');
    const index = new CodePointIndex(this.baselineText);
    this.text = this.baselineText;
    this.masks = new Array<number>(this.text.length).fill(0);
    this.baseline.forEach((a, b) => {
      for (let u = index.toUtf16(a.start); u < index.toUtf16(a.end); u++) this.masks[u] |= 1 << b;
    });
    this.flags = this.baseline.map(() => ({ orphaned: false, clipped: false, retyping: false }));
    this.expected = [...this.baseline];
  }

  save(): OracleState {
    return { text: this.text, masks: [...this.masks], flags: this.flags.map((f) => ({ ...f, retyping: false })), expected: [...this.expected] };
  }

  restore(s: OracleState): void {
    this.text = s.text;
    this.masks = [...s.masks];
    this.flags = s.flags.map((f) => ({ ...f }));
    this.expected = [...s.expected];
  }

  /** One editor event: changes applied in order. */
  apply(changes: readonly ContentChange[]): void {
    const before = this.expected;
    const touched = new Set<number>();
    for (const c of changes) this.applyOne(c, touched);
    this.flags.forEach((f, b) => {
      if (f.retyping && !touched.has(b)) f.retyping = false;
    });
    if (this.text === this.baselineText) {
      // A span being retyped that is back to its original characters keeps being retyped.
      const before = this.baseline.map((_, b) => this.masks.map((m, i) => ((m & (1 << b)) !== 0 ? i : -1)).filter((i) => i >= 0).join());
      const retyping = this.flags.map((f) => f.retyping && !f.orphaned);
      this.reset();
      this.baseline.forEach((_, b) => {
        const now = this.masks.map((m, i) => ((m & (1 << b)) !== 0 ? i : -1)).filter((i) => i >= 0).join();
        if (retyping[b] && now === before[b]) this.flags[b].retyping = true;
      });
      return;
    }
    this.expected = this.baseline.map((a, b) => this.describe(a, b, before[b]));
  }

  endRetyping(): void {
    for (const f of this.flags) f.retyping = false;
  }

  private applyOne(c: ContentChange, touched: Set<number>): void {
    const o = c.rangeOffset;
    const l = c.rangeLength;
    const replaced = this.masks.slice(o, o + l);
    const joined = new Array<number>(c.text.length).fill(0);
    this.flags.forEach((f, b) => {
      if (f.orphaned) return;
      const bit = 1 << b;
      const total = this.masks.reduce((n, m) => n + ((m & bit) !== 0 ? 1 : 0), 0);
      const inside = replaced.filter((m) => (m & bit) !== 0).length;
      let join = false;
      if (l === 0) {
        const left = o > 0 && (this.masks[o - 1] & bit) !== 0;
        const right = o < this.masks.length && (this.masks[o] & bit) !== 0;
        join = (left && right) || (left && !right && f.retyping);
      } else if (inside === 0) {
        join = false;
      } else if (inside === l && inside < total) {
        join = true;
      } else if (inside === l && inside === total) {
        if (c.text.length === 0) {
          f.orphaned = true;
          f.retyping = false;
        } else {
          join = true;
          f.retyping = true;
        }
      } else if (inside === total) {
        f.orphaned = true;
        f.retyping = false;
      } else {
        f.clipped = true;
        f.retyping = false;
      }
      if (join) {
        touched.add(b);
        for (let i = 0; i < joined.length; i++) joined[i] |= bit;
      }
    });
    this.text = this.text.slice(0, o) + c.text + this.text.slice(o + l);
    this.masks.splice(o, l, ...joined);
    this.flags.forEach((f, b) => {
      if (!f.orphaned && !this.masks.some((m) => (m & (1 << b)) !== 0)) {
        f.orphaned = true;
        f.retyping = false;
      }
    });
  }

  private describe(a: EntityAnnotation, b: number, before: EntityAnnotation): EntityAnnotation {
    const f = this.flags[b];
    if (f.orphaned) return before.status === 'orphaned' ? before : { ...before, status: 'orphaned' };
    const bit = 1 << b;
    const first = this.masks.findIndex((m) => (m & bit) !== 0);
    let last = first;
    for (let i = first; i < this.masks.length; i++) if ((this.masks[i] & bit) !== 0) last = i;
    for (let i = first; i <= last; i++) assert.ok((this.masks[i] & bit) !== 0, `oracle: annotation ${a.id} is not contiguous`);
    const index = new CodePointIndex(this.text);
    const anchor = makeAnchor(index, index.toCodePoint(first), index.toCodePoint(last + 1));
    const out: EntityAnnotation = { ...a, ...anchor };
    if (f.clipped || a.status === 'moved') out.status = 'moved';
    else delete out.status;
    return out;
  }
}
