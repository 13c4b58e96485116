/**
 * A worker_threads entry that holds a FactIndex, so indexing and searching never block the extension
 * host. esbuild bundles it to dist/searchWorker.js. No `vscode` here.
 *
 * Messages in (each with a numeric `id`; the reply carries the same `id`):
 *   { id, op: 'setRegistry', entities: CanonicalEntity[] }
 *   { id, op: 'setDocument', docId, records: FactRecord[] }
 *   { id, op: 'indexDocument', doc: FactDocument, registry?: CanonicalEntity[], key? }   // extracts, then sets; result: fact count
 *   { id, op: 'indexFile', path, doc: FactDocument without text, key? }   // the same, the text read here from a local file; result: fact count, or null when the file is gone
 *   { id, op: 'confirm', items: [docId, key][] }   // confirms the restored documents whose keys match; result: [docId, fact count][] of those
 *   { id, op: 'removeDocument', docId }
 *   { id, op: 'search', query, limit? }            // result: SearchResult[]
 *   { id, op: 'searchQuery', query, limit? }       // result: { value: SearchResult[], problems: Problem[] } (the query's)
 *   { id, op: 'searchEntities', query, limit? }    // result: EntitySearchResult[]
 *   { id, op: 'stats' } | { id, op: 'clear' }
 *   { id, op: 'memory', detail? }                  // result: this thread's V8 heap in use after a full collection, bytes (for the benchmarks); with detail, v8.getHeapStatistics()
 *   { id, op: 'searchTimes' }                      // result: SearchTime[] of the searches answered since the last call (for the benchmarks)
 *   { id, op: 'loadSnapshot', dir, trust? }        // restores the snapshot in `dir` (factSnapshotFiles.ts), every document held; result: LoadOutcome
 *                                                  // with trust (a SaveOutcome's file): only that very file, every document confirmed at once
 *   { id, op: 'dropHeld' }                         // drops the restored documents no indexFile/indexDocument confirmed; result: their ids
 *   { id, op: 'saveSnapshot', dir }                // writes the snapshot when the index changed since it was loaded or saved; result: SaveOutcome or null
 *   { id, op: 'close' }                            // closes the texts file (before the worker is terminated: its descriptor is the process's)
 * Replies: { id, ok: true, result } or { id, ok: false, error }.
 *
 * A restored document is confirmed, not extracted again, when indexFile, indexDocument or confirm
 * brings it with the key it was saved with, and the same registry. The caller's key says what the
 * document's facts are made from (the extension host's: its files' stamps as the scan checked
 * them); without one, the key is its file's size and modification time (or its text's hash) and
 * what else its facts are made from (title, language, annotations).
 */
import { statSync } from 'fs';
import { getHeapStatistics } from 'v8';
import { parentPort, workerData } from 'worker_threads';
import { extractFacts, type FactDocument, type FactRecord } from '../../core/facts/extract';
import type { CanonicalEntity } from '../../core/model';
import { runWarmUp } from '../../core/search/warmUp';
import { FactIndex, type FactIndexOptions } from '../../core/search/factIndex';
import { normalizeText } from '../../core/text/normalize';
import { readLocalText } from '../../workspace/localText';
import { contentHash } from '../../core/cache/contentHash';
import { SNAPSHOT_FORMAT } from '../../core/search/indexSnapshot';
import { collectGarbage } from '../shared/collectGarbage';
import { SnapshotFiles, type SaveOutcome, type SnapshotFileStamp } from './factSnapshotFiles';

