/**
 * A worker_threads entry that reads large sidecars, so a big or hostile file is parsed off the
 * extension host's thread. esbuild bundles it to dist/workspace/sidecarWorker.js. No `vscode` here.
 *
 * Message in:  { id, sidecarText, options: { knownTypes: Set<string>, documentText? } }
 * Reply:       { id, ok: true, result: SidecarRead } or { id, ok: false, error }
 * Everything crosses by structured clone: the result is plain data (no class instances), so the
 * extension host gets the same `{ value, problems, writable }` an inline parse would give.
 */
import { parentPort } from 'worker_threads';
import { readSidecarText, type SidecarRead, type SidecarReadOptions } from '../core/corpus/documentModel';

export interface SidecarWorkerRequest {
  id: number;
  sidecarText: string;
  options: SidecarReadOptions;
}

export type SidecarWorkerReply = { id: number; ok: true; result: SidecarRead } | { id: number; ok: false; error: string };

/** Answers one request (exported so the message contract is tested in plain Node, thread or not). */
export function handleSidecarRequest(msg: SidecarWorkerRequest): SidecarWorkerReply {
  try {
    return { id: msg.id, ok: true, result: readSidecarText(msg.sidecarText, msg.options) };
  } catch (e) {
    // readSidecarText does not throw; a failure here is a bug, reported to the caller, not lost.
    return { id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (msg: SidecarWorkerRequest) => port.postMessage(handleSidecarRequest(msg)));
}
