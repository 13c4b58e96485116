/** Random annotation ids: a kind letter, a dash and 10 base32 characters (50 bits). Never a counter. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newAnnotationId(kind: 'entity' | 'fact' = 'entity'): string {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  let s = kind === 'fact' ? 'f-' : 'e-';
  for (let i = 0; i < bytes.length; i++) s += ALPHABET[bytes[i] & 31];
  return s;
}
