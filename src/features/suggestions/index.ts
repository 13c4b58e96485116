import * as vscode from 'vscode';
import { registerCommand } from '../commands';
import type { FeatureContext } from '../context';
import { pickType } from '../shared/typePicker';
import { acceptInDocument, acceptSuggestion, preannotate, rejectSuggestion, stateOf, suggestEntitiesCommand, type SuggestionArgs } from './actions';
import { ReviewWalk } from './review';
import { plural } from '../../core/text/plural';

/**
 * Entity suggestions (src/core/suggest) in the editor: the commands that list, accept and reject
 * them, the review walk, accepting a document's suggestions above a score, and pre-annotating the
 * corpus. Drawing is the decorations feature's, quick fixes the editor's; both read `ctx.suggestions`.
 */
export function register(ctx: FeatureContext): void {
  const source = ctx.suggestions;
  const review = new ReviewWalk(ctx, source);
  ctx.extension.subscriptions.push(review);
  registerCommand(ctx, 'suggestEntities', (args?: { uri?: string; engines?: string[] }) => suggestEntitiesCommand(ctx, source, args));
  registerCommand(ctx, 'acceptSuggestion', (args?: SuggestionArgs) => acceptSuggestion(ctx, source, args));
  registerCommand(ctx, 'rejectSuggestion', (args?: SuggestionArgs) => rejectSuggestion(ctx, source, args));
  registerCommand(ctx, 'acceptSuggestionAs', async (args?: SuggestionArgs) => {
    const state = await stateOf(ctx, args?.uri);
    const type = await pickType(state.corpus.config.types, ctx.extension.globalState, 'Accept as…', args?.type);
    await acceptSuggestion(ctx, source, args ? { ...args, type: type.id } : undefined);
  });
  registerCommand(ctx, 'acceptSuggestionsInDocument', (args?: { uri?: string; minScore?: number }) => acceptInDocument(ctx, source, args));
  registerCommand(ctx, 'preannotateCorpus', () => preannotate(ctx, source));
  registerCommand(ctx, 'reviewSuggestions', (args?: { uri?: string }) => review.start(args?.uri));
  registerCommand(ctx, 'reviewAccept', async () => review.accept());
  registerCommand(ctx, 'reviewAcceptAs', async (key?: string) => review.accept(typeof key === 'string' ? key : undefined));
  registerCommand(ctx, 'reviewReject', async () => review.reject());
  registerCommand(ctx, 'reviewSkip', async () => review.skip());
  registerCommand(ctx, 'reviewStop', async () => review.stop());
  // Reviewing a document that is closed or changed makes no sense: stop.
  ctx.extension.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (review.active && review.snapshot()?.uri === e.document.uri.toString() && e.contentChanges.length) review.stop();
    }),
  );
  void ctx.ready.then(async () => {
    const moved = await source.migrateIgnored();
    if (moved) ctx.log.write(`moved ${plural(moved, 'ignored suggestion')} from workspace state to sidecar rejections`, 'info');
  });
  ctx.expose({ reviewState: () => review.snapshot(), suggestionCounts: () => new Map(source.counts) });
}
