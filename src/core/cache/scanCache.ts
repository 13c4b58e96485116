/**
 * The scan cache: what reading a corpus computed, kept between starts so the next start need not
 * read and parse every document again. Pure: the VS Code layer stores the string this module
 * makes (in the extension's workspace storage) and hands it back; nothing here touches files.
 *
 * Layout: one header line (JSON: format, version, the corpus it is for, a hash of corpus.yaml, the
 * number of documents), then one line per document: its own checksum (of the UTF-8 bytes that
 * follow it), a space, and the JSON of `[document key, entry]`, the entry's entity annotations as
 * columns (`EntityColumns`). Lines let the reader parse a large cache a few hundred entries at a
 * time (`parseScanCacheSteps`), yielding between them, and a damaged line costs only its document.
 *
 * An entry is trusted only while its key still holds: the document file's size and modification
 * time, and the sidecar's size, modification time and content hash (or that there is none). The
 * sizes and times are checked at every start (`stampsHold`, no file is read); a key that is
 * `racy` (a file's modification time was within RACY_MS of the moment it was stamped, so a change
 * in the same tick of a coarse file system clock could leave size and time unchanged: git's "racy
 * clean" problem) is not trusted on its stamps, and the document is read again. A cache whose header is wrong, or that was made for another corpus,
 * another corpus.yaml or another version of this format, is discarded whole; a line whose
 * checksum, JSON or shape is wrong is dropped on its own. Nothing unreadable is ever trusted: the
 * caller reads those files again.
 */
import type { EntityAnnotation, FactAnnotation } from '../model';
import type { Problem } from '../problems';
import type { Rejection } from '../suggest/types';
import type { DocumentInfo } from '../corpus/documentInfo';
import type { DocumentModel } from '../corpus/documentModel';
import { bytesHash, contentHash } from './contentHash';

export const SCAN_CACHE_FORMAT = 'corpus-annotator-scan-cache';
/**
 * Bumped whenever what an entry holds, how the scan computes it, or how a line is checked, changes
 * (3: checksums of the lines' UTF-8 bytes; 4: entity annotations as columns).
 */
export const SCAN_CACHE_VERSION = 4;
/** A file modified this close to (or after) the moment it was stamped may change again unseen by its stamp. */
export const RACY_MS = 2_000;

/** What identifies a file's content without reading it. */
export interface FileStamp {
  size: number;
  /** Modification time in milliseconds, as the file system reports it. */
  mtime: number;
}

/** The key a cached document is valid for. */
export interface DocumentKey {
  text: FileStamp;
  /** Absent when the document has no sidecar. */
  sidecar?: SidecarStamp;
  /** A file was modified within RACY_MS of the moment it was stamped: its stamps alone are not trusted. */
  racy?: true;
}

/** A sidecar's stamp and content hash. */
export type SidecarStamp = FileStamp & { hash: string };

/** One document as the scan left it: everything the views, commands and search need but the text. */
export interface CachedDocument {
  key: DocumentKey;
  info: DocumentInfo;
  /** `sha256:` hash of the normalised text, when reading computed it (documents with a sidecar). */
  textHash?: string;
  /** Code point length of the normalised text. */
  length: number;
  entities: EntityAnnotation[];
  facts: FactAnnotation[];
  problems: Problem[];
  /** Suggestions turned down in the document (the sidecar's `rejections`). */
  rejections: Rejection[];
  hasSidecar: boolean;
  writable: boolean;
  /** Ids re-anchoring moved that the sidecar does not have yet. */
  reanchored: string[];
}

export interface ScanCache {
  /** The corpus (workspace folder URI) it was made for. */
  corpus: string;
  /** contentHash of corpus.yaml's text ('' when there is none). */
  config: string;
  /** By document key (its URI as a string). */
  documents: Map<string, CachedDocument>;
}

export interface ScanCacheRead {
  /** Undefined when the cache was discarded whole. */
  value: ScanCache | undefined;
  /** Why the cache, or entries of it, were discarded: for the log. */
  discarded: string[];
}

/** The cache entry for a document just read: all of the model but its text and line index. */
export function cacheEntryOf(model: DocumentModel, key: DocumentKey): CachedDocument {
  return {
    key,
    info: model.info,
    ...(model.textHash !== undefined ? { textHash: model.textHash } : {}),
    length: model.lines.cp.length,
    entities: model.entities,
    facts: model.facts,
    problems: model.problems,
    rejections: model.rejections,
    hasSidecar: model.hasSidecar,
    writable: model.writable,
    reanchored: [...model.reanchored],
  };
}

