/**
 * The corpus's own decisions as two ranked engines:
 * - `corpus`: every string tagged somewhere, suggested with each type it was given, scored by how
 *   consistently (tagged `location` 9 times and `organization` once → `location` at 0.9); the best
 *   type not rejected wins;
 * - `registry`: the registry's names and aliases, typed by their entity, at 1.
 * Rejected (quote, type) pairs are never suggested.
 */
import { addPrepared, findSuggestions, prepareSources, removePrepared, type PreparedSources, type SuggestionSource } from '../corpus/suggestions';
import type { CanonicalEntity } from '../model';
import type { CodePointIndex } from '../text/codepoints';
import type { RejectionSet } from './rejections';
import type { Candidate } from './types';

export interface TaggedText {
  text: string;
  type: string;
  entity?: string;
  /** How many annotations gave `text` this type (and entity); 1 when absent. */
  count?: number;
}

/**
 * A corpus's tagged strings counted: one entry per distinct (text, type, entity), in the order first
 * seen, so a DecisionIndex built from them is the one built from every annotation (the first entity
 * seen for a string stays first). At 10,000 documents the annotations are 300,000 objects, which
 * the extension host built every 2 s of the scan and structured-cloned to the suggestion worker
 * (about 0.4 s of its thread at a second start); the distinct ones are a few hundred.
 */
export class TaggedCounts {
  /** In the order first seen (a Set keeps it, and deletes in O(1)). */
  private readonly entries = new Set<TaggedText & { count: number }>();
  // Found by type, then entity ('' for none), then text: nested maps rather than one map under a
  // joined key, because joining made and hashed a new string for each of the 300,000 annotations a
  // second start counts (0.47 s of the extension host's thread in a profile); each annotation's own
  // strings are hashed once and keep their hash.
  private readonly byType = new Map<string, Map<string, Map<string, TaggedText & { count: number }>>>();

  add(text: string, type: string, entity?: string): void {
    let byEntity = this.byType.get(type);
    if (!byEntity) this.byType.set(type, (byEntity = new Map()));
    const e = entity ?? '';
    let byText = byEntity.get(e);
    if (!byText) byEntity.set(e, (byText = new Map()));
    const entry = byText.get(text);
    if (entry) entry.count++;
    else {
      const made = entity ? { text, type, entity, count: 1 } : { text, type, count: 1 };
      byText.set(text, made);
      this.entries.add(made);
    }
  }

  /** Takes back one `add` of the same (text, type, entity); the entry goes at zero. */
  remove(text: string, type: string, entity?: string): void {
    const byText = this.byType.get(type)?.get(entity ?? '');
    const entry = byText?.get(text);
    if (!entry || --entry.count > 0) return;
    byText!.delete(text);
    this.entries.delete(entry);
  }

  /** The entries as they are now (copies: the counts go on changing). */
  list(): TaggedText[] {
    return Array.from(this.entries, (e) => ({ ...e }));
  }
}

/** What CorpusTaggedCounts counts of an annotation. */
export interface Tagged {
  text: string;
  type: string;
  entity?: string;
  status?: string;
}

/**
 * A corpus's TaggedCounts kept up to date document by document: a document whose list of
 * annotations is another array than the one counted (a document's annotations are replaced, never
 * changed in place) is taken back and counted again, and a document gone is taken back. Counting
 * the whole corpus at each tag cost 45-70 ms in plain Node at 10,000 documents of 30 annotations
 * (the corpus bench; about 0.1 s of the extension host's thread in VS Code) before every redraw after it.
 * Orphaned annotations (their quote not found) are not counted. Entries are in the order first
 * counted, which may differ from a recount's after documents change: the only difference that
 * makes is which entity a text linked to several is suggested with.
 */
export class CorpusTaggedCounts {
  private readonly counts = new TaggedCounts();
  private readonly counted = new Map<string, readonly Tagged[]>();
  /** sync's `limit`, for `count`. */
  private limit = Infinity;

