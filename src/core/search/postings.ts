/**
 * Typed-array building blocks of the fact index: growable sorted postings lists, array growth, binary
 * search, and a bounded heap for the best candidates.
 */

/** Slots holding one word or facet, ascending (slots are appended in order, and compaction keeps it). */
export class Postings {
  arr = new Int32Array(4);
  n = 0;
  push(v: number): void {
    if (this.n === this.arr.length) {
      const b = new Int32Array(this.n * 2);
      b.set(this.arr);
      this.arr = b;
    }
    this.arr[this.n++] = v;
  }
}

export function growInt32(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}
export function growFloat64(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Float64Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}
export function growUint16(a: Uint16Array<ArrayBuffer>, n: number): Uint16Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Uint16Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}
export function growUint8(a: Uint8Array<ArrayBuffer>, n: number): Uint8Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Uint8Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

export function lowerBound(arr: Int32Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A bounded min-heap of (score, id) keeping the best `cap`. */
export class TopK {
  readonly ids: Int32Array;
  readonly scores: Float64Array;
  size = 0;
  constructor(readonly cap: number) {
    this.ids = new Int32Array(cap);
    this.scores = new Float64Array(cap);
  }
  get min(): number {
    return this.size < this.cap ? -Infinity : this.scores[0];
  }
  push(id: number, score: number): void {
    const { ids, scores } = this;
    if (this.size < this.cap) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (scores[p] <= score) break;
        ids[i] = ids[p];
        scores[i] = scores[p];
        i = p;
      }
      ids[i] = id;
      scores[i] = score;
      return;
    }
    if (score <= scores[0]) return;
    let i = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && scores[r] < scores[l] ? r : l;
      if (scores[c] >= score) break;
      ids[i] = ids[c];
      scores[i] = scores[c];
      i = c;
    }
    ids[i] = id;
    scores[i] = score;
  }
  /** Ids, best first. */
  sorted(): number[] {
    const idx = Array.from({ length: this.size }, (_, i) => i);
    idx.sort((a, b) => this.scores[b] - this.scores[a]);
    return idx.map((i) => this.ids[i]);
  }
}