export type SearchWorkerRequest =
  | { id: number; op: 'setRegistry'; entities: CanonicalEntity[] }
  | { id: number; op: 'setDocument'; docId: string; records: FactRecord[] }
  | { id: number; op: 'indexDocument'; doc: FactDocument; registry?: CanonicalEntity[]; key?: string }
  | { id: number; op: 'indexFile'; path: string; doc: Omit<FactDocument, 'text'>; key?: string }
  | { id: number; op: 'confirm'; items: [string, string][] }
  | { id: number; op: 'removeDocument'; docId: string }
  | { id: number; op: 'search'; query: string; limit?: number; sentAt?: number }
  | { id: number; op: 'searchQuery'; query: string; limit?: number; sentAt?: number }
  | { id: number; op: 'searchEntities'; query: string; limit?: number; sentAt?: number }
  | { id: number; op: 'stats' }
  | { id: number; op: 'searchTimes' }
  | { id: number; op: 'memory'; detail?: boolean }
  | { id: number; op: 'clear' }
  | { id: number; op: 'loadSnapshot'; dir: string; trust?: SnapshotFileStamp }
  | { id: number; op: 'dropHeld' }
  | { id: number; op: 'saveSnapshot'; dir: string }
  | { id: number; op: 'close' };

/**
 * Where a search's time went in the worker (ms): from the moment the caller sent it (`sentAt`, on
 * the clock all threads share: `performance.timeOrigin + performance.now()`) until this thread took
 * it up, and the search itself with its reply's serialisation. The benchmarks compare them with the
 * caller's round trip.
 */
export interface SearchTime {
  queued: number;
  searched: number;
  /** The change this thread ran last before the search (its op and how long it ran, ms), when it ended after the search was sent: what the search waited for. */
  behind?: { op: string; ms: number };
}

export type SearchWorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** The registry last set; `registryById` is its map by id, kept so indexDocument does not rebuild it. */
export interface WorkerState {
  registry: CanonicalEntity[];
  registryById?: { of: CanonicalEntity[]; map: ReadonlyMap<string, CanonicalEntity> };
  /** A hash of the registry, part of every document's key. */
  registryHash?: string;
  /** Per indexed document, what its facts were made from (see the top); saved with the snapshot. */
  keys?: Map<string, string>;
  /** Whether the index changed since it was restored or saved. */
  changed?: boolean;
  /** Restored documents confirmed since the snapshot was loaded. */
  confirmed?: number;
  /** Texts indexed since they were last moved to the texts file. */
  unspilled?: number;
  snapshot?: SnapshotFiles;
  /** This thread's warm-up on its restored index, once its documents can be found (see warmUp.ts). */
  warmUp?: WarmUpRecord;
}

/** A warm-up's progress: searches run of those it has, whether it is over and whether a search ended it. */
export interface WarmUpRecord {
  searches: number;
  of: number;
  done: boolean;
  interrupted: boolean;
}