/** The sidecar key for a sidecar's text and stamp. */
export function sidecarKey(stamp: FileStamp, text: string): SidecarStamp {
  return { size: stamp.size, mtime: stamp.mtime, hash: contentHash(text) };
}

/**
 * A document's key from its files' stamps, taken at `stampedAt` (epoch ms, just before the stats):
 * racy when either file was modified within RACY_MS of that moment (or after it).
 */
export function documentKey(text: FileStamp, sidecar: SidecarStamp | undefined, stampedAt: number): DocumentKey {
  const racy = text.mtime >= stampedAt - RACY_MS || (sidecar !== undefined && sidecar.mtime >= stampedAt - RACY_MS);
  return { text, ...(sidecar ? { sidecar } : {}), ...(racy ? { racy: true as const } : {}) };
}

export function configHash(configText: string | undefined): string {
  return configText === undefined ? '' : contentHash(configText);
}

/** Header line of the cache (JSON). */
function headerOf(cache: Omit<ScanCache, 'documents'>, documents: number): string {
  return JSON.stringify({ format: SCAN_CACHE_FORMAT, version: SCAN_CACHE_VERSION, corpus: cache.corpus, config: cache.config, documents });
}

function lineOf(key: string, entry: CachedDocument): string {
  const json = JSON.stringify([key, { ...entry, entities: toColumns(entry.entities) }]);
  return `${lineChecksum(json)} ${json}`;
}

/**
 * A document's entity annotations as a line holds them: one array per field every annotation has,
 * each type once (`types`, indexed by `type`), and the other fields (a link, a note, an author, a
 * date, a status) of the annotations that have any (`more`, at `moreAt`). The field names are
 * written once per document, not once per annotation: the scan bench's 10,000-document cache went
 * from 51 to 35 MB, and its second start from 1,556 to 1,334-1,368 ms (`npm run bench -- scan`).
 */
interface EntityColumns {
  types: string[];
  type: number[];
  id: string[];
  text: string[];
  start: number[];
  end: number[];
  prefix: string[];
  suffix: string[];
  moreAt?: number[];
  more?: Record<string, string>[];
}

function toColumns(entities: readonly EntityAnnotation[]): EntityColumns {
  const c: EntityColumns = { types: [], type: [], id: [], text: [], start: [], end: [], prefix: [], suffix: [] };
  const typeIndex = new Map<string, number>();
  entities.forEach((a, i) => {
    const { id, type, text, start, end, prefix, suffix, ...rest } = a;
    let t = typeIndex.get(type);
    if (t === undefined) typeIndex.set(type, (t = c.types.push(type) - 1));
    c.type.push(t);
    c.id.push(id);
    c.text.push(text);
    c.start.push(start);
    c.end.push(end);
    c.prefix.push(prefix);
    c.suffix.push(suffix);
    if (Object.keys(rest).length) {
      (c.moreAt ??= []).push(i);
      (c.more ??= []).push(rest as Record<string, string>);
    }
  });
  return c;
}

/** The fields every annotation has a column for: never among an annotation's other fields. */
const COLUMNS = new Set(['id', 'type', 'text', 'start', 'end', 'prefix', 'suffix']);

/** The annotations of `v` if it is well-formed columns (see EntityColumns), else undefined. */
function fromColumns(v: unknown): EntityAnnotation[] | undefined {
  if (!isObject(v)) return undefined;
  const { types, type, id, text, start, end, prefix, suffix, moreAt, more } = v;
  if (!Array.isArray(types) || !types.every(isStr) || !Array.isArray(id) || !id.every(isStr)) return undefined;
  const n = id.length;
  const column = (a: unknown, ok: (x: unknown) => boolean): a is unknown[] => Array.isArray(a) && a.length === n && a.every(ok);
  const isIndex = (x: unknown) => Number.isInteger(x) && (x as number) >= 0 && (x as number) < types.length;
  if (!column(type, isIndex) || !column(text, isStr) || !column(prefix, isStr) || !column(suffix, isStr) || !column(start, isNum) || !column(end, isNum)) return undefined;
  const out: EntityAnnotation[] = new Array<EntityAnnotation>(n);
  for (let i = 0; i < n; i++) {
    const s = start[i] as number;
    const e = end[i] as number;
    if (s < 0 || e < s) return undefined;
    out[i] = { id: id[i], type: types[type[i] as number], text: text[i] as string, start: s, end: e, prefix: prefix[i] as string, suffix: suffix[i] as string };
  }
  if (moreAt === undefined && more === undefined) return out;
  if (!Array.isArray(moreAt) || !Array.isArray(more) || moreAt.length !== more.length) return undefined;
  for (let j = 0; j < moreAt.length; j++) {
    const i = moreAt[j] as unknown;
    const m = more[j] as unknown;
    if (!Number.isInteger(i) || (i as number) < 0 || (i as number) >= n || !isObject(m) || !Object.values(m).every(isStr) || Object.keys(m).some((k) => COLUMNS.has(k))) return undefined;
    if (!optStatus(m.status)) return undefined;
    Object.assign(out[i as number], m);
  }
  return out;
}

