import * as vscode from 'vscode';
import type { FeatureContext } from '../context';
import { Highlighter } from './highlighter';

/** Inline highlights of annotations and suggested mentions in every visible corpus editor. */
export function register(ctx: FeatureContext): void {
  const highlighter = new Highlighter(ctx.corpus, ctx.settings.current, ctx.suggestions);
  ctx.extension.subscriptions.push(highlighter, ctx.settings.onDidChange((settings) => highlighter.updateSettings(settings)));
  void ctx.ready.then(() => highlighter.scheduleAll());
  ctx.expose({
    decorationKey: (typeId) => highlighter.decorationKeyOf(typeId),
    decorationOptions: (typeId) => highlighter.decorationOptionsOf(typeId),
    suggestions: (uri) => highlighter.drawnSuggestions.get(uri.toString()) ?? [],
    drawNow: () => {
      for (const e of vscode.window.visibleTextEditors) highlighter.draw(e);
    },
  });
}
