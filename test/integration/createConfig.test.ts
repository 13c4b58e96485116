import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from '../../src/api';
import { DEFAULT_ENTITY_TYPES, parseCorpusConfig } from '../../src/core/corpus/config';
import { docPath, useCorpus } from './helpers';

/** Create corpus.yaml (issue 11): says what it did, and writes the types out for a person to edit. */
describe('Create corpus.yaml', () => {
  const corpus = useCorpus();
  let api: CorpusAnnotatorApi;
  beforeEach(() => {
    api = corpus();
  });

  it('writes the default types with their colours and keys, which the config reader reads back without a problem', async () => {
    assert.ok(!fs.existsSync(docPath('corpus.yaml')), 'the seeds have no corpus.yaml');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('corpusAnnotator.createCorpusConfig');
    assert.strictEqual(uri?.fsPath, docPath('corpus.yaml'));
    const text = fs.readFileSync(docPath('corpus.yaml'), 'utf8');
    assert.match(text, /^types:$/m);
    assert.match(text, /^ {4}color: \{ light: "#b3261e", dark: "#ff8a80" \}$/m);
    assert.match(text, /^ {4}shortcut: p$/m);
    const parsed = parseCorpusConfig(text);
    assert.deepStrictEqual(parsed.problems, []);
    assert.deepStrictEqual(parsed.value.types, DEFAULT_ENTITY_TYPES);
    assert.ok(api.service.recentLog.some((l) => l.includes(`Created corpus.yaml with the ${DEFAULT_ENTITY_TYPES.length} default entity types`)), api.service.recentLog.slice(-3).join(' | '));
  });

  it('leaves a corpus.yaml that is there as it is, and says so', async () => {
    const mine = '# mine\ndocuments:\n  - "**/*.txt"\n';
    fs.writeFileSync(docPath('corpus.yaml'), mine);
    await vscode.commands.executeCommand('corpusAnnotator.createCorpusConfig');
    assert.strictEqual(fs.readFileSync(docPath('corpus.yaml'), 'utf8'), mine);
    assert.ok(api.service.recentLog.some((l) => l.includes('corpus.yaml already exists; it was left as it is.')));
  });
});
