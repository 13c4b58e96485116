/**
 * A git ref as a source of annotations, read with `git ls-tree` and one `git cat-file --batch` for
 * every file (not one process per file). Shared by the command line and the VS Code layer, so it
 * never blocks: every git call is an asynchronous child process that an AbortSignal ends.
 */
import { spawn } from 'child_process';
import { SIDECAR_SUFFIX, documentPaths, readSourceDocument, type ReadDocument } from '../core/agreement';
import { plural } from '../core/text/plural';

export interface LoadedSource {
  label: string;
  documents: ReadDocument[];
}

export interface GitReadOptions {
  git?: string;
  /** Ends the running git process and rejects with an AbortError. */
  signal?: AbortSignal;
  /** Told what is being done, for a progress notification. */
  onStep?: (message: string) => void;
}

export class GitError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
  ) {
    super(message);
  }
}

function abortError(): Error {
  const e = new Error('The git read was cancelled.');
  e.name = 'AbortError';
  return e;
}

/** Runs git with `args` in `cwd`, feeding `input` to its stdin; resolves with its whole stdout. */
export function runGit(cwd: string, args: readonly string[], options: { git?: string; input?: string; signal?: AbortSignal } = {}): Promise<Buffer> {
  const { git = 'git', input, signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const child = spawn(git, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], signal });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    // A git that exits before reading all its input must not crash us with EPIPE.
    child.stdin.on('error', () => undefined);
    child.on('error', (e) => reject(e.name === 'AbortError' ? abortError() : e));
    child.on('close', (code) => {
      if (signal?.aborted) return reject(abortError());
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitError(`git ${args[0]} failed (exit ${code}): ${Buffer.concat(err).toString('utf8').trim()}`, code));
    });
    child.stdin.end(input ?? '');
  });
}

/** Whether `ref` names a commit in the repository at `cwd`. */
export async function isGitRef(cwd: string, ref: string, options: GitReadOptions = {}): Promise<boolean> {
  try {
    await runGit(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], options);
    return true;
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') throw e;
    return false;
  }
}

/** Parses `git cat-file --batch` output for `paths`, asked in that order. */
export function parseCatFileBatch(buf: Buffer, paths: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  let pos = 0;
  for (const p of paths) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) break;
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

/** The blobs at `ref` for the given paths, read in one `git cat-file --batch`. */
async function catFiles(cwd: string, ref: string, paths: readonly string[], options: GitReadOptions): Promise<Map<string, string>> {
  if (paths.length === 0) return new Map();
  const buf = await runGit(cwd, ['cat-file', '--batch'], { ...options, input: paths.map((p) => `${ref}:${p}`).join('\n') + '\n' });
  return parseCatFileBatch(buf, paths);
}

export async function loadGitRef(cwd: string, ref: string, options: GitReadOptions = {}): Promise<LoadedSource> {
  options.onStep?.(`listing ${ref}`);
  const listing = (await runGit(cwd, ['ls-tree', '-r', '-z', '--full-tree', '--name-only', ref], options)).toString('utf8');
  const root = (await runGit(cwd, ['rev-parse', '--show-prefix'], options)).toString('utf8').trim();
  // Paths relative to `cwd` inside the repository, as a folder source would have them.
  const files = listing
    .split('\0')
    .filter((p) => p && p.startsWith(root))
    .map((p) => p.slice(root.length));
  const has = new Set(files);
  const config = has.has('corpus.yaml') ? (await catFiles(cwd, ref, [root + 'corpus.yaml'], options)).get(root + 'corpus.yaml') : undefined;
  const docs = documentPaths(files, config);
  const wanted = docs.flatMap((d) => (has.has(d + SIDECAR_SUFFIX) ? [d, d + SIDECAR_SUFFIX] : [d]));
  options.onStep?.(`reading ${plural(docs.length, 'document')} at ${ref}`);
  const blobs = await catFiles(cwd, ref, wanted.map((p) => root + p), options);
  const documents: ReadDocument[] = [];
  for (let i = 0; i < docs.length; i++) {
    // Parsing thousands of sidecars takes seconds: give the event loop (the extension host's) a turn now and then.
    if (i % 250 === 0) {
      options.onStep?.(`parsing documents at ${ref}: ${i} of ${docs.length}`);
      await new Promise((r) => setImmediate(r));
      if (options.signal?.aborted) throw abortError();
    }
    const d = docs[i];
    documents.push(readSourceDocument(d, blobs.get(root + d) ?? '', blobs.get(root + d + SIDECAR_SUFFIX)));
  }
  return { label: ref, documents };
}

/** Branches, tags and remote branches of the repository at `cwd`; none when it is no repository. */
export async function listGitRefs(cwd: string, options: GitReadOptions = {}): Promise<string[]> {
  try {
    return (await runGit(cwd, ['for-each-ref', '--format=%(refname:short)', 'refs/heads', 'refs/tags', 'refs/remotes'], options)).toString('utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
