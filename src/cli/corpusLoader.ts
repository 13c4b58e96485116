/**
 * A corpus folder read with Node's file system, for the command line (and anything else that runs
 * outside VS Code): corpus.yaml through the core's parser, the documents its globs select, and
 * each document's sidecar, read and re-anchored exactly as the extension reads them
 * (`readDocumentModel`). Writing goes through `writeFileAtomic` (temporary file + rename(2)).
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { parseCorpusConfig, type CorpusConfig } from '../core/corpus/config';
import { readDocumentModel, type DocumentModel } from '../core/corpus/documentModel';
import { matchesAny } from '../core/corpus/glob';
import type { Problem } from '../core/problems';

export const CONFIG_FILE = 'corpus.yaml';
export const SIDECAR_SUFFIX = '.yaml';
/** Folders never searched for documents, whatever the globs say. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.vscode-test']);

export interface LoadedDocument {
  /** Relative to the corpus root, `/`-separated. */
  path: string;
  /** Absolute paths of the document and its sidecar. */
  file: string;
  sidecarFile: string;
  /** The sidecar's text as read (undefined: none). */
  sidecarText: string | undefined;
  /** Normalised text, annotations re-anchored to it, sidecar problems, and whether it may be written. */
  model: DocumentModel;
}

export interface LoadedCorpus {
  root: string;
  configFile: string;
  /** corpus.yaml's text (undefined: none, the defaults apply). */
  configText: string | undefined;
  config: CorpusConfig;
  configProblems: Problem[];
  configWritable: boolean;
  documents: LoadedDocument[];
}

export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Writes a file atomically: a temporary file beside the target, renamed over it, so a reader (git,
 * the extension's watcher) never sees half a file, nor none.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`;
  await fsp.writeFile(tmp, text, 'utf8');
  try {
    await fsp.rename(tmp, file);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
}

/** Relative paths of the documents corpus.yaml's globs select under `root`, sorted. */
export async function findDocumentPaths(root: string, config: Pick<CorpusConfig, 'documents' | 'exclude'>): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) await walk(path.join(dir, e.name), r);
      } else if (e.isFile() && !r.endsWith(SIDECAR_SUFFIX) && r !== CONFIG_FILE && matchesAny(r, config.documents) && !matchesAny(r, config.exclude)) out.push(r);
    }
  };
  await walk(root, '');
  return out.sort();
}

/**
 * Reads a corpus folder. `only` limits the documents to these relative paths (each must be a
 * document of the corpus; unknown ones are returned in `missing`).
 */
export async function loadCorpus(root: string, only?: readonly string[]): Promise<LoadedCorpus & { missing: string[] }> {
  const abs = path.resolve(root);
  const stat = await fsp.stat(abs).catch(() => undefined);
  if (!stat?.isDirectory()) throw new Error(`${root} is not a folder`);
  const configFile = path.join(abs, CONFIG_FILE);
  const configText = await readTextIfExists(configFile);
  const parsed = parseCorpusConfig(configText);
  const knownTypes = new Set(parsed.value.types.map((t) => t.id));
  let paths = await findDocumentPaths(abs, parsed.value);
  const missing: string[] = [];
  if (only) {
    const all = new Set(paths);
    const wanted = only.map((p) => p.replace(/\\/g, '/').replace(/^(\.\/)+/, ''));
    for (const p of wanted) if (!all.has(p)) missing.push(p);
    paths = wanted.filter((p) => all.has(p));
  }
  const documents: LoadedDocument[] = [];
  // A few files at a time: fast on SSDs without opening thousands of handles at once.
  const batch = 32;
  for (let i = 0; i < paths.length; i += batch) {
    documents.push(
      ...(await Promise.all(
        paths.slice(i, i + batch).map(async (rel) => {
          const file = path.join(abs, ...rel.split('/'));
          const sidecarFile = file + SIDECAR_SUFFIX;
          const [raw, sidecarText] = await Promise.all([fsp.readFile(file, 'utf8'), readTextIfExists(sidecarFile)]);
          return { path: rel, file, sidecarFile, sidecarText, model: readDocumentModel(path.basename(file), raw, sidecarText, knownTypes) };
        }),
      )),
    );
  }
  return { root: abs, configFile, configText, config: parsed.value, configProblems: parsed.problems, configWritable: parsed.writable, documents, missing };
}
