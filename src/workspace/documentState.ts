import * as vscode from 'vscode';
import type { CorpusConfig } from '../core/corpus/config';
import type { CorpusIndex } from '../core/corpus/corpusIndex';
import type { DocumentModel } from '../core/corpus/documentModel';
import type { EntityAnnotation } from '../core/model';
import type { Problem } from '../core/problems';
import type { DocumentKey } from '../core/cache/scanCache';
import { LineIndex } from '../core/text/lineIndex';

export const SIDECAR_SUFFIX = '.yaml';
export const CONFIG_FILE = 'corpus.yaml';

/**
 * One corpus document as the extension holds it: the core's model of it (text, info, annotations,
 * the sidecar's `problems`) plus where it lives. `text` is the normalised text the annotations
 * are anchored to: the editor's text when open, else the file's.
 *
 * Memory: only documents open in an editor keep `text` and `lines` (at 10,000 documents the texts
 * of closed ones would hold hundreds of megabytes). Reading them on a closed document throws;
 * code that may meet one asks `CorpusService.withText(state)`, which reads the file for a moment.
 */
export interface DocumentState extends DocumentModel {
  key: string;
  uri: vscode.Uri;
  sidecarUri: vscode.Uri;
  corpus: CorpusFolder;
  lines: LineIndex;
  /** Code point length of the text, kept when the text is not. */
  length: number;
  /** Whether `text` and `lines` are in memory. */
  readonly resident: boolean;
  /**
   * The files' keys when this state is what they say (the scan cache stores it with the state);
   * undefined once an editor's text or a write of ours has moved it on.
   */
  stamp?: DocumentKey;
}

/** Fields of a document's state that are plain data: what a load replaces. */
export type DocumentFields = Omit<DocumentState, 'text' | 'lines' | 'resident'>;

/**
 * A document's state whose `text` and `lines` live in a slot that can be emptied (`release`) and
 * filled again (`reside`), so a state object keeps its identity while its text comes and goes.
 */
export function makeState(fields: DocumentFields, resident?: { text: string; lines: LineIndex }): DocumentState {
  let slot = resident;
  const missing = (): never => {
    throw new Error(`${fields.uri.path}: the text of a closed document is not held (use CorpusService.withText)`);
  };
  const state = fields as DocumentState;
  Object.defineProperties(state, {
    text: { get: () => slot?.text ?? missing(), set: (text: string) => (slot = { text, lines: slot?.text === text ? slot.lines : new LineIndex(text) }), enumerable: false, configurable: true },
    lines: { get: () => slot?.lines ?? missing(), set: (lines: LineIndex) => (slot = { text: lines.text, lines }), enumerable: false, configurable: true },
    resident: { get: () => slot !== undefined, enumerable: false, configurable: true },
  });
  residency.set(state, (next) => (slot = next));
  return state;
}

const residency = new WeakMap<DocumentState, (slot: { text: string; lines: LineIndex } | undefined) => void>();

/** Holds a document's text (and line index) in memory again. */
export function reside(state: DocumentState, text: string, lines = new LineIndex(text)): void {
  residency.get(state)?.({ text, lines });
}

/** Lets go of a closed document's text and line index. */
export function release(state: DocumentState): void {
  residency.get(state)?.(undefined);
}

export interface CorpusFolder {
  folder: vscode.WorkspaceFolder;
  configUri: vscode.Uri;
  /** corpus.yaml's text as last read (undefined: there is none); the scan cache is keyed by it. */
  configText?: string;
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
