import type * as vscode from 'vscode';
import type { FeatureContext } from '../context';
import { registerCommand } from '../commands';
import { addNote, AnnotationArgs, changeType, confirmPosition, gotoAnnotation, linkEntity, LinkArgs, removeAnnotation, undoRedo } from './annotationCommands';
import type { MentionNode } from '../shared/target';
import type { LinkPickerItem } from './linkPicker';
import { recordFact, RecordFactArgs } from './recordFact';
import { resizeAnnotation, RESIZE_COMMANDS, ResizeStep } from './resize';

/** Acting on annotations: remove, confirm, retype, note, link, resize, navigate, undo and redo; recording facts. */
export function register(ctx: FeatureContext): void {
  registerCommand(ctx, 'removeAnnotation', (args?: AnnotationArgs | MentionNode) => removeAnnotation(ctx, args));
  registerCommand(ctx, 'confirmPosition', (args?: AnnotationArgs | MentionNode) => confirmPosition(ctx, args));
  registerCommand(ctx, 'changeType', (args?: AnnotationArgs & { type?: string }) => changeType(ctx, args));
  registerCommand(ctx, 'addNote', (args?: AnnotationArgs & { note?: string }) => addNote(ctx, args));
  let linkPicker: vscode.QuickPick<LinkPickerItem> | undefined;
  registerCommand(ctx, 'linkEntity', (args?: LinkArgs) => linkEntity(ctx, args, (qp) => (linkPicker = qp)));
  registerCommand(ctx, 'nextAnnotation', () => gotoAnnotation(ctx, 1));
  registerCommand(ctx, 'previousAnnotation', () => gotoAnnotation(ctx, -1));
  registerCommand(ctx, 'undo', (args?: { uri?: string }) => undoRedo(ctx, 'undo', args));
  registerCommand(ctx, 'redo', (args?: { uri?: string }) => undoRedo(ctx, 'redo', args));
  registerCommand(ctx, 'recordFact', (args?: RecordFactArgs) => recordFact(ctx, args));
  // Resizes run one after another: a key held down or pressed quickly steps from the span the
  // previous press wrote, not from the one it started with.
  let resizing: Promise<unknown> = Promise.resolve();
  const resize = (step: ResizeStep) => (args?: AnnotationArgs | MentionNode) => {
    const run = resizing.then(() => resizeAnnotation(ctx, step, args));
    resizing = run.catch(() => undefined);
    return run;
  };
  registerCommand(ctx, 'growAnnotationWordBefore', resize(RESIZE_COMMANDS.growAnnotationWordBefore));
  registerCommand(ctx, 'growAnnotationWordAfter', resize(RESIZE_COMMANDS.growAnnotationWordAfter));
  registerCommand(ctx, 'shrinkAnnotationFirstWord', resize(RESIZE_COMMANDS.shrinkAnnotationFirstWord));
  registerCommand(ctx, 'shrinkAnnotationLastWord', resize(RESIZE_COMMANDS.shrinkAnnotationLastWord));
  registerCommand(ctx, 'growAnnotationCharacterBefore', resize(RESIZE_COMMANDS.growAnnotationCharacterBefore));
  registerCommand(ctx, 'growAnnotationCharacterAfter', resize(RESIZE_COMMANDS.growAnnotationCharacterAfter));
  registerCommand(ctx, 'shrinkAnnotationFirstCharacter', resize(RESIZE_COMMANDS.shrinkAnnotationFirstCharacter));
  registerCommand(ctx, 'shrinkAnnotationLastCharacter', resize(RESIZE_COMMANDS.shrinkAnnotationLastCharacter));
  ctx.expose({ linkPicker: () => linkPicker });
}
