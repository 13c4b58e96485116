/** Corpus: Import Annotations… — annotations from an interchange file merged into the sidecars. */
import * as vscode from 'vscode';
import { planImport, type ImportSummary, type InterchangeFormat } from '../../core/interchange';
import { plural } from '../../core/text/plural';
import { Cancelled, CannotAct } from '../../errors';
import type { CorpusFolder } from '../../workspace/documentState';
import type { FeatureContext } from '../context';
import { exportDocuments } from './exportCommand';
import { readInput, toUri } from './files';
import { fromArguments, pickCorpus, pickFormat } from './pickers';

export interface ImportArgs {
  format: string;
  /** Absolute path or URI string of the file or folder to read. */
  path: string;
}

/** The summary the command returns: the plan's counts, less what is only logged. */
export type ImportReturn = Omit<ImportSummary, 'notes' | 'addedTypes' | 'addedEntities'>;

async function run(ctx: FeatureContext, corpus: CorpusFolder, format: InterchangeFormat, input: vscode.Uri, progress?: vscode.Progress<{ message?: string; increment?: number }>, token?: vscode.CancellationToken): Promise<ImportReturn> {
  const parsed = format.parse(await readInput(input, format, token));
  if (token?.isCancellationRequested) throw new CannotAct('Import cancelled: nothing was changed.');
  const docs = await exportDocuments(ctx, corpus, undefined, token);
  const root = corpus.folder.uri.path.replace(/\/$/, '') + '/';
  const stateOf = new Map([...corpus.documents.values()].map((s) => [s.uri.path.startsWith(root) ? s.uri.path.slice(root.length) : s.uri.path, s]));
  const plan = planImport(
    parsed,
    { documents: docs.map((d) => ({ ...d, writable: stateOf.get(d.path)!.writable, sidecar: `${d.path}.yaml` })), types: corpus.config.types, registry: corpus.config.entities },
    { created: new Date().toISOString() },
  );
  // Types and canonical entities first: the sidecars refer to them.
  if (plan.config.length) {
    const outcome = await ctx.registry.apply(corpus, plan.config);
    if (!outcome.ok) throw new CannotAct(`Nothing was imported: ${outcome.message}`);
  }
  const result: ImportReturn = { documents: 0, added: 0, duplicates: 0, moved: 0, orphaned: 0, skipped: [...plan.summary.skipped] };
  let done = 0;
  for (const d of plan.documents) {
    if (token?.isCancellationRequested) {
      result.skipped.push({ file: d.path, reason: 'import cancelled before this document' });
      continue;
    }
    const state = stateOf.get(d.path)!;
    if (d.changes.length) {
      const outcome = await ctx.corpus.change(state, `Import ${format.label}`, d.changes);
      if (!outcome.ok) {
        result.skipped.push({ file: `${d.path}.yaml`, reason: outcome.message });
        continue;
      }
    }
    result.documents++;
    result.added += d.added;
    result.duplicates += d.duplicates;
    result.moved += d.moved;
    result.orphaned += d.orphaned;
    progress?.report({ message: `${++done} of ${plural(plan.documents.length, 'document')}`, increment: 100 / plan.documents.length });
  }
  ctx.log.write(`imported ${format.id} from ${input.toString()}: ${result.added} added to ${plural(result.documents, 'document')}, ${result.duplicates} already there, ${result.moved} moved, ${result.orphaned} orphaned, ${result.skipped.length} skipped`);
  for (const n of plan.summary.notes) ctx.log.write(`  note: ${n}`);
  for (const s of result.skipped) ctx.log.write(`  skipped: ${s.file}: ${s.reason}`, 'warn');
  return result;
}

/** With arguments it asks nothing and returns the summary; without, it asks for a format and a file or folder. */
export async function importAnnotations(ctx: FeatureContext, args?: ImportArgs): Promise<ImportReturn | undefined> {
  await ctx.ready;
  if (args) {
    const { format, corpus } = fromArguments(ctx, args.format, 'import');
    return run(ctx, corpus, format, toUri(args.path));
  }
  const corpus = await pickCorpus(ctx, 'Import into which corpus?');
  const format = await pickFormat('Import annotations from…');
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: format.importsFolder,
    canSelectFiles: !format.importsFolder,
    canSelectMany: false,
    openLabel: 'Import',
    title: format.importsFolder ? `Import the ${format.label} folder` : `Import a ${format.label} file`,
    ...(format.importsFolder ? {} : { filters: { [format.label]: format.extensions.map((x) => x.slice(1)), 'All files': ['*'] } }),
  });
  if (!picked?.length) throw new Cancelled();
  const input = picked[0];
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Corpus Annotator: importing ${format.label}`, cancellable: true }, (progress, token) => run(ctx, corpus, format, input, progress, token));
  const review = result.moved + result.orphaned ? ` ${plural(result.moved, 'annotation')} moved and ${plural(result.orphaned, 'annotation')} orphaned: review them (they are flagged in the Documents view).` : '';
  const skipped = result.skipped.length ? ` ${plural(result.skipped.length, 'item')} skipped (see the Output log).` : '';
  const message = `Imported ${plural(result.added, 'annotation')} into ${plural(result.documents, 'document')}; ${result.duplicates} already there.${review}${skipped}`;
  const show = result.skipped.length ? vscode.window.showWarningMessage(message, 'Show Log') : vscode.window.showInformationMessage(message);
  void show.then((choice) => {
    if (choice === 'Show Log') ctx.log.show();
  });
  return result;
}
