/** Offset of the start of the line containing `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the line break ending the line containing `offset` (or the text's end). */
export function lineEndAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

export type LineBreak = '\n' | '\r\n' | '\r';

/**
 * The text with every lone CR (old Mac line breaks, which YAML 1.2 counts as line breaks but the
 * `yaml` package does not) turned into LF. One character for one, so offsets, lines and columns
 * in the result are those of the original. `eol` is the file's own line break: CR when the file
 * has no LF at all, else that of its first LF. (A file mixing lone CRs with LFs is written with
 * LFs for those CRs: the same YAML.)
 */
export function normalizeLineBreaks(text: string): { text: string; eol: LineBreak } {
  const cr = text.indexOf('\r');
  const lf = text.indexOf('\n');
  const eol: LineBreak = lf < 0 ? (cr >= 0 ? '\r' : '\n') : lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
  if (cr < 0 || !/\r(?!\n)/.test(text)) return { text, eol };
  return { text: text.replace(/\r(?!\n)/g, '\n'), eol };
}

/** Text written with LF breaks (from a normalised CR-only file) in the file's own line break. */
export function restoreLineBreaks(text: string, eol: LineBreak): string {
  return eol === '\r' ? text.replace(/\n/g, '\r') : text;
}
