import { bytesFingerprint, textFingerprint } from '../text/fingerprint';

/**
 * A fast 64-bit content hash (cyrb53's mixing, the same as edit tracking's text fingerprint) for
 * cache keys and checksums: the cache only has to notice that a sidecar or the cache file changed,
 * not resist an adversary, and hashing every sidecar of a 10,000-document corpus at each start
 * must cost little. 16 hex digits.
 */
export function contentHash(s: string): string {
  return hex(textFingerprint(s));
}

/** The same kind of hash of bytes[from, to) (bytesFingerprint), for what is checked as it is read from disk. */
export function bytesHash(bytes: Uint8Array, from = 0, to = bytes.length): string {
  return hex(bytesFingerprint(bytes, from, to));
}

function hex([h1, h2]: [number, number]): string {
  return h2.toString(16).padStart(8, '0') + h1.toString(16).padStart(8, '0');
}
