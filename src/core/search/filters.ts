/**
 * The search filters, each described once: its key, its short aliases, how one value parses, and its
 * help. The query parser (query.ts), `emptyFilters`/`hasFilters`, the help texts and the unknown-filter
 * message are all derived from `FILTERS`; the fact index's facet table (facets.ts) is keyed by the same
 * list, so a filter added here without its facet there does not compile.
 *
 * Adding a filter: a descriptor here, and its facet in facets.ts (what a record is filed under, and
 * which slots a value allows).
 */
import { compactKey, fold } from './tokenize';

export interface YearRange {
  from: number;
  to: number;
}

/** One value of a filter as read from the query, or what is wrong with it (said to the person typing). */
export type FilterValue<V> = { ok: true; value: V } | { ok: false; problem: string };

export interface FilterDescriptor<K extends string = string, V = unknown> {
  key: K;
  /** Other spellings of the key (`t:` for `type:`), lower case. */
  aliases: readonly string[];
  /** Reads one value (a `key:a,b` list is split before). */
  parse(raw: string): FilterValue<V>;
  /** A typical use, for the search box's placeholder. */
  example: string;
  /** What a value is, for the help. */
  help: string;
}

const ok = <V>(value: V): FilterValue<V> => ({ ok: true, value });

/** `describe` only fixes the key's literal type and the value type, so `QueryFilters` can be derived. */
function describe<K extends string, V>(d: FilterDescriptor<K, V>): FilterDescriptor<K, V> {
  return d;
}

export const FILTERS = [
  describe({ key: 'type', aliases: ['t'], parse: (v) => ok(compactKey(v)), example: 'type:person', help: 'type:<entity type>' }),
  describe({ key: 'entity', aliases: ['e', 'ent'], parse: (v) => ok(compactKey(v)), example: 'entity:xiongan', help: 'entity:<canonical id or name>' }),
  describe({ key: 'doc', aliases: ['d', 'document'], parse: (v) => ok(fold(v)), example: 'doc:003', help: 'doc:<file name or title word>' }),
  describe({ key: 'year', aliases: ['y'], parse: parseYear, example: 'year:2023', help: 'year:<year or range 2015-2023>' }),
  describe({ key: 'kind', aliases: ['k', 'is'], parse: parseKind, example: 'kind:fact', help: 'kind:fact or kind:sentence' }),
] as const;

type AnyFilter = (typeof FILTERS)[number];
export type FilterKey = AnyFilter['key'];
/** The values of each filter in a query; every list empty when the query has no filters. */
export type QueryFilters = { [F in AnyFilter as F['key']]: F extends FilterDescriptor<string, infer V> ? V[] : never };

const BY_NAME: ReadonlyMap<string, AnyFilter> = new Map(FILTERS.flatMap((f) => [f.key, ...f.aliases].map((name) => [name, f] as const)));

/** The filter a key names (`type`, `t`, `TYPE`), if any. */
export function filterNamed(name: string): AnyFilter | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function emptyFilters(): QueryFilters {
  return Object.fromEntries(FILTERS.map((f) => [f.key, []])) as unknown as QueryFilters;
}

export function hasFilters(f: QueryFilters): boolean {
  return FILTERS.some((d) => f[d.key].length > 0);
}

/** One line for a placeholder or tooltip: `type:person  entity:xiongan  …  "exact phrase"`. */
export const FILTER_HELP = [...FILTERS.map((f) => f.example), '"exact phrase"'].join('  ');

/** The full help shown by the search box's help button. */
export const QUERY_HELP = `Search Facts: type words in any order (typos are forgiven). Filters: ${FILTERS.map((f) => f.help).join(', ')}. Quote "an exact phrase". Recorded facts rank first.`;

export function unknownFilterMessage(name: string): string {
  return `Unknown filter "${name}:" — searched as text. Filters: ${FILTERS.map((f) => `${f.key}:`).join(', ')}`;
}

function parseYear(v: string): FilterValue<YearRange> {
  const m = /^(\d{4})(?:\s*(?:-|–|\.\.)\s*(\d{4}))?$/.exec(v);
  if (!m) return { ok: false, problem: `year:${v} is not a year or a range like 2020-2023` };
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  return ok({ from: Math.min(from, to), to: Math.max(from, to) });
}

function parseKind(v: string): FilterValue<'fact' | 'sentence'> {
  const k = fold(v);
  if ('fact'.startsWith(k) || 'recorded'.startsWith(k)) return ok('fact');
  if ('sentence'.startsWith(k)) return ok('sentence');
  return { ok: false, problem: `kind:${v} — use kind:fact or kind:sentence` };
}
