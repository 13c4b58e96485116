import type { FeatureContext } from '../context';
import { registerCommand } from '../commands';
import { addNote, AnnotationArgs, changeType, confirmPosition, gotoAnnotation, linkEntity, LinkArgs, removeAnnotation, undoRedo } from './annotationCommands';
import { recordFact, RecordFactArgs } from './recordFact';

/** Acting on annotations: remove, retype, note, link, navigate, undo and redo; recording facts. */
export function register(ctx: FeatureContext): void {
  registerCommand(ctx, 'removeAnnotation', (args?: AnnotationArgs) => removeAnnotation(ctx, args));
  registerCommand(ctx, 'confirmPosition', (args?: AnnotationArgs) => confirmPosition(ctx, args));
  registerCommand(ctx, 'changeType', (args?: AnnotationArgs & { type?: string }) => changeType(ctx, args));
  registerCommand(ctx, 'addNote', (args?: AnnotationArgs & { note?: string }) => addNote(ctx, args));
  registerCommand(ctx, 'linkEntity', (args?: LinkArgs) => linkEntity(ctx, args));
  registerCommand(ctx, 'nextAnnotation', () => gotoAnnotation(ctx, 1));
  registerCommand(ctx, 'previousAnnotation', () => gotoAnnotation(ctx, -1));
  registerCommand(ctx, 'undo', (args?: { uri?: string }) => undoRedo(ctx, 'undo', args));
  registerCommand(ctx, 'redo', (args?: { uri?: string }) => undoRedo(ctx, 'redo', args));
  registerCommand(ctx, 'recordFact', (args?: RecordFactArgs) => recordFact(ctx, args));
}
