import { promises as fsp } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

/**
 * File access for the VS Code layer. The core never touches files: it gets text in and gives text
 * back.
 *
 * Two routes, chosen by the URI's scheme:
 * - `file:` URIs are on the disk of the machine the extension host runs on (the remote machine in
 *   a remote window), so they are read and written with Node's `fs` right here. Measured in the
 *   project's test host while a 3,000-document corpus was being scanned, one `workspace.fs.stat`
 *   took 808 to 850 ms, a round trip through the workbench's file service that waits behind the
 *   window's own start, against 52 to 121 ms for Node reading the same file: a person's first
 *   tag waited on it.
 * - Every other scheme (a virtual or remote file system another extension provides) goes through
 *   `vscode.workspace.fs`, the only way to reach it.
 * Both routes answer alike: a missing file is `undefined`, other failures throw.
 */
const isLocal = (uri: vscode.Uri): boolean => uri.scheme === 'file';

const isNotFound = (e: unknown): boolean =>
  (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') || (e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

export async function readBytes(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  // `fs.promises.readFile` reads 512 KiB per turn of the event loop, so a large file (the 51 MB
  // scan cache of 10,000 documents) takes many turns while the thread is busy. Reading it in one
  // call was tried and measured: the scan then parsed it sooner, beside the workbench's own start,
  // and a document opened at once at a second start took longer to arrive (median 3.3 s against
  // 1.5 s, nine runs each in the test host), while the scan ended no sooner.
  try {
    return isLocal(uri) ? await fsp.readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** A file's text as UTF-8 (a byte order mark dropped, as the editor does), or undefined when there is no such file. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const bytes = await readBytes(uri);
  return bytes && new TextDecoder('utf-8').decode(bytes);
}

/** A file's size and modification time (whole milliseconds on both routes), or undefined when there is no such file. */
export async function statFile(uri: vscode.Uri): Promise<{ size: number; mtime: number } | undefined> {
  try {
    if (isLocal(uri)) {
      const st = await fsp.stat(uri.fsPath);
      return st.isFile() ? { size: st.size, mtime: st.mtime.getTime() } : undefined;
    }
    const st = await vscode.workspace.fs.stat(uri);
    return st.type & vscode.FileType.File ? { size: st.size, mtime: st.mtime } : undefined;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    if (isLocal(uri)) await fsp.stat(uri.fsPath);
    else await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every file under a local folder (`file:` only: other schemes have `workspace.findFiles`), with its
 * path relative to `root` (`/`-separated), skipping folders `prune` names. Symbolic links are
 * followed, as VS Code's file search does by default, each real folder once. At 10,000 documents
 * `workspace.findFiles` took 1.7 to 2.6 s in the test host; this walk takes tens of milliseconds.
 */
export async function walkLocalFiles(root: vscode.Uri, prune: (relativePath: string) => boolean): Promise<{ uri: vscode.Uri; relative: string }[]> {
  const out: { uri: vscode.Uri; relative: string }[] = [];
  const seen = new Set<string>();
  const walk = async (dir: string, rel: string): Promise<void> => {
    const real = await fsp.realpath(dir).catch(() => undefined);
    if (real === undefined || seen.has(real)) return;
    seen.add(real);
    const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const relative = rel ? `${rel}/${e.name}` : e.name;
      const full = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const st = await fsp.stat(full).catch(() => undefined);
        isDir = !!st?.isDirectory();
        isFile = !!st?.isFile();
      }
      if (isDir && !prune(relative)) await walk(full, relative);
      else if (isFile) out.push({ uri: vscode.Uri.file(full), relative });
    }
  };
  await walk(root.fsPath, '');
  return out;
}

/** Creates a folder and its parents; nothing when it exists. */
export async function createDirectory(uri: vscode.Uri): Promise<void> {
  if (isLocal(uri)) await fsp.mkdir(uri.fsPath, { recursive: true });
  else await vscode.workspace.fs.createDirectory(uri);
}

/**
 * Writes a file atomically: the content goes to a temporary file beside the target, which is then
 * renamed over it (its folder created if missing), so a crash or a concurrent reader (git, another window) never sees half a
 * sidecar, nor none. On `file:` URIs the rename is rename(2), which replaces the target in one
 * step: `workspace.fs.rename` with `overwrite` deletes the target first, leaving a moment with no
 * file at all. Other schemes have only `workspace.fs`, and get its semantics.
 */
export async function writeTextAtomic(uri: vscode.Uri, text: string | readonly string[]): Promise<void> {
  const tmp = uri.with({ path: `${uri.path}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp` });
  if (isLocal(uri)) {
    try {
      await writePieces(tmp.fsPath, text);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      // As `workspace.fs.writeFile` does, a missing parent folder is created (exports write into new folders).
      await fsp.mkdir(path.dirname(tmp.fsPath), { recursive: true });
      await writePieces(tmp.fsPath, text);
    }
    try {
      await fsp.rename(tmp.fsPath, uri.fsPath);
    } catch (e) {
      await fsp.rm(tmp.fsPath, { force: true }).catch(() => undefined);
      throw e;
    }
    return;
  }
  await vscode.workspace.fs.writeFile(tmp, new TextEncoder().encode(typeof text === 'string' ? text : text.join('')));
  try {
    await vscode.workspace.fs.rename(tmp, uri, { overwrite: true });
  } catch (e) {
    await vscode.workspace.fs.delete(tmp).then(undefined, () => undefined);
    throw e;
  }
}

/**
 * Writes a text given whole or in pieces: a piece at a time is encoded and written, so a text of
 * tens of megabytes (the scan cache) never holds the thread for its encoding at once.
 */
async function writePieces(file: string, text: string | readonly string[]): Promise<void> {
  if (typeof text === 'string') return fsp.writeFile(file, new TextEncoder().encode(text));
  const handle = await fsp.open(file, 'w');
  try {
    const encoder = new TextEncoder();
    for (const piece of text) await handle.write(encoder.encode(piece));
  } finally {
    await handle.close();
  }
}
