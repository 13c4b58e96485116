import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from '../../src/api';

export async function getApi(): Promise<CorpusAnnotatorApi> {
  const ext = vscode.extensions.getExtension<CorpusAnnotatorApi>('corpus-annotator.corpus-annotator');
  assert.ok(ext, 'extension corpus-annotator.corpus-annotator is loaded');
  const api = await ext.activate();
  await api.ready;
  return api;
}

describe('Documents view (foundation)', () => {
  it('lists exactly the seed documents of the workspace', async () => {
    const api = await getApi();
    const workspace = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const seeds = fs.readdirSync(path.resolve(__dirname, '../../../seeds')).filter((f) => f.endsWith('.txt')).sort();
    assert.strictEqual(seeds.length, 5);
    const listed = api.documents().map((u) => path.relative(workspace, u.fsPath)).sort();
    assert.deepStrictEqual(listed, seeds);
  });
});
