import * as vscode from 'vscode';
import type { CorpusService } from '../../workspace/corpusService';
import { rangeOf } from '../../workspace/documentState';

/** Quick fixes on a moved annotation's diagnostic: confirm its position, or remove it. */
export class ReviewActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly service: CorpusService) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const moved = context.diagnostics.filter((d) => d.code === 'moved');
    if (!moved.length) return [];
    const state = this.service.current(document.uri);
    if (!state?.resident) return [];
    const actions: vscode.CodeAction[] = [];
    for (const d of moved) {
      const a = state.entities.find((x) => x.status === 'moved' && rangeOf(state, x).isEqual(d.range));
      if (!a) continue;
      const args = { uri: state.key, id: a.id };
      const confirm = new vscode.CodeAction(`Confirm position of "${a.text}"`, vscode.CodeActionKind.QuickFix);
      confirm.command = { command: 'corpusAnnotator.confirmPosition', title: confirm.title, arguments: [args] };
      confirm.diagnostics = [d];
      confirm.isPreferred = true;
      const remove = new vscode.CodeAction(`Remove annotation "${a.text}"`, vscode.CodeActionKind.QuickFix);
      remove.command = { command: 'corpusAnnotator.removeAnnotation', title: remove.title, arguments: [args] };
      remove.diagnostics = [d];
      actions.push(confirm, remove);
    }
    return actions;
  }
}
