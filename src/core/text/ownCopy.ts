/**
 * A copy of `text` that keeps nothing else alive and is as small as V8 can store it. A slice of a
 * string is a view that holds its whole parent (a sentence keeps its document's text), and a slice
 * of a two-byte string is two-byte even when its own characters all fit in one byte: most
 * sentences of a document with a single curly quote. Going through UTF-8 yields a flat string,
 * one-byte where it can be. Measured on 2,000 seed-like documents: 234,413 sentence texts took
 * 102 MB as slices, 60 MB as copies.
 */
const encoder = new TextEncoder();
// A leading U+FEFF is text here, not a byte order mark to drop.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

const SURROGATE = /[\ud800-\udfff]/;

export function ownCopy(text: string): string {
  // UTF-8 cannot carry a lone surrogate (it would come back as U+FFFD): a text with surrogates, rare
  // in prose, is copied code point by code point instead.
  if (SURROGATE.test(text)) return [...text].join('');
  return decoder.decode(encoder.encode(text));
}
