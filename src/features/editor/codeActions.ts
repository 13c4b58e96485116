import * as vscode from 'vscode';
import type { SettingsService } from '../../settings';
import type { CorpusService } from '../../workspace/corpusService';
import { offsetOf, typeLabel } from '../../workspace/documentState';
import { commandOf } from '../commandIds';
import type { SuggestionSource } from '../suggestions/source';

/** Quick fixes on a suggestion: accept it (as suggested or as another type), reject it, or accept all of this string. */
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
      const args = { uri: state.key, start: s.start, end: s.end, type: s.type };
      const accept = new vscode.CodeAction(`Accept "${s.text}" as ${label} (${s.engine} ${s.score.toFixed(2)})`, vscode.CodeActionKind.QuickFix);
      accept.command = { command: commandOf('acceptSuggestion'), title: accept.title, arguments: [args] };
      accept.isPreferred = true;
      const other = new vscode.CodeAction(`Accept "${s.text}" as another type…`, vscode.CodeActionKind.QuickFix);
      other.command = { command: commandOf('acceptSuggestionAs'), title: other.title, arguments: [args] };
      const reject = new vscode.CodeAction(`Reject "${s.text}" as ${label}`, vscode.CodeActionKind.QuickFix);
      reject.command = { command: commandOf('rejectSuggestion'), title: reject.title, arguments: [args] };
      const all = new vscode.CodeAction(`Accept all "${s.text}" as ${label}…`, vscode.CodeActionKind.QuickFix);
      all.command = { command: commandOf('tagAllOccurrences'), title: all.title, arguments: [{ text: s.text, type: s.type, entity: s.entity }] };
      actions.push(accept, other, reject, all);
    }
    return actions;
  }
}
