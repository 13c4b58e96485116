export { DEFAULT_DOCUMENT_GLOBS, DEFAULT_ENTITY_TYPES, DEFAULT_EXCLUDE_GLOBS } from '../defaults';
export * from './model';
export { parseCorpusConfig } from './read';
export { serializeCorpusConfig } from './render';
export { CorpusConfigWriter } from './write';
export { isSafeGlob, globProblem } from './globSafety';
export { isCssColor } from './colors';
