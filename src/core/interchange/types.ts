/**
 * Shapes shared by the exporters and importers of src/core/interchange. Everything is text in,
 * text out: the CLI and the VS Code layer read and write the files.
 */
import type { CanonicalEntity, EntityAnnotation, EntityType, FactAnnotation } from '../model';

export const FORMAT_IDS = ['brat', 'conll', 'spacy', 'doccano', 'labelstudio', 'w3c'] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** A corpus document as the exporters see it. */
export interface ExportDocument {
  /** Relative path in the corpus, `/`-separated (`news/a.txt`). */
  path: string;
  /** Normalised text: no BOM, LF line endings. Offsets are code points into it. */
  text: string;
  entities: readonly EntityAnnotation[];
  facts: readonly FactAnnotation[];
}

export interface ExportContext {
  types: readonly EntityType[];
  registry: readonly CanonicalEntity[];
}

/** A file an exporter produced, relative to the output folder. */
export interface OutputFile {
  path: string;
  content: string;
}

/** An annotation an export could not carry as it is, and why. */
export interface Dropped {
  document: string;
  text: string;
  reason: string;
}

export interface ExportResult {
  files: OutputFile[];
  documents: number;
  /** Annotations written (entities, and facts where the format carries them). */
  annotations: number;
  dropped: Dropped[];
}

/** A file given to an importer: its path (relative to the folder imported, or its name) and text. */
export interface InputFile {
  path: string;
  content: string;
}

/** A link as a file states it: a registry id, an external id (Wikidata QID, `DB:ID`), and a name. */
export interface ImportedLink {
  id?: string;
  externalId?: string;
  name?: string;
}

/** One annotation read from a file, in code points of its document's normalised text. */
export interface ImportedSpan {
  kind: 'entity' | 'fact';
  /** The type as the file names it (entities). */
  type: string;
  start: number;
  end: number;
  /** The quote as the file states it, when it does. */
  quote?: string;
  prefix?: string;
  suffix?: string;
  link?: ImportedLink;
  note?: string;
  author?: string;
  created?: string;
  /** Facts only. */
  subject?: string;
  predicate?: string;
  value?: string;
  date?: string;
  /** CoNLL: token indices [tokenStart, tokenEnd) in the document block, mapped once it is matched. */
  tokenStart?: number;
  tokenEnd?: number;
}

/** One document read from a file. */
export interface ImportedDocument {
  /** The input file it came from (for reports). */
  file: string;
  /** The corpus-relative path the file gives, when it gives one. */
  source?: string;
  /** The document's text as the file gives it, normalised (no BOM, LF). */
  text?: string;
  /** CoNLL: the tokens of the block, in order (no text, no file name). */
  tokens?: string[];
  spans: ImportedSpan[];
}

export interface Skipped {
  file: string;
  reason: string;
}

export interface ParsedImport {
  documents: ImportedDocument[];
  skipped: Skipped[];
  /** Things read but changed on the way in (brat's discontinuous spans), one sentence each. */
  notes: string[];
}

/** One interchange format: its exporter, its importer, and what it reads. */
export interface InterchangeFormat {
  id: FormatId;
  label: string;
  /** One line for pickers and `--help`. */
  description: string;
  /** Whether import reads a folder (brat) or files. */
  importsFolder: boolean;
  /** File name endings its importer reads when given a folder. */
  extensions: readonly string[];
  exportCorpus(documents: readonly ExportDocument[], context: ExportContext): ExportResult;
  parse(files: readonly InputFile[]): ParsedImport;
}
