import * as vscode from 'vscode';
import { Cancelled, CannotAct } from '../../errors';
import type { EntityAnnotation } from '../../core/model';
import type { CorpusService } from '../../workspace/corpusService';
import type { Node } from '../views/nodes';
import { annotationsAt, cursorOffset, DocumentState, typeLabel } from '../../workspace/documentState';

/**
 * The active editor's corpus document (or `uri`'s), or a clear message why there is none. While
 * the corpus is being read, a document it has not reached yet is read first, so a command waits
 * for it instead of refusing.
 */
export async function activeDocument(corpus: CorpusService, uri?: vscode.Uri): Promise<{ editor?: vscode.TextEditor; state: DocumentState }> {
  const editor = uri ? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()) : vscode.window.activeTextEditor;
  const target = uri ?? editor?.document.uri;
  if (!target) throw new CannotAct('Open a corpus document first.');
  const state = await corpus.whenLoaded(target);
  if (!state) throw new CannotAct(`${vscode.workspace.asRelativePath(target)} is not a corpus document (see the "documents" patterns in corpus.yaml).`);
  return { editor, state };
}

/** Refuses up front when the document's sidecar cannot be parsed, saying where it is broken. */
export function ensureWritable(state: DocumentState): void {
  if (state.writable) return;
  const p = state.problems.find((x) => x.severity === 'error') ?? state.problems[0];
  const where = p ? ` Line ${p.line}, column ${p.column}: ${p.message}` : '';
  throw new CannotAct(`${vscode.workspace.asRelativePath(state.sidecarUri)} has an error and is left untouched until it is fixed.${where}`);
}

/** A mention row of the Documents or Entities view, as its context menu passes it to a command. */
export type MentionNode = Extract<Node, { kind: 'mention' }>;

/**
 * The annotation a command acts on: the one with the given id, or the mention row of the Corpus
 * views a context menu passes, else the one under the cursor (a quick pick when several overlap).
 */
export async function targetAnnotation(corpus: CorpusService, given: { id?: string; uri?: string } | MentionNode | undefined, verb: string): Promise<{ state: DocumentState; annotation: EntityAnnotation; editor?: vscode.TextEditor }> {
  const args = given && 'kind' in given ? { id: given.annotation, uri: given.doc } : given;
  const { editor, state } = await activeDocument(corpus, args?.uri ? vscode.Uri.parse(args.uri) : undefined);
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
