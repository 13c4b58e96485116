/**
 * A git ref as a source of annotations, read with `git ls-tree` and one `git cat-file --batch` for
 * every file (not one process per file). Shared by the command line and the VS Code layer.
 */
import { execFileSync, spawnSync } from 'child_process';
import { SIDECAR_SUFFIX, documentPaths, readSourceDocument, type ReadDocument } from '../core/agreement';

export interface LoadedSource {
  label: string;
  documents: ReadDocument[];
}

/** Whether `ref` names a commit in the repository at `cwd`. */
export function isGitRef(cwd: string, ref: string, git = 'git'): boolean {
  return spawnSync(git, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, encoding: 'utf8' }).status === 0;
}

/** The blobs at `ref` for the given paths, read in one `git cat-file --batch`. */
function catFiles(cwd: string, ref: string, paths: readonly string[], git: string): Map<string, string> {
  const out = new Map<string, string>();
  if (paths.length === 0) return out;
  const buf = execFileSync(git, ['cat-file', '--batch'], { cwd, input: paths.map((p) => `${ref}:${p}`).join('\n') + '\n', maxBuffer: 4 * 1024 * 1024 * 1024 });
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

export function loadGitRef(cwd: string, ref: string, git = 'git'): LoadedSource {
  const listing = execFileSync(git, ['ls-tree', '-r', '-z', '--full-tree', '--name-only', ref], { cwd, maxBuffer: 1024 * 1024 * 1024 }).toString('utf8');
  const root = execFileSync(git, ['rev-parse', '--show-prefix'], { cwd, encoding: 'utf8' }).trim();
  // Paths relative to `cwd` inside the repository, as a folder source would have them.
  const files = listing
    .split('\0')
    .filter((p) => p && p.startsWith(root))
    .map((p) => p.slice(root.length));
  const has = new Set(files);
  const config = has.has('corpus.yaml') ? catFiles(cwd, ref, [root + 'corpus.yaml'], git).get(root + 'corpus.yaml') : undefined;
  const docs = documentPaths(files, config);
  const wanted = docs.flatMap((d) => (has.has(d + SIDECAR_SUFFIX) ? [d, d + SIDECAR_SUFFIX] : [d]));
  const blobs = catFiles(cwd, ref, wanted.map((p) => root + p), git);
  return { label: ref, documents: docs.map((d) => readSourceDocument(d, blobs.get(root + d) ?? '', blobs.get(root + d + SIDECAR_SUFFIX))) };
}

