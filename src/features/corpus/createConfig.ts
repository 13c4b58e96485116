import * as vscode from 'vscode';
import { DEFAULT_ENTITY_TYPES } from '../../core/corpus/config';
import { exists, writeTextAtomic } from '../../workspace/fileSystem';

/** Writes a commented starter corpus.yaml at the root of a workspace folder and opens it. */
export async function createCorpusConfig(): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    const open = await vscode.window.showInformationMessage(
      'A corpus is a folder of plain-text documents. Open the folder first; corpus.yaml goes at its root.',
      'Open Folder…',
    );
    if (open) await vscode.commands.executeCommand('workbench.action.files.openFolder');
    return;
  }
  const folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder is the corpus?' });
  if (!folder) return;
  const uri = vscode.Uri.joinPath(folder.uri, 'corpus.yaml');
  if (!(await exists(uri))) {
    const types = DEFAULT_ENTITY_TYPES.map(
      (t) => `  - id: ${t.id}\n    label: ${t.label}\n    color: { light: "${t.color.light}", dark: "${t.color.dark}" }\n${t.shortcut ? `    shortcut: ${t.shortcut}\n` : ''}${t.description ? `    description: ${JSON.stringify(t.description)}\n` : ''}`,
    ).join('');
    await writeTextAtomic(
      uri,
      `# Corpus Annotator configuration (see docs/sidecar-format.md).\n` +
        `# Which files are documents, relative to this folder.\n` +
        `documents:\n  - "**/*.txt"\n` +
        `# Entity types: id, label, colours for light and dark themes, a one-key shortcut.\n` +
        `types:\n${types}` +
        `# Canonical entities: one per real-world thing, with its names in any language.\n` +
        `entities:\n  - id: beijing\n    name: Beijing\n    type: location\n    aliases: [Pékin, 北京]\n    externalId: Q956\n`,
    );
  }
  await vscode.window.showTextDocument(uri);
}
