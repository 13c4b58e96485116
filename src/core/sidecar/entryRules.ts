/**
 * How a sidecar entry's fields are written, defined once for the serialiser, the splice path and
 * the general rewrite path of the writer (and the writer's read-back check).
 */

/**
 * The value a field is stored with, or undefined when the field is not written at all: an absent
 * or null value, and `status: exact`, the default (an entry without a status is exact).
 */
export function storedValue(key: string, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  if (key === 'status' && v === 'exact') return undefined;
  return v;
}

/** Whether the field appears in the file. */
export function isWritten(key: string, v: unknown): boolean {
  return storedValue(key, v) !== undefined;
}
