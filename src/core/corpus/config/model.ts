/** corpus.yaml's model: what it configures, the changes the writer accepts, and the defaults. */
import type { CanonicalEntity, EntityType } from '../../model';
import type { Parsed, Problem } from '../../problems';
import { MAX_SIDECAR_SIZE } from '../../sidecar/format';
import { DEFAULT_DOCUMENT_GLOBS, DEFAULT_ENTITY_TYPES, DEFAULT_EXCLUDE_GLOBS } from '../defaults';

export interface CorpusConfig {
  types: EntityType[];
  /** Globs relative to the corpus root; default `**\/*.txt`. */
  documents: string[];
  exclude: string[];
  entities: CanonicalEntity[];
}

export type ParsedCorpusConfig = Parsed<CorpusConfig> & { writable: boolean };

export type CorpusConfigChange =
  | { kind: 'addEntity'; entity: CanonicalEntity }
  /** `set.aliases` replaces the list; `addAliases` appends the ones not yet there. A key set to undefined is removed (only `externalId` may be). */
  | { kind: 'updateEntity'; id: string; set?: Partial<Omit<CanonicalEntity, 'id'>>; addAliases?: string[] }
  | { kind: 'removeEntity'; id: string }
  /** A new entity type. When corpus.yaml lists no types (the defaults apply), the defaults are written with it. */
  | { kind: 'addType'; type: EntityType };

export type CorpusConfigWriteResult = { ok: true; text: string; config: CorpusConfig } | { ok: false; problems: Problem[] };

export const MAX_CONFIG_SIZE = MAX_SIDECAR_SIZE;
/** Keys of a canonical entity, in the order they are written. */
export const ENTITY_KEYS = ['id', 'name', 'type', 'aliases', 'externalId'] as const;

export function defaultCorpusConfig(): CorpusConfig {
  return {
    types: DEFAULT_ENTITY_TYPES.map((t) => ({ ...t, color: { ...t.color } })),
    documents: [...DEFAULT_DOCUMENT_GLOBS],
    exclude: [...DEFAULT_EXCLUDE_GLOBS],
    entities: [],
  };
}

export type { CanonicalEntity, EntityType };
