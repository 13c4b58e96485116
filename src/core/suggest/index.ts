export { combine } from './combine';
export { CorpusTaggedCounts, DecisionIndex, netChanges, registrySources, TaggedCounts, type TaggedChange, type TaggedText } from './decisions';
export { compromiseRaw, modelCandidates, modelCandidatesByName } from './model';
export { patternCandidates } from './patterns';
export { RejectionSet } from './rejections';
export { ruleCandidates, type RuleKind } from './rules';
export { engineCandidates, enginesFor, finish, suggestEntities, type SuggestContext, type SuggestOptions } from './suggest';
export { ENGINE_NAMES, type Candidate, type EngineName, type EntitySuggestion, type Rejection } from './types';
