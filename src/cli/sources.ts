/**
 * Reading a source of annotations for `agree`: a folder from disk, or a git ref through
 * `git ls-tree` and `git cat-file --batch` (one process for every file, not one per file).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { SIDECAR_SUFFIX, documentPaths, readSourceDocument, type ReadDocument } from '../core/agreement';

export interface LoadedSource {
  label: string;
  documents: ReadDocument[];
}

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

/** Whether `ref` names a commit in the repository at `cwd`. */
export function isGitRef(cwd: string, ref: string): boolean {
  return spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, encoding: 'utf8' }).status === 0;
}

/** The blobs at `ref` for the given paths, read in one `git cat-file --batch`. */
function catFiles(cwd: string, ref: string, paths: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (paths.length === 0) return out;
  const buf = execFileSync('git', ['cat-file', '--batch'], { cwd, input: paths.map((p) => `${ref}:${p}`).join('\n') + '\n', maxBuffer: 4 * 1024 * 1024 * 1024 });
  let pos = 0;
  for (const p of paths) {
    const nl = buf.indexOf(10, pos);
    const header = buf.subarray(pos, nl).toString('utf8');
    pos = nl + 1;
    const m = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (!m) continue; // "missing"
    const size = Number(m[1]);
    out.set(p, buf.subarray(pos, pos + size).toString('utf8'));
    pos += size + 1;
  }
  return out;
}

export function loadGitRef(cwd: string, ref: string): LoadedSource {
  const listing = execFileSync('git', ['ls-tree', '-r', '-z', '--full-tree', '--name-only', ref], { cwd, maxBuffer: 1024 * 1024 * 1024 }).toString('utf8');
  const root = execFileSync('git', ['rev-parse', '--show-prefix'], { cwd, encoding: 'utf8' }).trim();
  // Paths relative to `cwd` inside the repository, as a folder source would have them.
  const files = listing
    .split('\0')
    .filter((p) => p && p.startsWith(root))
    .map((p) => p.slice(root.length));
  const has = new Set(files);
  const config = has.has('corpus.yaml') ? catFiles(cwd, ref, [root + 'corpus.yaml']).get(root + 'corpus.yaml') : undefined;
  const docs = documentPaths(files, config);
  const wanted = docs.flatMap((d) => (has.has(d + SIDECAR_SUFFIX) ? [d, d + SIDECAR_SUFFIX] : [d]));
  const blobs = catFiles(cwd, ref, wanted.map((p) => root + p));
  return { label: ref, documents: docs.map((d) => readSourceDocument(d, blobs.get(root + d) ?? '', blobs.get(root + d + SIDECAR_SUFFIX))) };
}

/** A folder when such a directory exists, else a git ref of the repository at `cwd`. */
export function loadSource(cwd: string, spec: string): LoadedSource {
  const dir = path.resolve(cwd, spec);
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) return loadFolder(dir);
  if (isGitRef(cwd, spec)) return loadGitRef(cwd, spec);
  throw new Error(`'${spec}' is neither a folder nor a git ref (branch, tag or commit) of the repository here`);
}
