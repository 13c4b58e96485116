/**
 * The corpus's own decisions as two ranked engines:
 * - `corpus`: every string tagged somewhere, suggested with each type it was given, scored by how
 *   consistently (tagged `location` 9 times and `organization` once → `location` at 0.9); the best
 *   type not rejected wins;
 * - `registry`: the registry's names and aliases, typed by their entity, at 1.
 * Rejected (quote, type) pairs are never suggested.
 */
import { findSuggestions, prepareSources, type PreparedSources, type SuggestionSource } from '../corpus/suggestions';
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

  /** Brings the counts to `documents`' annotations (read once: a map's `values()` will do); whether anything changed. */
  sync(documents: Iterable<{ key: string; entities: readonly Tagged[] }>): boolean {
    let changed = false;
    const keys: string[] = [];
    for (const d of documents) {
      keys.push(d.key);
      const before = this.counted.get(d.key);
      if (before === d.entities) continue;
      if (before) this.count(before, -1);
      this.count(d.entities, 1);
      this.counted.set(d.key, d.entities);
      changed = true;
    }
    // More counted than given: some documents are gone.
    if (this.counted.size > keys.length) {
      const present = new Set(keys);
      for (const [key, entities] of this.counted) {
        if (present.has(key)) continue;
        this.count(entities, -1);
        this.counted.delete(key);
        changed = true;
      }
    }
    return changed;
  }

  list(): TaggedText[] {
    return this.counts.list();
  }

  private count(entities: readonly Tagged[], sign: 1 | -1): void {
    for (const a of entities) {
      if (a.status === 'orphaned') continue;
      if (sign > 0) this.counts.add(a.text, a.type, a.entity);
      else this.counts.remove(a.text, a.type, a.entity);
    }
  }
}

/** Per string, how often each type was given: built once per corpus change, shared by every document. */
export class DecisionIndex {
  private readonly votes = new Map<string, Map<string, number>>();
  private readonly entities = new Map<string, string>();

  constructor(tagged: Iterable<TaggedText> = []) {
    for (const t of tagged) this.add(t);
  }

  /** The last `sources()` result and the rejections it was made with (a redraw asks again and again). */
  private memo: { rejected?: RejectionSet; rejectedSize: number; sources: SuggestionSource[] } | undefined;

  add(t: TaggedText): void {
    this.memo = undefined;
    const text = t.text.trim();
    if (Array.from(text).length < 2) return;
    let v = this.votes.get(text);
    if (!v) this.votes.set(text, (v = new Map()));
    v.set(t.type, (v.get(t.type) ?? 0) + (t.count ?? 1));
    if (t.entity && !this.entities.has(text)) this.entities.set(text, t.entity);
  }

  /** The best type for `text` that is not rejected, with its share of the votes; undefined if none. */
  decide(text: string, rejected?: RejectionSet): { type: string; score: number } | undefined {
    const v = this.votes.get(text);
    if (!v) return undefined;
    let total = 0;
    for (const n of v.values()) total += n;
    let best: { type: string; score: number } | undefined;
    for (const [type, n] of v) {
      if (rejected?.has(text, type)) continue;
      if (!best || n > best.score * total) best = { type, score: n / total };
    }
    return best;
  }

  sources(rejected?: RejectionSet): SuggestionSource[] {
    if (this.memo && this.memo.rejected === rejected && this.memo.rejectedSize === (rejected?.size ?? 0)) return this.memo.sources;
    const out: SuggestionSource[] = [];
    for (const text of this.votes.keys()) {
      const d = this.decide(text, rejected);
      if (d) out.push({ text, type: d.type, score: d.score, entity: this.entities.get(text) });
    }
    this.memo = { rejected, rejectedSize: rejected?.size ?? 0, sources: out };
    return out;
  }

  get size(): number {
    return this.votes.size;
  }
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
 * those over an `annotated` span (sorted by start).
 */
export function matchSources(text: string, cps: CodePointIndex, sources: readonly SuggestionSource[], engine: 'corpus' | 'registry', window?: { start: number; end: number }, annotated: readonly { start: number; end: number }[] = []): Candidate[] {
  // The corpus's sources are the same array from redraw to redraw (DecisionIndex.sources): keyed by their first words once.
  let prepared = preparedSources.get(sources);
  if (!prepared) preparedSources.set(sources, (prepared = prepareSources(sources)));
  return findSuggestions(text, prepared, annotated, { cps, window }).map((s) => ({ start: s.start, end: s.end, type: s.type, score: s.score ?? 1, engine, entity: s.entity }));
}
