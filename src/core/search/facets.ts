/**
 * Facets: what the fact index files each record under besides its words, and how a query's filters
 * (filters.ts) become the set of slots allowed to match.
 *
 * Facet postings are keyed `<prefix><value>` (`t:person`, `e:xiongan`, `y:2023`); the prefixes are
 * named once in `FACET`. `FACET_FILTERS` holds, per filter, which slots its values allow; it is typed
 * by the filter list, so a new filter does not compile until it has its entry here.
 */
import type { FactEntity, FactRecord } from '../facts/extract';
import type { QueryFilters, FilterKey } from './filters';
import { FILTERS } from './filters';
import type { DocEntry, IndexState } from './indexState';
import { Postings } from './postings';
import { compactKey, fold, forEachToken } from './tokenize';

export const FACET = {
  /** Entity types, folded: `type:` matches by prefix. */
  type: 't:',
  /** Canonical ids, names, aliases and mention texts of entities, as compact keys: `entity:` matches by prefix. */
  entity: 'e:',
  /** Years a record states. */
  year: 'y:',
} as const;

/** A slot's flags (`IndexState.flags`). */
export const ALIVE = 1;
export const FACT = 2;
/** Restored from a snapshot, not yet confirmed: kept, never searched (IndexState.held). */
export const HELD = 4;

/** Facet postings by key, with the keys sorted on demand for prefix look-ups. */
export class FacetPostings {
  private readonly byKey = new Map<string, Postings>();
  private sortedKeys: string[] | undefined;

  add(key: string, slot: number): void {
    let p = this.byKey.get(key);
    if (!p) {
      this.byKey.set(key, (p = new Postings()));
      this.sortedKeys = undefined;
    }
    if (p.n === 0 || p.arr[p.n - 1] !== slot) p.push(slot);
  }

  get(key: string): Postings | undefined {
    return this.byKey.get(key);
  }

  /** Every key with its postings (for the index snapshot). */
  entries(): IterableIterator<[string, Postings]> {
    return this.byKey.entries();
  }

  /** Sets a key's postings whole (restoring a snapshot). */
  set(key: string, p: Postings): void {
    this.byKey.set(key, p);
    this.sortedKeys = undefined;
  }

  /** Postings of every key starting with `prefix`. */
  byPrefix(prefix: string): Postings[] {
    const keys = this.sortedKeys ?? (this.sortedKeys = [...this.byKey.keys()].sort());
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: Postings[] = [];
    for (let i = lo; i < keys.length && keys[i].startsWith(prefix); i++) out.push(this.byKey.get(keys[i])!);
    return out;
  }

  /** Rewrites every list through `rewrite` (compaction), dropping the keys left empty. */
  compact(rewrite: (p: Postings) => void): void {
    for (const [k, p] of this.byKey) {
      rewrite(p);
      if (p.n === 0) this.byKey.delete(k);
    }
    this.sortedKeys = undefined;
  }
}

/** Words and facet keys an entity brings to the facts holding it. */
export interface EntityFacets {
  words: string[];
  facets: string[];
}

/** Computes `entityFacets` once per distinct entity (a corpus repeats the same few thousand). */
export class EntityFacetCache {
  private readonly cache = new Map<string, EntityFacets>();

  of(e: FactEntity): EntityFacets {
    const key = `${e.entity ?? ''}\u0000${e.name}\u0000${e.text}\u0000${e.type}\u0000${e.aliases.join('\u0001')}`;
    let info = this.cache.get(key);
    if (info) return info;
    info = entityFacets(e);
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(key, info);
    return info;
  }
}

function entityFacets(e: FactEntity): EntityFacets {
  const words: string[] = [];
  const facets = new Set<string>();
  if (e.entity) {
    // Names and aliases of linked entities are searchable with the fact (`Pékin` finds Beijing).
    forEachToken(e.name, (w) => words.push(w));
    for (const a of e.aliases) forEachToken(a, (w) => words.push(w));
    facets.add(FACET.entity + compactKey(e.entity));
    for (const a of e.aliases) facets.add(FACET.entity + compactKey(a));
  }
  facets.add(FACET.entity + compactKey(e.name));
  facets.add(FACET.entity + compactKey(e.text));
  facets.add(FACET.type + fold(e.type));
  return { words, facets: [...facets] };
}

