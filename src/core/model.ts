/**
 * The core's own small types. Nothing here knows about VS Code or the file system: the layer
 * above passes text in and gets these back.
 */

/** Where an annotation sits, as the W3C TextQuoteSelector idea plus code point offsets. */
export interface Anchor {
  /** The exact quote. */
  text: string;
  /** Code point offset, inclusive, in the normalised document text (no BOM, LF line endings). */
  start: number;
  /** Code point offset, exclusive. */
  end: number;
  /** A short stretch of text before the quote. */
  prefix: string;
  /** A short stretch of text after the quote. */
  suffix: string;
}

/**
 * How an annotation's anchor relates to the current text:
 * `exact` — the quote is at its offsets; `moved` — found by approximate matching, to be reviewed;
 * `orphaned` — not found, kept with its last known quote.
 */
export type AnchorStatus = 'exact' | 'moved' | 'orphaned';

export interface EntityAnnotation extends Anchor {
  /** Stable, random id (never a per-file counter), so two branches never collide. */
  id: string;
  /** An entity type id, e.g. `person`. */
  type: string;
  /** Id of a canonical entity in the corpus registry. */
  entity?: string;
  note?: string;
  author?: string;
  /** ISO 8601 timestamp. */
  created?: string;
  /** Set by re-anchoring and stored as `status` in the sidecar when not exact. */
  status?: AnchorStatus;
}

export interface FactAnnotation extends Anchor {
  id: string;
  /** A canonical entity id. */
  subject?: string;
  predicate?: string;
  value?: string;
  date?: string;
  note?: string;
  author?: string;
  created?: string;
  status?: AnchorStatus;
}

export type Annotation = EntityAnnotation | FactAnnotation;

export interface EntityType {
  id: string;
  label: string;
  /** CSS colours for light and dark themes. */
  color: { light: string; dark: string };
  /** One key used in the type quick pick. */
  shortcut?: string;
  description?: string;
}

export interface CanonicalEntity {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  /** An external identifier such as a Wikidata QID (`Q956`). */
  externalId?: string;
}
