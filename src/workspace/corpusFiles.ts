import * as vscode from 'vscode';

/** Files that are corpus documents; corpus.yaml can narrow this later (see the sidecar issue). */
export const DEFAULT_DOCUMENT_GLOB = '**/*.txt';
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.vscode-test/**}';

export async function findCorpusDocuments(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const uris = await vscode.workspace.findFiles(DEFAULT_DOCUMENT_GLOB, EXCLUDE, undefined, token);
  return uris.sort((a, b) => a.toString().localeCompare(b.toString()));
}
