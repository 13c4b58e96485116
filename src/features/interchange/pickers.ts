/** What export and import work on: the questions they ask without arguments, and what their arguments name. */
import * as vscode from 'vscode';
import { FORMATS, formatById, type InterchangeFormat } from '../../core/interchange';
import { Cancelled, CannotAct } from '../../errors';
import type { CorpusFolder } from '../../workspace/documentState';
import type { FeatureContext } from '../context';
import { plural } from '../../core/text/plural';

export async function pickFormat(title: string): Promise<InterchangeFormat> {
  const picked = await vscode.window.showQuickPick(
    FORMATS.map((f) => ({ label: f.label, description: f.id, detail: f.description, format: f })),
    { title, placeHolder: 'Format', matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) throw new Cancelled();
  return picked.format;
}

/** The only corpus, or the one the person picks among the workspace folders. */
export async function pickCorpus(ctx: FeatureContext, title: string): Promise<CorpusFolder> {
  const corpora = [...ctx.corpus.corpora.values()].filter((c) => c.documents.size > 0);
  if (corpora.length === 0) throw new CannotAct('No corpus documents in this workspace: open a folder of plain-text documents first.');
  if (corpora.length === 1) return corpora[0];
  const picked = await vscode.window.showQuickPick(
    corpora.map((c) => ({ label: c.folder.name, description: plural(c.documents.size, 'document'), corpus: c })),
    { title, placeHolder: 'Corpus folder' },
  );
  if (!picked) throw new Cancelled();
  return picked.corpus;
}

/**
 * What a command run with arguments (from code or a keybinding) works on, asking nothing: the
 * format named by its id and the workspace's first corpus; a clear refusal for either missing.
 */
export function fromArguments(ctx: FeatureContext, formatId: string, verb: 'export' | 'import'): { format: InterchangeFormat; corpus: CorpusFolder } {
  const format = formatById(formatId);
  if (!format) throw new CannotAct(`Unknown ${verb} format "${formatId}" (one of ${FORMATS.map((f) => f.id).join(', ')}).`);
  const corpus = [...ctx.corpus.corpora.values()][0];
  if (!corpus) throw new CannotAct('No corpus is open: open a folder of documents first.');
  return { format, corpus };
}
