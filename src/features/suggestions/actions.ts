import * as vscode from 'vscode';
import { ENGINE_NAMES, type EngineName, type EntitySuggestion } from '../../core/suggest';
import { makeAnchor, type SidecarChange } from '../../core/sidecar';
import { Cancelled, CannotAct, check } from '../../errors';
import { typeLabel, type DocumentState } from '../../workspace/documentState';
import type { FeatureContext } from '../context';
import { activeDocument, ensureWritable } from '../shared/target';
import { newEntity } from '../tagging/tagCommands';
import type { LineIndex } from '../../core/text/lineIndex';
import { packSpans } from './packedSpans';
import type { SuggestionSource } from './source';
import { plural } from '../../core/text/plural';

/** Arguments of `corpusAnnotator.acceptSuggestion` / `rejectSuggestion`: one suggestion, by its span and type. */
export interface SuggestionArgs {
  uri: string;
  start: number;
  end: number;
  type: string;
}

export async function stateOf(ctx: FeatureContext, uri?: string): Promise<DocumentState> {
  return (await activeDocument(ctx.corpus, uri ? vscode.Uri.parse(uri) : undefined)).state;
}

/** The document's text and lines: held when it is open, read for the moment when it is closed. */
async function textOf(ctx: FeatureContext, state: DocumentState): Promise<{ text: string; lines: LineIndex }> {
  const held = await ctx.corpus.withText(state);
  if (!held) throw new CannotAct(`${vscode.workspace.asRelativePath(state.uri)} is gone from disk.`);
  return held;
}

function checkArgs(args: SuggestionArgs | undefined): SuggestionArgs {
  if (!args || typeof args.uri !== 'string' || !Number.isInteger(args.start) || !Number.isInteger(args.end) || typeof args.type !== 'string' || args.end <= args.start) {
    throw new CannotAct('Expected { uri, start, end, type } with code point offsets start < end.');
  }
  return args;
}

/** `corpusAnnotator.suggestEntities { uri, engines? }`: the document's suggestions, in text order, drawing nothing. */
export async function suggestEntitiesCommand(ctx: FeatureContext, source: SuggestionSource, args?: { uri?: string; engines?: string[] }): Promise<EntitySuggestion[]> {
  const state = await stateOf(ctx, args?.uri);
  let engines: EngineName[] | undefined;
  if (args?.engines) {
    const unknown = args.engines.filter((e) => !(ENGINE_NAMES as readonly string[]).includes(e));
    if (unknown.length) throw new CannotAct(`Unknown suggestion engine ${unknown.join(', ')}. Engines: ${ENGINE_NAMES.join(', ')}.`);
    engines = args.engines as EngineName[];
  }
  const list = await source.forDocument(state, engines);
  return list.map((s) => ({ ...s })).sort((a, b) => a.start - b.start);
}

/**
 * Accepts a suggestion: tags its span with `type` (its canonical entity kept when the type is the
 * suggested one), in an open or a closed document.
 */
export async function acceptSuggestion(ctx: FeatureContext, source: SuggestionSource, raw: SuggestionArgs | undefined, suggested?: EntitySuggestion): Promise<void> {
  const args = checkArgs(raw);
  const state = await stateOf(ctx, args.uri);
  ensureWritable(state);
  if (!state.corpus.config.types.some((t) => t.id === args.type)) throw new CannotAct(`Unknown entity type "${args.type}". Known types: ${state.corpus.config.types.map((t) => t.id).join(', ')}.`);
  const { lines } = await textOf(ctx, state);
  if (args.end > lines.cp.length) throw new CannotAct(`The span ${args.start}–${args.end} is past the end of the document.`);
  if (state.entities.some((a) => a.type === args.type && a.status !== 'orphaned' && a.start < args.end && args.start < a.end)) return;
  const known = suggested ?? (await source.forDocument(state)).find((s) => s.start === args.start && s.end === args.end);
  const entity = known && known.type === args.type ? known.entity : undefined;
  const annotation = newEntity(ctx, lines, { start: args.start, end: args.end }, args.type, entity);
  check(await ctx.corpus.change(state, `Accept "${annotation.text}" as ${typeLabel(state, args.type)}`, [{ kind: 'add', collection: 'entities', annotation }]));
}

/** Rejects a suggestion: its quote and type go to the sidecar's `rejections` and are never suggested again. */
export async function rejectSuggestion(ctx: FeatureContext, source: SuggestionSource, raw: SuggestionArgs | undefined): Promise<void> {
  const args = checkArgs(raw);
  const state = await stateOf(ctx, args.uri);
  ensureWritable(state);
  const anchor = makeAnchor((await textOf(ctx, state)).lines.cp, args.start, args.end);
  check(await ctx.corpus.reject(state, { text: anchor.text, type: args.type, context: anchor.prefix + anchor.text + anchor.suffix }));
  source.refresh();
}

