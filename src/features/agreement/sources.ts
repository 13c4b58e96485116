/**
 * The sources a comparison reads (issue 13): a git ref of the workspace's repository, a folder, the
 * working tree, or one author within the working tree. Files come in through vscode.workspace.fs;
 * a git ref through the `git` the built-in Git extension uses (its API has no tree listing), run
 * asynchronously by the reader the command line shares (src/cli/gitSource.ts), ended on cancel.
 */
import * as vscode from 'vscode';
import { byAuthor, documentPaths, readSourceDocument, SIDECAR_SUFFIX, type SourceDocument } from '../../core/agreement';
import { CannotAct } from '../../errors';
import { isGitRef, listGitRefs, loadGitRef } from '../../cli/gitSource';
import type { CorpusService } from '../../workspace/corpusService';
import { readText } from '../../workspace/fileSystem';

export type Source = { ref: string } | { folder: string } | { workingTree: true } | { author: string };

export function describeSource(s: Source): string {
  if ('ref' in s) return s.ref;
  if ('folder' in s) return s.folder;
  if ('author' in s) return `author ${s.author || '(none)'}`;
  return 'working tree';
}

export function isSource(v: unknown): v is Source {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return typeof o.ref === 'string' || typeof o.folder === 'string' || o.workingTree === true || typeof o.author === 'string';
}

interface GitApi {
  git: { path: string };
}

/** The git executable of the built-in Git extension, when it is there and enabled. */
export async function gitPath(): Promise<string> {
  try {
    const ext = vscode.extensions.getExtension<{ getAPI(v: 1): GitApi }>('vscode.git');
    if (ext) {
      const api = (ext.isActive ? ext.exports : await ext.activate()).getAPI(1);
      if (api?.git?.path) return api.git.path;
    }
  } catch {
    // Git extension disabled or without an API: the git on PATH.
  }
  return 'git';
}

/** The folder holding the corpus whose sources are compared: the first workspace folder with a corpus. */
export function corpusRoot(service: CorpusService): vscode.Uri {
  const corpus = service.allDocuments()[0]?.corpus.folder ?? vscode.workspace.workspaceFolders?.[0];
  if (!corpus) throw new CannotAct('Open a folder with a corpus first.');
  return corpus.uri;
}

function relative(root: vscode.Uri, uri: vscode.Uri): string {
  const base = root.path.endsWith('/') ? root.path : root.path + '/';
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : uri.path;
}

async function listFolder(root: vscode.Uri, dir = root, out: string[] = []): Promise<string[]> {
  for (const [name, kind] of await vscode.workspace.fs.readDirectory(dir)) {
    if (name === '.git' || name === 'node_modules') continue;
    const child = vscode.Uri.joinPath(dir, name);
    if (kind & vscode.FileType.Directory) await listFolder(root, child, out);
    else if (kind & vscode.FileType.File) out.push(relative(root, child));
  }
  return out;
}

async function loadFolder(folder: vscode.Uri): Promise<SourceDocument[]> {
  const files = await listFolder(folder);
  const has = new Set(files);
  const read = async (p: string) => (await readText(vscode.Uri.joinPath(folder, p))) ?? '';
  const docs = documentPaths(files, has.has('corpus.yaml') ? await read('corpus.yaml') : undefined);
  const out: SourceDocument[] = [];
  for (const d of docs) out.push(readSourceDocument(d, await read(d), has.has(d + SIDECAR_SUFFIX) ? await read(d + SIDECAR_SUFFIX) : undefined).document);
  return out;
}

async function workingTree(service: CorpusService, root: vscode.Uri): Promise<SourceDocument[]> {
  const out: SourceDocument[] = [];
  for (const s of service.allDocuments()) {
    // Closed documents do not hold their text: read it for the moment.
    const text = (await service.withText(s))?.text;
    if (text !== undefined) out.push({ document: relative(root, s.uri), text, entities: s.entities });
  }
  return out.sort((a, b) => (a.document < b.document ? -1 : 1));
}

/** An AbortSignal that follows a VS Code cancellation token (the git reader takes signals). */
export function abortSignalOf(token: vscode.CancellationToken | undefined): AbortSignal | undefined {
  if (!token) return undefined;
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

/** Reads one source's documents; a git ref's reading is ended by `token`, its steps told to `onStep`. */
export async function loadSource(service: CorpusService, source: Source, token?: vscode.CancellationToken, onStep?: (message: string) => void): Promise<SourceDocument[]> {
  const root = corpusRoot(service);
  if ('workingTree' in source) return workingTree(service, root);
  if ('author' in source) return (await workingTree(service, root)).map((d) => ({ ...d, entities: byAuthor(d.entities, source.author) }));
  if ('folder' in source) {
    const uri = vscode.Uri.file(source.folder);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      throw new CannotAct(`The folder ${source.folder} does not exist.`);
    }
    return loadFolder(uri);
  }
  if (root.scheme !== 'file') throw new CannotAct('Git refs can only be read from a folder on disk.');
  const options = { git: await gitPath(), signal: abortSignalOf(token), onStep };
  if (!(await isGitRef(root.fsPath, source.ref, options))) throw new CannotAct(`'${source.ref}' is not a branch, tag or commit of the repository at ${root.fsPath}.`);
  return (await loadGitRef(root.fsPath, source.ref, options)).documents.map((d) => d.document);
}

/** Branches and tags of the workspace's repository, for the picker. */
export async function listRefs(service: CorpusService): Promise<string[]> {
  const root = corpusRoot(service);
  if (root.scheme !== 'file') return [];
  return listGitRefs(root.fsPath, { git: await gitPath() });
}
