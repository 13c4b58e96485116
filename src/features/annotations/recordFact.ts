import * as vscode from 'vscode';
import type { FactAnnotation } from '../../core/model';
import { makeAnchor, newAnnotationId } from '../../core/sidecar';
import { Cancelled, CannotAct, check } from '../../errors';
import { DocumentState, offsetOf } from '../../workspace/documentState';
import type { FeatureContext } from '../context';
import { activeDocument, ensureWritable } from '../shared/target';

/** Arguments of `corpusAnnotator.recordFact`; given any of them, it asks for nothing. */
export interface RecordFactArgs {
  subject?: string;
  predicate?: string;
  value?: string;
  date?: string;
  note?: string;
}

/** Records the selection as a fact in the sidecar, with optional subject, predicate, value and date. */
export async function recordFact(ctx: FeatureContext, args?: RecordFactArgs): Promise<FactAnnotation | undefined> {
  const { editor, state } = await activeDocument(ctx.corpus);
  ensureWritable(state);
  if (!editor || editor.selection.isEmpty) throw new CannotAct('Select the statement to record as a fact.');
  const sel = editor.selection;
  const start = offsetOf(state, sel.start);
  const end = offsetOf(state, sel.end);
  const fields = args ?? (await askFactFields(state));
  const fact: FactAnnotation = {
    id: newAnnotationId('fact'),
    ...makeAnchor(state.text, start, end),
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === 'string' && v.trim() !== '')),
    ...ctx.corpus.stamp(),
  };
  check(await ctx.corpus.change(state, `Record fact "${fact.text.slice(0, 40)}"`, [{ kind: 'add', collection: 'facts', annotation: fact }]));
  return fact;
}

async function askFactFields(state: DocumentState): Promise<RecordFactArgs> {
  const none = { label: '$(circle-slash) No subject', id: undefined as string | undefined };
  const subject = await vscode.window.showQuickPick([none, ...state.corpus.config.entities.map((e) => ({ label: e.name, description: e.type, detail: e.aliases.join(', ') || undefined, id: e.id as string | undefined }))], {
    title: 'Record fact (1/4): subject entity',
    placeHolder: 'The canonical entity the fact is about (optional)',
    matchOnDetail: true,
  });
  if (!subject) throw new Cancelled();
  const ask = async (step: number, what: string, placeHolder: string) => {
    const v = await vscode.window.showInputBox({ title: `Record fact (${step}/4): ${what}`, placeHolder, prompt: 'Optional: press Enter to leave empty' });
    if (v === undefined) throw new Cancelled();
    return v;
  };
  const predicate = await ask(2, 'predicate', 'e.g. gdp, length, opened, signed');
  const value = await ask(3, 'value', 'e.g. 4.4 trillion yuan, 11.9 km');
  const date = await ask(4, 'date', 'e.g. 2023, 2024-08-07');
  return { subject: subject.id, predicate, value, date };
}
