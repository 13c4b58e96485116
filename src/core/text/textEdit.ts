/**
 * The single region where two versions of a text differ, found by their common prefix and suffix
 * (never splitting a surrogate pair): what typing changed, so indexes over the text can be updated
 * around it instead of rebuilt.
 */
export interface TextEdit {
  /** UTF-16 indices: the old text's [start, oldEnd) became the new text's [start, newEnd). */
  start: number;
  oldEnd: number;
  newEnd: number;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export function findTextEdit(oldText: string, newText: string): TextEdit {
  const ol = oldText.length;
  const nl = newText.length;
  const max = Math.min(ol, nl);
  // Whole chunks are compared by the engine (memcmp-like), far faster than char by char.
  const CHUNK = 2048;
  let p = 0;
  while (p + CHUNK <= max && oldText.startsWith(newText.slice(p, p + CHUNK), p)) p += CHUNK;
  while (p < max && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
  if (p > 0 && p < max && isHigh(newText.charCodeAt(p - 1))) p--;
  let s = 0;
  const maxS = max - p;
  while (s + CHUNK <= maxS && oldText.endsWith(newText.slice(nl - s - CHUNK, nl - s), ol - s)) s += CHUNK;
  while (s < maxS && oldText.charCodeAt(ol - 1 - s) === newText.charCodeAt(nl - 1 - s)) s++;
  if (s > 0 && s < nl && isLow(newText.charCodeAt(nl - s))) s--;
  return { start: p, oldEnd: ol - s, newEnd: nl - s };
}