  /**
   * Brings the counts to `documents`' annotations (read once: a map's `values()` will do); whether
   * anything changed. Each annotation counted or taken back is pushed to `changes` when given (see
   * netChanges), up to `limit` and one more: a list longer than `limit` is not whole.
   */
  sync(documents: Iterable<{ key: string; entities: readonly Tagged[] }>, changes?: TaggedChange[], limit = Infinity): boolean {
    this.limit = limit;
    let changed = false;
    const keys: string[] = [];
    for (const d of documents) {
      keys.push(d.key);
      const before = this.counted.get(d.key);
      if (before === d.entities) continue;
      if (before) this.count(before, -1, changes);
      this.count(d.entities, 1, changes);
      this.counted.set(d.key, d.entities);
      changed = true;
    }
    // More counted than given: some documents are gone.
    if (this.counted.size > keys.length) {
      const present = new Set(keys);
      for (const [key, entities] of this.counted) {
        if (present.has(key)) continue;
        this.count(entities, -1, changes);
        this.counted.delete(key);
        changed = true;
      }
    }
    return changed;
  }

  list(): TaggedText[] {
    return this.counts.list();
  }

  private count(entities: readonly Tagged[], sign: 1 | -1, changes?: TaggedChange[]): void {
    for (const a of entities) {
      if (a.status === 'orphaned') continue;
      if (sign > 0) this.counts.add(a.text, a.type, a.entity);
      else this.counts.remove(a.text, a.type, a.entity);
      if (changes && changes.length <= this.limit) changes.push({ text: a.text, type: a.type, entity: a.entity, delta: sign });
    }
  }
}

/** A change in a corpus's tagged counts: `delta` more (or fewer) annotations gave `text` this type (and entity). */
export interface TaggedChange {
  text: string;
  type: string;
  entity?: string;
  delta: number;
}

/** Changes summed per (text, type, entity), those that sum to nothing left out. */
export function netChanges(changes: readonly TaggedChange[]): TaggedChange[] {
  const net = new Map<string, TaggedChange>();
  for (const c of changes) {
    const key = `${c.type}\u0000${c.entity ?? ''}\u0000${c.text}`;
    const n = net.get(key);
    if (n) n.delta += c.delta;
    else net.set(key, c.entity ? { text: c.text, type: c.type, entity: c.entity, delta: c.delta } : { text: c.text, type: c.type, delta: c.delta });
  }
  return [...net.values()].filter((c) => c.delta !== 0);
}

/**
 * Per string, how often each type was given, shared by every document. Built once from a corpus's
 * counts, then kept up to date by `apply` as annotations change: building it again from every
 * distinct string at each tag, and cloning them all for the suggestion worker, cost 53-56 ms of
 * the extension host's thread per tag at 39,144 distinct strings (the corpus bench).
 */
export class DecisionIndex {
  private readonly votes = new Map<string, Map<string, number>>();
  /** Per string, its entities with how many annotations link it to each, in the order first seen: the first one is suggested. */
  private readonly entities = new Map<string, Map<string, number>>();

  constructor(tagged: Iterable<TaggedText> = []) {
    for (const t of tagged) this.add(t);
  }

  /** The last `sources()` result and the rejections it was made with (a redraw asks again and again). */
  private memo: { rejected?: RejectionSet; rejectedSize: number; sources: SuggestionSource[] } | undefined;
  /** The sources prepared for matching, kept up to date string by string while the rejections stay the same. */
  private prep: { rejected?: RejectionSet; rejectedSize: number; prepared: PreparedSources } | undefined;
  /** Strings whose votes changed since `prep` was brought up to date. */
  private readonly touched = new Set<string>();

  add(t: TaggedText): void {
    this.apply({ text: t.text, type: t.type, entity: t.entity, delta: t.count ?? 1 });
  }

  /** Adds (or with a negative delta takes back) annotations' votes; a string without votes goes. */
  apply(change: TaggedChange): void {
    const text = change.text.trim();
    if (Array.from(text).length < 2 || change.delta === 0) return;
    this.memo = undefined;
    if (this.prep) this.touched.add(text);
    addNested(this.votes, text, change.type, change.delta);
    if (change.entity) addNested(this.entities, text, change.entity, change.delta);
  }

  /**
   * The best type for `text` that is not rejected, with its share of the votes; undefined if none.
   * A tie goes to the first type by id, so the same counts decide the same whatever order they came in.
   */
  decide(text: string, rejected?: RejectionSet): { type: string; score: number } | undefined {
    const v = this.votes.get(text);
    if (!v) return undefined;
    let total = 0;
    for (const n of v.values()) total += n;
    let best: { type: string; n: number } | undefined;
    for (const [type, n] of v) {
      if (rejected?.has(text, type)) continue;
      if (!best || n > best.n || (n === best.n && type < best.type)) best = { type, n };
    }
    return best && { type: best.type, score: best.n / total };
  }

