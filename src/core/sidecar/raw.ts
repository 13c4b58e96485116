/**
 * Reading a sidecar's text into a "raw" model: the top-level fields, the two collections and,
 * for every entry, its text span and each field's value and offsets. The model is what both the
 * validator (problems with positions) and the incremental writer (splicing by span) work on.
 *
 * Two readers produce it. `fastRead` is a strict line-oriented reader for the layout this tool
 * writes (and the usual hand edits of it: comments, blank lines, other indentation, quoting,
 * unknown scalar keys); anything it is not certain about makes it give up, and `yamlRead` reads
 * the file with the `yaml` package (core schema, alias limit) and takes spans from node ranges.
 *
 * Longer than the project's ~400 lines on purpose: it is one algorithm, the reader. The two
 * readers must produce the same model (spans, offsets, `editable`/`replaceable` flags) for the
 * same text, and `readEntryAt`/`readTopField` re-read single entries the way `fastRead` does;
 * kept side by side, a change to one is made and checked against the other in one place.
 */
import { isAlias, isCollection, isMap, isScalar, isSeq, parseDocument, type Document, type Pair, type ParsedNode, type YAMLMap } from 'yaml';
import type { EntityAnnotation, FactAnnotation } from '../model';
import type { Severity } from '../problems';
import { checkShape } from '../yaml/shape';
import { YamlValues } from '../yaml/values';
import { ENTITY_KEYS, FACT_KEYS, HEADER_KEYS, MAX_ALIAS_COUNT, type Collection } from './format';
import { lineEndAfter, lineStartOf } from './lines';
import { readScalarValue, scalarEnd } from './scalar';

/** A problem located by offset in the sidecar text; converted to line/column at the end. */
export interface PosProblem {
  message: string;
  severity: Severity;
  code: string;
  offset: number;
  annotationId?: string;
}

export interface RawField {
  key: string;
  /** The value as plain JS data (core schema). Undefined when it could not be converted (`valueError`). */
  value: unknown;
  valueError?: string;
  /** Offsets are relative to the owner's base: the entry's start for entry fields, 0 for top-level fields. */
  keyOffset: number;
  valueOffset: number;
  valueEnd: number;
  /** Start of the key's line, and just after the line break of the value's last line. */
  lineStart: number;
  lineEnd: number;
  /** Key first on its line and nothing but a comment after the value: the lines can be removed. */
  ownLine: boolean;
  /** The value text [valueOffset, valueEnd) can be replaced by another scalar. */
  replaceable: boolean;
  /** For a number read by the yaml reader: its text as written (`1.0`, `1e400`), for messages and the integer check. */
  numberText?: string;
}

export interface RawItem {
  collection: Collection;
  /** Absolute span: from the start of the line holding the `-` to just after the last line of the entry. */
  start: number;
  end: number;
  /** Relative offset used to locate problems about the whole entry. */
  offset: number;
  isMap: boolean;
  fields: RawField[];
  /** Column of the entry's keys. */
  keyCol: number;
  /** The writer may edit fields inside this entry by splicing (else it uses the yaml Document API). */
  editable: boolean;
  /** Writer's cache: the entry's id and its annotation when structurally valid. */
  id?: string;
  ann?: EntityAnnotation | FactAnnotation;
}

export interface RawCollection {
  name: Collection;
  keyOffset: number;
  /** Just after the key's colon. */
  afterColon: number;
  valueOffset: number;
  /** `block`: a block list (possibly with no entries, `entities:`); `empty`: `[]` or null; `other`: not a list. */
  kind: 'block' | 'empty' | 'other';
  /** Text after the colon to remove when the first entry is added (` []`). */
  emptyRange?: [number, number];
  items: RawItem[];
  /** Column of the `-` and of the keys, for new entries. */
  dash: number;
  keyCol: number;
}

export interface RawDoc {
  /** `unread`: refused before parsing (see yaml/shape.ts); its problem is in `errors`. */
  kind: 'map' | 'empty' | 'not-map' | 'unread';
  /** Top-level fields other than the collections (absolute offsets). */
  fields: RawField[];
  collections: Partial<Record<Collection, RawCollection>>;
  /** YAML syntax errors and warnings. */
  errors: PosProblem[];
  /** The writer may splice entries by span; otherwise it falls back to the yaml Document API. */
  regular: boolean;
  eol: string;
  reader: 'fast' | 'yaml';
  /** Offset of the document's content (for "not a mapping"). */
  contentOffset: number;
  /**
   * Anchors and aliases (only the yaml reader finds any): where each alias is and what it stands
   * for, so the writer can write the value in its place before an entry it depends on changes.
   */
  aliases?: RawAlias[];
  anchors?: { name: string; offset: number }[];
}

