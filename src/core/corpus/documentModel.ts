import { reanchor } from '../anchoring';
import type { EntityAnnotation, FactAnnotation } from '../model';
import type { Parsed, Problem } from '../problems';
import { hashText, parseSidecar, readRejections, SidecarWriter, type ParsedSidecar, type SidecarChange } from '../sidecar';
import type { CodePointIndex } from '../text/codepoints';
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
  reanchored: ReadonlySet<string>;
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

/** A sidecar as read: the parse (entries, problems, writability) and its optional `rejections`. */
export interface SidecarRead {
  parsed: ParsedSidecar;
  rejections: Parsed<Rejection[]>;
}

/** What reading a sidecar needs besides its text (plain data: it crosses to a worker thread as is). */
export interface SidecarReadOptions {
  knownTypes: ReadonlySet<string>;
  /** The normalised document text when the sidecar says it was anchored to this very text. */
  documentText?: string;
}

/** A document's text, normalised and indexed, before its sidecar is read. */
export interface PreparedDocument {
  fileName: string;
  text: string;
  lines: LineIndex;
  /** Present when there is a sidecar: its hash and what reading the sidecar needs. */
  sidecar?: { textHash: string; options: SidecarReadOptions };
}

/**
 * First step of reading a document: normalises its text and says how its sidecar is to be read.
 * Quotes are only checked against the text when the sidecar says it was anchored to this very
 * text; otherwise re-anchoring decides, and mismatches are expected, not problems.
 */
export function prepareDocument(fileName: string, rawText: string, sidecarText: string | undefined, knownTypes: ReadonlySet<string>): PreparedDocument {
  const text = normalizeText(rawText);
  const lines = new LineIndex(text);
  if (sidecarText === undefined) return { fileName, text, lines };
  const textHash = hashText(text);
  const anchoredHere = sidecarText.includes(textHash);
  return { fileName, text, lines, sidecar: { textHash, options: { knownTypes, ...(anchoredHere ? { documentText: text } : {}) } } };
}

/**
 * Second step: parses the sidecar (never throwing) and its rejections. Pure, and all of it the
 * extension may run in a worker thread for a large sidecar (src/workspace/sidecarWorker.ts).
 * Parsing through a document's writer primes it: the next change needs no second parse.
 */
export function readSidecarText(sidecarText: string, options: SidecarReadOptions & { documentIndex?: CodePointIndex }, writer?: SidecarWriter): SidecarRead {
  const parsed = writer ? writer.parse(sidecarText, options) : parseSidecar(sidecarText, options);
  return { parsed, rejections: readRejections(sidecarText) };
}

/** Last step: the document model from its prepared text and its sidecar as read, re-anchored to the text. */
export function assembleDocumentModel(doc: PreparedDocument, read: SidecarRead | undefined): DocumentModel {
  const { text, lines } = doc;
  const reanchored = new Set<string>();
  const model: DocumentModel = { text, lines, info: describeDocument(doc.fileName, text), entities: [], facts: [], rejections: [], problems: [], hasSidecar: doc.sidecar !== undefined, writable: true, reanchored };
  if (!doc.sidecar || !read) return model;
  const { parsed, rejections } = read;
  const textHash = doc.sidecar.textHash;
  model.textHash = textHash;
  model.problems = rejections.problems.length ? [...parsed.problems, ...rejections.problems] : parsed.problems;
  model.rejections = rejections.value;
  model.writable = parsed.writable;
  const e = reanchor(text, parsed.value.entities, { index: lines.cp });
  const f = reanchor(text, parsed.value.facts, { index: lines.cp });
  model.entities = e.annotations;
  model.facts = f.annotations;
  if (parsed.value.header.textHash !== textHash || e.changed || f.changed) {
    changedAnchors(parsed.value.entities, model.entities, reanchored);
    changedAnchors(parsed.value.facts, model.facts, reanchored);
  }
  return model;
}

/**
 * Reads a document: normalises its text, parses its sidecar (never throwing), and re-anchors the
 * annotations to the text as it is now. Pure (but for priming the optional writer's cache), so the
 * scan benchmark measures exactly this.
 */
export function readDocumentModel(fileName: string, rawText: string, sidecarText: string | undefined, knownTypes: ReadonlySet<string>, writer?: SidecarWriter): DocumentModel {
  const doc = prepareDocument(fileName, rawText, sidecarText, knownTypes);
  const read = doc.sidecar && sidecarText !== undefined ? readSidecarText(sidecarText, { ...doc.sidecar.options, documentIndex: doc.lines.cp }, writer) : undefined;
  return assembleDocumentModel(doc, read);
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

/**
 * A model's annotations, problems and rejections with strings of their own, for a document that is
 * kept closed. The sidecar parser slices ids, quotes and contexts out of the sidecar's text, and a
 * slice keeps its whole parent alive: at 1,000 generated documents the heap held every sidecar
 * text (8.3 of 25.3 MB) through them; with a structured clone of these fields, 19.9 MB.
 */
export function withOwnStrings<T extends { entities: unknown; facts: unknown; problems: unknown; rejections?: unknown }>(m: T): T {
  const { entities, facts, problems, rejections } = m;
  return { ...m, ...structuredClone({ entities, facts, problems, rejections }) };
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