  sources(rejected?: RejectionSet): SuggestionSource[] {
    if (this.memo && this.memo.rejected === rejected && this.memo.rejectedSize === (rejected?.size ?? 0)) return this.memo.sources;
    const out: SuggestionSource[] = [];
    for (const text of this.votes.keys()) {
      const source = this.sourceOf(text, rejected);
      if (source) out.push(source);
    }
    this.memo = { rejected, rejectedSize: rejected?.size ?? 0, sources: out };
    return out;
  }

  /**
   * The sources keyed for matching (what prepareSources makes of `sources()`): after a change, only
   * the strings it touched are put in again, while the rejections are the same set of the same size.
   */
  prepared(rejected?: RejectionSet): PreparedSources {
    const p = this.prep;
    if (p && p.rejected === rejected && p.rejectedSize === (rejected?.size ?? 0)) {
      for (const text of this.touched) {
        removePrepared(p.prepared, text);
        const source = this.sourceOf(text, rejected);
        if (source) addPrepared(p.prepared, source);
      }
      this.touched.clear();
      return p.prepared;
    }
    const sources = this.sources(rejected);
    this.prep = { rejected, rejectedSize: rejected?.size ?? 0, prepared: prepareSources(sources) };
    this.touched.clear();
    return this.prep.prepared;
  }

  private sourceOf(text: string, rejected?: RejectionSet): SuggestionSource | undefined {
    const d = this.decide(text, rejected);
    if (!d) return undefined;
    const entity = this.entities.get(text)?.keys().next().value;
    return { text, type: d.type, score: d.score, entity };
  }

  get size(): number {
    return this.votes.size;
  }
}

/** Adds `delta` to the count of `inner` under `key`; a count down to zero goes, and then a map left empty. */
function addNested(counts: Map<string, Map<string, number>>, key: string, inner: string, delta: number): void {
  let m = counts.get(key);
  if (!m) counts.set(key, (m = new Map()));
  const n = (m.get(inner) ?? 0) + delta;
  if (n > 0) m.set(inner, n);
  else m.delete(inner);
  if (m.size === 0) counts.delete(key);
}

const registryMemo = new WeakMap<readonly CanonicalEntity[], { rejected?: RejectionSet; rejectedSize: number; sources: SuggestionSource[] }>();

/** The registry's names and aliases as sources: the same array while the registry and rejections stay the same (see matchSources). */
export function registrySources(registry: readonly CanonicalEntity[], rejected?: RejectionSet): SuggestionSource[] {
  const memo = registryMemo.get(registry);
  if (memo && memo.rejected === rejected && memo.rejectedSize === (rejected?.size ?? 0)) return memo.sources;
  const out: SuggestionSource[] = [];
  for (const e of registry) {
    for (const name of [e.name, ...e.aliases]) {
      if (Array.from(name).length < 2 || rejected?.has(name, e.type)) continue;
      out.push({ text: name, type: e.type, entity: e.id, score: 1 });
    }
  }
  registryMemo.set(registry, { rejected, rejectedSize: rejected?.size ?? 0, sources: out });
  return out;
}

const preparedSources = new WeakMap<readonly SuggestionSource[], PreparedSources>();

/**
 * Whole-word occurrences of `sources` in `text`, as candidates of `engine` (code points), except
 * those over an `annotated` span (sorted by start). Sources given as an array are prepared once per
 * array (the registry's are the same array from redraw to redraw: registrySources).
 */
export function matchSources(text: string, cps: CodePointIndex, sources: readonly SuggestionSource[] | PreparedSources, engine: 'corpus' | 'registry', window?: { start: number; end: number }, annotated: readonly { start: number; end: number }[] = []): Candidate[] {
  let prepared = 'byFirstWord' in sources ? sources : preparedSources.get(sources);
  if (!prepared) preparedSources.set(sources as readonly SuggestionSource[], (prepared = prepareSources(sources as readonly SuggestionSource[])));
  return findSuggestions(text, prepared, annotated, { cps, window }).map((s) => ({ start: s.start, end: s.end, type: s.type, score: s.score ?? 1, engine, entity: s.entity }));
}
