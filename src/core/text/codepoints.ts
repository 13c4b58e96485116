/**
 * Conversion between UTF-16 indices (what JavaScript strings and VS Code use) and Unicode
 * code point offsets (what sidecars store). A text without astral characters maps 1:1, so the
 * common case costs a single scan; otherwise conversions binary-search the astral positions.
 */
export class CodePointIndex {
  /** UTF-16 indices of the high surrogates of astral characters, ascending. */
  private readonly astral: number[];
  readonly utf16Length: number;
  readonly length: number;

  constructor(
    readonly text: string,
    astral?: number[],
  ) {
    this.astral = astral ?? scanAstral(text, 0, text.length, []);
    this.utf16Length = text.length;
    this.length = text.length - this.astral.length;
  }

  /**
   * The index of `text`, which is this index's text with one edit (UTF-16 indices, as from
   * findTextEdit, so no surrogate pair is split): positions before the edit are kept, those after
   * shifted, and only the edited stretch is scanned.
   */
  afterEdit(text: string, edit: { start: number; oldEnd: number; newEnd: number }): CodePointIndex {
    const delta = edit.newEnd - edit.oldEnd;
    const astral: number[] = [];
    let i = 0;
    for (; i < this.astral.length && this.astral[i] + 1 < edit.start; i++) astral.push(this.astral[i]);
    // A pair straddling the edit's start is re-scanned with the edited stretch.
    scanAstral(text, Math.max(edit.start - 1, astral.length ? astral[astral.length - 1] + 2 : 0), edit.newEnd, astral);
    while (i < this.astral.length && this.astral[i] < edit.oldEnd) i++;
    for (; i < this.astral.length; i++) if (this.astral[i] + delta >= edit.newEnd) astral.push(this.astral[i] + delta);
    return new CodePointIndex(text, astral);
  }

  get isBmpOnly(): boolean {
    return this.astral.length === 0;
  }

  /** Code point offset → UTF-16 index. Offsets past the end clamp to the end. */
  toUtf16(cp: number): number {
    if (cp <= 0) return 0;
    if (cp >= this.length) return this.utf16Length;
    if (this.astral.length === 0) return cp;
    // Count astral characters that start before the target: each adds one UTF-16 unit.
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // The astral char at astral[mid] has code point index astral[mid] - mid.
      if (this.astral[mid] - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }

  /** UTF-16 index → code point offset. An index inside a surrogate pair rounds down. */
  toCodePoint(utf16: number): number {
    if (utf16 <= 0) return 0;
    if (utf16 >= this.utf16Length) return this.length;
    if (this.astral.length === 0) return utf16;
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid] < utf16) lo = mid + 1;
      else hi = mid;
    }
    // `lo` astral chars start before utf16, each one unit wider than its code point. An index on
    // a low surrogate gives the same answer, which is the rounding down we want.
    return utf16 - lo;
  }

  /** The substring between two code point offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}

const PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** Appends the UTF-16 indices of the astral characters starting in [from, to). */
function scanAstral(text: string, from: number, to: number, into: number[]): number[] {
  from = Math.max(0, from);
  if (to - from < 1024) {
    // A stretch an edit touched: the regex engine would search on past `to` to the next pair, to
    // the end of a text that has none.
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) into.push(i++);
      }
    }
    return into;
  }
  // The regex engine finds pairs far faster than a loop over every UTF-16 unit, and most texts have none.
  const part = to < text.length ? text.slice(0, to + 1) : text;
  PAIR.lastIndex = from;
  for (let m = PAIR.exec(part); m; m = PAIR.exec(part)) into.push(m.index);
  return into;
}

/** Code point length of a string. */
export function cpLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
