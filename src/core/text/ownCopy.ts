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

/** Reused for every copy (encoding into it is twice as fast as `encode`, which allocates). */
let buffer = new Uint8Array(1024);

export function ownCopy(text: string): string {
  // UTF-8 cannot carry a lone surrogate (it would come back as U+FFFD): a text with surrogates, rare
  // in prose, is copied code point by code point instead.
  if (SURROGATE.test(text)) return [...text].join('');
  // At most three bytes per UTF-16 unit.
  if (buffer.length < text.length * 3) buffer = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, buffer);
  return decoder.decode(buffer.subarray(0, written));
}
