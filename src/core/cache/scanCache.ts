/**
 * The scan cache: what reading a corpus computed, kept between starts so the next start need not
 * read and parse every document again. Pure: the VS Code layer stores the string this module
 * makes (in the extension's workspace storage) and hands it back; nothing here touches files.
 *
 * Layout: one header line (JSON: format, version, the corpus it is for, a hash of corpus.yaml, a
 * checksum of the body, the number of documents), then the body (JSON: one entry per document).
 * An entry is trusted only while its key still holds: the document file's size and modification
 * time, and the sidecar's size, modification time and content hash (or that there is none). A
 * cache whose header, checksum or JSON is wrong, or that was made for another corpus, another
 * corpus.yaml or another version of this format, is discarded whole; an entry whose shape is wrong
 * is dropped on its own. Nothing unreadable is ever trusted: the caller reads those files again.
 */
import type { EntityAnnotation, FactAnnotation } from '../model';
import type { Problem } from '../problems';
import type { Rejection } from '../suggest/types';
import type { DocumentInfo } from '../corpus/documentInfo';
import type { DocumentModel } from '../corpus/documentModel';
import { contentHash } from './contentHash';

export const SCAN_CACHE_FORMAT = 'corpus-annotator-scan-cache';
/** Bumped whenever what an entry holds, or how the scan computes it, changes. */
export const SCAN_CACHE_VERSION = 1;

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
  sidecar?: FileStamp & { hash: string };
}

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
export function sidecarKey(stamp: FileStamp, text: string): FileStamp & { hash: string } {
  return { size: stamp.size, mtime: stamp.mtime, hash: contentHash(text) };
}

export function configHash(configText: string | undefined): string {
  return configText === undefined ? '' : contentHash(configText);
}

export function serializeScanCache(cache: ScanCache): string {
  const body = JSON.stringify(Object.fromEntries(cache.documents));
  const header = { format: SCAN_CACHE_FORMAT, version: SCAN_CACHE_VERSION, corpus: cache.corpus, config: cache.config, checksum: contentHash(body), documents: cache.documents.size };
  return `${JSON.stringify(header)}\n${body}`;
}

/**
 * Reads a cache made for `expect.corpus` with corpus.yaml hashing to `expect.config`. Never
 * throws: whatever cannot be trusted is left out and said in `discarded`.
 */
export function parseScanCache(text: string | undefined, expect: { corpus: string; config: string }): ScanCacheRead {
  const none = (why: string): ScanCacheRead => ({ value: undefined, discarded: [why] });
  if (text === undefined || text === '') return none('no cache');
  const nl = text.indexOf('\n');
  if (nl < 0) return none('cache has no header line');
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(text.slice(0, nl)) as Record<string, unknown>;
  } catch {
    return none('cache header is not JSON');
  }
  if (!isObject(header) || header.format !== SCAN_CACHE_FORMAT) return none('not a scan cache');
  if (header.version !== SCAN_CACHE_VERSION) return none(`cache version ${String(header.version)}, expected ${SCAN_CACHE_VERSION}`);
  if (header.corpus !== expect.corpus) return none('cache is for another corpus');
  if (header.config !== expect.config) return none('corpus.yaml changed since the cache was made');
  const body = text.slice(nl + 1);
  if (header.checksum !== contentHash(body)) return none('cache checksum does not match (truncated or damaged)');
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return none('cache body is not JSON');
  }
  if (!isObject(raw)) return none('cache body is not an object');
  const documents = new Map<string, CachedDocument>();
  const discarded: string[] = [];
  for (const [key, entry] of Object.entries(raw)) {
    if (isCachedDocument(entry)) documents.set(key, entry);
    else discarded.push(`malformed entry for ${key}`);
  }
  if (header.documents !== Object.keys(raw).length) discarded.push(`header counts ${String(header.documents)} documents, body holds ${Object.keys(raw).length}`);
  return { value: { corpus: expect.corpus, config: expect.config, documents }, discarded };
}

/** Whether a cached entry still describes the files: same document stamp, same sidecar stamp and content. */
export function isFresh(key: DocumentKey, text: FileStamp, sidecar: (FileStamp & { hash: string }) | undefined): boolean {
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

function isStamp(v: unknown): v is FileStamp {
  return isObject(v) && isNum(v.size) && v.size >= 0 && isNum(v.mtime);
}

function isAnchored(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { id, text, start, end, prefix, suffix, status } = v;
  return isStr(id) && isStr(text) && isNum(start) && isNum(end) && start >= 0 && end >= start && isStr(prefix) && isStr(suffix) && (status === undefined || status === 'exact' || status === 'moved' || status === 'orphaned');
}

function isEntity(v: unknown): v is EntityAnnotation {
  return isAnchored(v) && isStr((v as Record<string, unknown>).type) && optStr((v as Record<string, unknown>).entity);
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
  return (
    isInfo(v.info) &&
    optStr(v.textHash) &&
    isNum(v.length) &&
    Array.isArray(v.entities) &&
    v.entities.every(isEntity) &&
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
