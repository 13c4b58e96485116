import { FILTERS } from './filters';

/** One row of the query help the search box lists: what to type, and what accepting the row adds to the query. */
export interface QueryHelpRow {
  label: string;
  detail: string;
  /** Appended to the query when the row is accepted (empty: nothing to add). */
  insert: string;
}

/**
 * The query syntax as rows, derived from `FILTERS` like the other help texts: the search box shows
 * them as items above its results, so the help never takes the query away.
 */
export const QUERY_HELP_ROWS: readonly QueryHelpRow[] = [
  { label: 'words in any order', detail: 'typos are forgiven; recorded facts rank first', insert: '' },
  ...FILTERS.map((f) => ({
    label: f.help,
    detail: `e.g. ${f.example}${f.aliases.length ? ` — also written ${f.aliases.map((a) => `${a}:`).join(' ')}` : ''}`,
    insert: `${f.key}:`,
  })),
  { label: '"an exact phrase"', detail: 'quoted words must occur together, in this order', insert: '"' },
];

/** The query with a help row's text added at its end (a space between, none after). */
export function withInserted(query: string, insert: string): string {
  if (!insert) return query;
  const kept = query.trimEnd();
  return kept ? `${kept} ${insert}` : insert;
}
