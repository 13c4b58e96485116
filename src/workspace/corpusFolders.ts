/**
 * Finding a workspace folder's corpus: its corpus.yaml read into a `CorpusFolder` (kept, and
 * refreshed in place, in the service's map), its documents found by the corpus's globs, and
 * whether a file is one of them by those globs.
 */
import * as vscode from 'vscode';
import { parseCorpusConfig } from '../core/corpus/config';
import { CorpusIndex } from '../core/corpus/corpusIndex';
import { matchesAny } from '../core/corpus/glob';
import { basename, CONFIG_FILE, CorpusFolder, SIDECAR_SUFFIX } from './documentState';
import { readText, walkLocalFiles } from './fileSystem';

/** Folders never part of a corpus, wherever they are: as globs for the file search, and as a test of a relative path followed by `/`. */
const NEVER_IN_CORPUS = ['node_modules', '.git', '.vscode-test'];
const NEVER_GLOBS = NEVER_IN_CORPUS.map((f) => `**/${f}/**`);
const PRUNED = new RegExp(`(^|/)(${NEVER_IN_CORPUS.map((f) => f.replace(/\./g, '\\.')).join('|')})/`);

export async function readCorpusFolder(corpora: Map<string, CorpusFolder>, folder: vscode.WorkspaceFolder): Promise<CorpusFolder> {
  const configUri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
  const configText = await readText(configUri);
  const parsed = parseCorpusConfig(configText);
  let corpus = corpora.get(folder.uri.toString());
  if (!corpus) {
    corpus = { folder, configUri, configText, config: parsed.value, configProblems: parsed.problems, configWritable: parsed.writable, index: new CorpusIndex(), documents: new Map() };
    corpora.set(folder.uri.toString(), corpus);
  } else {
    corpus.configText = configText;
    corpus.config = parsed.value;
    corpus.configProblems = parsed.problems;
    corpus.configWritable = parsed.writable;
  }
  corpus.index.setRegistry(corpus.config.entities);
  return corpus;
}

/** The corpus's documents, sorted by path. */
export async function findDocuments(corpus: CorpusFolder): Promise<vscode.Uri[]> {
  const found = corpus.folder.uri.scheme === 'file' ? await walkDocuments(corpus) : await searchDocuments(corpus);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

/** On a local disk: the folder walked, each file tested by the corpus's globs (see walkLocalFiles for why). */
export async function walkDocuments(corpus: CorpusFolder): Promise<vscode.Uri[]> {
  const files = await walkLocalFiles(corpus.folder.uri, (rel) => PRUNED.test(`${rel}/`));
  return files.filter(({ uri }) => matchesCorpusPatterns(corpus, uri) && basename(uri) !== CONFIG_FILE).map(({ uri }) => uri);
}

/** Elsewhere: VS Code's file search, one search per document glob. */
export async function searchDocuments(corpus: CorpusFolder): Promise<vscode.Uri[]> {
  const seen = new Map<string, vscode.Uri>();
  const exclude = `{${[...NEVER_GLOBS, ...corpus.config.exclude].join(',')}}`;
  for (const glob of corpus.config.documents) {
    for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(corpus.folder, glob), exclude)) {
      if (!uri.path.endsWith(SIDECAR_SUFFIX) && basename(uri) !== CONFIG_FILE) seen.set(uri.toString(), uri);
    }
  }
  return [...seen.values()];
}

/** Whether a file is a document of `corpus` by its globs (sidecars and anything under node_modules, .git or .vscode-test never are). */
export function matchesCorpusPatterns(corpus: CorpusFolder, uri: vscode.Uri): boolean {
  if (uri.path.endsWith(SIDECAR_SUFFIX)) return false;
  const root = corpus.folder.uri.path.replace(/\/$/, '') + '/';
  if (!uri.path.startsWith(root)) return false;
  const rel = uri.path.slice(root.length);
  return matchesAny(rel, corpus.config.documents) && !matchesAny(rel, corpus.config.exclude) && !PRUNED.test(rel);
}
