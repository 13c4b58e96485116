/**
 * Fact and entity search. See factIndex.ts for the index and its API, query.ts for the query syntax,
 * and ../facts/extract.ts for the fact records it indexes.
 */
export { FactIndex, type FactIndexOptions } from './factIndex';
export { EntitySearcher } from './entities';
export { parseQuery, emptyFilters, hasFilters, FILTER_HELP, type ParsedQuery, type QueryFilters, type YearRange } from './query';
export { fold, tokens, compactKey, forEachToken, isStopword } from './tokenize';
export { Vocabulary, type Variant, type VariantKind } from './vocabulary';
export type { SearchResult, EntitySearchResult, EntityOccurrence } from './types';
