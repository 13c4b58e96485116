import { promises as fsp } from 'fs';
import * as vscode from 'vscode';

/**
 * File access for the VS Code layer, through `vscode.workspace.fs` so the extension also runs in
 * remote and web hosts. The core never touches files: it gets text in and gives text back.
 */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
    throw e;
  }
}

export async function readBytes(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
    throw e;
  }
}

/** A file's size and modification time, or undefined when there is no such file. */
export async function statFile(uri: vscode.Uri): Promise<{ size: number; mtime: number } | undefined> {
  try {
    const st = await vscode.workspace.fs.stat(uri);
    return st.type & vscode.FileType.File ? { size: st.size, mtime: st.mtime } : undefined;
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
    throw e;
  }
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a file atomically: the content goes to a temporary file beside the target, which is then
 * renamed over it, so a crash or a concurrent reader (git, another window) never sees half a
 * sidecar, nor none. On `file:` URIs the rename is Node's, which is rename(2) and replaces the
 * target in one step: `workspace.fs.rename` with `overwrite` deletes the target first, leaving a
 * moment with no file at all. Other schemes (remote file systems of other extensions) have only
 * `workspace.fs`, and get its semantics.
 */
export async function writeTextAtomic(uri: vscode.Uri, text: string): Promise<void> {
  const tmp = uri.with({ path: `${uri.path}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp` });
  await vscode.workspace.fs.writeFile(tmp, new TextEncoder().encode(text));
  try {
    if (uri.scheme === 'file') await fsp.rename(tmp.fsPath, uri.fsPath);
    else await vscode.workspace.fs.rename(tmp, uri, { overwrite: true });
  } catch (e) {
    await vscode.workspace.fs.delete(tmp).then(undefined, () => undefined);
    throw e;
  }
}