/** Tags every suggestion of the document scoring at least a threshold the person picks, after a preview, as one undo step. */
export async function acceptInDocument(ctx: FeatureContext, source: SuggestionSource, args?: { uri?: string; minScore?: number }): Promise<number> {
  const state = await stateOf(ctx, args?.uri);
  ensureWritable(state);
  const all = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Computing suggestions…' }, () => source.forDocument(state));
  if (all.length === 0) throw new CannotAct('This document has no suggestions left.');
  let min = args?.minScore;
  if (min === undefined) {
    const thresholds = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0];
    const picked = await vscode.window.showQuickPick(
      thresholds.map((t) => {
        const n = all.filter((s) => s.score >= t).length;
        return { label: t === 0 ? 'Any score' : `Score ${t.toFixed(2)} or more`, description: plural(n, 'suggestion'), t };
      }),
      { title: 'Accept suggestions in this document', placeHolder: 'Accept every suggestion scoring at least…' },
    );
    if (!picked) throw new Cancelled();
    min = picked.t;
    const chosen = all.filter((s) => s.score >= min!);
    if (chosen.length === 0) throw new CannotAct('No suggestion scores that high.');
    const byType = new Map<string, number>();
    for (const s of chosen) byType.set(s.type, (byType.get(s.type) ?? 0) + 1);
    const preview = chosen.slice(0, 15).map((s) => `${s.text} — ${typeLabel(state, s.type)} (${s.engine} ${s.score.toFixed(2)})`);
    const detail = `${[...byType].map(([t, n]) => `${typeLabel(state, t)}: ${n}`).join(', ')}\n\n${preview.join('\n')}${chosen.length > preview.length ? `\n… and ${chosen.length - preview.length} more` : ''}\n\nOne undo step (Corpus: Undo Annotation Change) takes them all back.`;
    const ok = await vscode.window.showInformationMessage(`Accept ${plural(chosen.length, 'suggestion')}?`, { modal: true, detail }, 'Accept');
    if (ok !== 'Accept') throw new Cancelled();
  }
  const chosen = all.filter((s) => s.score >= min!);
  if (chosen.length === 0) return 0;
  const { lines } = await textOf(ctx, state);
  const changes: SidecarChange[] = chosen.map((s) => ({ kind: 'add', collection: 'entities', annotation: newEntity(ctx, lines, s, s.type, s.entity) }));
  check(await ctx.corpus.change(state, `Accept ${plural(chosen.length, 'suggestion')}`, changes));
  return chosen.length;
}

/** How many documents' texts pre-annotation holds at once. */
const PREANNOTATE_SLICE = 200;

/**
 * Suggestions for every document of every corpus, in the background on all cores, with progress
 * and cancel; the Documents view then shows how many each document has left.
 */
export async function preannotate(ctx: FeatureContext, source: SuggestionSource): Promise<{ documents: number; suggestions: number; cancelled: boolean }> {
  const docs = ctx.corpus.allDocuments();
  if (docs.length === 0) throw new CannotAct('There are no corpus documents to pre-annotate.');
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Pre-annotating the corpus', cancellable: true }, async (progress, token) => {
    const engines = source.engines();
    let total = 0;
    let done = 0;
    const byCorpus = new Map<string, DocumentState[]>();
    for (const d of docs) {
      const k = d.corpus.folder.uri.toString();
      byCorpus.set(k, [...(byCorpus.get(k) ?? []), d]);
    }
    const pool = source.widePool();
    try {
      for (const group of byCorpus.values()) {
        if (token.isCancellationRequested) break;
        const context = source.contextOf(group[0].corpus);
        if (pool) await pool.setContext(context.message());
        // Texts are read a slice at a time: a large corpus's closed documents hold none.
        for (let at = 0; at < group.length && !token.isCancellationRequested; at += PREANNOTATE_SLICE) {
          const slice = group.slice(at, at + PREANNOTATE_SLICE);
          const held = await Promise.all(slice.map((d) => ctx.corpus.withText(d)));
          const texts = new Map<string, string>();
          const jobs = slice.flatMap((d, i) => {
            const t = held[i];
            if (!t) return [];
            texts.set(d.key, t.text);
            return [{ id: d.key, text: t.text, annotated: packSpans(d.entities.filter((a) => a.status !== 'orphaned')), engines }];
          });
          const byKey = new Map(slice.map((d) => [d.key, d]));
          const onResults = (results: { id: string; suggestions: EntitySuggestion[] }[]) => {
            for (const r of results) {
              const state = byKey.get(r.id);
              if (!state) continue;
              source.store(state, texts.get(r.id)!, r.suggestions, context.version);
              total += source.counts.get(state.key) ?? 0;
            }
            done += results.length;
            progress.report({ message: `${done} of ${plural(docs.length, 'document')}, ${plural(total, 'suggestion')}`, increment: (100 * results.length) / docs.length });
          };
          if (pool) await pool.suggestMany(jobs, { isCancelled: () => token.isCancellationRequested, onResults, batchChars: 32 * 1024 });
          else
            for (const job of jobs) {
              if (token.isCancellationRequested) break;
              onResults([{ id: job.id, suggestions: await source.forDocument(byKey.get(job.id)!) }]);
            }
        }
      }
    } finally {
      void pool?.dispose();
      source.refresh();
    }
    ctx.log.write(`pre-annotation: ${done} of ${plural(docs.length, 'document')}, ${plural(total, 'suggestion')}${token.isCancellationRequested ? ' (cancelled)' : ''}`, 'info');
    return { documents: done, suggestions: total, cancelled: token.isCancellationRequested };
  });
}
