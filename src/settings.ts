import * as vscode from 'vscode';

/** Typed mirror of the `corpusAnnotator.*` settings contributed in package.json. */
export interface Settings {
  /** Faintly mark untagged mentions of known entities, with quick fixes to tag them. */
  suggestionsEnabled: boolean;
  /** Suggestion engines turned on (`corpus`, `registry`, `model`, `patterns`, `rules`). */
  suggestionEngines: string[];
  /** Suggestions scoring below this are not shown. */
  suggestionMinScore: number;
  /** Reveal the annotation under the cursor in the Corpus views. */
  followCursor: boolean;
  /** Written as `author` on new annotations; empty leaves it out. */
  author: string;
  /** Whether Tag All Occurrences matches case exactly. */
  tagAllCaseSensitive: boolean;
  /** How annotations are drawn: a tinted background or a coloured underline. */
  highlightStyle: 'background' | 'underline';
  /** Show each annotation's type label after it, as a small inline label. */
  inlineLabels: boolean;
  /** How many results fact search shows. */
  searchMaxResults: number;
}

export const SECTION = 'corpusAnnotator';

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    suggestionsEnabled: c.get<boolean>('suggestions.enabled', true),
    suggestionEngines: c.get<string[]>('suggestions.engines', ['corpus', 'registry', 'model', 'patterns', 'rules']),
    suggestionMinScore: c.get<number>('suggestions.minScore', 0.5),
    followCursor: c.get<boolean>('views.followCursor', true),
    author: c.get<string>('author', ''),
    tagAllCaseSensitive: c.get<boolean>('tagAll.caseSensitive', true),
    highlightStyle: c.get<'background' | 'underline'>('highlight.style', 'background'),
    inlineLabels: c.get<boolean>('highlight.inlineLabels', false),
    searchMaxResults: c.get<number>('search.maxResults', 50),
  };
}

/** The settings as features read them: always current, with an event when they change. */
export class SettingsService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Settings>();
  /** Fires after any `corpusAnnotator.*` setting changed, with the new settings. */
  readonly onDidChange = this.changed.event;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SECTION)) this.changed.fire(readSettings());
  });

  /** Read when asked, so a command sees a setting changed a moment ago even before the event. */
  get current(): Settings {
    return readSettings();
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