/** Handles one request against `index` (exported for tests and for running without a thread). */
export function handle(index: FactIndex, state: WorkerState, msg: SearchWorkerRequest): unknown {
  const keys = (state.keys ??= new Map());
  switch (msg.op) {
    case 'setRegistry':
      state.registry = msg.entities;
      state.registryById = { of: msg.entities, map: new Map(msg.entities.map((c) => [c.id, c])) };
      state.registryHash = contentHash(JSON.stringify(msg.entities));
      index.setRegistry(msg.entities);
      return null;
    case 'setDocument':
      keys.delete(msg.docId);
      state.changed = true;
      index.setDocument(msg.docId, msg.records);
      return null;
    case 'indexDocument': {
      const { text, ...meta } = msg.doc;
      const key = msg.key !== undefined ? callerKey(state, msg.key) : documentKey(state, meta, `text ${text.length} ${contentHash(text)}`, msg.registry);
      return confirmed(index, state, msg.doc.id, key) ?? indexDocument(index, state, msg.doc, key, msg.registry);
    }
    case 'indexFile': {
      const stamp = fileStamp(msg.path);
      if (stamp === undefined) return null;
      const key = msg.key !== undefined ? callerKey(state, msg.key) : documentKey(state, msg.doc, stamp);
      const n = confirmed(index, state, msg.doc.id, key);
      if (n !== undefined) return n;
      // A closed document's text is read here rather than sent: at 10,000 documents, reading the
      // texts in the extension host and copying them to this thread cost it 4 of its 44 s.
      const raw = readLocalText(msg.path);
      return raw === undefined ? null : indexDocument(index, state, { ...msg.doc, text: normalizeText(raw) }, key);
    }
    case 'confirm': {
      const out: [string, number][] = [];
      for (const [docId, key] of msg.items) {
        const n = confirmed(index, state, docId, callerKey(state, key));
        if (n !== undefined) out.push([docId, n]);
      }
      index.warm();
      return out;
    }
    case 'removeDocument':
      keys.delete(msg.docId);
      state.changed = true;
      index.removeDocument(msg.docId);
      return null;
    case 'loadSnapshot': {
      state.snapshot?.dispose();
      state.snapshot = new SnapshotFiles(msg.dir);
      const loaded = state.snapshot.load(index, snapshotStamp(state), msg.trust);
      if (loaded.keys) state.keys = loaded.keys;
      state.changed = false;
      state.confirmed = 0;
      // The snapshot this session's worker just saved (its file unchanged since): every document
      // in it is what the index held, so all are confirmed at once (see SearchService.renew).
      if (msg.trust && loaded.keys) {
        for (const docId of loaded.keys.keys()) if (index.confirm(docId) !== undefined) state.confirmed++;
        index.warm();
      }
      return { documents: loaded.documents, slots: loaded.slots, ms: loaded.ms, skipped: loaded.skipped };
    }
    case 'close':
      // The index can no longer read the texts it moved out: the caller terminates this worker next.
      state.snapshot?.dispose();
      state.snapshot = undefined;
      return null;
    case 'dropHeld': {
      const dropped = index.dropAllHeld();
      for (const id of dropped) keys.delete(id);
      if (dropped.length) state.changed = true;
      return dropped;
    }
    case 'saveSnapshot':
      return saveSnapshot(index, state, msg.dir);
    case 'search':
      return index.search(msg.query, msg.limit);
    case 'searchQuery':
      return index.searchQuery(msg.query, msg.limit);
    case 'searchEntities':
      return index.searchEntities(msg.query, msg.limit);
    case 'stats':
      return { ...index.stats(), held: index.heldCount, confirmed: state.confirmed ?? 0, textsInMemory: index.state.texts.reduce((n, t) => (t === undefined ? n : n + 1), 0), ...(state.warmUp ? { warmUp: { ...state.warmUp } } : {}) };
    case 'searchTimes':
      return searchTimes.splice(0);
    case 'memory':
      collectGarbage();
      return msg.detail ? getHeapStatistics() : getHeapStatistics().used_heap_size;
    case 'clear':
      index.clear();
      keys.clear();
      state.changed = true;
      return null;
    default:
      throw new Error(`unknown op ${(msg as { op: string }).op}`);
  }
}

/** Requests that only read the index (and `close`, the last before termination): answered as soon as they arrive, ahead of queued changes. */
const QUERIES = new Set<SearchWorkerRequest['op']>(['search', 'searchQuery', 'searchEntities', 'stats', 'searchTimes', 'memory', 'close']);

function indexDocument(index: FactIndex, state: WorkerState, doc: FactDocument, key: string, registry?: CanonicalEntity[]): number {
  // The registry map is built once per setRegistry, not per document.
  const records = extractFacts(doc, registry ?? (state.registryById?.of === state.registry ? state.registryById.map : state.registry));
  index.setDocument(doc.id, records);
  state.keys!.set(doc.id, key);
  state.changed = true;
  // Texts leave memory as the build goes (see SnapshotFiles.spill), a few thousand at a time.
  state.unspilled = (state.unspilled ?? 0) + records.length;
  if (state.snapshot && state.unspilled >= 20_000) {
    state.snapshot.spill(index);
    state.unspilled = 0;
  }
  return records.length;
}

/** A restored document's fact count when `key` is the one it was saved with (it becomes searchable); else undefined. */
function confirmed(index: FactIndex, state: WorkerState, docId: string, key: string): number | undefined {
  if (state.keys!.get(docId) !== key) return undefined;
  const n = index.confirm(docId);
  if (n !== undefined) state.confirmed = (state.confirmed ?? 0) + 1;
  return n;
}

/** A key the caller gave, with the registry. */
function callerKey(state: WorkerState, key: string): string {
  return `caller ${key} ${state.registryHash ?? ''}`;
}

