import * as vscode from 'vscode';
import type { EntityAnnotation, EntityType } from '../core/model';
import type { CorpusService, DocumentState, WriteOutcome } from '../workspace/corpusService';

/** What every command needs: the service, and a way to tell the person when it cannot act. */
export interface CommandContext {
  service: CorpusService;
  extension: vscode.ExtensionContext;
}

export class CannotAct extends Error {}

/** The person dismissed a prompt: nothing to say. */
export class Cancelled extends CannotAct {
  constructor() {
    super('cancelled');
  }
}

/** The active editor's corpus document, or a clear message why there is none. */
export function activeDocument(ctx: CommandContext, uri?: vscode.Uri): { editor?: vscode.TextEditor; state: DocumentState } {
  const editor = uri ? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()) : vscode.window.activeTextEditor;
  const target = uri ?? editor?.document.uri;
  if (!target) throw new CannotAct('Open a corpus document first.');
  const state = ctx.service.current(target);
  if (!state) throw new CannotAct(`${vscode.workspace.asRelativePath(target)} is not a corpus document (see the "documents" patterns in corpus.yaml).`);
  return { editor, state };
}

export function ensureWritable(state: DocumentState): void {
  if (state.writable) return;
  const p = state.sidecarProblems.find((x) => x.severity === 'error') ?? state.sidecarProblems[0];
  const where = p ? ` Line ${p.line}, column ${p.column}: ${p.message}` : '';
  throw new CannotAct(`${vscode.workspace.asRelativePath(state.sidecarUri)} has an error and is left untouched until it is fixed.${where}`);
}

/** Runs a command body, turning CannotAct and refused writes into messages instead of errors. */
export function guarded<A extends unknown[], R>(log: (message: string, level: 'warn' | 'error') => void, body: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await body(...args);
    } catch (e) {
      if (e instanceof Cancelled) return undefined;
      if (e instanceof CannotAct) {
        log(e.message, 'warn');
        void vscode.window.showWarningMessage(`Corpus Annotator: ${e.message}`);
        return undefined;
      }
      log(e instanceof Error ? (e.stack ?? e.message) : String(e), 'error');
      void vscode.window.showErrorMessage(`Corpus Annotator: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };
}

/** Registers `corpusAnnotator.<id>`, guarded, and disposed with the extension. */
export function registerCommand<A extends unknown[], R>(ctx: CommandContext, id: string, body: (...args: A) => Promise<R>): void {
  ctx.extension.subscriptions.push(vscode.commands.registerCommand(`corpusAnnotator.${id}`, guarded((m, l) => ctx.service.log(m, l), body)));
}

export function check(outcome: WriteOutcome): void {
  if (!outcome.ok) throw new CannotAct(outcome.message);
}

export function typesOf(state: DocumentState): EntityType[] {
  return state.corpus.config.types;
}

export function typeLabel(state: DocumentState, id: string): string {
  return typesOf(state).find((t) => t.id === id)?.label ?? id;
}

export function cursorOffset(editor: vscode.TextEditor, state: DocumentState): number {
  const p = editor.selection.active;
  return state.lines.offsetAt({ line: p.line, character: p.character });
}

export function annotationsAt(state: DocumentState, offset: number): EntityAnnotation[] {
  return state.entities.filter((a) => a.status !== 'orphaned' && a.start <= offset && offset <= a.end);
}

export function rangeOf(state: DocumentState, a: { start: number; end: number }): vscode.Range {
  const s = state.lines.positionAt(a.start);
  const e = state.lines.positionAt(a.end);
  return new vscode.Range(s.line, s.character, e.line, e.character);
}

/**
 * The annotation a command acts on: the one with the given id, else the one under the cursor
 * (a quick pick when several overlap).
 */
export async function targetAnnotation(ctx: CommandContext, args: { id?: string; uri?: string } | undefined, verb: string): Promise<{ state: DocumentState; annotation: EntityAnnotation; editor?: vscode.TextEditor }> {
  const { editor, state } = activeDocument(ctx, args?.uri ? vscode.Uri.parse(args.uri) : undefined);
  if (args?.id) {
    const annotation = state.entities.find((a) => a.id === args.id);
    if (!annotation) throw new CannotAct(`No annotation with id ${args.id} in ${vscode.workspace.asRelativePath(state.uri)}.`);
    return { state, annotation, editor };
  }
  if (!editor) throw new CannotAct('Open a corpus document first.');
  const here = annotationsAt(state, cursorOffset(editor, state));
  if (here.length === 0) throw new CannotAct(`There is no annotation under the cursor to ${verb}.`);
  if (here.length === 1) return { state, annotation: here[0], editor };
  const picked = await vscode.window.showQuickPick(
    here.map((a) => ({ label: a.text, description: typeLabel(state, a.type), detail: a.note, annotation: a })),
    { title: `Which annotation to ${verb}?` },
  );
  if (!picked) throw new Cancelled();
  return { state, annotation: picked.annotation, editor };
}
