/** Plain-data results of the fact and entity searches (safe to post between threads). */
import type { FactRecord, RecordedFact } from '../facts/extract';

/**
 * One hit: the fact record's identity and place (its id, the caller's document key as `docId`,
 * title, kind, text, code point offsets and 1-based line, exactly as in `FactRecord`), then how it
 * matched and what it holds.
 */
export interface SearchResult extends Pick<FactRecord, 'id' | 'docId' | 'title' | 'kind' | 'text' | 'start' | 'end' | 'line'> {
  /** Higher is better: relevance in [0, 1], plus 1 for an exact phrase match, plus 2 for a matching recorded fact. */
  score: number;
  /** Matched words, as code point [start, end) ranges relative to `text`, ascending. */
  matches: [number, number][];
  /** True when the query's words (or every quoted phrase) occur in this order as whole words. */
  exact: boolean;
  /** Names of the entities in the fact (canonical names when linked), unique, in text order. */
  entities: string[];
  entityTypes: string[];
  /** Structured fields, for recorded facts (`kind: 'fact'`). */
  fact?: RecordedFact;
}

export interface EntityOccurrence {
  docId: string;
  title: string;
  /** Code point offsets of the mention in the document. */
  start: number;
  end: number;
  line: number;
  /** The sentence holding the mention. */
  sentence: string;
}

export interface EntitySearchResult {
  /** `entity`: a canonical entity of the registry (or a linked id missing from it); `mention`: untagged-to-registry mentions grouped by type and text. */
  kind: 'entity' | 'mention';
  /** Canonical id, or `mention:<type>:<folded text>`. */
  id: string;
  name: string;
  type: string;
  aliases: string[];
  externalId?: string;
  score: number;
  /** Code point ranges of the match in `name` (empty when an alias matched). */
  matches: [number, number][];
  /** The alias that matched, when it was not the name. */
  matchedAlias?: string;
  /** Number of tagged mentions in the index. */
  mentionCount: number;
  /** Number of documents with a mention. */
  documentCount: number;
  /** The first mentions (up to 20), in document order. */
  occurrences: EntityOccurrence[];
}