/** What a document's facts are made from, but its text (`text`: the text's own stamp). */
function documentKey(state: WorkerState, meta: Omit<FactDocument, 'text'>, text: string, registry?: CanonicalEntity[]): string {
  const reg = registry ? contentHash(JSON.stringify(registry)) : (state.registryHash ?? '');
  return `${text} ${reg} ${contentHash(JSON.stringify(meta))}`;
}

/**
 * What a snapshot must have been made with: this format, this very worker (its file's size and
 * time: another build of the extension may extract or index differently), this registry.
 */
function snapshotStamp(state: WorkerState): string {
  let build = '';
  try {
    const st = statSync(__filename);
    build = `${st.size} ${st.mtimeMs}`;
  } catch {
    build = 'unknown';
  }
  return `${SNAPSHOT_FORMAT} ${build} ${state.registryHash ?? ''}`;
}

/** A local file's size and modification time; undefined when it is gone. */
function fileStamp(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `file ${st.size} ${st.mtimeMs}`;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** How long changes must pause, and how many there must have been, before the worker warms the index for the next search. */
const WARM_AFTER_MS = 300;
const WARM_AFTER_CHANGES = 32;

/** When the last search came (performance.now()): a save steps aside while someone types. */
let lastSearchAt = -Infinity;
const SEARCHES = new Set<SearchWorkerRequest['op']>(['search', 'searchQuery', 'searchEntities']);
/** The last searches' times, for `searchTimes` (bounded: nobody may ever ask). */
const searchTimes: SearchTime[] = [];
/** Now on the clock every thread of the process shares (a search's `sentAt` and its times). */
export const now = (): number => performance.timeOrigin + performance.now();

/**
 * What a save does between its steps: a turn of the event loop, so that queries that came are
 * answered, and while searches keep coming (someone typing in the search box), a wait until they
 * have paused for `gap` ms, up to `cap` ms in all, so that a save always ends. A step is short
 * (13 ms at most at 10,000 documents), but on two cores a keystroke that meets a running save
 * still waited for it and for its writes: p95 20-25 ms after a first build, 14-19 ms without.
 */
export function stepAside(lastSearch: () => number, gap = 250, cap = 30_000): { pause: () => Promise<void>; waited: () => number } {
  let waited = 0;
  const pause = async (): Promise<void> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (;;) {
      const since = performance.now() - lastSearch();
      if (since >= gap || waited >= cap) return;
      const wait = Math.min(gap - since, cap - waited);
      waited += wait;
      await new Promise<void>((resolve) => setTimeout(resolve, wait));
    }
  };
  return { pause, waited: () => waited };
}

async function saveSnapshot(index: FactIndex, state: WorkerState, dir: string): Promise<unknown> {
  if (!state.changed && state.snapshot) return null;
  if (index.heldCount) throw new Error('the restored documents are not all confirmed or dropped yet');
  if (!state.snapshot) state.snapshot = new SnapshotFiles(dir);
  // Queries are answered between chunks (changes wait: the drain waits for this promise).
  const aside = stepAside(() => lastSearchAt);
  const saved = await state.snapshot.save(index, snapshotStamp(state), state.keys!, aside.pause);
  state.changed = false;
  return { ...saved, steppedAsideMs: Math.round(aside.waited()) } satisfies SaveOutcome;
}

