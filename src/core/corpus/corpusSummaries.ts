/**
 * What the corpus index answers with: the summaries of documents, types and entities, mentions
 * and inconsistencies, and how an annotation is grouped into an entity (see corpusIndex.ts).
 */
import type { EntityAnnotation } from '../model';
import type { DocumentInfo } from './documentInfo';

export interface DocumentStatus {
  /** Problems found in the sidecar (YAML errors, unknown types, …). */
  problems: number;
  /** Annotations re-anchored by approximate matching, to be reviewed. */
  moved: number;
  /** Annotations whose quote was not found. */
  orphaned: number;
}

export interface TypeCount {
  type: string;
  /** Mentions of the type. */
  count: number;
  /** Documents that hold the type (corpus queries; 1 in a document's own counts). */
  documentCount: number;
}

export interface DocumentSummary {
  key: string;
  info: DocumentInfo;
  /** Entity annotations in the document. */
  total: number;
  /** Counts by type, most frequent first. */
  counts: TypeCount[];
  status: DocumentStatus;
  /** True when the sidecar has problems or annotations are moved or orphaned. */
  flagged: boolean;
  /** Why the document is flagged, one short sentence each (for its tooltip). */
  reasons: string[];
}

export interface EntitySummary {
  /** `entity:<id>` or `text:<type>:<text>`: what `mentionsOf` and `corpusMentions` take. */
  key: string;
  /** The canonical entity id, for linked groups. */
  entityId?: string;
  /** Linked to an id that the registry holds. */
  registered: boolean;
  /** The canonical name; else the most frequent text of the mentions. */
  name: string;
  /** The registry's aliases (empty for unlinked text). */
  aliases: string[];
  /** Distinct texts of the mentions, most frequent first (`Beijing`, `Pékin`). */
  forms: string[];
  /** The type asked for; else the registry's type; else the most frequent mention type. */
  type: string;
  /** Every type its mentions carry, most frequent first. */
  types: string[];
  /** Mentions: in the document for `entitiesOf`, in the corpus for `corpusEntities`. */
  mentionCount: number;
  /** Documents that mention it, corpus-wide (of the given type, when one is given). */
  documentCount: number;
  /** Code point offset of its first mention, for `entitiesOf` (document order). */
  firstStart?: number;
}

export interface CorpusMention {
  docKey: string;
  annotation: EntityAnnotation;
}

export interface Inconsistency {
  text: string;
  /** Sorted. */
  types: string[];
  /** Documents where the text carries any of these types, sorted. */
  docKeys: string[];
}

/** The group an annotation belongs to (see the module comment). */
export function groupKeyOf(a: Pick<EntityAnnotation, 'entity' | 'type' | 'text'>): string {
  return a.entity ? `entity:${a.entity}` : `text:${a.type}:${a.text}`;
}
