import { reanchor } from '../anchoring';
import type { EntityAnnotation, FactAnnotation } from '../model';
import type { Problem } from '../problems';
import { hashText, parseSidecar, readRejections, SidecarWriter, type SidecarChange } from '../sidecar';
import type { Rejection } from '../suggest/types';
import { LineIndex } from '../text/lineIndex';
import { normalizeText } from '../text/normalize';
import { findTextEdit } from '../text/textEdit';
import { describeDocument, DocumentInfo } from './documentInfo';

/** A document as read from its text and sidecar: what the editor layer holds per document. */
export interface DocumentModel {
  text: string;
  /** The text's line index (and code point index), built once while reading. */
  lines: LineIndex;
  info: DocumentInfo;
  entities: EntityAnnotation[];
  facts: FactAnnotation[];
  /** Suggestions turned down in this document (the sidecar's optional `rejections`). */
  rejections: Rejection[];
  problems: Problem[];
  hasSidecar: boolean;
  writable: boolean;
  /** Ids whose anchors re-anchoring changed: the next write carries them to the sidecar. */
  reanchored: Set<string>;
  /** `sha256:` hash of the text, when reading needed it (documents with a sidecar). */
  textHash?: string;
}

type Anchored = EntityAnnotation | FactAnnotation;

/** Ids whose anchor fields differ between two same-order lists. */
export function changedAnchors(before: readonly Anchored[], after: readonly Anchored[], into = new Set<string>()): Set<string> {
  before.forEach((a, i) => {
    const b = after[i];
    if (a.start !== b.start || a.end !== b.end || a.prefix !== b.prefix || a.suffix !== b.suffix || a.status !== b.status) into.add(a.id);
  });
  return into;
}

/**
 * Reads a document: normalises its text, parses its sidecar (never throwing), and re-anchors the
 * annotations to the text as it is now. Pure (but for priming the optional writer's cache), so the
 * scan benchmark measures exactly this.
 */
export function readDocumentModel(fileName: string, rawText: string, sidecarText: string | undefined, knownTypes: ReadonlySet<string>, writer?: SidecarWriter): DocumentModel {
  const text = normalizeText(rawText);
  const lines = new LineIndex(text);
  const model: DocumentModel = { text, lines, info: describeDocument(fileName, text), entities: [], facts: [], rejections: [], problems: [], hasSidecar: sidecarText !== undefined, writable: true, reanchored: new Set() };
  if (sidecarText === undefined) return model;
  const textHash = hashText(text);
  model.textHash = textHash;
  // Quotes are only checked against the text when the sidecar says it was anchored to this very
  // text; otherwise re-anchoring decides, and mismatches are expected, not problems.
  const anchoredHere = sidecarText.includes(textHash);
  // Parsing through the document's writer primes it: the next change needs no second parse.
  const options = { knownTypes, documentText: anchoredHere ? text : undefined, documentIndex: lines.cp };
  const parsed = writer ? writer.parse(sidecarText, options) : parseSidecar(sidecarText, options);
  const rejections = readRejections(sidecarText);
  model.problems = rejections.problems.length ? [...parsed.problems, ...rejections.problems] : parsed.problems;
  model.rejections = rejections.value;
  model.writable = parsed.writable;
  const e = reanchor(text, parsed.value.entities, { index: lines.cp });
  const f = reanchor(text, parsed.value.facts, { index: lines.cp });
  model.entities = e.annotations;
  model.facts = f.annotations;
  if (parsed.value.header.textHash !== textHash || e.changed || f.changed) {
    changedAnchors(parsed.value.entities, model.entities, model.reanchored);
    changedAnchors(parsed.value.facts, model.facts, model.reanchored);
  }
  return model;
}

/**
 * Updates carrying the anchors re-anchoring changed to the sidecar: they go along with any write,
 * so the sidecar stays consistent with the text hash it records.
 */
export function reanchorChanges(model: { entities: readonly Anchored[]; facts: readonly Anchored[]; reanchored: ReadonlySet<string> }): SidecarChange[] {
  if (model.reanchored.size === 0) return [];
  const byId = new Map([...model.entities, ...model.facts].map((a) => [a.id, a] as const));
  const out: SidecarChange[] = [];
  for (const id of model.reanchored) {
    const a = byId.get(id);
    if (a) out.push({ kind: 'update', id, set: { text: a.text, start: a.start, end: a.end, prefix: a.prefix, suffix: a.suffix, status: a.status === 'exact' ? undefined : a.status } });
  }
  return out;
}

/** A document's text with what is anchored to it: the part of a document that typing changes. */
export interface AnchoredText {
  text: string;
  lines: LineIndex;
  entities: EntityAnnotation[];
  facts: FactAnnotation[];
}

/**
 * Typing: the document as it is after its text became `rawText`, or undefined when the text did not
 * change. The edit is found once and everything follows it: the line index is updated around it,
 * annotations clear of it are only shifted, and only those it touched are re-anchored. Ids whose
 * anchors changed are added to `reanchored`.
 */
export function followText(doc: AnchoredText, rawText: string, reanchored: Set<string>): AnchoredText | undefined {
  const text = normalizeText(rawText);
  if (text === doc.text) return undefined;
  const edit = findTextEdit(doc.text, text);
  const lines = doc.lines.text === doc.text ? doc.lines.afterEdit(text, edit) : new LineIndex(text);
  const options = { oldText: doc.text, edit, index: lines.cp };
  const e = reanchor(text, doc.entities, options);
  const f = reanchor(text, doc.facts, options);
  changedAnchors(doc.entities, e.annotations, reanchored);
  changedAnchors(doc.facts, f.annotations, reanchored);
  return { text, lines, entities: e.annotations, facts: f.annotations };
}

/** Moved and orphaned annotations, for the corpus index's document status: one pass, no copies. */
export function anchorCounts(...lists: readonly (readonly (EntityAnnotation | FactAnnotation)[])[]): { moved: number; orphaned: number } {
  let moved = 0;
  let orphaned = 0;
  for (const list of lists) {
    for (const a of list) {
      if (a.status === 'moved') moved++;
      else if (a.status === 'orphaned') orphaned++;
    }
  }
  return { moved, orphaned };
}
