/** Where a search result is, as its row says it: the document's title, its file name and the lines. */
export interface ResultPlace {
  /** The document's key (a URI string). */
  docId: string;
  title: string;
  line: number;
  /** Every line of a sentence shown once for several occurrences (see duplicates.ts). */
  lines?: readonly number[];
}

/** The last path segment of a document key (a URI), decoded. */
export function fileNameOf(docId: string): string {
  const path = docId.replace(/[?#].*$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * `file.txt:12, 40 · title`: a title alone does not say which file to open, and many titles are
 * alike (a series, a translation). The file and lines come first so that a row too narrow for
 * both cuts the title, not the place; the title is cut at `maxTitle` code points.
 */
export function placeOf(r: ResultPlace, maxTitle = 60): string {
  const file = fileNameOf(r.docId);
  const lines = (r.lines?.length ? r.lines : [r.line]).join(', ');
  const chars = Array.from(r.title.trim());
  const title = chars.length > maxTitle ? `${chars.slice(0, maxTitle - 1).join('')}…` : chars.join('');
  return title && title !== file ? `${file}:${lines} · ${title}` : `${file}:${lines}`;
}
