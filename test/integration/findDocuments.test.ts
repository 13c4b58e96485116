import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { readCorpusFolder, searchDocuments, walkDocuments } from '../../src/workspace/corpusFolders';
import type { CorpusFolder } from '../../src/workspace/documentState';

/**
 * On a local disk the scan walks the corpus folder itself rather than run VS Code's file search
 * (src/workspace/corpusFolders.ts): both must find the same documents, here on a folder with what
 * trips such a walk up.
 */
describe('finding the documents: the walk on a local disk finds what the file search finds', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-annotator-find-'));
    const files: Record<string, string> = {
      'corpus.yaml': 'documents:\n  - "**/*.txt"\n  - "notes/*.md"\nexclude:\n  - "drafts/**"\n',
      'a.txt': 'A.',
      'b.md': 'not a document',
      'notes/n.md': 'a document by the second pattern',
      'notes/deeper/m.md': 'not by it',
      'sub/c.txt': 'C.',
      'sub/c.txt.yaml': 'entities: []\n',
      'sub/Pékin mission.txt': 'a name to encode',
      'drafts/d.txt': 'excluded by corpus.yaml',
      'node_modules/pkg/x.txt': 'never',
      '.git/y.txt': 'never',
      '.vscode-test/z.txt': 'never',
      '.hidden/h.txt': 'a hidden folder is searched',
    };
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), text);
    }
    fs.symlinkSync(path.join(root, 'a.txt'), path.join(root, 'e.txt'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds the same documents', async () => {
    const folder: vscode.WorkspaceFolder = { uri: vscode.Uri.file(root), name: path.basename(root), index: 0 };
    const corpus: CorpusFolder = await readCorpusFolder(new Map(), folder);
    assert.deepStrictEqual(corpus.configProblems, []);
    const rel = (uris: vscode.Uri[]) => uris.map((u) => path.relative(root, u.fsPath).split(path.sep).join('/')).sort();
    const walked = rel(await walkDocuments(corpus));
    const searched = rel(await searchDocuments(corpus));
    assert.deepStrictEqual(walked, ['.hidden/h.txt', 'a.txt', 'e.txt', 'notes/n.md', 'sub/Pékin mission.txt', 'sub/c.txt']);
    assert.deepStrictEqual(walked, searched);
  });
});
