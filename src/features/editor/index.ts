import * as vscode from 'vscode';
import type { FeatureContext } from '../context';
import { SuggestionActions } from './codeActions';
import { ReviewActions } from './reviewActions';
import { trackContextKeys } from './contextKeys';
import { Diagnostics } from './diagnostics';
import { AnnotationHover } from './hover';
import { SuggestionHover } from './suggestionHover';
import { LanguageMode } from './languageMode';
import { AnnotationStatus } from './statusBar';

const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'vscode-remote' }, { scheme: 'untitled' }];

/** What a corpus document's editor shows beyond highlights: hovers (of annotations and of suggestions), quick fixes, problems, the status bar, its language and context keys. */
export function register(ctx: FeatureContext): void {
  const { corpus, suggestions } = ctx;
  const diagnostics = new Diagnostics(corpus);
  const status = new AnnotationStatus(corpus);
  const languageMode = new LanguageMode(corpus, ctx.extension.workspaceState);
  ctx.extension.subscriptions.push(
    diagnostics,
    status,
    languageMode,
    vscode.languages.registerHoverProvider(SELECTOR, new AnnotationHover(corpus)),
    vscode.languages.registerHoverProvider(SELECTOR, new SuggestionHover(corpus, suggestions, ctx.settings)),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new ReviewActions(corpus), { providedCodeActionKinds: ReviewActions.kinds }),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new SuggestionActions(corpus, suggestions, ctx.settings), { providedCodeActionKinds: SuggestionActions.kinds }),
    trackContextKeys(corpus, ctx.ready),
  );
  ctx.expose({
    diagnostics: (uri) => diagnostics.get(uri),
    statusText: () => status.text,
    statusTooltip: () => status.tooltip,
    statusSends: () => status.sends,
    chosenLanguage: (uri) => languageMode.chosenLanguage(uri),
  });
}
