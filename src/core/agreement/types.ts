/** The shapes of an agreement report (docs/agreement.md). Plain data: JSON in, JSON out. */

/** An entity span as the measures see it: code point offsets, `end` exclusive. */
export interface LabelledSpan {
  start: number;
  end: number;
  type: string;
}

/** The five SemEval/MUC counts. */
export interface SpanCounts {
  correct: number;
  incorrect: number;
  partial: number;
  /** Only in A. */
  missing: number;
  /** Only in B. */
  spurious: number;
}

export interface SchemeScores {
  precision: number;
  recall: number;
  f1: number;
  /** This scheme's own alignment counts, as nervaluate reports them for the scheme. */
  counts: SpanCounts;
}

/** `M` of the issue: one set of measures over some tokens and spans. */
export interface Measures {
  /** `null` when there is no token to compare. */
  cohenKappa: number | null;
  krippendorffAlpha: number | null;
  tokens: number;
  strict: SchemeScores;
  exact: SchemeScores;
  partial: SchemeScores;
  type: SchemeScores;
  /** The MUC categories of one alignment of B's spans to A's (docs/agreement.md). */
  counts: SpanCounts;
}

export interface TokenPair {
  start: number;
  end: number;
  a: string;
  b: string;
}

export type DocumentReport = Omit<Measures, 'tokens'> & {
  document: string;
  /** The number of tokens; with `detail`, the tokens themselves with both labels (as the shape asks). */
  tokens: number | TokenPair[];
  /** The number of tokens, in both forms. */
  tokenCount: number;
  spansA?: LabelledSpan[];
  spansB?: LabelledSpan[];
  /** Set when B's text differed from A's: B's annotations were re-anchored onto A's text. */
  textDiffers?: { reanchored: number; moved: number; orphaned: number };
};

export interface AgreementReport {
  overall: Measures;
  byType: Record<string, Measures>;
  documents: DocumentReport[];
}

/** One document as the comparison takes it: A's text, and each side's entity spans on it. */
export interface CompareInput {
  document: string;
  text: string;
  a: readonly LabelledSpan[];
  b: readonly LabelledSpan[];
  /** Recorded in the report when B's annotations had to be re-anchored onto A's text. */
  textDiffers?: { reanchored: number; moved: number; orphaned: number };
}
