import { CodePointIndex } from './codepoints';

/** A line and a UTF-16 character within it: the shape of an editor position. */
export interface LineCharacter {
  line: number;
  character: number;
}

/**
 * Maps code point offsets in normalised text (LF line endings) to zero-based line and UTF-16
 * character positions and back. A document with CRLF endings has the same lines and characters,
 * so the editor layer can use these positions directly whatever the file's line endings.
 */
export class LineIndex {
  readonly cp: CodePointIndex;
  /** UTF-16 index of each line's first character. */
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    this.cp = new CodePointIndex(text);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(cpOffset: number): LineCharacter {
    const u = this.cp.toUtf16(cpOffset);
    const line = this.lineAtUtf16(u);
    return { line, character: u - this.lineStarts[line] };
  }

  /** Zero-based line holding a UTF-16 index. */
  lineAtUtf16(u: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= u) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  offsetAt(pos: LineCharacter): number {
    const line = Math.max(0, Math.min(pos.line, this.lineStarts.length - 1));
    const lineEnd = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    const u = Math.min(this.lineStarts[line] + Math.max(0, pos.character), lineEnd);
    return this.cp.toCodePoint(u);
  }

  /** UTF-16 index where a zero-based line starts (the text's end past the last line). */
  lineStart(line: number): number {
    if (line < 0) return 0;
    return line < this.lineStarts.length ? this.lineStarts[line] : this.text.length;
  }

  /** The text of one zero-based line, without its line ending. */
  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    const end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    return this.text.slice(start, end);
  }
}
