export * from './types';
export { measureAgreement, byDisagreement, type CompareOptions } from './report';
export { cohenKappa, krippendorffAlphaFromConfusion, krippendorffAlphaNominal, binaryConfusion, emptyConfusion, type Confusion } from './confusion';
export { evaluateScheme, mucCounts, scoresOf, sortSpans, sufficientOverlap, SCHEMES, type Scheme } from './spans';
export { labelTokens, OUTSIDE } from './tokenLabels';
export { pairDocuments, byAuthor, type SourceDocument } from './inputs';
export { documentPaths, readSourceDocument, SIDECAR_SUFFIX, type ReadDocument } from './sources';
export { formatReport } from './formatText';
export { findDisagreements, curationChanges, type Disagreement, type DisagreementKind, type DocumentDifferences } from './disagreements';
