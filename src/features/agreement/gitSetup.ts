/** `Corpus: Set Up Git Merge for Sidecars`: the .gitattributes line and the repository's driver setting. */
import * as vscode from 'vscode';
import { runGit } from '../../cli/gitSource';
import { CannotAct } from '../../errors';
import { readText, writeTextAtomic } from '../../workspace/fileSystem';
import { gitPath } from './sources';

export const ATTRIBUTES_LINE = '*.txt.yaml merge=corpus-annotator';

/** The driver command: this extension's bundled command line, run by the Node (or Electron-as-Node) running the extension host. */
export function driverCommand(extensionPath: string): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return `ELECTRON_RUN_AS_NODE=1 ${q(process.execPath)} ${q(`${extensionPath}/dist/cli/main.js`)} merge-driver %O %A %B %P`;
}

export async function setUpGitMerge(extensionPath: string, folder?: vscode.Uri): Promise<{ attributesChanged: boolean; driver: string }> {
  const root = folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root || root.scheme !== 'file') throw new CannotAct('Open a folder on disk that is a git repository first.');
  const git = await gitPath();
  let top: string;
  try {
    top = (await runGit(root.fsPath, ['rev-parse', '--show-toplevel'], { git })).toString('utf8').trim();
  } catch {
    throw new CannotAct(`${root.fsPath} is not inside a git repository (run git init first).`);
  }
  const driver = driverCommand(extensionPath);
  await runGit(top, ['config', 'merge.corpus-annotator.name', 'Corpus Annotator sidecar merge'], { git });
  await runGit(top, ['config', 'merge.corpus-annotator.driver', driver], { git });
  const attributes = vscode.Uri.joinPath(vscode.Uri.file(top), '.gitattributes');
  const current = (await readText(attributes)) ?? '';
  if (current.split(/\r?\n/).some((l) => l.trim() === ATTRIBUTES_LINE)) return { attributesChanged: false, driver };
  await writeTextAtomic(attributes, current + (current && !current.endsWith('\n') ? '\n' : '') + ATTRIBUTES_LINE + '\n');
  return { attributesChanged: true, driver };
}
