/**
 * Every command the extension registers and every context key it sets: the one list, held
 * against package.json by test/unit/contributions.test.ts. To add a command: its id here, one
 * `registerCommand(ctx, id, …)` in its feature, and its entry in package.json's
 * `contributes.commands` (or, for a command only code calls, an entry in INTERNAL_COMMANDS with
 * the reason). Pure data: the unit test reads it without VS Code.
 */
export const PREFIX = 'corpusAnnotator.';

export const COMMAND_IDS = [
  // tagging
  'tagEntity',
  'tagAllOccurrences',
  // annotations
  'removeAnnotation',
  'confirmPosition',
  'changeType',
  'addNote',
  'linkEntity',
  'nextAnnotation',
  'previousAnnotation',
  'undo',
  'redo',
  'recordFact',
  'growAnnotationWordBefore',
  'growAnnotationWordAfter',
  'shrinkAnnotationFirstWord',
  'shrinkAnnotationLastWord',
  'growAnnotationCharacterBefore',
  'growAnnotationCharacterAfter',
  'shrinkAnnotationFirstCharacter',
  'shrinkAnnotationLastCharacter',
  // suggestions
  'suggestEntities',
  'acceptSuggestion',
  'acceptSuggestionAs',
  'rejectSuggestion',
  'acceptSuggestionsInDocument',
  'preannotateCorpus',
  'reviewSuggestions',
  'reviewAccept',
  'reviewAcceptAs',
  'reviewReject',
  'reviewSkip',
  'reviewStop',
  // corpus
  'refresh',
  'createCorpusConfig',
  // search
  'searchFacts',
  'searchEntities',
  'openSearchResult',
  'clearSearchResults',
  'indexStatus',
  // views
  'filterByType',
  'clearFilter',
  'sortBy',
  'renameEntity',
  'retypeEntity',
  'removeEntityMentions',
  'linkEntityTo',
  'openDocument',
  'openSidecar',
  'showMentions',
  // agreement
  'compareAnnotations',
  'showDisagreement',
  'acceptA',
  'acceptB',
  'acceptBoth',
  'rejectBoth',
  'acceptAllAgreements',
  'setUpGitMerge',
  // interchange
  'exportAnnotations',
  'importAnnotations',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

/** The full id of a listed command, for code that invokes one (code actions, hover links, tree items). */
export function commandOf(id: CommandId): string {
  return PREFIX + id;
}

/** Commands registered but deliberately not in package.json's `contributes.commands`, with why. */
export const INTERNAL_COMMANDS: Partial<Record<CommandId, string>> = {
  indexStatus: 'returns how far reading and indexing the corpus has come, for tests and other extensions; people see it in the status bar',
};

/** Context keys the extension sets (for `when` clauses), without the prefix. */
export const CONTEXT_KEYS = [
  /** The active editor shows a corpus document. */
  'isCorpusDocument',
  /** The cursor is on an annotation. */
  'onAnnotation',
  /** Some corpus of the workspace has documents. */
  'hasCorpus',
  /** The Corpus views show only some entity types. */
  'filtered',
  /** The Search Results view holds kept results. */
  'hasSearchResults',
  /** A comparison of two annotators was made: the Disagreements view shows it. */
  'hasComparison',
  /** Review Suggestions is walking a document: Enter, Backspace, Space, Escape and type keys are its. */
  'reviewingSuggestions',
] as const;

export type ContextKey = (typeof CONTEXT_KEYS)[number];
