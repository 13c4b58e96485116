import * as vscode from 'vscode';
import { Cancelled, CannotAct } from '../errors';
import type { LogLevel } from '../workspace/log';
import { CommandId, ContextKey, PREFIX } from './commandIds';
import type { FeatureContext } from './context';

/** Runs a command body, turning CannotAct (and so refused writes) into messages instead of errors. */
export function guarded<A extends unknown[], R>(log: (message: string, level: LogLevel) => void, body: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await body(...args);
    } catch (e) {
      if (e instanceof Cancelled) return undefined;
      if (e instanceof CannotAct) {
        log(e.message, 'warn');
        void vscode.window.showWarningMessage(`Corpus Annotator: ${e.message}`);
        return undefined;
      }
      log(e instanceof Error ? (e.stack ?? e.message) : String(e), 'error');
      void vscode.window.showErrorMessage(`Corpus Annotator: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };
}

/** Registers `corpusAnnotator.<id>` (an id of COMMAND_IDS), guarded, and disposed with the extension. */
export function registerCommand<A extends unknown[], R>(ctx: FeatureContext, id: CommandId, body: (...args: A) => Promise<R>): void {
  ctx.extension.subscriptions.push(vscode.commands.registerCommand(`${PREFIX}${id}`, guarded((m, l) => ctx.log.write(m, l), body)));
}

/** Sets a context key of CONTEXT_KEYS for `when` clauses. */
export function setContext(key: ContextKey, value: unknown): void {
  void vscode.commands.executeCommand('setContext', `${PREFIX}${key}`, value);
}
