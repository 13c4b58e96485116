/**
 * Fact and entity search. See factIndex.ts for the index and its API (and the files it is split
 * into), query.ts for the query syntax, filters.ts for the filters, and ../facts/extract.ts for the
 * fact records it indexes.
 */
export { FactIndex, type FactIndexOptions } from './factIndex';
export { EntitySearcher } from './entities';
export { parseQuery, type ParsedQuery } from './query';
export { FILTERS, FILTER_HELP, QUERY_HELP, emptyFilters, hasFilters, filterNamed, unknownFilterMessage, type FilterDescriptor, type FilterKey, type QueryFilters, type YearRange } from './filters';
export { fold, tokens, compactKey, forEachToken, isStopword } from './tokenize';
export { Vocabulary, type Variant, type VariantKind } from './vocabulary';
export type { SearchResult, EntitySearchResult, EntityOccurrence } from './types';
export { groupDuplicateResults, type GroupedResult } from './duplicates';
export { QUERY_HELP_ROWS, withInserted, type QueryHelpRow } from './queryHelp';
export { fileNameOf, placeOf, type ResultPlace } from './place';
