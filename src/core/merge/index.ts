export { mergeSidecars, type MergeResult } from './mergeSidecars';
export { CONFLICTS_KEY, renderConflicts, type EntryConflict } from './conflicts';
