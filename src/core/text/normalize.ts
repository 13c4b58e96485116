/**
 * Offsets in sidecars count Unicode code points in the document's text with a leading BOM removed
 * and line endings normalised to LF, so CRLF checkouts, BOMs and Python tools all agree.
 */
export function normalizeText(raw: string): string {
  let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return text;
}

/** Decodes UTF-8 bytes (with or without BOM) into normalised text. */
export function decodeDocument(bytes: Uint8Array): string {
  return normalizeText(new TextDecoder('utf-8').decode(bytes));
}
