/** Reading a source of annotations for `agree`: a folder from disk, or a git ref (gitSource.ts). */
import * as fs from 'fs';
import * as path from 'path';
import { SIDECAR_SUFFIX, documentPaths, readSourceDocument } from '../core/agreement';
import { isGitRef, loadGitRef, type LoadedSource } from './gitSource';

export type { LoadedSource } from './gitSource';

function walk(root: string, dir = root, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git' || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(root, p, out);
    else if (e.isFile()) out.push(path.relative(root, p).split(path.sep).join('/'));
  }
  return out;
}

export function loadFolder(folder: string): LoadedSource {
  const files = walk(folder);
  const has = new Set(files);
  const read = (p: string) => fs.readFileSync(path.join(folder, p), 'utf8');
  const docs = documentPaths(files, has.has('corpus.yaml') ? read('corpus.yaml') : undefined);
  return { label: folder, documents: docs.map((d) => readSourceDocument(d, read(d), has.has(d + SIDECAR_SUFFIX) ? read(d + SIDECAR_SUFFIX) : undefined)) };
}

/** A folder when such a directory exists, else a git ref of the repository at `cwd`. */
export async function loadSource(cwd: string, spec: string): Promise<LoadedSource> {
  const dir = path.resolve(cwd, spec);
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) return loadFolder(dir);
  if (await isGitRef(cwd, spec)) return loadGitRef(cwd, spec);
  throw new Error(`'${spec}' is neither a folder nor a git ref (branch, tag or commit) of the repository here`);
}
