import * as vscode from 'vscode';
import { overlaps } from '../../core/anchoring/occurrences';
import { resizeSpan, type ResizeDirection, type ResizeUnit, type SpanEdge } from '../../core/anchoring/resize';
import type { EntityAnnotation } from '../../core/model';
import { makeAnchor } from '../../core/sidecar';
import { CannotAct, check } from '../../errors';
import { typeLabel } from '../../workspace/documentState';
import type { CommandId } from '../commandIds';
import type { FeatureContext } from '../context';
import { ensureWritable, MentionNode, targetAnnotation } from '../shared/target';
import type { AnnotationArgs } from './annotationCommands';

export interface ResizeStep {
  edge: SpanEdge;
  unit: ResizeUnit;
  direction: ResizeDirection;
}

/** The eight commands that move one edge of the annotation under the cursor, and what each does. */
export const RESIZE_COMMANDS = {
  growAnnotationWordBefore: { edge: 'start', unit: 'word', direction: 'grow' },
  growAnnotationWordAfter: { edge: 'end', unit: 'word', direction: 'grow' },
  shrinkAnnotationFirstWord: { edge: 'start', unit: 'word', direction: 'shrink' },
  shrinkAnnotationLastWord: { edge: 'end', unit: 'word', direction: 'shrink' },
  growAnnotationCharacterBefore: { edge: 'start', unit: 'character', direction: 'grow' },
  growAnnotationCharacterAfter: { edge: 'end', unit: 'character', direction: 'grow' },
  shrinkAnnotationFirstCharacter: { edge: 'start', unit: 'character', direction: 'shrink' },
  shrinkAnnotationLastCharacter: { edge: 'end', unit: 'character', direction: 'shrink' },
} as const satisfies Partial<Record<CommandId, ResizeStep>>;

/** Why a step cannot be taken, said about the annotation's text. */
function refusal(a: EntityAnnotation, step: ResizeStep): string {
  const what = step.unit === 'word' ? 'word' : 'character';
  if (step.direction === 'shrink') {
    return `"${a.text}" has no ${what} to give back at its ${step.edge}: it would be empty. To drop it, use Remove Annotation.`;
  }
  return step.edge === 'start' ? `There is no ${what} before "${a.text}" to take in.` : `There is no ${what} after "${a.text}" to take in.`;
}

function describe(a: EntityAnnotation, step: ResizeStep, text: string): string {
  return `${step.direction === 'grow' ? 'Grow' : 'Shrink'} "${a.text}" to "${text}"`;
}

/**
 * Moves one edge of an annotation by a word or a character (core/anchoring/resize.ts), as one
 * undoable change through the write path. The new span is the person's own choice, so a moved
 * annotation is confirmed by it. The cursor stays on the annotation so the key can be pressed again.
 */
export async function resizeAnnotation(ctx: FeatureContext, step: ResizeStep, args?: AnnotationArgs | MentionNode): Promise<EntityAnnotation> {
  const { state, annotation, editor } = await targetAnnotation(ctx.corpus, args, step.direction);
  ensureWritable(state);
  if (annotation.status === 'orphaned') throw new CannotAct(`"${annotation.text}" is orphaned (its text is gone from the document): tag the text again instead.`);
  const held = await ctx.corpus.withText(state);
  if (!held) throw new CannotAct(`${vscode.workspace.asRelativePath(state.uri)} is gone from disk.`);
  const span = resizeSpan(held.lines.cp, annotation.start, annotation.end, step.edge, step.unit, step.direction);
  if (!span) throw new CannotAct(refusal(annotation, step));
  const clash = step.direction === 'grow' ? state.entities.find((o) => o.id !== annotation.id && o.type === annotation.type && o.status !== 'orphaned' && overlaps(o, span)) : undefined;
  if (clash) throw new CannotAct(`Growing "${annotation.text}" would overlap "${clash.text}", also tagged as ${typeLabel(state, annotation.type)}.`);
  const anchor = makeAnchor(held.lines.cp, span.start, span.end);
  check(await ctx.corpus.change(state, describe(annotation, step, anchor.text), [{ kind: 'update', id: annotation.id, set: { ...anchor, status: undefined } }]));
  const resized = state.entities.find((a) => a.id === annotation.id) ?? { ...annotation, ...anchor, status: undefined };
  if (editor && editor.document.uri.toString() === state.key && state.resident) keepCursorOn(editor, state.lines, span);
  return resized;
}

/** After a shrink the cursor may be left outside the annotation: it goes to the nearest place inside. */
function keepCursorOn(editor: vscode.TextEditor, lines: { offsetAt(p: { line: number; character: number }): number; positionAt(o: number): { line: number; character: number } }, span: { start: number; end: number }): void {
  const at = lines.offsetAt(editor.selection.active);
  if (at >= span.start && at <= span.end) return;
  const p = lines.positionAt(Math.min(Math.max(at, span.start), span.end));
  const pos = new vscode.Position(p.line, p.character);
  editor.selection = new vscode.Selection(pos, pos);
}