export interface RawAlias {
  name: string;
  /** Absolute span of the `*name` token. */
  start: number;
  end: number;
  /** Offset of the anchored node it refers to (-1 when unresolved). */
  sourceOffset: number;
  value: unknown;
  error?: string;
}

export const YAML_OPTIONS = {
  schema: 'core',
  version: '1.2',
  uniqueKeys: true,
  merge: false,
  prettyErrors: false,
  strict: true,
  maxAliasCount: MAX_ALIAS_COUNT,
  keepSourceTokens: false,
  logLevel: 'error',
} as const;

export function detectEol(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
}

/** Characters the fast reader never accepts anywhere (we never write them raw). */
const FAST_UNSAFE_CHARS = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const LONE_CR = /\r(?!\n)/;
const SURROGATE = /[\ud800-\udfff]/;

function hasLoneSurrogate(text: string): boolean {
  for (let i = text.search(SURROGATE); i >= 0 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** True when the text holds a character the fast reader leaves to the yaml parser. */
function fastUnsafe(text: string): boolean {
  return FAST_UNSAFE_CHARS.test(text) || (text.includes('\r') && LONE_CR.test(text)) || hasLoneSurrogate(text);
}

export function isCollectionKey(k: string): k is Collection {
  return k === 'entities' || k === 'facts';
}

const RESERVED_FIRST = new Set([110 /* n */, 116 /* t */, 102 /* f */]);

/** Reads `key:` at `i`; returns the offset of the colon, or -1. The key is `[A-Za-z_][A-Za-z0-9_-]*`. */
function readKey(text: string, i: number, lineEnd: number): number {
  let j = i;
  const c0 = text.charCodeAt(j);
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || c0 === 95)) return -1;
  j++;
  while (j < lineEnd) {
    const c = text.charCodeAt(j);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45) j++;
    else break;
  }
  if (j >= lineEnd || text.charCodeAt(j) !== 58) return -1;
  // The colon must end the line or be followed by a space.
  if (j + 1 < lineEnd && text.charCodeAt(j + 1) !== 32) return -1;
  // Under the core schema these keys are booleans or null, not strings.
  // (Only keys of 4 or 5 letters starting n, t or f can be one: no temporary string for the others.)
  if ((j - i === 4 || j - i === 5) && RESERVED_FIRST.has(c0 | 32) && /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/.test(text.slice(i, j))) return -1;
  return j;
}

const KNOWN_KEYS: string[][] = [];
for (const key of new Set<string>([...ENTITY_KEYS, ...FACT_KEYS, ...HEADER_KEYS])) {
  (KNOWN_KEYS[key.length] ??= []).push(key);
}

/** The key text [k, colon), as a shared string when it is one of the format's keys. */
function keyName(text: string, k: number, colon: number): string {
  const list = KNOWN_KEYS[colon - k];
  if (list) for (const key of list) if (text.startsWith(key, k)) return key;
  return text.slice(k, colon);
}

/** A `key: scalar` field on one line, key at `k`. Offsets relative to `base`. */
function fastField(text: string, lineStart: number, k: number, lineEnd: number, next: number, base: number, ownLine: boolean): RawField | undefined {
  const colon = readKey(text, k, lineEnd);
  if (colon < 0) return undefined;
  let v = colon + 1;
  while (v < lineEnd && text.charCodeAt(v) === 32) v++;
  if (v >= lineEnd || v === colon + 1) return undefined;
  const value = readScalarValue(text, v, lineEnd, true);
  if (value === undefined) return undefined;
  return {
    key: keyName(text, k, colon),
    value,
    keyOffset: k - base,
    valueOffset: v - base,
    valueEnd: scalarEnd - base,
    lineStart: lineStart - base,
    lineEnd: next - base,
    ownLine,
    replaceable: true,
  };
}

interface Line {
  start: number;
  end: number; // excludes the line break
  next: number;
  indent: number; // offset of first non-space
}

function nextLine(text: string, pos: number): Line {
  const nl = text.indexOf('\n', pos);
  const next = nl < 0 ? text.length : nl + 1;
  let end = nl < 0 ? text.length : nl;
  if (end > pos && text.charCodeAt(end - 1) === 13) end--;
  let i = pos;
  while (i < end && text.charCodeAt(i) === 32) i++;
  return { start: pos, end, next, indent: i };
}

