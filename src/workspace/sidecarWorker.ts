/**
 * A worker_threads entry that reads large sidecars, so a big or hostile file is parsed off the
 * extension host's thread. esbuild bundles it to dist/workspace/sidecarWorker.js. No `vscode` here.
 *
 * Message in:  { id, sidecarText, options: { knownTypes: Set<string>, documentText? } }
 * Reply:       { id, ok: true, result: SidecarRead } or { id, ok: false, error }
 * Message in:  { id, stat: string[] }   (local paths; the scan's checks of the scan cache, batched)
 * Reply:       { id, ok: true, result: FileStat[] }, one per path in order
 * Everything crosses by structured clone: the result is plain data (no class instances), so the
 * extension host gets the same `{ value, problems, writable }` an inline parse would give.
 */
import { statSync } from 'fs';
import { parentPort } from 'worker_threads';
import { readSidecarText, type SidecarRead, type SidecarReadOptions } from '../core/corpus/documentModel';

export interface SidecarWorkerRequest {
  id: number;
  sidecarText: string;
  options: SidecarReadOptions;
}

/** A batch of stats. */
export interface StatRequest {
  id: number;
  stat: string[];
}

/** A file's size and modification time (ms, as `Date.getTime` gives it), `null` when it is missing or not a file, or why the stat failed. */
export type FileStat = { size: number; mtime: number } | null | { error: string };

export type SidecarWorkerReply = { id: number; ok: true; result: SidecarRead } | { id: number; ok: false; error: string };
export type StatReply = { id: number; ok: true; result: FileStat[] };

/** Stats each path in turn: in a thread, a sync stat is cheaper than the async one's round trip on the extension host (2.5 against 10 µs of its time each, plain Node). */
export function statPaths(paths: readonly string[]): FileStat[] {
  return paths.map((p) => {
    try {
      const st = statSync(p, { throwIfNoEntry: false });
      return st && st.isFile() ? { size: st.size, mtime: st.mtime.getTime() } : null;
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  });
}

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
  port.on('message', (msg: SidecarWorkerRequest | StatRequest) =>
    port.postMessage('stat' in msg ? ({ id: msg.id, ok: true, result: statPaths(msg.stat) } satisfies StatReply) : handleSidecarRequest(msg)),
  );
}
