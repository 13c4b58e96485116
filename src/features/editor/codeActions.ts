import * as vscode from 'vscode';
import type { SettingsService } from '../../settings';
import type { CorpusService } from '../../workspace/corpusService';
import { offsetOf, typeLabel } from '../../workspace/documentState';
import type { SuggestionSource } from './suggestions';
import { commandOf } from '../commandIds';

/** Quick fixes on suggested (untagged) mentions: tag it, tag all like it, or ignore it. */
export class SuggestionActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly service: CorpusService,
    private readonly suggestions: SuggestionSource,
    private readonly settings: SettingsService,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const state = this.service.current(document.uri);
    if (!state || !this.settings.current.suggestionsEnabled) return [];
    const at = offsetOf(state, range.start);
    const to = offsetOf(state, range.end);
    const hits = this.suggestions.suggest(state, { from: range.start.line, to: range.end.line }).filter((s) => s.start <= to && at <= s.end);
    const actions: vscode.CodeAction[] = [];
    for (const s of hits) {
      const label = typeLabel(state, s.type);
      const tag = new vscode.CodeAction(`Tag "${s.text}" as ${label}`, vscode.CodeActionKind.QuickFix);
      tag.command = { command: commandOf('tagEntity'), title: tag.title, arguments: [{ type: s.type, entity: s.entity, uri: state.key, spans: [{ start: s.start, end: s.end }] }] };
      tag.isPreferred = true;
      const all = new vscode.CodeAction(`Tag all "${s.text}" like this…`, vscode.CodeActionKind.QuickFix);
      all.command = { command: commandOf('tagAllOccurrences'), title: all.title, arguments: [{ text: s.text, type: s.type, entity: s.entity }] };
      const ignore = new vscode.CodeAction(`Ignore "${s.text}" in suggestions`, vscode.CodeActionKind.QuickFix);
      ignore.command = { command: commandOf('ignoreSuggestion'), title: ignore.title, arguments: [s.text] };
      actions.push(tag, all, ignore);
    }
    return actions;
  }
}