const encoder = new TextEncoder();
/** Reused for the lines of usual size (a few KiB); a larger line gets a buffer of its own, not kept. */
const scratch = new Uint8Array(1 << 16);

/**
 * A line's checksum: the hash of its JSON's UTF-8 bytes, which is what the reader has in hand
 * before decoding them (hashing the decoded text took 0.35-0.48 s of a 10,000-document second start
 * in the extension host, hashing the bytes is 3 to 6 times faster).
 */
export function lineChecksum(json: string): string {
  // At most 3 bytes per UTF-16 unit.
  const buffer = json.length * 3 <= scratch.length ? scratch : new Uint8Array(json.length * 3);
  const { written } = encoder.encodeInto(json, buffer);
  return bytesHash(buffer, 0, written);
}

export function serializeScanCache(cache: ScanCache): string {
  const lines = [headerOf(cache, cache.documents.size)];
  for (const [key, entry] of cache.documents) lines.push(lineOf(key, entry));
  return lines.join('\n');
}

/**
 * `serializeScanCache` in steps: yields after every `chunk` entries (the caller lets other work run
 * between them) and returns the same text, in pieces.
 */
export function* serializeScanCacheSteps(cache: ScanCache, chunk = 500): Generator<void, string[]> {
  // Pieces of `chunk` lines, so neither joining nor encoding tens of megabytes holds the thread at once.
  const pieces: string[] = [];
  let lines = [headerOf(cache, cache.documents.size)];
  for (const [key, entry] of cache.documents) {
    lines.push(lineOf(key, entry));
    if (lines.length === chunk) {
      pieces.push(lines.join('\n'));
      lines = [];
      yield;
    }
  }
  if (lines.length) pieces.push(lines.join('\n'));
  return pieces.map((p, i) => (i < pieces.length - 1 ? `${p}\n` : p));
}

/**
 * Reads a cache made for `expect.corpus` with corpus.yaml hashing to `expect.config`. Never
 * throws: whatever cannot be trusted is left out and said in `discarded`.
 */
export function parseScanCache(text: string | Uint8Array | undefined, expect: { corpus: string; config: string }): ScanCacheRead {
  const steps = parseScanCacheSteps(text, expect);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * `parseScanCache` in steps: yields after every `chunk` lines, so a large cache does not hold the
 * thread. It also takes the file's UTF-8 bytes, decoded a line at a time: a 10,000-document cache
 * is 51 MB, and decoding it whole held the extension host for 0.1 s and kept a string of up to
 * 100 MB alive while it was parsed.
 */
export function* parseScanCacheSteps(input: string | Uint8Array | undefined, expect: { corpus: string; config: string }, chunk = 500): Generator<void, ScanCacheRead> {
  const none = (why: string): ScanCacheRead => ({ value: undefined, discarded: [why] });
  if (input === undefined || input.length === 0) return none('no cache');
  // Lines are checked on their bytes (lineChecksum): a text is read as its UTF-8.
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const length = bytes.length;
  const decoder = new TextDecoder('utf-8');
  // A line feed byte is never part of another character in UTF-8, so the bytes split as the text does.
  let nl = bytes.indexOf(10);
  if (nl < 0) return none('cache has no header line');
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(0, nl))) as Record<string, unknown>;
  } catch {
    return none('cache header is not JSON');
  }
  if (!isObject(header) || header.format !== SCAN_CACHE_FORMAT) return none('not a scan cache');
  if (header.version !== SCAN_CACHE_VERSION) return none(`cache version ${String(header.version)}, expected ${SCAN_CACHE_VERSION}`);
  if (header.corpus !== expect.corpus) return none('cache is for another corpus');
  if (header.config !== expect.config) return none('corpus.yaml changed since the cache was made');
  const documents = new Map<string, CachedDocument>();
  const discarded: string[] = [];
  let lines = 0;
  while (nl < length) {
    const start = nl + 1;
    nl = bytes.indexOf(10, start);
    if (nl < 0) nl = length;
    if (nl === start) continue;
    lines++;
    const why = readLine(bytes, start, nl, decoder, documents);
    if (why) discarded.push(`line ${lines + 1}: ${why}`);
    if (lines % chunk === 0) yield;
  }
  if (header.documents !== lines) discarded.push(`header counts ${String(header.documents)} documents, the cache holds ${lines} (truncated?)`);
  return { value: { corpus: expect.corpus, config: expect.config, documents }, discarded };
}

