import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from '../../src/api';
import { docUri, openDoc, useCorpus, waitFor } from './helpers';

const DOC = '002_0a0484aff5f38808.txt';

/** The Corpus Text language: set on every corpus document as it opens, unless a person chose another. */
describe('Corpus Text language', () => {
  const corpus = useCorpus();
  let api: CorpusAnnotatorApi;
  beforeEach(() => {
    api = corpus();
  });
  after(async () => {
    // Leave the document as the other suites expect it.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === docUri(DOC).toString());
    if (doc && doc.languageId !== 'corpus-text') await vscode.languages.setTextDocumentLanguage(doc, 'corpus-text');
  });

  it('opens a corpus document in Corpus Text', async () => {
    const editor = await openDoc(DOC);
    await waitFor('Corpus Text', () => editor.document.languageId === 'corpus-text');
    assert.strictEqual(api.chosenLanguage(editor.document.uri), undefined);
  });

  it('keeps a language a person chose (even Plain Text), and forgets the choice when they pick Corpus Text again', async () => {
    const editor = await openDoc(DOC);
    await waitFor('Corpus Text', () => editor.document.languageId === 'corpus-text');
    const uri = editor.document.uri;

    await vscode.languages.setTextDocumentLanguage(editor.document, 'markdown');
    await waitFor('the choice of Markdown remembered', () => api.chosenLanguage(uri) === 'markdown');

    let doc = await vscode.languages.setTextDocumentLanguage(editor.document, 'plaintext');
    await waitFor('the choice of Plain Text remembered', () => api.chosenLanguage(uri) === 'plaintext');
    // A re-read of the corpus re-applies the language to open documents: the choice must hold.
    await api.reload(uri);
    assert.strictEqual(doc.languageId, 'plaintext', 'Plain Text was chosen, so it is kept');

    doc = await vscode.languages.setTextDocumentLanguage(doc, 'corpus-text');
    await waitFor('the choice forgotten', () => api.chosenLanguage(uri) === undefined);
    assert.strictEqual(doc.languageId, 'corpus-text');
  });

  it('does not switch a plain-text file that is not a corpus document', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'Beijing, Tianjin and Hebei.' });
    await vscode.window.showTextDocument(doc);
    // Opening a corpus document afterwards proves the listener ran in between.
    const other = await openDoc(DOC);
    await waitFor('Corpus Text on the corpus document', () => other.document.languageId === 'corpus-text');
    assert.strictEqual(doc.languageId, 'plaintext');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
