/**
 * A worker_threads entry that holds a FactIndex, so indexing and searching never block the extension
 * host. esbuild bundles it to dist/searchWorker.js. No `vscode` here.
 *
 * Messages in (each with a numeric `id`; the reply carries the same `id`):
 *   { id, op: 'setRegistry', entities: CanonicalEntity[] }
 *   { id, op: 'setDocument', docId, records: FactRecord[] }
 *   { id, op: 'indexDocument', doc: FactDocument, registry?: CanonicalEntity[] }   // extracts, then sets; result: fact count
 *   { id, op: 'indexFile', path, doc: FactDocument without text }   // the same, the text read here from a local file; result: fact count, or null when the file is gone
 *   { id, op: 'removeDocument', docId }
 *   { id, op: 'search', query, limit? }            // result: SearchResult[]
 *   { id, op: 'searchQuery', query, limit? }       // result: { value: SearchResult[], problems: Problem[] } (the query's)
 *   { id, op: 'searchEntities', query, limit? }    // result: EntitySearchResult[]
 *   { id, op: 'stats' } | { id, op: 'clear' }
 *   { id, op: 'memory' }                           // result: this thread's V8 heap in use after a full collection, bytes (for the benchmarks)
 * Replies: { id, ok: true, result } or { id, ok: false, error }.
 */
import { readFileSync } from 'fs';
import { getHeapStatistics } from 'v8';
import { parentPort, workerData } from 'worker_threads';
import { extractFacts, type FactDocument, type FactRecord } from '../../core/facts/extract';
import type { CanonicalEntity } from '../../core/model';
import { FactIndex, type FactIndexOptions } from '../../core/search/factIndex';
import { normalizeText } from '../../core/text/normalize';
import { collectGarbage } from '../shared/collectGarbage';

export type SearchWorkerRequest =
  | { id: number; op: 'setRegistry'; entities: CanonicalEntity[] }
  | { id: number; op: 'setDocument'; docId: string; records: FactRecord[] }
  | { id: number; op: 'indexDocument'; doc: FactDocument; registry?: CanonicalEntity[] }
  | { id: number; op: 'indexFile'; path: string; doc: Omit<FactDocument, 'text'> }
  | { id: number; op: 'removeDocument'; docId: string }
  | { id: number; op: 'search'; query: string; limit?: number }
  | { id: number; op: 'searchQuery'; query: string; limit?: number }
  | { id: number; op: 'searchEntities'; query: string; limit?: number }
  | { id: number; op: 'stats' }
  | { id: number; op: 'memory' }
  | { id: number; op: 'clear' };

export type SearchWorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** The registry last set; `registryById` is its map by id, kept so indexDocument does not rebuild it. */
export interface WorkerState {
  registry: CanonicalEntity[];
  registryById?: { of: CanonicalEntity[]; map: ReadonlyMap<string, CanonicalEntity> };
}

/** Handles one request against `index` (exported for tests and for running without a thread). */
export function handle(index: FactIndex, state: WorkerState, msg: SearchWorkerRequest): unknown {
  switch (msg.op) {
    case 'setRegistry':
      state.registry = msg.entities;
      state.registryById = { of: msg.entities, map: new Map(msg.entities.map((c) => [c.id, c])) };
      index.setRegistry(msg.entities);
      return null;
    case 'setDocument':
      index.setDocument(msg.docId, msg.records);
      return null;
    case 'indexDocument':
      return indexDocument(index, state, msg.doc, msg.registry);
    case 'indexFile': {
      // A closed document's text is read here rather than sent: at 10,000 documents, reading the
      // texts in the extension host and copying them to this thread cost it 4 of its 44 s.
      const text = readLocalText(msg.path);
      return text === undefined ? null : indexDocument(index, state, { ...msg.doc, text });
    }
    case 'removeDocument':
      index.removeDocument(msg.docId);
      return null;
    case 'search':
      return index.search(msg.query, msg.limit);
    case 'searchQuery':
      return index.searchQuery(msg.query, msg.limit);
    case 'searchEntities':
      return index.searchEntities(msg.query, msg.limit);
    case 'stats':
      return index.stats();
    case 'memory':
      collectGarbage();
      return getHeapStatistics().used_heap_size;
    case 'clear':
      index.clear();
      return null;
    default:
      throw new Error(`unknown op ${(msg as { op: string }).op}`);
  }
}

/** Requests that only read the index: answered as soon as they arrive, ahead of queued changes. */
const QUERIES = new Set<SearchWorkerRequest['op']>(['search', 'searchQuery', 'searchEntities', 'stats', 'memory']);

function indexDocument(index: FactIndex, state: WorkerState, doc: FactDocument, registry?: CanonicalEntity[]): number {
  // The registry map is built once per setRegistry, not per document.
  const records = extractFacts(doc, registry ?? (state.registryById?.of === state.registry ? state.registryById.map : state.registry));
  index.setDocument(doc.id, records);
  return records.length;
}

/** A local file's text as the extension host reads a document (UTF-8, a byte order mark dropped, normalised); undefined when it is gone. */
function readLocalText(path: string): string | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return normalizeText(new TextDecoder('utf-8').decode(bytes));
}

if (parentPort) {
  const port = parentPort;
  const index = new FactIndex((workerData as { options?: FactIndexOptions } | undefined)?.options ?? {});
  const state: WorkerState = { registry: [] };
  const answer = (msg: SearchWorkerRequest): void => {
    let reply: SearchWorkerReply;
    try {
      reply = { id: msg.id, ok: true, result: handle(index, state, msg) };
    } catch (e) {
      reply = { id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  };
  // Changes run in order, one per turn of the event loop, so a keystroke's query that arrives
  // while the first build has documents queued waits for one document, not for all of them
  // (measured at 10,000 documents: keystroke p95 78-82 ms during the build when it waited in line).
  const changes: SearchWorkerRequest[] = [];
  let draining = false;
  const drain = (): void => {
    const next = changes.shift();
    if (next) answer(next);
    if (changes.length) setImmediate(drain);
    else draining = false;
  };
  port.on('message', (msg: SearchWorkerRequest) => {
    if (QUERIES.has(msg.op)) return answer(msg);
    changes.push(msg);
    if (!draining) {
      draining = true;
      setImmediate(drain);
    }
  });
}
