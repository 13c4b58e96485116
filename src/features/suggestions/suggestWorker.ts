/**
 * A worker_threads entry that computes entity suggestions (src/core/suggest) off the extension
 * host's thread: the model's parse costs ~150 ms for a seed document. esbuild bundles it to
 * dist/features/suggestions/suggestWorker.js. No `vscode` here.
 *
 * Messages in (each with a numeric `id`; the reply carries the same `id`):
 *   { id, op: 'context', tagged: TaggedText[] (counted: TaggedCounts), registry: CanonicalEntity[], rejections: {text,type}[] }
 *   { id, op: 'update', changes: TaggedChange[] (since the context it has), registry? (when changed), rejections }
 *   { id, op: 'suggest', docs: SuggestJob[] }      // result: EntitySuggestion[][] in the same order
 * Replies: { id, ok: true, result } or { id, ok: false, error }.
 */
import { parentPort } from 'worker_threads';
import type { WorkerReply } from '../shared/workerClient';
import type { CanonicalEntity } from '../../core/model';
import { DecisionIndex, RejectionSet, suggestEntities, type EngineName, type EntitySuggestion, type SuggestContext, type TaggedChange, type TaggedText } from '../../core/suggest';
import { unpackSpans } from './packedSpans';
import { backgroundThread } from '../../workspace/threadPriority';

export interface SuggestJob {
  id: string;
  text: string;
  /** Spans already annotated (code points, packSpans): nothing is suggested over them. */
  annotated?: Int32Array;
  engines?: EngineName[];
}

export interface ContextMessage {
  tagged: TaggedText[];
  registry: CanonicalEntity[];
  rejections: { text: string; type: string }[];
}

/** A context brought up to date: the changes in tagged strings since the one the worker has (cloning every distinct string again cost the extension host tens of milliseconds per tag). */
export interface ContextUpdate {
  changes: TaggedChange[];
  /** Absent when it is the one the worker has. */
  registry?: readonly CanonicalEntity[];
  rejections: { text: string; type: string }[];
}

export type SuggestWorkerRequest = ({ op: 'context' } & ContextMessage & { id: number }) | ({ op: 'update' } & ContextUpdate & { id: number }) | { id: number; op: 'suggest'; docs: SuggestJob[] };
export type SuggestWorkerReply = WorkerReply;

export function contextOf(msg: ContextMessage): SuggestContext {
  return { decisions: new DecisionIndex(msg.tagged), registry: msg.registry, rejections: new RejectionSet(msg.rejections) };
}

/** The context with `update` applied: its decisions changed in place, the registry and rejections replaced. */
export function updatedContext(context: SuggestContext, update: ContextUpdate): SuggestContext {
  if (!context.decisions) throw new Error('a context update came before the context');
  for (const change of update.changes) context.decisions.apply(change);
  const rejections = new RejectionSet(update.rejections);
  // The same rejections keep the same set, so the prepared sources stay (DecisionIndex.prepared).
  return { decisions: context.decisions, registry: update.registry ?? context.registry, rejections: context.rejections?.equals(rejections) ? context.rejections : rejections };
}

export function suggestJobs(context: SuggestContext, docs: readonly SuggestJob[]): EntitySuggestion[][] {
  return docs.map((d) => suggestEntities(d.text, context, { annotated: d.annotated && unpackSpans(d.annotated), engines: d.engines }));
}

if (parentPort) {
  const port = parentPort;
  backgroundThread();
  let context: SuggestContext = {};
  port.on('message', (msg: SuggestWorkerRequest) => {
    let reply: SuggestWorkerReply;
    try {
      if (msg.op === 'context') {
        context = contextOf(msg);
        reply = { id: msg.id, ok: true, result: null };
      } else if (msg.op === 'update') {
        context = updatedContext(context, msg);
        reply = { id: msg.id, ok: true, result: null };
      } else reply = { id: msg.id, ok: true, result: suggestJobs(context, msg.docs) };
    } catch (e) {
      reply = { id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
}
