import * as vscode from 'vscode';
import { defaultCorpusConfig, serializeCorpusConfig } from '../../core/corpus/config';
import { exists, writeTextAtomic } from '../../workspace/fileSystem';

/**
 * Writes a starter corpus.yaml at the root of a workspace folder: the default globs and the
 * default entity types written out (ids, labels, colours, keys, descriptions) so a person edits
 * them where they are, through the same renderer the writer uses, so it reads back as written.
 * Says what it did, with an Open action; a corpus.yaml already there is never overwritten.
 * Returns the file's URI (undefined when there was no folder to put it in); the message is logged too.
 */
export async function createCorpusConfig(log: (message: string) => void): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    const open = await vscode.window.showInformationMessage(
      'A corpus is a folder of plain-text documents. Open the folder first; corpus.yaml goes at its root.',
      'Open Folder…',
    );
    if (open) await vscode.commands.executeCommand('workbench.action.files.openFolder');
    return undefined;
  }
  const folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder is the corpus?' });
  if (!folder) return undefined;
  const uri = vscode.Uri.joinPath(folder.uri, 'corpus.yaml');
  const where = vscode.workspace.asRelativePath(uri, folders.length > 1);
  let message: string;
  if (await exists(uri)) {
    message = `${where} already exists; it was left as it is.`;
  } else {
    const config = defaultCorpusConfig();
    await writeTextAtomic(uri, serializeCorpusConfig(config));
    message = `Created ${where} with the ${config.types.length} default entity types (${config.types.map((t) => t.label).join(', ')}): edit their labels, colours and keys there.`;
  }
  log(message);
  const open = `Open ${where}`;
  void vscode.window.showInformationMessage(message, open).then(async (choice) => {
    if (choice === open) await vscode.window.showTextDocument(uri);
  });
  return uri;
}
