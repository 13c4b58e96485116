/**
 * Entity suggestions: what the engines in this folder propose for a person to accept or reject.
 * Offsets are code points in the normalised text, like annotations.
 */

/** The engines, each of which can be turned off. */
export type EngineName = 'corpus' | 'registry' | 'model' | 'patterns' | 'rules';

export const ENGINE_NAMES: readonly EngineName[] = ['corpus', 'registry', 'model', 'patterns', 'rules'];

export interface EntitySuggestion {
  /** Code point offset, inclusive. */
  start: number;
  /** Code point offset, exclusive. */
  end: number;
  type: string;
  text: string;
  /** 0–1: how sure the engine is (for the corpus engine, how consistently the string got this type). */
  score: number;
  engine: EngineName;
  /** Canonical entity id, when the suggestion comes from the registry or a linked decision. */
  entity?: string;
}

/** A suggestion a person turned down: never suggested again for this quote and type. */
export interface Rejection {
  text: string;
  type: string;
  /** A short stretch of text around the quote where it was rejected (for people reading the sidecar). */
  context?: string;
}

/** Internal candidates work in UTF-16 indices, converted to code points once at the end. */
export interface Candidate {
  start: number;
  end: number;
  type: string;
  score: number;
  engine: EngineName;
  entity?: string;
}

/** The type ids the built-in engines emit; a corpus with other ids maps them in SuggestOptions.types. */
export type BuiltinType = 'person' | 'organization' | 'location' | 'date' | 'quantity';
