import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from '../../src/api';
import type { IndexStatus } from '../../src/features/search/indexStatus';
import { hashText } from '../../src/core/sidecar';
import type { DocumentState } from '../../src/workspace/documentState';
import { docPath, docUri, openDoc, select, useCorpus } from './helpers';

const DOC = '001_b03c6ba473a52724.txt';

describe('Large sidecars parse in a worker thread', () => {
  const corpus = useCorpus();
  let api: CorpusAnnotatorApi;
  beforeEach(() => {
    api = corpus();
  });

  it('reports a 5 MB hostile flow list as a located problem while the extension host answers another command, and never writes it', async function () {
    this.timeout(60_000);
    const sidecar = `${docPath(DOC)}.yaml`;
    const text = fs.readFileSync(docPath(DOC), 'utf8');
    const hostile = `corpus-annotator: 1\ndocument: ${DOC}\ntext-hash: ${hashText(text)}\nentities: []\nx: [${'1,'.repeat(2_500_000)}1]\n`;
    assert.ok(hostile.length >= api.service.sidecars.threshold);
    const inWorkerBefore = api.service.sidecars.stats.inWorker;

    // What happens in which order: the parse is handed over, then another command runs to its
    // answer on the extension host, and only then does the parse's result load the document.
    const order: string[] = [];
    let status: IndexStatus | undefined;
    const answered = new Promise<void>((resolve, reject) => {
      const sub = api.service.sidecars.onDidStartWorkerParse((t) => {
        if (t !== hostile) return;
        sub.dispose();
        order.push('parse handed to the worker');
        vscode.commands.executeCommand<IndexStatus>('corpusAnnotator.indexStatus').then((r) => {
          status = r;
          order.push('another command answered');
          resolve();
        }, reject);
      });
    });
    const loaded = new Promise<DocumentState>((resolve) => {
      const sub = api.service.onDidChangeDocument((s) => {
        if (s.sidecarUri.fsPath !== vscode.Uri.file(sidecar).fsPath || !s.problems.some((p) => p.code === 'too-complex')) return;
        sub.dispose();
        order.push('document loaded with the problem');
        resolve(s);
      });
    });
    fs.writeFileSync(sidecar, hostile);
    // The watcher reloads it too; loads of one document are serialised, so either load will do.
    await api.reload(docUri(DOC));
    const state = await loaded;
    await answered;

    assert.deepStrictEqual(order, ['parse handed to the worker', 'another command answered', 'document loaded with the problem']);
    assert.ok(status && status.documents > 0 && status.loaded > 0, `indexStatus answered with data: ${JSON.stringify(status)}`);
    assert.ok(api.service.sidecars.stats.inWorker > inWorkerBefore);
    assert.strictEqual(api.service.sidecars.stats.pending, 0);

    // The result: located, not writable, nothing read from the file.
    assert.strictEqual(state.writable, false);
    assert.deepStrictEqual(state.entities, []);
    const problem = state.problems.find((p) => p.code === 'too-complex')!;
    assert.strictEqual(problem.line, 5, `on the flow list's line: ${problem.message}`);
    assert.ok(problem.column > 1);
    const diags = api.diagnostics(vscode.Uri.file(sidecar));
    assert.ok(diags.some((d) => d.range.start.line === 4 && d.severity === vscode.DiagnosticSeverity.Error), 'in Problems at line 5');

    // Never overwritten: tagging is refused and the file stays as it was.
    const editor = await openDoc(DOC);
    select(editor, 'Xinhua News Agency');
    const created = await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'organization' });
    assert.strictEqual(created, undefined, 'the command refuses');
    assert.ok(fs.readFileSync(sidecar, 'utf8') === hostile, 'the file is unchanged on disk');
  });
});
