import * as vscode from 'vscode';
import { RefusalReason, refusalMessage, refusalReason } from '../core/annotations/refusal';
import type { Problem } from '../core/problems';

export type { RefusalReason } from '../core/annotations/refusal';

/** A write that was not made, and why, in a sentence that names the real reason. */
export interface Refused {
  ok: false;
  reason: RefusalReason;
  message: string;
  problems?: Problem[];
}

/**
 * What every write returns, sidecar or corpus.yaml: done (with what the write produced, `T`),
 * or refused with its reason. Writes never throw at their callers for a refusal.
 */
export type WriteOutcome<T extends object = object> = ({ ok: true } & T) | Refused;

/** A refusal from a writer's problems, for `uri`. */
export function refusedBy(uri: vscode.Uri, problems: Problem[], wasReadable = false): Refused {
  const reason = refusalReason(problems, wasReadable);
  return { ok: false, reason, message: refusalMessage(reason, vscode.workspace.asRelativePath(uri), problems[0]), problems };
}

/** A refusal for a reason known without a writer's problems. */
export function refused(reason: RefusalReason, uri: vscode.Uri | undefined, detail: string): Refused {
  return { ok: false, reason, message: refusalMessage(reason, uri ? vscode.workspace.asRelativePath(uri) : '', undefined, detail) };
}
