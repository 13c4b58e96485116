import * as vscode from 'vscode';
import type { CanonicalEntity, EntityAnnotation } from '../../core/model';
import { Cancelled, CannotAct, check } from '../../errors';
import { cursorOffset, DocumentState, rangeOf, typeLabel } from '../../workspace/documentState';
import type { FeatureContext } from '../context';
import { activeDocument, ensureWritable, MentionNode, targetAnnotation } from '../shared/target';
import { pickType } from '../shared/typePicker';
import { LinkPickerItem, pickLinkTarget } from './linkPicker';

export interface AnnotationArgs {
  /** The annotation's id; without it, the annotation under the cursor. */
  id?: string;
  /** The document's URI as a string; without it, the active editor's document. */
  uri?: string;
}

/** `args` may also be a mention row of the Corpus views (their context menu). */
export async function removeAnnotation(ctx: FeatureContext, args?: AnnotationArgs | MentionNode): Promise<boolean> {
  const { state, annotation } = await targetAnnotation(ctx.corpus, args, 'remove');
  ensureWritable(state);
  check(await ctx.corpus.change(state, `Remove "${annotation.text}"`, [{ kind: 'remove', id: annotation.id }]));
  return true;
}

/** Clears an annotation's `moved` mark: a person checked its position (saving never does). `args` as for removeAnnotation. */
export async function confirmPosition(ctx: FeatureContext, args?: AnnotationArgs | MentionNode): Promise<boolean> {
  const { state, annotation } = await targetAnnotation(ctx.corpus, args, 'confirm');
  ensureWritable(state);
  if (annotation.status !== 'moved') return false;
  check(await ctx.corpus.change(state, `Confirm the position of "${annotation.text}"`, [{ kind: 'update', id: annotation.id, set: { status: undefined } }]));
  return true;
}

export async function changeType(ctx: FeatureContext, args?: AnnotationArgs & { type?: string }): Promise<boolean> {
  const { state, annotation } = await targetAnnotation(ctx.corpus, args, 'retype');
  ensureWritable(state);
  const type = args?.type ?? (await pickType(state.corpus.config.types, ctx.extension.globalState, `Change the type of "${annotation.text}" to…`, annotation.type)).id;
  if (!state.corpus.config.types.some((t) => t.id === type)) throw new CannotAct(`Unknown entity type "${type}".`);
  if (type === annotation.type) return false;
  check(await ctx.corpus.change(state, `Retype "${annotation.text}" as ${typeLabel(state, type)}`, [{ kind: 'update', id: annotation.id, set: { type } }]));
  return true;
}

export async function addNote(ctx: FeatureContext, args?: AnnotationArgs & { note?: string }): Promise<boolean> {
  const { state, annotation } = await targetAnnotation(ctx.corpus, args, 'annotate with a note');
  ensureWritable(state);
  let note = args?.note;
  if (note === undefined) {
    note = await vscode.window.showInputBox({
      title: `Note on "${annotation.text}"`,
      value: annotation.note ?? '',
      prompt: 'Leave empty to remove the note',
    });
    if (note === undefined) throw new Cancelled();
  }
  const value = note.trim() ? note : undefined;
  check(await ctx.corpus.change(state, `Note on "${annotation.text}"`, [{ kind: 'update', id: annotation.id, set: { note: value } }]));
  return true;
}

export interface LinkArgs extends AnnotationArgs {
  /** Id of an existing canonical entity. */
  entity?: string;
  /** Create a new canonical entity from the annotation, with this id (derived from the text when empty). */
  create?: { id?: string; name?: string; aliases?: string[]; externalId?: string };
}

/**
 * Links the annotation under the cursor to a canonical entity of the corpus registry, or creates
 * one from it. The mention's text becomes an alias of the entity when it is neither its name nor
 * an alias yet: linking `Pékin` to Beijing teaches the corpus that they are one. The picker offers
 * the entity named like the mention first (linkPicker.ts), so linking never duplicates by accident.
 */
export async function linkEntity(ctx: FeatureContext, args?: LinkArgs, onPickerOpen: (qp: vscode.QuickPick<LinkPickerItem> | undefined) => void = () => undefined): Promise<string | undefined> {
  const { state, annotation } = await targetAnnotation(ctx.corpus, args, 'link');
  ensureWritable(state);
  const entities = state.corpus.config.entities;
  let target: CanonicalEntity | undefined;
  let create = args?.create;
  if (args?.entity) {
    target = entities.find((e) => e.id === args.entity);
    if (!target) throw new CannotAct(`Unknown canonical entity "${args.entity}" (not in corpus.yaml's entities).`);
  } else if (!create) {
    const picked = await pickLinkTarget(state, annotation, onPickerOpen);
    if (picked.create) create = {};
    else target = picked.entity;
  }
  if (create) {
    target = check(
      await ctx.registry.createEntity(state.corpus, {
        id: create.id,
        name: create.name ?? annotation.text,
        type: annotation.type,
        aliases: create.aliases ?? [],
        externalId: create.externalId,
      }),
    ).entity;
  } else if (target) {
    check(await ctx.registry.addAlias(state.corpus, target.id, annotation.text));
  }
  if (!target) return undefined;
  check(await ctx.corpus.change(state, `Link "${annotation.text}" to ${target.name}`, [{ kind: 'update', id: annotation.id, set: { entity: target.id } }]));
  return target.id;
}

function sortedByPosition(state: DocumentState): EntityAnnotation[] {
  return state.entities.filter((a) => a.status !== 'orphaned').sort((a, b) => a.start - b.start || a.end - b.end);
}

export async function gotoAnnotation(ctx: FeatureContext, direction: 1 | -1): Promise<EntityAnnotation | undefined> {
  const { editor, state } = await activeDocument(ctx.corpus);
  if (!editor) throw new CannotAct('Open a corpus document first.');
  const list = sortedByPosition(state);
  if (list.length === 0) throw new CannotAct('This document has no annotations yet.');
  const here = cursorOffset(editor, state);
  const next = direction === 1 ? list.find((a) => a.start > here) ?? list[0] : [...list].reverse().find((a) => a.start < here) ?? list[list.length - 1];
  const range = rangeOf(state, next);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return next;
}

export async function undoRedo(ctx: FeatureContext, which: 'undo' | 'redo', args?: { uri?: string }): Promise<string | undefined> {
  const { state } = await activeDocument(ctx.corpus, args?.uri ? vscode.Uri.parse(args.uri) : undefined);
  ensureWritable(state);
  const outcome = check(which === 'undo' ? await ctx.corpus.undo(state) : await ctx.corpus.redo(state));
  vscode.window.setStatusBarMessage(`$(check) ${which === 'undo' ? 'Undid' : 'Redid'}: ${outcome.label}`, 3000);
  return outcome.label;
}
