import { cpLength } from '../text/codepoints';

/** Longest title a Documents row shows before it shows the file name instead (code points). */
export const SHORT_TITLE = 40;

/**
 * What a Documents row is labelled with: the document's title when it is short, else its file
 * name, so that the language, date and count after it stay visible at the default sidebar width
 * (the full title is in the tooltip).
 */
export function shortTitle(title: string, fileName: string, max = SHORT_TITLE): string {
  return title && cpLength(title) <= max ? title : fileName;
}
