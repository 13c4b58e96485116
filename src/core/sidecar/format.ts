/**
 * Sidecar format version 1: the types, key orders and limits shared by the reader, the
 * validator, the serializer and the incremental writer. See docs/sidecar-format.md.
 */
import type { CodePointIndex } from '../text/codepoints';
import type { EntityAnnotation, FactAnnotation } from '../model';
import type { Parsed, Problem } from '../problems';

export const SIDECAR_FORMAT = 'corpus-annotator';
export const SIDECAR_VERSION = 1;
/** Sidecars larger than this (in UTF-16 units, ~bytes for ASCII) are refused unparsed. */
export const MAX_SIDECAR_SIZE = 20 * 1024 * 1024;
/** yaml's limit on alias expansion (defends against "billion laughs"). */
export const MAX_ALIAS_COUNT = 100;
/** Default length of the prefix and suffix stored with each anchor, in code points. */
export { DEFAULT_CONTEXT_LENGTH } from '../anchoring/anchor';

export interface SidecarHeader {
  format: string;
  version: number;
  /** The document's file name. Informational only: never used to find a file. */
  document: string;
  /** `sha256:<hex>` of the UTF-8 of the normalised document text the offsets refer to. */
  textHash: string;
  offsets: 'codepoint';
}

export interface SidecarData {
  header: SidecarHeader;
  entities: EntityAnnotation[];
  facts: FactAnnotation[];
}

export interface ParsedSidecar extends Parsed<SidecarData> {
  /** False when the file must never be overwritten: not YAML, not a mapping, unknown format/version, too large. */
  writable: boolean;
}

export interface ParseSidecarOptions {
  /** Entity type ids from the corpus configuration; unknown types are reported. */
  knownTypes?: ReadonlySet<string>;
  /** The normalised document text: when given, offsets and quotes are checked against it. */
  documentText?: string;
  /** The document text's code point index, when the caller has one (saves a scan of the text). */
  documentIndex?: CodePointIndex;
}

export type Collection = 'entities' | 'facts';

export type SidecarChange =
  | { kind: 'add'; collection: 'entities'; annotation: EntityAnnotation }
  | { kind: 'add'; collection: 'facts'; annotation: FactAnnotation }
  | { kind: 'remove'; id: string }
  | { kind: 'update'; id: string; set: Partial<Omit<EntityAnnotation, 'id'>> & Partial<Omit<FactAnnotation, 'id'>> }
  | { kind: 'header'; textHash: string };

export type WriteResult = { ok: true; text: string; data: SidecarData } | { ok: false; problems: Problem[] };

export const HEADER_KEYS = ['format', 'version', 'document', 'textHash', 'offsets'] as const;
export const ENTITY_KEYS = ['id', 'type', 'text', 'start', 'end', 'prefix', 'suffix', 'entity', 'note', 'author', 'created', 'status'] as const;
export const FACT_KEYS = ['id', 'text', 'start', 'end', 'prefix', 'suffix', 'subject', 'predicate', 'value', 'date', 'note', 'author', 'created', 'status'] as const;
export const REQUIRED_ENTITY_KEYS = ['id', 'type', 'text', 'start', 'end'] as const;
export const REQUIRED_FACT_KEYS = ['id', 'text', 'start', 'end'] as const;
/** Optional string-valued keys. */
export const OPTIONAL_STRING_KEYS: Record<Collection, readonly string[]> = {
  entities: ['entity', 'note', 'author', 'created'],
  facts: ['subject', 'predicate', 'value', 'date', 'note', 'author', 'created'],
};

export function keysOf(collection: Collection): readonly string[] {
  return collection === 'entities' ? ENTITY_KEYS : FACT_KEYS;
}

export const HASH_RE = /^sha256:[0-9a-f]{64}$/;

/** The sort key of an entry: start, end, type (facts: empty), then id. Plain code unit comparison, locale-independent. */
export function compareAnnotations(a: { start: number; end: number; id: string; type?: string }, b: { start: number; end: number; id: string; type?: string }): number {
  if (a.start !== b.start) return a.start - b.start;
  if (a.end !== b.end) return a.end - b.end;
  const ta = a.type ?? '';
  const tb = b.type ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
