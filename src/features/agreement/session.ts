/** The last comparison: what the report shows and what the Disagreements view curates. */
import type { AgreementReport, DocumentDifferences, SourceDocument } from '../../core/agreement';
import type { Source } from './sources';

export interface Comparison {
  a: Source;
  b: Source;
  labels: { a: string; b: string };
  report: AgreementReport;
  /** Per compared document, with A's and B's full annotations (authors kept). */
  differences: DocumentDifferences[];
  docsA: Map<string, SourceDocument>;
}