/**
 * Reads one entry whose `- ` line starts at `pos` (dash at `dashAt`), stopping at the first line
 * that is not one of its fields. Returns undefined when the layout is not one it is sure about.
 */
function fastEntry(text: string, line: Line, collection: Collection, limit: number): { item: RawItem; next: number } | undefined {
  const base = line.start;
  let k = line.indent + 1;
  while (k < line.end && text.charCodeAt(k) === 32) k++;
  if (k === line.indent + 1) return undefined;
  const first = fastField(text, line.start, k, line.end, line.next, base, false);
  if (!first) return undefined;
  const keyCol = k - line.start;
  const fields = [first];
  const item: RawItem = { collection, start: base, end: line.next, offset: k - base, isMap: true, fields, keyCol, editable: true };
  let pos = line.next;
  while (pos < limit) {
    // One line: [pos, end) without its break, `next` after it, `ind` its first non-space.
    const nl = text.indexOf('\n', pos);
    const next = nl < 0 ? text.length : nl + 1;
    let end = nl < 0 ? text.length : nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    let ind = pos;
    while (ind < end && text.charCodeAt(ind) === 32) ind++;
    if (ind === end || text.charCodeAt(ind) === 35) {
      pos = next;
      continue;
    }
    if (ind - pos !== keyCol) break;
    const f = fastField(text, pos, ind, end, next, base, true);
    if (!f) return undefined;
    for (let i = 0; i < fields.length; i++) if (fields[i].key === f.key) return undefined;
    fields.push(f);
    item.end = next;
    pos = next;
  }
  return { item, next: item.end };
}

/** Strict reader for the canonical layout and its common hand edits; undefined means "use yamlRead". */
export function fastRead(text: string): RawDoc | undefined {
  if (fastUnsafe(text)) return undefined;
  const doc: RawDoc = { kind: 'empty', fields: [], collections: {}, errors: [], regular: true, eol: detectEol(text), reader: 'fast', contentOffset: 0 };
  const topKeys = new Set<string>();
  let coll: RawCollection | undefined;
  let pos = 0;
  const len = text.length;
  while (pos < len) {
    const l = nextLine(text, pos);
    if (l.indent === l.end) {
      pos = l.next;
      continue;
    }
    const c = text.charCodeAt(l.indent);
    if (c === 35 /* # */) {
      pos = l.next;
      continue;
    }
    if (c === 9) return undefined;
    const isDash = c === 45 && text.charCodeAt(l.indent + 1) === 32;
    if (isDash) {
      if (!coll || coll.kind !== 'block') return undefined;
      const dash = l.indent - l.start;
      if (coll.items.length === 0) coll.dash = dash;
      else if (dash !== coll.dash) return undefined;
      const r = fastEntry(text, l, coll.name, len);
      if (!r) return undefined;
      if (coll.items.length === 0) coll.keyCol = r.item.keyCol;
      else if (r.item.keyCol !== coll.keyCol) return undefined;
      coll.items.push(r.item);
      pos = r.next;
      continue;
    }
    if (l.indent !== l.start) return undefined;
    // A top-level key.
    coll = undefined;
    const colon = readKey(text, l.start, l.end);
    if (colon < 0) return undefined;
    const key = text.slice(l.start, colon);
    if (topKeys.has(key)) return undefined;
    topKeys.add(key);
    doc.kind = 'map';
    if (isCollectionKey(key)) {
      let v = colon + 1;
      while (v < l.end && text.charCodeAt(v) === 32) v++;
      const cl: RawCollection = { name: key, keyOffset: l.start, afterColon: colon + 1, valueOffset: v, kind: 'block', items: [], dash: 2, keyCol: 4 };
      if (v < l.end && text.charCodeAt(v) === 91 /* [ */) {
        let w = v + 1;
        while (w < l.end && text.charCodeAt(w) === 32) w++;
        if (text.charCodeAt(w) !== 93 /* ] */ || w >= l.end) return undefined;
        w++;
        let r = w;
        while (r < l.end && text.charCodeAt(r) === 32) r++;
        if (r < l.end && (text.charCodeAt(r) !== 35 || r === w)) return undefined;
        cl.kind = 'empty';
        cl.emptyRange = [colon + 1, w];
      } else if (v < l.end && (text.charCodeAt(v) !== 35 || v === colon + 1)) return undefined;
      doc.collections[key] = cl;
      coll = cl;
    } else {
      const f = fastField(text, l.start, l.start, l.end, l.next, 0, true);
      if (!f) return undefined;
      doc.fields.push(f);
    }
    pos = l.next;
  }
  return doc;
}

