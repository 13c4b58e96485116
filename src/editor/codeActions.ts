import * as vscode from 'vscode';
import type { Suggestion } from '../core/corpus/suggestions';
import type { Settings } from '../settings';
import type { CorpusService, DocumentState } from '../workspace/corpusService';
import { typeLabel } from '../commands/context';

/** Quick fixes on suggested (untagged) mentions: tag it, tag all like it, or ignore it. */
export class SuggestionActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly service: CorpusService,
    private readonly suggest: (state: DocumentState, lines: { from: number; to: number }) => Suggestion[],
    private readonly settings: () => Settings,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const state = this.service.current(document.uri);
    if (!state || !this.settings().suggestionsEnabled) return [];
    const at = state.lines.offsetAt({ line: range.start.line, character: range.start.character });
    const to = state.lines.offsetAt({ line: range.end.line, character: range.end.character });
    const hits = this.suggest(state, { from: range.start.line, to: range.end.line }).filter((s) => s.start <= to && at <= s.end);
    const actions: vscode.CodeAction[] = [];
    for (const s of hits) {
      const label = typeLabel(state, s.type);
      const tag = new vscode.CodeAction(`Tag "${s.text}" as ${label}`, vscode.CodeActionKind.QuickFix);
      tag.command = { command: 'corpusAnnotator.tagEntity', title: tag.title, arguments: [{ type: s.type, entity: s.entity, uri: state.key, spans: [{ start: s.start, end: s.end }] }] };
      tag.isPreferred = true;
      const all = new vscode.CodeAction(`Tag all "${s.text}" like this…`, vscode.CodeActionKind.QuickFix);
      all.command = { command: 'corpusAnnotator.tagAllOccurrences', title: all.title, arguments: [{ text: s.text, type: s.type, entity: s.entity }] };
      const ignore = new vscode.CodeAction(`Ignore "${s.text}" in suggestions`, vscode.CodeActionKind.QuickFix);
      ignore.command = { command: 'corpusAnnotator.ignoreSuggestion', title: ignore.title, arguments: [s.text] };
      actions.push(tag, all, ignore);
    }
    return actions;
  }
}
