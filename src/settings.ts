import * as vscode from 'vscode';

/** Typed mirror of the `corpusAnnotator.*` settings contributed in package.json. */
export interface Settings {
  /** Faintly mark untagged mentions of known entities, with quick fixes to tag them. */
  suggestionsEnabled: boolean;
  /** Reveal the annotation under the cursor in the Corpus views. */
  followCursor: boolean;
  /** Written as `author` on new annotations; empty leaves it out. */
  author: string;
  /** Whether Tag All Occurrences matches case exactly. */
  tagAllCaseSensitive: boolean;
  /** How annotations are drawn: a tinted background or a coloured underline. */
  highlightStyle: 'background' | 'underline';
  /** How many results fact search shows. */
  searchMaxResults: number;
}

export const SECTION = 'corpusAnnotator';

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    suggestionsEnabled: c.get<boolean>('suggestions.enabled', true),
    followCursor: c.get<boolean>('views.followCursor', true),
    author: c.get<string>('author', ''),
    tagAllCaseSensitive: c.get<boolean>('tagAll.caseSensitive', true),
    highlightStyle: c.get<'background' | 'underline'>('highlight.style', 'background'),
    searchMaxResults: c.get<number>('search.maxResults', 50),
  };
}