/** Adds the entry on bytes[start, end) (one line) to `documents`; says why not when it cannot be trusted. */
function readLine(bytes: Uint8Array, start: number, end: number, decoder: TextDecoder, documents: Map<string, CachedDocument>): string | undefined {
  const sp = bytes.indexOf(32, start);
  if (sp < 0 || sp >= end || decoder.decode(bytes.subarray(start, sp)) !== bytesHash(bytes, sp + 1, end)) return 'checksum does not match (damaged)';
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(bytes.subarray(sp + 1, end)));
  } catch {
    return 'not JSON';
  }
  if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[0] !== 'string') return 'not an entry';
  const entry: unknown = raw[1];
  const entities = isObject(entry) ? fromColumns(entry.entities) : undefined;
  if (!entities) return `malformed entry for ${raw[0]}`;
  (entry as Record<string, unknown>).entities = entities;
  if (!isCachedDocument(entry)) return `malformed entry for ${raw[0]}`;
  documents.set(raw[0], entry);
  return undefined;
}

/**
 * Whether an entry still describes the files, from their stamps alone (no file is read): the
 * document file's and the sidecar's sizes and times are as the key says (or there is still no
 * sidecar), and the key is not racy. The document file gone: not fresh.
 */
export function stampsHold(key: DocumentKey, text: FileStamp | undefined, sidecar: FileStamp | undefined): boolean {
  if (key.racy || !text || !sameStamp(key.text, text)) return false;
  if (!key.sidecar || !sidecar) return !key.sidecar && !sidecar;
  return sameStamp(key.sidecar, sidecar);
}

/** Whether a cached entry still describes the files: same document stamp, same sidecar stamp and content. */
export function isFresh(key: DocumentKey, text: FileStamp, sidecar: SidecarStamp | undefined): boolean {
  if (!sameStamp(key.text, text)) return false;
  if (!key.sidecar || !sidecar) return !key.sidecar && !sidecar;
  return sameStamp(key.sidecar, sidecar) && key.sidecar.hash === sidecar.hash;
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtime === b.mtime;
}

// ---- shape checks: a cache is data from disk, checked like any other input --------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const optStr = (v: unknown) => v === undefined || isStr(v);
/** No status, or one re-anchoring gives. */
const optStatus = (v: unknown) => v === undefined || v === 'exact' || v === 'moved' || v === 'orphaned';

function isStamp(v: unknown): v is FileStamp {
  return isObject(v) && isNum(v.size) && v.size >= 0 && isNum(v.mtime);
}

function isAnchored(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { id, text, start, end, prefix, suffix, status } = v;
  return isStr(id) && isStr(text) && isNum(start) && isNum(end) && start >= 0 && end >= start && isStr(prefix) && isStr(suffix) && optStatus(status);
}

function isProblem(v: unknown): v is Problem {
  return isObject(v) && isStr(v.message) && isStr(v.severity) && isNum(v.line) && isNum(v.column) && isStr(v.code) && optStr(v.annotationId);
}

function isInfo(v: unknown): v is DocumentInfo {
  return isObject(v) && isStr(v.title) && optStr(v.date) && optStr(v.source) && isObject(v.language) && isStr(v.language.code) && isNum(v.language.confidence);
}

function isCachedDocument(v: unknown): v is CachedDocument {
  if (!isObject(v) || !isObject(v.key) || !isStamp(v.key.text)) return false;
  const sc = v.key.sidecar;
  if (sc !== undefined && !(isStamp(sc) && isStr((sc as unknown as Record<string, unknown>).hash))) return false;
  if (v.key.racy !== undefined && v.key.racy !== true) return false;
  return (
    isInfo(v.info) &&
    optStr(v.textHash) &&
    isNum(v.length) &&
    // The entities come from fromColumns, which checked each.
    Array.isArray(v.entities) &&
    Array.isArray(v.facts) &&
    v.facts.every(isAnchored) &&
    Array.isArray(v.problems) &&
    v.problems.every(isProblem) &&
    Array.isArray(v.rejections) &&
    v.rejections.every((r) => isObject(r) && isStr(r.text) && isStr(r.type) && optStr(r.context)) &&
    typeof v.hasSidecar === 'boolean' &&
    typeof v.writable === 'boolean' &&
    Array.isArray(v.reanchored) &&
    v.reanchored.every(isStr) &&
    // An entry with a sidecar key must say it has a sidecar, and the reverse.
    v.hasSidecar === (sc !== undefined)
  );
}
