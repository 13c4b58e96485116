/**
 * Longest label a Documents row shows, in columns (a wide CJK character is two). Measured in the
 * real workbench at the default sidebar width: about 19 columns of label leave room for
 * `en · 2023-05-15 · 12` after it (test/e2e/corpusView.e2e.test.ts checks it stays in view).
 */
export const SHORT_TITLE = 18;

/**
 * What a Documents row is labelled with: the document's title when it fits, else its file name
 * when that fits, else the title cut (at a word where one is near) with an ellipsis, so that the
 * language, date and count after it stay visible at the default sidebar width. The full title and
 * the file are in the row's tooltip.
 */
export function shortTitle(title: string, fileName: string, max = SHORT_TITLE): string {
  const t = title.replace(/\s+/g, ' ').trim();
  if (t && columns(t) <= max) return t;
  if (!t || columns(fileName) <= max) return fileName;
  let cut = '';
  let width = 0;
  for (const ch of t) {
    const w = charColumns(ch);
    if (width + w > max - 1) break;
    cut += ch;
    width += w;
  }
  // End at a word when one ends in the second half, not inside it.
  const space = cut.lastIndexOf(' ');
  if (space >= cut.length / 2 && t[cut.length] !== ' ') cut = cut.slice(0, space);
  return `${cut.trimEnd().replace(/[\s,;:.·–—-]+$/, '')}…`;
}

/** Columns a text takes in the workbench's proportional font, roughly: wide East Asian characters count two. */
export function columns(s: string): number {
  let n = 0;
  for (const ch of s) n += charColumns(ch);
  return n;
}

function charColumns(ch: string): number {
  const c = ch.codePointAt(0)!;
  const wide =
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c >= 0x20000;
  return wide ? 2 : 1;
}
