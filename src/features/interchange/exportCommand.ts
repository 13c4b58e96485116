/** Corpus: Export Annotations… — the corpus's annotations in one of the interchange formats. */
import * as vscode from 'vscode';
import { type Dropped, type ExportDocument, type InterchangeFormat } from '../../core/interchange';
import { plural } from '../../core/text/plural';
import { Cancelled, CannotAct } from '../../errors';
import type { CorpusFolder } from '../../workspace/documentState';
import { writeTextAtomic } from '../../workspace/fileSystem';
import type { FeatureContext } from '../context';
import { toUri } from './files';
import { fromArguments, pickCorpus, pickFormat } from './pickers';

export interface ExportArgs {
  format: string;
  /** Absolute path or URI string of the folder to write to. */
  folder: string;
  /** Relative paths of the documents to export (default: all). */
  documents?: string[];
}

export interface ExportReturn {
  files: string[];
  documents: number;
  annotations: number;
  dropped: Dropped[];
}

/**
 * A corpus's documents as the exporters take them, with any typing since the last pause applied.
 * Closed documents' texts are not held by the service: each is read for the moment.
 */
export async function exportDocuments(ctx: FeatureContext, corpus: CorpusFolder, only?: readonly string[], token?: vscode.CancellationToken): Promise<ExportDocument[]> {
  ctx.corpus.flushSync();
  const root = corpus.folder.uri.path.replace(/\/$/, '') + '/';
  const all = [...corpus.documents.values()].map((s) => ({ state: s, path: s.uri.path.startsWith(root) ? s.uri.path.slice(root.length) : s.uri.path.split('/').pop()! }));
  let chosen = all;
  if (only) {
    const byPath = new Map(all.map((d) => [d.path, d]));
    const missing = only.filter((p) => !byPath.has(p.replace(/\\/g, '/')));
    if (missing.length) throw new CannotAct(`Not documents of the corpus: ${missing.join(', ')}.`);
    chosen = only.map((p) => byPath.get(p.replace(/\\/g, '/'))!);
  }
  chosen.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const out: ExportDocument[] = [];
  for (const { state, path } of chosen) {
    if (token?.isCancellationRequested) throw new CannotAct('Cancelled: nothing was written.');
    const held = await ctx.corpus.withText(state);
    if (!held) {
      ctx.log.write(`${path} is gone from disk: left out`, 'warn');
      continue;
    }
    out.push({ path, text: held.text, entities: state.entities, facts: state.facts });
  }
  return out;
}

async function run(ctx: FeatureContext, corpus: CorpusFolder, format: InterchangeFormat, folder: vscode.Uri, only: readonly string[] | undefined, progress?: vscode.Progress<{ message?: string; increment?: number }>, token?: vscode.CancellationToken): Promise<ExportReturn> {
  await ctx.ready;
  progress?.report({ message: 'reading the documents' });
  const result = format.exportCorpus(await exportDocuments(ctx, corpus, only, token), { types: corpus.config.types, registry: corpus.config.entities });
  const files: string[] = [];
  for (const f of result.files) {
    if (token?.isCancellationRequested) throw new CannotAct(`Export cancelled: ${files.length} of ${plural(result.files.length, 'file')} written to ${folder.fsPath}.`);
    const uri = vscode.Uri.joinPath(folder, ...f.path.split('/'));
    await writeTextAtomic(uri, f.content);
    files.push(uri.scheme === 'file' ? uri.fsPath : uri.toString());
    progress?.report({ message: `${files.length} of ${plural(result.files.length, 'file')}`, increment: 100 / result.files.length });
  }
  ctx.log.write(`exported ${plural(result.annotations, 'annotation')} of ${plural(result.documents, 'document')} as ${format.id} to ${folder.toString()}; ${result.dropped.length} not carried as they are`);
  for (const d of result.dropped) ctx.log.write(`  ${d.document}: "${d.text}": ${d.reason}`);
  return { files, documents: result.documents, annotations: result.annotations, dropped: result.dropped };
}

/** The system's file manager on a local desktop; elsewhere (remote, web) the folder in a new window. */
function openFolder(folder: vscode.Uri): Thenable<unknown> {
  if (folder.scheme === 'file' && vscode.env.remoteName === undefined && vscode.env.uiKind === vscode.UIKind.Desktop) return vscode.commands.executeCommand('revealFileInOS', folder);
  return vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: true });
}

/** With arguments it asks nothing and returns what it wrote; without, it asks for a format and a folder. */
export async function exportAnnotations(ctx: FeatureContext, args?: ExportArgs): Promise<ExportReturn | undefined> {
  await ctx.ready;
  if (args) {
    const { format, corpus } = fromArguments(ctx, args.format, 'export');
    return run(ctx, corpus, format, toUri(args.folder), args.documents);
  }
  const corpus = await pickCorpus(ctx, 'Export which corpus?');
  const format = await pickFormat('Export annotations as…');
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Export Here', title: `Export ${format.label} to folder`, defaultUri: corpus.folder.uri });
  if (!picked?.length) throw new Cancelled();
  const folder = picked[0];
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Corpus Annotator: exporting ${format.label}`, cancellable: true }, (progress, token) => run(ctx, corpus, format, folder, undefined, progress, token));
  const dropped = result.dropped.length ? ` ${plural(result.dropped.length, 'annotation')} could not be carried as they are (see the Output log).` : '';
  void vscode.window.showInformationMessage(`Exported ${plural(result.annotations, 'annotation')} from ${plural(result.documents, 'document')} as ${format.label}.${dropped}`, 'Open Folder', ...(result.dropped.length ? ['Show Log'] : [])).then((choice) => {
    if (choice === 'Open Folder') void openFolder(folder);
    if (choice === 'Show Log') ctx.log.show();
  });
  return result;
}
