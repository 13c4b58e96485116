import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from '../../src/api';
import { COMMAND_IDS, PREFIX } from '../../src/features/commandIds';
import type { DocumentState } from '../../src/workspace/documentState';
import { docPath, docUri, openDoc, select, sidecarOnDisk, useCorpus, waitFor } from './helpers';

const DOC = '001_b03c6ba473a52724.txt';

/** A document with one tagged annotation, its sidecar on disk. */
async function tagOne(api: CorpusAnnotatorApi): Promise<DocumentState> {
  const editor = await openDoc(DOC);
  select(editor, 'Xinhua News Agency');
  await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'organization' });
  await waitFor('the sidecar is written', () => sidecarOnDisk(DOC)?.entities.length === 1);
  return waitFor('the document', () => api.document(docUri(DOC)));
}

describe('Commands and refusals', () => {
  const corpus = useCorpus();
  let api: CorpusAnnotatorApi;
  beforeEach(() => {
    api = corpus();
  });

  it('registers every command of the list in the running extension', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(COMMAND_IDS.filter((id) => !all.has(PREFIX + id)), []);
  });

  it('a refused write names its real reason: an id the sidecar no longer holds is not "cannot be parsed"', async () => {
    const state = await tagOne(api);
    const before = fs.readFileSync(`${docPath(DOC)}.yaml`, 'utf8');
    const outcome = await api.service.change(state, 'note on a ghost', [{ kind: 'update', id: 'e-notthere01', set: { note: 'x' } }]);
    assert.strictEqual(outcome.ok, false);
    if (outcome.ok) return;
    assert.strictEqual(outcome.reason, 'unknown-id');
    assert.match(outcome.message, /e-notthere01/);
    assert.doesNotMatch(outcome.message, /cannot be parsed/);
    assert.strictEqual(fs.readFileSync(`${docPath(DOC)}.yaml`, 'utf8'), before, 'the sidecar is unchanged');
  });
});
