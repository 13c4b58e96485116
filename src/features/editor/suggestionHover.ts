import * as vscode from 'vscode';
import type { EntitySuggestion } from '../../core/suggest';
import type { SettingsService } from '../../settings';
import type { CorpusService } from '../../workspace/corpusService';
import { offsetOf, rangeOf, typeLabel } from '../../workspace/documentState';
import type { SuggestionSource } from '../suggestions/source';

/**
 * Hover on a suggested mention: its type, the engine and score, and how to act on it. A provider
 * rather than each decoration's `hoverMessage`: the extension host parses every decoration's
 * markdown each time the decorations are sent, and that took a quarter of a second of a 10,000-document
 * corpus's second start, redrawing suggestions nobody was pointing at.
 */
export class SuggestionHover implements vscode.HoverProvider {
  constructor(
    private readonly service: CorpusService,
    private readonly suggestions: SuggestionSource,
    private readonly settings: SettingsService,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const state = this.service.current(document.uri);
    if (!state || !this.settings.current.suggestionsEnabled) return undefined;
    const at = offsetOf(state, position);
    const hits = this.suggestions.suggest(state, { from: position.line, to: position.line }).filter((s) => s.start <= at && at < s.end);
    if (hits.length === 0) return undefined;
    return new vscode.Hover(
      hits.map((s) => suggestionHover(typeLabel(state, s.type), s)),
      rangeOf(state, hits[0]),
    );
  }
}

const ENGINES: Record<string, string> = { corpus: "the corpus's decisions", registry: 'the registry', model: 'the English model', patterns: 'name patterns', rules: 'rules' };

function suggestionHover(label: string, s: EntitySuggestion): vscode.MarkdownString {
  return new vscode.MarkdownString(`Suggested **${label}** — ${ENGINES[s.engine] ?? s.engine}, score ${s.score.toFixed(2)}\n\nQuick fix (Ctrl+.) to accept or reject; *Corpus: Review Suggestions* to walk them.`);
}