if (parentPort) {
  const port = parentPort;
  const index = new FactIndex((workerData as { options?: FactIndexOptions } | undefined)?.options ?? {});
  const state: WorkerState = { registry: [] };
  const failed = (msg: SearchWorkerRequest, e: unknown): SearchWorkerReply => ({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  /** Answers `msg`; a result that is a promise (a save) is answered when it settles, and the returned promise waits for it. */
  const answer = (msg: SearchWorkerRequest): Promise<void> | undefined => {
    let result: unknown;
    try {
      result = handle(index, state, msg);
    } catch (e) {
      port.postMessage(failed(msg, e));
      return undefined;
    }
    if (result instanceof Promise) {
      return result.then(
        (r: unknown) => port.postMessage({ id: msg.id, ok: true, result: r } satisfies SearchWorkerReply),
        (e: unknown) => port.postMessage(failed(msg, e)),
      );
    }
    port.postMessage({ id: msg.id, ok: true, result } satisfies SearchWorkerReply);
    return undefined;
  };
  // Changes run in order, one per turn of the event loop, so a keystroke's query that arrives
  // while the first build has documents queued waits for one document, not for all of them
  // (measured at 10,000 documents: keystroke p95 78-82 ms during the build when it waited in line).
  const changes: SearchWorkerRequest[] = [];
  let draining = false;
  // Once many changes pause (a build, a checkout), what the first search after them would make is
  // made (see FactIndex.warm): after a first build, the first "Bei" typed took 135 ms in VS Code,
  // the next ones a few ms. After an edit or two the next search makes it, as before.
  let warmTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last change run, or warming (op, when it started and ended): what a search sent meanwhile waited for. */
  let lastChange: { op: string; startedAt: number; endedAt: number } | undefined;
  let sinceWarm = 0;
  const warmSoon = (): void => {
    clearTimeout(warmTimer);
    if (sinceWarm < WARM_AFTER_CHANGES) return;
    warmTimer = setTimeout(() => {
      if (changes.length) return;
      const startedAt = now();
      index.warm();
      lastChange = { op: 'warm', startedAt, endedAt: now() };
      sinceWarm = 0;
    }, WARM_AFTER_MS);
    warmTimer.unref();
  };
  // A restored index's code has never run in this thread: once its documents can be found (the
  // extension host confirmed them, or trusted the snapshot it renews from), queries made of its
  // own words are typed here before anyone does, until someone searches (see warmUp.ts). Not
  // before: warming on texts sampled from the held documents ran beside a second start's scan, which
  // then took 4.4 and 4.7 s in two of three runs in VS Code, against 2.3-2.6 s without.
  const warmUp = (): void => {
    if (state.warmUp || index.size === 0) return;
    const prefixes = index.warmUpPrefixes();
    const record: WarmUpRecord = { searches: 0, of: prefixes.length, done: false, interrupted: false };
    state.warmUp = record;
    const since = lastSearchAt;
    let failed = false;
    runWarmUp(
      prefixes,
      (prefix) => {
        const startedAt = now();
        // A warm-up is worth nothing next to the thread: whatever it meets ends it, quietly.
        try {
          index.search(prefix, 50);
        } catch {
          failed = true;
        }
        record.searches++;
        lastChange = { op: 'warmUp', startedAt, endedAt: now() };
      },
      () => failed || lastSearchAt !== since,
      // Changes go first: a step waits while they drain.
      (step) => {
        const wait = (): void => void (draining ? setTimeout(wait, 20).unref() : setImmediate(step));
        wait();
      },
      (_, interrupted) => {
        record.done = true;
        record.interrupted = interrupted;
      },
    );
  };
  const drain = (): void => {
    const next = changes.shift();
    if (next) sinceWarm++;
    const startedAt = now();
    const after = (): void => {
      if (next) lastChange = { op: next.op, startedAt, endedAt: now() };
      try {
        if (next?.op === 'confirm' || (next?.op === 'loadSnapshot' && next.trust)) warmUp();
      } catch {
        // As above: a warm-up that cannot start is left out.
      }
      if (changes.length) setImmediate(drain);
      else {
        draining = false;
        warmSoon();
      }
    };
    const pending = next && answer(next);
    if (pending) void pending.then(after);
    else after();
  };
  port.on('message', (msg: SearchWorkerRequest) => {
    if (SEARCHES.has(msg.op)) {
      lastSearchAt = performance.now();
      const start = now();
      answer(msg);
      const sentAt = (msg as { sentAt?: number }).sentAt;
      if (searchTimes.length >= 1_000) searchTimes.shift();
      const behind = sentAt !== undefined && lastChange && lastChange.endedAt > sentAt ? { behind: { op: lastChange.op, ms: lastChange.endedAt - lastChange.startedAt } } : {};
      searchTimes.push({ queued: sentAt === undefined ? 0 : start - sentAt, searched: now() - start, ...behind });
      return;
    }
    if (QUERIES.has(msg.op)) return void answer(msg);
    changes.push(msg);
    if (!draining) {
      draining = true;
      setImmediate(drain);
    }
  });
}
