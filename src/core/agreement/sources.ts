/**
 * A source of annotations as a set of files (a folder, a git tree, the working tree): which of its
 * paths are documents, and each document's text and entities. The layers above only list and read.
 */
import { parseCorpusConfig } from '../corpus/config';
import { matchesAny } from '../corpus/glob';
import type { Problem } from '../problems';
import { parseSidecar } from '../sidecar/parse';
import { normalizeText } from '../text/normalize';
import type { SourceDocument } from './inputs';

export const SIDECAR_SUFFIX = '.yaml';

/** The document paths among `paths` (relative, `/`-separated), by corpus.yaml's globs when given. */
export function documentPaths(paths: readonly string[], corpusYaml?: string): string[] {
  const config = parseCorpusConfig(corpusYaml).value;
  return paths.filter((p) => matchesAny(p, config.documents) && !matchesAny(p, config.exclude)).sort();
}

export interface ReadDocument {
  document: SourceDocument;
  /** Sidecar problems of severity error (the document is compared with what could be read). */
  problems: Problem[];
}

/** One document of a source from its raw text and its sidecar's text (undefined: no sidecar). */
export function readSourceDocument(path: string, rawText: string, sidecarText: string | undefined): ReadDocument {
  const text = normalizeText(rawText);
  if (sidecarText === undefined) return { document: { document: path, text, entities: [] }, problems: [] };
  // Without the document text: its quote checks give only warnings, which the comparison does not use.
  const parsed = parseSidecar(sidecarText);
  return { document: { document: path, text, entities: parsed.value.entities }, problems: parsed.problems.filter((p) => p.severity === 'error') };
}
