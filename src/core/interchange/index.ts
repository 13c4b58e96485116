export * from './types';
export { FORMATS, formatById } from './formats';
export { planImport, type ImportPlan, type ImportSummary, type ImportTarget, type TargetDocument, type DocumentImport, type ImportOptions } from './importPlan';
