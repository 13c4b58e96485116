import * as vscode from 'vscode';
import { findOccurrences, overlaps, Span } from '../../core/anchoring/occurrences';
import type { EntityAnnotation, EntityType } from '../../core/model';
import { makeAnchor, newAnnotationId, SidecarChange } from '../../core/sidecar';
import type { LineIndex } from '../../core/text/lineIndex';
import { Cancelled, CannotAct, check } from '../../errors';
import { DocumentState, offsetOf, typeLabel } from '../../workspace/documentState';
import type { FeatureContext } from '../context';
import { activeDocument, ensureWritable } from '../shared/target';
import { pickType } from '../shared/typePicker';
import { plural } from '../../core/text/plural';

/** Arguments of `corpusAnnotator.tagEntity`: with `type`, it tags without any prompt. */
export interface TagArgs {
  type?: string;
  entity?: string;
  /** Internal (code actions): tag this code point span of this document instead of the selections. */
  uri?: string;
  spans?: Span[];
}

function resolveType(state: DocumentState, id: string): EntityType {
  const t = state.corpus.config.types.find((x) => x.id === id);
  if (!t) throw new CannotAct(`Unknown entity type "${id}". Known types: ${state.corpus.config.types.map((x) => x.id).join(', ')}.`);
  return t;
}

/** Code point spans of the editor's selections, or the word under each empty cursor, trimmed. */
function selectedSpans(editor: vscode.TextEditor, state: DocumentState): Span[] {
  const spans: Span[] = [];
  for (const sel of editor.selections) {
    const range = sel.isEmpty ? editor.document.getWordRangeAtPosition(sel.active) : sel;
    if (!range) continue;
    let start = offsetOf(state, range.start);
    let end = offsetOf(state, range.end);
    const quote = state.lines.cp.slice(start, end);
    const lead = Array.from(quote.match(/^\s*/u)![0]).length;
    const trail = Array.from(quote.match(/\s*$/u)![0]).length;
    start += lead;
    end = Math.max(start, end - trail);
    if (end > start) spans.push({ start, end });
  }
  return spans;
}

/** A new entity annotation of a span of `lines`' text (the document's: held, or read for the moment). */
export function newEntity(ctx: FeatureContext, lines: LineIndex, span: Span, type: string, entity?: string): EntityAnnotation {
  return {
    id: newAnnotationId(),
    type,
    ...makeAnchor(lines.cp, span.start, span.end),
    ...(entity ? { entity } : {}),
    ...ctx.corpus.stamp(),
  };
}

export async function tagEntity(ctx: FeatureContext, args?: TagArgs): Promise<EntityAnnotation[]> {
  const { editor, state } = await activeDocument(ctx.corpus, args?.uri ? vscode.Uri.parse(args.uri) : undefined);
  ensureWritable(state);
  const spans = args?.spans ?? (editor ? selectedSpans(editor, state) : []);
  if (spans.length === 0) throw new CannotAct('Select the text to tag, or put the cursor on a word.');
  const type = args?.type ? resolveType(state, args.type) : await pickType(state.corpus.config.types, ctx.extension.globalState, 'Tag as…');
  if (args?.entity && !state.corpus.config.entities.some((e) => e.id === args.entity)) {
    throw new CannotAct(`Unknown canonical entity "${args.entity}" (not in corpus.yaml's entities).`);
  }
  const created: EntityAnnotation[] = [];
  const duplicates: string[] = [];
  for (const span of spans) {
    const clash = state.entities.find((a) => a.type === type.id && a.status !== 'orphaned' && overlaps(a, span));
    if (clash) {
      duplicates.push(`"${clash.text}"`);
      continue;
    }
    created.push(newEntity(ctx, state.lines, span, type.id, args?.entity));
  }
  if (duplicates.length) {
    void vscode.window.showInformationMessage(`Already tagged as ${type.label}: ${duplicates.join(', ')}. No duplicate was created.`);
  }
  if (created.length === 0) return [];
  check(await ctx.corpus.change(state, `Tag ${created.length > 1 ? plural(created.length, 'span') : `"${created[0].text}"`} as ${type.label}`, created.map((a) => ({ kind: 'add', collection: 'entities', annotation: a }))));
  return created;
}

/** Arguments of `corpusAnnotator.tagAllOccurrences`; with `type` and `preview: false` it asks nothing. */
export interface TagAllArgs {
  text?: string;
  type?: string;
  entity?: string;
  scope?: 'document' | 'corpus';
  caseSensitive?: boolean;
  preview?: boolean;
}

