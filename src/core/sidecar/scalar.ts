/**
 * Scalar text for sidecars: what we emit (plain when that is unambiguous, else double-quoted
 * with JSON-compatible escapes) and a strict reader for single-line scalars whose meaning under
 * the YAML 1.2 core schema is certain. Anything the reader is unsure about returns undefined and
 * the caller falls back to the full `yaml` parser.
 */

/** Characters never written raw: controls, C1, line/paragraph separators, BOM, non-characters, lone surrogates. */
const UNSAFE_RAW = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\p{Cs}/u;
const RESERVED = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const PLAIN_START = /^[\p{L}_]/u;

/** True when `s` can be written as a plain scalar and reads back as the same string under the core schema. */
export function isPlainSafe(s: string, prechecked = false): boolean {
  if (s.length === 0) return false;
  const c0 = s.charCodeAt(0);
  if (!((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90) || c0 === 95 || (c0 >= 0x80 && PLAIN_START.test(s)))) return false;
  if (!prechecked && UNSAFE_RAW.test(s)) return false;
  const last = s.charCodeAt(s.length - 1);
  if (last === 0x20 || last === 0x3a /* : */) return false;
  if (last > 0x7f && /\s$/u.test(s)) return false;
  if (last === 0x09) return false;
  if (s.includes(': ') || s.includes(' #')) return false;
  if (RESERVED.has(s)) return false;
  return true;
}

function hex4(c: number): string {
  return '\\u' + c.toString(16).padStart(4, '0');
}

/** Double-quoted YAML scalar using only escapes that JSON and YAML share. */
export function quoteString(s: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c === 0x22) esc = '\\"';
    else if (c === 0x5c) esc = '\\\\';
    else if (c < 0x20) esc = c === 0x0a ? '\\n' : c === 0x09 ? '\\t' : c === 0x0d ? '\\r' : c === 0x08 ? '\\b' : c === 0x0c ? '\\f' : hex4(c);
    else if ((c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff) esc = hex4(c);
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      esc = hex4(c);
    } else if (c >= 0xdc00 && c <= 0xdfff) esc = hex4(c);
    if (esc !== undefined) {
      out += s.slice(from, i) + esc;
      from = i + 1;
    }
  }
  return out + s.slice(from) + '"';
}

export type ScalarStyle = 'plain' | 'double-quoted';

/**
 * How a value is quoted in a sidecar: plain when that reads back as the same value under the core
 * schema (safe integers, unambiguous strings), else double-quoted. `flow`: the value sits in a flow
 * collection, where `,[]{}` end a plain scalar.
 */
export function scalarStyle(value: string | number, flow = false): ScalarStyle {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'plain' : 'double-quoted';
  return isPlainSafe(value) && !(flow && /[,[\]{}]/.test(value)) ? 'plain' : 'double-quoted';
}

/** The YAML text of a scalar, quoted as `scalarStyle` says. */
export function emitScalar(value: string | number, flow = false): string {
  const text = typeof value === 'number' ? String(value) : value;
  return scalarStyle(value, flow) === 'plain' ? text : quoteString(text);
}

export interface ScalarToken {
  value: string | number;
  /** Offset just after the scalar token. */
  end: number;
}

const INT_RE = /^(?:0|-?[1-9][0-9]{0,14})$/;
const DQ_UNSAFE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\p{Cs}/u;
const DQ_ESCAPES = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/g;

/**
 * Reads one single-line scalar starting at `pos` and ending before `lineEnd` (which excludes
 * the line break). Accepts: integers, plain strings that `isPlainSafe` approves, single-line
 * double-quoted strings with JSON escapes, single-line single-quoted strings; each optionally
 * followed by spaces and a `# comment`. Returns undefined for anything else.
 */
export function readScalar(text: string, pos: number, lineEnd: number, prechecked = false): ScalarToken | undefined {
  const value = readScalarValue(text, pos, lineEnd, prechecked);
  return value === undefined ? undefined : { value, end: scalarEnd };
}

/** Where the last successful `readScalarValue` ended (module state: the fast reader reads millions of scalars and this saves a token object each). */
export let scalarEnd = 0;

/**
 * A decimal integer in [from, to) as INT_RE accepts it (`0` or `-?[1-9][0-9]{0,14}`), read without
 * slicing the text; undefined when it is not one.
 */
function readInt(text: string, from: number, to: number): number | undefined {
  let i = from;
  const neg = text.charCodeAt(i) === 45;
  if (neg) i++;
  const digits = to - i;
  if (digits < 1 || digits > 15) return undefined;
  const d0 = text.charCodeAt(i) - 48;
  if (d0 < 0 || d0 > 9) return undefined;
  if (d0 === 0) return digits === 1 && !neg ? 0 : undefined;
  let v = d0;
  for (i++; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  return neg ? -v : v;
}

/** `readScalar` without the token object: the value, or undefined; its end is in `scalarEnd`. */
export function readScalarValue(text: string, pos: number, lineEnd: number, prechecked = false): string | number | undefined {
  const c = text.charCodeAt(pos);
  let value: string | number;
  let end: number;
  if (c === 0x22 /* " */) {
    let i = pos + 1;
    let escaped = false;
    for (; i < lineEnd; i++) {
      const d = text.charCodeAt(i);
      if (d === 0x5c) {
        escaped = true;
        i++;
      } else if (d === 0x22) break;
    }
    if (i >= lineEnd) return undefined;
    const inner = text.slice(pos + 1, i);
    if (!prechecked && DQ_UNSAFE.test(inner)) return undefined;
    if (escaped) {
      if (inner.replace(DQ_ESCAPES, '').includes('\\')) return undefined;
      try {
        value = JSON.parse('"' + inner + '"') as string;
      } catch {
        return undefined;
      }
    } else value = inner;
    end = i + 1;
  } else if (c === 0x27 /* ' */) {
    let i = pos + 1;
    for (; i < lineEnd; i++) {
      if (text.charCodeAt(i) === 0x27) {
        if (text.charCodeAt(i + 1) === 0x27 && i + 1 < lineEnd) i++;
        else break;
      }
    }
    if (i >= lineEnd) return undefined;
    const inner = text.slice(pos + 1, i);
    if (!prechecked && DQ_UNSAFE.test(inner)) return undefined;
    value = inner.replace(/''/g, "'");
    end = i + 1;
  } else {
    let stop = pos;
    while (stop < lineEnd && !(text.charCodeAt(stop) === 0x23 && text.charCodeAt(stop - 1) === 0x20)) stop++;
    end = stop;
    while (end > pos && text.charCodeAt(end - 1) === 0x20) end--;
    // Offsets are most of a sidecar's numbers: read them from the text without a temporary string.
    const n = (c >= 48 && c <= 57) || c === 45 ? readInt(text, pos, end) : undefined;
    if (n !== undefined) value = n;
    else {
      const tok = text.slice(pos, end);
      const t0 = tok.charCodeAt(0);
      if (((t0 >= 48 && t0 <= 57) || t0 === 45) && INT_RE.test(tok)) value = Number(tok);
      else if (isPlainSafe(tok, prechecked)) value = tok;
      else return undefined;
    }
  }
  // Only spaces, then optionally a comment, may follow.
  let j = end;
  while (j < lineEnd && text.charCodeAt(j) === 0x20) j++;
  if (j < lineEnd && (text.charCodeAt(j) !== 0x23 || j === end)) return undefined;
  scalarEnd = end;
  return value;
}