/** Facet keys of a record beyond its entities' (those come from `EntityFacetCache`). */
export function recordFacets(r: FactRecord, add: (key: string) => void): void {
  for (const y of r.years) add(FACET.year + y);
}

/** Slots a filter allows: any slot of these postings or [first, end) ranges, or slots with these flags. */
export type FilterMatch = { slots: (Postings | [number, number])[] } | { flags: number; equal: number } | undefined;

type FacetFilter<K extends FilterKey> = (values: QueryFilters[K], state: IndexState) => FilterMatch;

export const FACET_FILTERS: { [K in FilterKey]: FacetFilter<K> } = {
  type: (values, st) => ({ slots: values.flatMap((t) => st.facets.byPrefix(FACET.type + t)) }),
  entity: (values, st) => ({ slots: values.flatMap((e) => st.facets.byPrefix(FACET.entity + e)) }),
  doc: (values, st) => {
    const keys = values.map((v) => ({ v, k: compactKey(v) }));
    const slots: [number, number][] = [];
    const matches = (e: DocEntry) => keys.some(({ v, k }) => e.name.startsWith(v) || e.titleWords.some((w) => w.startsWith(v)) || (k.length > 0 && e.titleKey.startsWith(k)));
    for (const e of st.docs) if (e.alive && e.count > 0 && matches(e)) slots.push([e.first, e.first + e.count]);
    return { slots };
  },
  year: (values, st) => {
    const slots: Postings[] = [];
    for (const r of values) {
      for (let y = r.from; y <= r.to && y - r.from < 500; y++) {
        const p = st.facets.get(FACET.year + y);
        if (p) slots.push(p);
      }
    }
    return { slots };
  },
  // Recorded facts carry a slot flag, which is cheaper to test than a facet.
  kind: (values) => {
    const fact = values.includes('fact');
    const sentence = values.includes('sentence');
    return fact === sentence ? undefined : { flags: FACT, equal: fact ? FACT : 0 };
  },
};

/** What the filters of a query allow: slots marked in every group (`IndexState.scratch`), with these flags. */
export interface Allowed {
  /** Groups a slot must be in (0: no facet constraint); -1 when nothing can match. */
  groups: number;
  flagMask: number;
  flagValue: number;
}

/**
 * Marks the slots each filter allows in `fstamp`/`fcount`: a slot is allowed when `fcount` reaches the
 * number of groups (filters with values); different filters all apply, values of one filter are alternatives.
 */
export function applyFilters(st: IndexState, f: QueryFilters, epoch: number): Allowed {
  const groups: (Postings | [number, number])[][] = [];
  let flagMask = 0;
  let flagValue = 0;
  for (const d of FILTERS) {
    const values = f[d.key];
    if (values.length === 0) continue;
    // `d.key` and `values` belong together, but TypeScript sees two independent unions here.
    const m = (FACET_FILTERS[d.key] as FacetFilter<FilterKey>)(values as never, st);
    if (!m) continue;
    if ('slots' in m) groups.push(m.slots);
    else {
      flagMask |= m.flags;
      flagValue |= m.equal;
    }
  }
  if (groups.some((g) => g.length === 0)) return { groups: -1, flagMask, flagValue };
  const { fstamp, fcount } = st.scratch;
  groups.forEach((group, g) => {
    const visit = (s: number) => {
      if (g === 0) {
        if (fstamp[s] !== epoch) {
          fstamp[s] = epoch;
          fcount[s] = 1;
        }
      } else if (fstamp[s] === epoch && fcount[s] === g) fcount[s] = g + 1;
    };
    for (const src of group) {
      if (src instanceof Postings) for (let i = 0; i < src.n; i++) visit(src.arr[i]);
      else for (let s = src[0]; s < src[1]; s++) visit(s);
    }
  });
  return { groups: groups.length, flagMask, flagValue };
}
