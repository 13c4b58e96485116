import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { CorpusAnnotatorApi } from '../../src/api';

export async function getApi(): Promise<CorpusAnnotatorApi> {
  const ext = vscode.extensions.getExtension<CorpusAnnotatorApi>('corpus-annotator.corpus-annotator');
  assert.ok(ext, 'extension corpus-annotator.corpus-annotator is loaded');
  const api = await ext.activate();
  await api.ready;
  // Queries during the first build answer from what is indexed so far: these tests want it whole.
  await api.search.ready();
  return api;
}

export function workspaceDir(): string {
  return vscode.workspace.workspaceFolders![0].uri.fsPath;
}

export function docPath(name: string): string {
  return path.join(workspaceDir(), name);
}

export function docUri(name: string): vscode.Uri {
  return vscode.Uri.file(docPath(name));
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      // A probe may assert; keep trying until the deadline, then report its last complaint.
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Removes every sidecar, corpus.yaml and test document the tests wrote, puts the seed texts back, and reloads. */
export async function resetCorpus(api: CorpusAnnotatorApi, attempt = 1): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const seeds = path.resolve(__dirname, '../../../seeds');
  const restored: string[] = [];
  for (const f of fs.readdirSync(seeds)) {
    const target = path.join(workspaceDir(), f);
    if (!fs.existsSync(target) || !fs.readFileSync(target).equals(fs.readFileSync(path.join(seeds, f)))) {
      fs.copyFileSync(path.join(seeds, f), target);
      restored.push(target);
    }
  }
  // Closing a file's editors does not drop VS Code's model of it: until the file watcher reloads it,
  // the model holds the text and file time from before the copy, and the next test's save of that
  // document fails as a conflict with the newer file on disk (save() resolved false in a CI run).
  for (const target of restored) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === target);
    if (!doc) continue;
    const want = fs.readFileSync(target, 'utf8').replace(/^\uFEFF/, '');
    const reloaded = await waitFor(`${path.basename(target)} reloaded after the reset`, () => doc.getText() === want || undefined, 5_000).catch(() => false);
    if (!reloaded) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  }
  for (const f of fs.readdirSync(workspaceDir())) {
    if (f.endsWith('.yaml')) fs.rmSync(path.join(workspaceDir(), f));
  }
  for (const f of fs.readdirSync(workspaceDir())) {
    if (f.startsWith('test-') && f.endsWith('.txt')) fs.rmSync(path.join(workspaceDir(), f));
  }
  await api.service.scan();
  // A write the last test set off (a save's sidecar write lands after the save resolves) can
  // bring a sidecar back after it was removed: wait for the writes, and start again if one did.
  await api.service.writeQueue.settled();
  if (fs.readdirSync(workspaceDir()).some((f) => f.endsWith('.yaml')) && attempt < 3) await resetCorpus(api, attempt + 1);
}

export async function openDoc(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(docUri(name));
  return vscode.window.showTextDocument(doc);
}

/** Selects the n-th (0-based) occurrence of `text` in the editor. */
export function select(editor: vscode.TextEditor, text: string, occurrence = 0): vscode.Selection {
  const content = editor.document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = content.indexOf(text, at + 1);
    assert.ok(at >= 0, `"${text}" occurs ${occurrence + 1} times in ${editor.document.fileName}`);
  }
  const sel = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + text.length));
  editor.selection = sel;
  return sel;
}

export interface SidecarEntry {
  id: string;
  type: string;
  text: string;
  start: number;
  end: number;
  entity?: string;
  note?: string;
  status?: string;
  [key: string]: unknown;
}

/** The sidecar of a document as it is on disk, parsed with the yaml package. */
export function sidecarOnDisk(name: string): { entities: SidecarEntry[]; facts: SidecarEntry[]; [key: string]: unknown } | undefined {
  const file = `${docPath(name)}.yaml`;
  if (!fs.existsSync(file)) return undefined;
  const data = parse(fs.readFileSync(file, 'utf8')) as { entities?: SidecarEntry[]; facts?: SidecarEntry[] };
  return { ...data, entities: data.entities ?? [], facts: data.facts ?? [] };
}

/** Code point offsets of the n-th occurrence of `quote` in a file's normalised text. */
export function cpSpan(name: string, quote: string, occurrence = 0): { start: number; end: number } {
  const text = fs.readFileSync(docPath(name), 'utf8').replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(quote, at + 1);
  assert.ok(at >= 0, `"${quote}" is in ${name}`);
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(quote).length };
}

/** On a failed test, the extension's recent log goes into the report: it says why a command refused. */
export function logOnFailure(getApi: () => CorpusAnnotatorApi | undefined): void {
  afterEach(function () {
    const api = getApi();
    const file = process.env.CORPUS_ANNOTATOR_TEST_LOG;
    if (this.currentTest?.state === 'failed' && api && file) {
      fs.appendFileSync(file, `    --- extension log before "${this.currentTest.title}" failed:\n${api.service.recentLog.slice(-40).map((l) => `    ${l}`).join('\n')}\n`);
    }
  });
}

/**
 * The setup every integration suite shares: the extension's API, a corpus reset to the seeds
 * before each test, and the extension's log in the report when a test fails.
 */
export function useCorpus(): () => CorpusAnnotatorApi {
  let api: CorpusAnnotatorApi | undefined;
  before(async () => {
    api = await getApi();
  });
  logOnFailure(() => api);
  beforeEach(async () => {
    await resetCorpus(api!);
  });
  return () => api!;
}

/** Turns auto-save off for the enclosing suite: VS Code in the browser saves after a delay by default, and these tests decide when to save. */
export function useAutoSaveOff(): void {
  const files = () => vscode.workspace.getConfiguration('files');
  before(async () => {
    await files().update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    await files().update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
  });
}