interface Occurrence {
  state: DocumentState;
  /** The document's text when it was searched (a closed document's is read for the command). */
  lines: LineIndex;
  span: Span;
}

interface OccurrenceItem extends vscode.QuickPickItem {
  occurrence: Occurrence;
}

function contextOf(lines: LineIndex, span: Span): string {
  const before = lines.cp.slice(Math.max(0, span.start - 40), span.start).replace(/\s+/g, ' ');
  const after = lines.cp.slice(span.end, span.end + 40).replace(/\s+/g, ' ');
  return `…${before}【${lines.cp.slice(span.start, span.end)}】${after}…`;
}

export async function tagAllOccurrences(ctx: FeatureContext, args: TagAllArgs = {}): Promise<number> {
  const { editor, state } = await activeDocument(ctx.corpus);
  let needle = args.text;
  if (!needle && editor) {
    const span = selectedSpans(editor, state)[0];
    if (span) needle = state.lines.cp.slice(span.start, span.end);
  }
  if (!needle) throw new CannotAct('Select the text whose occurrences to tag.');
  const type = args.type ? resolveType(state, args.type) : await pickType(state.corpus.config.types, ctx.extension.globalState, `Tag every "${needle}" as…`);
  let scope = args.scope;
  if (!scope) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'This document', scope: 'document' as const },
        { label: 'The whole corpus', scope: 'corpus' as const },
      ],
      { title: `Tag every "${needle}" in…` },
    );
    if (!picked) throw new Cancelled();
    scope = picked.scope;
  }
  const caseSensitive = args.caseSensitive ?? ctx.settings.current.tagAllCaseSensitive;
  const targets = scope === 'corpus' ? [...state.corpus.documents.values()] : [state];
  const found: Occurrence[] = [];
  for (const doc of targets) {
    const held = await ctx.corpus.withText(doc);
    if (!held) continue;
    for (const span of findOccurrences(held.text, needle, { caseSensitive, wholeWord: true })) {
      const tagged = doc.entities.some((a) => a.status !== 'orphaned' && overlaps(a, span) && (a.type === type.id || (a.start === span.start && a.end === span.end)));
      if (!tagged) found.push({ state: doc, lines: held.lines, span });
    }
  }
  if (found.length === 0) {
    void vscode.window.showInformationMessage(`No untagged occurrence of "${needle}" in ${scope === 'corpus' ? 'the corpus' : 'this document'}.`);
    return 0;
  }
  let chosen = found;
  if (args.preview !== false) {
    const items: OccurrenceItem[] = found.map((o) => ({
      label: contextOf(o.lines, o.span),
      description: `${vscode.workspace.asRelativePath(o.state.uri)}:${o.lines.positionAt(o.span.start).line + 1}`,
      picked: true,
      occurrence: o,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: `Tag ${plural(found.length, 'occurrence')} of "${needle}" as ${type.label}`,
      placeHolder: 'Untick the occurrences to leave alone, then press Enter',
      matchOnDescription: true,
    });
    if (!picked) throw new Cancelled();
    chosen = picked.map((p) => p.occurrence);
  }
  const byDoc = new Map<DocumentState, Span[]>();
  const linesOf = new Map<DocumentState, LineIndex>();
  for (const o of chosen) {
    byDoc.set(o.state, [...(byDoc.get(o.state) ?? []), o.span]);
    linesOf.set(o.state, o.lines);
  }
  let count = 0;
  const refused: string[] = [];
  for (const [doc, spans] of byDoc) {
    if (!doc.writable) {
      refused.push(`${vscode.workspace.asRelativePath(doc.sidecarUri)} has an error and is left untouched.`);
      continue;
    }
    const changes: SidecarChange[] = spans.map((s) => ({ kind: 'add', collection: 'entities', annotation: newEntity(ctx, linesOf.get(doc)!, s, type.id, args.entity) }));
    const outcome = await ctx.corpus.change(doc, `Tag all "${needle}" as ${typeLabel(doc, type.id)}`, changes);
    if (outcome.ok) count += spans.length;
    else refused.push(outcome.message);
  }
  if (refused.length) void vscode.window.showWarningMessage(`Corpus Annotator: some occurrences were not tagged. ${refused.join(' ')}`);
  if (args.preview !== false) void vscode.window.showInformationMessage(`Tagged ${plural(count, 'occurrence')} of "${needle}" as ${type.label}.`);
  return count;
}
