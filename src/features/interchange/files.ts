/** Files in and out for export and import, through `vscode.workspace.fs`. */
import * as vscode from 'vscode';
import type { InputFile, InterchangeFormat } from '../../core/interchange';
import { CannotAct } from '../../errors';
import { readText } from '../../workspace/fileSystem';

/** An absolute path or a URI string (`file:///…`, `vscode-remote://…`) as a URI. */
export function toUri(pathOrUri: string): vscode.Uri {
  if (/^[A-Za-z][A-Za-z0-9+.-]+:\/\//.test(pathOrUri)) return vscode.Uri.parse(pathOrUri, true);
  if (!pathOrUri.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(pathOrUri)) throw new CannotAct(`"${pathOrUri}" is not an absolute path or a URI.`);
  return vscode.Uri.file(pathOrUri);
}

async function statOf(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
}

/** A file itself, or a folder's files (recursively) with the format's endings, relative to it. */
export async function readInput(uri: vscode.Uri, format: InterchangeFormat, token?: vscode.CancellationToken): Promise<InputFile[]> {
  const stat = await statOf(uri);
  if (!stat) throw new CannotAct(`${uri.fsPath} does not exist.`);
  const name = uri.path.split('/').pop() ?? '';
  if (stat.type & vscode.FileType.File) {
    const files: InputFile[] = [{ path: name, content: (await readText(uri)) ?? '' }];
    if (format.id === 'brat' && name.endsWith('.ann')) {
      const txt = await readText(uri.with({ path: uri.path.slice(0, -4) + '.txt' }));
      if (txt !== undefined) files.push({ path: name.slice(0, -4) + '.txt', content: txt });
    }
    return files;
  }
  const files: InputFile[] = [];
  const walk = async (dir: vscode.Uri, rel: string): Promise<void> => {
    for (const [entry, type] of await vscode.workspace.fs.readDirectory(dir)) {
      if (token?.isCancellationRequested) return;
      const r = rel ? `${rel}/${entry}` : entry;
      const child = vscode.Uri.joinPath(dir, entry);
      if (type & vscode.FileType.Directory) {
        if (entry !== '.git' && entry !== 'node_modules') await walk(child, r);
      } else if (format.extensions.some((x) => entry.endsWith(x))) files.push({ path: r, content: (await readText(child)) ?? '' });
    }
  };
  await walk(uri, '');
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
