/** The questions export and import ask when run without arguments. */
import * as vscode from 'vscode';
import { FORMATS, type InterchangeFormat } from '../../core/interchange';
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
