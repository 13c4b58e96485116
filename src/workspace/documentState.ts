import * as vscode from 'vscode';
import type { CorpusConfig } from '../core/corpus/config';
import type { CorpusIndex } from '../core/corpus/corpusIndex';
import type { DocumentModel } from '../core/corpus/documentModel';
import type { EntityAnnotation } from '../core/model';
import type { Problem } from '../core/problems';
import type { LineIndex } from '../core/text/lineIndex';

export const SIDECAR_SUFFIX = '.yaml';
export const CONFIG_FILE = 'corpus.yaml';

/**
 * One corpus document as the extension holds it: the core's model of it (text, info, annotations,
 * the sidecar's `problems`) plus where it lives. `text` is the normalised text the annotations
 * are anchored to: the editor's text when open, else the file's.
 */
export interface DocumentState extends DocumentModel {
  key: string;
  uri: vscode.Uri;
  sidecarUri: vscode.Uri;
  corpus: CorpusFolder;
  lines: LineIndex;
}

export interface CorpusFolder {
  folder: vscode.WorkspaceFolder;
  configUri: vscode.Uri;
  config: CorpusConfig;
  configProblems: Problem[];
  configWritable: boolean;
  index: CorpusIndex;
  documents: Map<string, DocumentState>;
}

export function sidecarUriOf(doc: vscode.Uri): vscode.Uri {
  return doc.with({ path: doc.path + SIDECAR_SUFFIX });
}

export function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

// Queries on a document's state, for every feature that reads positions or labels.

/** The label of an entity type in the document's corpus, or the id when the type is unknown. */
export function typeLabel(state: DocumentState, id: string): string {
  return typeLabelIn(state.corpus, id);
}

export function typeLabelIn(corpus: CorpusFolder, id: string): string {
  return corpus.config.types.find((t) => t.id === id)?.label ?? id;
}

/** The code point offset of the editor's cursor. */
export function cursorOffset(editor: vscode.TextEditor, state: DocumentState): number {
  return offsetOf(state, editor.selection.active);
}

/** The code point offset of an editor position. */
export function offsetOf(state: DocumentState, p: vscode.Position): number {
  return state.lines.offsetAt({ line: p.line, character: p.character });
}

/** The annotations (not orphaned) whose span holds the offset, ends included. */
export function annotationsAt(state: DocumentState, offset: number): EntityAnnotation[] {
  return state.entities.filter((a) => a.status !== 'orphaned' && a.start <= offset && offset <= a.end);
}

/** The editor range of a code point span. */
export function rangeOf(state: DocumentState, a: { start: number; end: number }): vscode.Range {
  const s = state.lines.positionAt(a.start);
  const e = state.lines.positionAt(a.end);
  return new vscode.Range(s.line, s.character, e.line, e.character);
}