// ---------------------------------------------------------------------------------------------
// The yaml-package reader.

function firstLine(message: string): string {
  const m = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return m.length > 300 ? m.slice(0, 300) + '…' : m;
}


function trimEnd(text: string, from: number, end: number): number {
  while (end > from) {
    const c = text.charCodeAt(end - 1);
    if (c === 32 || c === 10 || c === 13 || c === 9) end--;
    else break;
  }
  return end;
}

/** The field of a map pair; offsets relative to `base`. */
function yamlField(pair: Pair<unknown, unknown>, text: string, values: YamlValues, base: number): RawField | undefined {
  const k = pair.key as ParsedNode | null;
  if (!isScalar(k) || !k.range) return undefined;
  const key = k.value;
  if (typeof key !== 'string') return undefined;
  const v = pair.value as ParsedNode | null;
  const keyOffset = k.range[0];
  let valueOffset: number;
  let valueEnd: number;
  if (v && v.range) {
    valueOffset = v.range[0];
    valueEnd = trimEnd(text, v.range[0], v.range[1]);
  } else {
    const colon = text.indexOf(':', k.range[1]);
    valueOffset = valueEnd = colon < 0 ? k.range[1] : colon + 1;
  }
  if (isScalar(v) && v.range && v.range[0] === v.range[1]) valueOffset = valueEnd = Math.min(valueOffset, lineEndAfter(text, k.range[1]));
  const lineStart = lineStartOf(text, keyOffset);
  const lastChar = Math.max(keyOffset, valueEnd - 1);
  const lineEnd = lineEndAfter(text, lastChar);
  const before = text.slice(lineStart, keyOffset);
  const afterRaw = text.slice(valueEnd, lineEnd);
  const ownLine = /^ *$/.test(before) && /^[ \t]*(#.*)?\r?\n?$/.test(afterRaw);
  const conv = values.value(v);
  const plainNode = (n: unknown) => !(n as { anchor?: string }).anchor && !(n as { tag?: string }).tag;
  const replaceable =
    (v === null || (isScalar(v) && plainNode(v)) || isAlias(v) || (isCollection(v) && (v as { flow?: boolean }).flow === true && plainNode(v))) &&
    !text.slice(valueOffset, valueEnd).includes('\n');
  const numberText = typeof conv.value === 'number' && isScalar(v) ? text.slice(valueOffset, valueEnd) : undefined;
  return {
    ...(numberText !== undefined ? { numberText } : {}),
    key,
    value: conv.value,
    valueError: conv.error,
    keyOffset: keyOffset - base,
    valueOffset: valueOffset - base,
    valueEnd: valueEnd - base,
    lineStart: lineStart - base,
    lineEnd: lineEnd - base,
    ownLine,
    replaceable,
  };
}

/**
 * An entry from a seq item node. Its span starts at the line of its `-`: normally the node's own
 * line (`- key: …`), else an earlier line holding only the `-` (and maybe a comment), with only
 * blank or comment lines in between; then the entry is not `editable` by splicing. When no such
 * span exists (flow lists, `- - …`), `spanOk` is false and the writer must not splice this list.
 */
function yamlEntry(node: ParsedNode | null, text: string, values: YamlValues, collection: Collection): { item: RawItem; spanOk: boolean } | undefined {
  if (!node || !node.range) return undefined;
  const nodeStart = node.range[0];
  const ls = lineStartOf(text, nodeStart);
  let start = ls;
  let spanOk = true;
  let editable = /^ *- +$/.test(text.slice(ls, nodeStart));
  if (!editable) {
    spanOk = false;
    if (/^ *$/.test(text.slice(ls, nodeStart))) {
      // Walk back to the line of the `-`.
      let l = ls;
      while (l > 0) {
        const prev = lineStartOf(text, l - 1);
        const line = text.slice(prev, l).replace(/\r?\n$/, '');
        l = prev;
        if (/^ *(#.*)?$/.test(line)) continue;
        if (/^ *-( +#.*| *)$/.test(line)) {
          spanOk = true;
          start = l;
        }
        break;
      }
    }
    if (!spanOk) start = nodeStart;
  }
  if ((isMap(node) && (node as YAMLMap).flow) || (node as { anchor?: string }).anchor || (node as { tag?: string }).tag) editable = false;
  // End at the last field's value (comments after it, even indented, belong to the gap), as fastRead does.
  let last = node.range[1];
  if (isMap(node) && node.items.length) {
    const p = node.items[node.items.length - 1] as Pair<ParsedNode | null, ParsedNode | null>;
    last = p.value?.range?.[1] ?? p.key?.range?.[1] ?? last;
  }
  const contentEnd = trimEnd(text, nodeStart, last);
  const end = spanOk ? lineEndAfter(text, Math.max(nodeStart, contentEnd - 1)) : contentEnd;
  const item: RawItem = { collection, start, end, offset: nodeStart - start, isMap: isMap(node), fields: [], keyCol: nodeStart - ls, editable };
  if (isMap(node)) {
    for (const pair of node.items) {
      const f = yamlField(pair as Pair<unknown, unknown>, text, values, start);
      if (f) item.fields.push(f);
    }
  }
  return { item, spanOk };
}

export function yamlRead(text: string): RawDoc {
  const raw: RawDoc = { kind: 'empty', fields: [], collections: {}, errors: [], regular: true, eol: detectEol(text), reader: 'yaml', contentOffset: 0 };
  const refuse = (message: string, code: string, offset: number, kind: RawDoc['kind']): RawDoc => {
    raw.errors.push({ message: `Could not parse the sidecar as YAML: ${message}`, severity: 'error', code, offset });
    raw.kind = kind;
    raw.regular = false;
    return raw;
  };
  // Bound the work before the yaml package sees the text (it is neither linear nor stack-safe).
  const shape = checkShape(text);
  if (shape) return refuse(`${shape.message}; not read, and it will not be changed`, shape.code, shape.offset, 'unread');
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, YAML_OPTIONS);
  } catch (e) {
    return refuse(e instanceof RangeError ? 'nesting too deep' : firstLine(e instanceof Error ? e.message : String(e)), 'yaml-syntax', 0, 'not-map');
  }
  const values = new YamlValues(doc);
  if (values.hasAliases) {
    raw.anchors = values.anchors.map((a) => ({ name: a.name, offset: (a.node as ParsedNode).range?.[0] ?? 0 }));
    raw.aliases = values.aliases.map((a) => {
      const r = (a.node as ParsedNode).range ?? [0, 0];
      const v = values.value(a.node);
      const out: RawAlias = { name: a.name, start: r[0], end: r[1], sourceOffset: (a.source as ParsedNode | undefined)?.range?.[0] ?? -1, value: v.value };
      if (v.error !== undefined) out.error = v.error;
      return out;
    });
  }
  for (const e of doc.errors) raw.errors.push({ message: firstLine(e.message), severity: 'error', code: 'yaml-syntax', offset: e.pos[0] });
  for (const w of doc.warnings) raw.errors.push({ message: firstLine(w.message), severity: 'warning', code: 'yaml-warning', offset: w.pos[0] });
  const contents = doc.contents as ParsedNode | null;
  if (contents === null || contents === undefined) return raw;
  raw.contentOffset = contents.range?.[0] ?? 0;
  if (!isMap(contents)) {
    raw.kind = 'not-map';
    raw.regular = false;
    return raw;
  }
  raw.kind = 'map';
  if (contents.flow) raw.regular = false;
  for (const pair of contents.items) {
    const k = pair.key as ParsedNode | null;
    if (!isScalar(k) || typeof k.value !== 'string' || !k.range) {
      raw.errors.push({ message: 'Top-level keys must be plain strings.', severity: 'warning', code: 'wrong-type', offset: (k as ParsedNode | null)?.range?.[0] ?? raw.contentOffset });
      continue;
    }
    const key = k.value;
    if (!isCollectionKey(key)) {
      const f = yamlField(pair as Pair<unknown, unknown>, text, values, 0);
      if (f) raw.fields.push(f);
      continue;
    }
    const v = pair.value as ParsedNode | null;
    if (isAlias(v)) {
      // `facts: *A` would make one list two: read-only, located.
      raw.errors.push({ message: `"${key}" is an alias (*${v.source}): write the list out; this sidecar will not be changed until it is.`, severity: 'error', code: 'yaml-alias', offset: v.range?.[0] ?? k.range[0] });
      raw.regular = false;
      continue;
    }
    const colon = text.indexOf(':', k.range[1]);
    const afterColon = colon < 0 ? k.range[1] : colon + 1;
    const coll: RawCollection = { name: key, keyOffset: k.range[0], afterColon, valueOffset: v?.range?.[0] ?? afterColon, kind: 'block', items: [], dash: 2, keyCol: 4 };
    raw.collections[key] = coll;
    const keyLineEnd = lineEndAfter(text, afterColon);
    if (v === null || (isScalar(v) && v.value === null)) {
      coll.kind = 'empty';
      if (isScalar(v) && v.range && v.range[1] > v.range[0]) {
        if (v.range[1] <= keyLineEnd && /^ *$/.test(text.slice(afterColon, v.range[0]))) coll.emptyRange = [afterColon, v.range[1]];
        else raw.regular = false;
      }
    } else if (isSeq(v)) {
      if (v.flow) {
        if (v.items.length === 0 && v.range && v.range[1] <= keyLineEnd && /^ *$/.test(text.slice(afterColon, v.range[0]))) {
          coll.kind = 'empty';
          coll.emptyRange = [afterColon, v.range[1]];
        } else raw.regular = false;
      }
      if ((v as { anchor?: string }).anchor) raw.regular = false;
      let prevEnd = keyLineEnd;
      let layoutFound = false;
      for (const node of v.items) {
        if (isAlias(node)) {
          raw.errors.push({ message: `An entry of "${key}" is an alias (*${node.source}): write the entry out; this sidecar will not be changed until it is.`, severity: 'error', code: 'yaml-alias', offset: (node as ParsedNode).range?.[0] ?? 0 });
          raw.regular = false;
          continue;
        }
        const r = yamlEntry(node as ParsedNode | null, text, values, key);
        if (!r) {
          raw.regular = false;
          continue;
        }
        const item = r.item;
        if (!r.spanOk || item.start < prevEnd) raw.regular = false;
        prevEnd = item.end;
        if (coll.items.length === 0) {
          coll.dash = text.indexOf('-', item.start) - item.start;
          coll.keyCol = coll.dash + 2;
        }
        if (!layoutFound && item.isMap && item.editable) {
          coll.keyCol = item.keyCol;
          layoutFound = true;
        }
        coll.items.push(item);
      }
    } else {
      coll.kind = 'other';
    }
  }
  return raw;
}

/** Reads a top-level `key: scalar` line starting at `lineStart` with the strict reader (absolute offsets). */
export function readTopField(text: string, lineStart: number): RawField | undefined {
  const l = nextLine(text, lineStart);
  if (l.indent !== l.start) return undefined;
  return fastField(text, l.start, l.start, l.end, l.next, 0, true);
}

export function readRaw(text: string): RawDoc {
  return fastRead(text) ?? yamlRead(text);
}

/** Reads one entry occupying exactly [start, end) of `text` (after the writer changed it). */
export function readEntryAt(text: string, start: number, end: number, collection: Collection): RawItem | undefined {
  const sub = text.slice(start, end);
  const fast = fastUnsafe(sub) ? undefined : readEntryFast(text, start, end, collection);
  if (fast) return fast;
  try {
    const doc = parseDocument(sub, YAML_OPTIONS);
    if (doc.errors.length || doc.warnings.length || !isSeq(doc.contents) || doc.contents.flow || doc.contents.items.length !== 1) return undefined;
    const item = yamlEntry(doc.contents.items[0] as ParsedNode, sub, new YamlValues(doc), collection)?.item;
    if (!item || !item.editable || item.start !== 0 || item.end !== sub.length) return undefined;
    if (item.fields.some((f) => f.valueError !== undefined)) return undefined;
    item.start = start;
    item.end = end;
    return item;
  } catch {
    return undefined;
  }
}

function readEntryFast(text: string, start: number, end: number, collection: Collection): RawItem | undefined {
  let pos = start;
  while (pos < end) {
    const l = nextLine(text, pos);
    if (l.indent === l.end || text.charCodeAt(l.indent) === 35) {
      pos = l.next;
      continue;
    }
    if (pos !== start) return undefined;
    if (!(text.charCodeAt(l.indent) === 45 && text.charCodeAt(l.indent + 1) === 32)) return undefined;
    const r = fastEntry(text, l, collection, end);
    if (!r || r.item.end !== end) return undefined;
    return r.item;
  }
  return undefined;
}
