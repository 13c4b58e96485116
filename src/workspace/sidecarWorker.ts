/**
 * A worker_threads entry that reads large sidecars, so a big or hostile file is parsed off the
 * extension host's thread. esbuild bundles it to dist/workspace/sidecarWorker.js. No `vscode` here.
 *
 * Message in:  { id, sidecarText, options: { knownTypes: Set<string>, documentText? } }
 * Reply:       { id, ok: true, result: SidecarRead } or { id, ok: false, error }
 * Message in:  { id, stat: string[] }   (local paths; the scan's checks of the scan cache, batched)
 * Reply:       { id, ok: true, result: FileStat[] }, one per path in order
 * Message in:  { id, load: { path, sidecarPath, name, knownTypes } }   (a closed local document the scan reads)
 * Reply:       { id, ok: true, result: CachedDocument | null } (null: the document file is gone) or { id, ok: false, error }
 * Everything crosses by structured clone: the result is plain data (no class instances), so the
 * extension host gets the same `{ value, problems, writable }` an inline parse would give.
 */
import { createHash } from 'crypto';
import { statSync } from 'fs';
import { parentPort } from 'worker_threads';
import { cacheEntryOf, documentKey, sidecarKey, type CachedDocument } from '../core/cache/scanCache';
import { readDocumentModel, readSidecarText, type SidecarRead, type SidecarReadOptions } from '../core/corpus/documentModel';
import { useNativeSha256 } from '../core/sidecar/hash';
import { readLocalText } from './localText';
import { backgroundThread } from './threadPriority';

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

/** A closed local document for the scan to read: its files, its file name, the types its corpus knows. */
export interface LoadRequest {
  id: number;
  load: { path: string; sidecarPath: string; name: string; knownTypes: string[] };
}

export type SidecarWorkerReply = { id: number; ok: true; result: SidecarRead } | { id: number; ok: false; error: string };
export type StatReply = { id: number; ok: true; result: FileStat[] };
export type LoadReply = { id: number; ok: true; result: CachedDocument | null } | { id: number; ok: false; error: string };

/** A local file's size and modification time as the extension host's `statFile` gives them; undefined when it is missing or not a file. */
function statLocal(path: string): { size: number; mtime: number } | undefined {
  const st = statSync(path, { throwIfNoEntry: false });
  return st && st.isFile() ? { size: st.size, mtime: st.mtime.getTime() } : undefined;
}

/**
 * Reads a closed document from its files as DocumentReader.fromDisk does on the extension host
 * (stamps first, then the texts, then readDocumentModel), as the scan cache entry it makes: at a
 * first start of 10,000 documents the reading, hashing, parsing and re-anchoring were most of the
 * extension host's 12 s of scanning, and their garbage most of its heap's growth.
 */
export function loadFiles(load: LoadRequest['load']): CachedDocument | null {
  const stampedAt = Date.now();
  const textStat = statLocal(load.path);
  const sidecarStat = statLocal(load.sidecarPath);
  const raw = textStat && readLocalText(load.path);
  const sidecarText = sidecarStat && readLocalText(load.sidecarPath);
  if (!textStat || raw === undefined) return null;
  const sidecar = sidecarStat && sidecarText !== undefined ? sidecarKey(sidecarStat, sidecarText) : undefined;
  return cacheEntryOf(readDocumentModel(load.name, raw, sidecarText, new Set(load.knownTypes)), documentKey(textStat, sidecar, stampedAt));
}

export function handleLoadRequest(msg: LoadRequest): LoadReply {
  try {
    return { id: msg.id, ok: true, result: loadFiles(msg.load) };
  } catch (e) {
    return { id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Stats each path in turn: in a thread, a sync stat is cheaper than the async one's round trip on the extension host (2.5 against 10 µs of its time each, plain Node). */
export function statPaths(paths: readonly string[]): FileStat[] {
  return paths.map((p) => {
    try {
      return statLocal(p) ?? null;
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

/**
 * Documents read before the thread goes to the background (backgroundThread). Reading the corpus
 * at a first start is long work nobody waits on. Checking the stamps of a second start is short and
 * the scan waits on it. With the thread at nice 10 from its start, yielding the two cores to the
 * workbench's own start, the scan ended 0.43-2.09 s after the last cached document was shown
 * (median 0.96 s over five runs), against 0.45-0.67 s at its normal priority (10,000 documents, in
 * the test host, while the cache file was read in one call; read as it is now, the adoption lasts
 * longer and the checks end within it either way).
 */
export const BACKGROUND_AFTER_LOADS = 16;

if (parentPort) {
  const port = parentPort;
  // A first start hashes every text it reads here (sha256): Node's hash rather than the core's plain one.
  useNativeSha256(createHash);
  let loads = 0;
  port.on('message', (msg: SidecarWorkerRequest | StatRequest | LoadRequest) => {
    if ('load' in msg && ++loads === BACKGROUND_AFTER_LOADS) backgroundThread();
    port.postMessage('stat' in msg ? ({ id: msg.id, ok: true, result: statPaths(msg.stat) } satisfies StatReply) : 'load' in msg ? handleLoadRequest(msg) : handleSidecarRequest(msg));
  });
}
