/**
 * The search box syntax.
 *
 *   Line 22 sheild machine        free text: every word fuzzy (typos, word order), the last one also as a prefix
 *   "one meeting and three letters"   exact phrase: results must contain these words in this order
 *   type:person                   facts holding an entity of that type (prefix: `type:pers`)
 *   entity:xiongan                facts holding that entity: canonical id, name or alias, folded, prefix
 *                                 (`entity:"Xiong'an New Area"`, `entity:pekin` for an alias)
 *   doc:003                       documents whose file name starts with 003, or with a title word starting so
 *   year:2023   year:2020-2023    facts stating a year (a date, a bare year, a recorded fact's date)
 *   kind:fact   kind:sentence     recorded facts only / sentences only
 *
 * Short keys `t:`, `e:`, `d:`, `y:`, `k:` work too; `key:a,b` means a or b; different keys all apply.
 * Values are matched case- and accent-insensitively. Unknown keys are searched as text and reported in
 * `problems`.
 */
import { compactKey, fold, isStopword, tokens } from './tokenize';

export interface YearRange {
  from: number;
  to: number;
}

export interface QueryFilters {
  type: string[];
  entity: string[];
  doc: string[];
  year: YearRange[];
  kind: ('fact' | 'sentence')[];
}

export interface ParsedQuery {
  /** The free text, filters and quoted phrases removed. */
  text: string;
  /** Folded words of `text`, stopwords included, in order. */
  words: string[];
  /** Folded words of `text` without stopwords: what is looked up. */
  terms: string[];
  /** Quoted phrases as typed (an unclosed quote runs to the end). */
  phrases: string[];
  /** Folded words of each phrase. */
  phraseWords: string[][];
  filters: QueryFilters;
  /** True when the query does not end with a space or a closing quote: the last term may be a prefix. */
  lastIsPrefix: boolean;
  problems: string[];
}

const KEYS: Record<string, keyof QueryFilters> = {
  type: 'type', t: 'type',
  entity: 'entity', e: 'entity', ent: 'entity',
  doc: 'doc', d: 'doc', document: 'doc',
  year: 'year', y: 'year',
  kind: 'kind', k: 'kind', is: 'kind',
};

export const FILTER_HELP = 'type:person  entity:xiongan  doc:003  year:2023  kind:fact  "exact phrase"';

export function emptyFilters(): QueryFilters {
  return { type: [], entity: [], doc: [], year: [], kind: [] };
}

export function hasFilters(f: QueryFilters): boolean {
  return f.type.length + f.entity.length + f.doc.length + f.year.length + f.kind.length > 0;
}

export function parseQuery(q: string): ParsedQuery {
  const filters = emptyFilters();
  const phrases: string[] = [];
  const problems: string[] = [];
  const textParts: string[] = [];
  let i = 0;
  const n = q.length;
  const endsOpen = q.length > 0 && !/[\s"”»]$/.test(q);
  let lastWasText = false;
  while (i < n) {
    const ch = q[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || ch === '“' || ch === '«') {
      const close = ch === '"' ? '"' : ch === '“' ? '”' : '»';
      const j = q.indexOf(close, i + 1);
      const end = j < 0 ? n : j;
      const phrase = q.slice(i + 1, end).trim();
      if (phrase) phrases.push(phrase);
      lastWasText = false;
      i = j >= 0 ? j + 1 : n;
      continue;
    }
    // A word, or key:value (value may be quoted).
    let j = i;
    while (j < n && !/\s/.test(q[j]) && q[j] !== '"') j++;
    const word = q.slice(i, j);
    const m = /^([A-Za-z]{1,10}):(.*)$/.exec(word);
    if (m) {
      const key = KEYS[m[1].toLowerCase()];
      if (key) {
        let value = m[2];
        if (value === '' && j < n && (q[j] === '"' || q[j] === '“')) {
          const close = q[j] === '"' ? '"' : '”';
          const k = q.indexOf(close, j + 1);
          value = q.slice(j + 1, k < 0 ? n : k);
          j = k < 0 ? n : k + 1;
        }
        for (const v of value.split(',').map((x) => x.trim()).filter(Boolean)) addFilter(filters, key, v, problems);
        i = j;
        lastWasText = false;
        continue;
      }
      if (m[2] !== '' && !/^\d/.test(m[2]) && !/^\/\//.test(m[2])) problems.push(`Unknown filter "${m[1]}:" — searched as text. Filters: type:, entity:, doc:, year:, kind:`);
    }
    textParts.push(word);
    lastWasText = true;
    i = j;
  }
  const text = textParts.join(' ');
  const words = tokens(text);
  const terms = words.filter((w) => !isStopword(w));
  return {
    text,
    words,
    terms,
    phrases,
    phraseWords: phrases.map((p) => tokens(p)).filter((w) => w.length > 0),
    filters,
    lastIsPrefix: endsOpen && lastWasText,
    problems,
  };
}

function addFilter(f: QueryFilters, key: keyof QueryFilters, v: string, problems: string[]): void {
  switch (key) {
    case 'year': {
      const m = /^(\d{4})(?:\s*(?:-|–|\.\.)\s*(\d{4}))?$/.exec(v);
      if (!m) {
        problems.push(`year:${v} is not a year or a range like 2020-2023`);
        return;
      }
      const from = Number(m[1]);
      const to = m[2] ? Number(m[2]) : from;
      f.year.push({ from: Math.min(from, to), to: Math.max(from, to) });
      return;
    }
    case 'kind': {
      const k = fold(v);
      if ('fact'.startsWith(k) || 'recorded'.startsWith(k)) f.kind.push('fact');
      else if ('sentence'.startsWith(k)) f.kind.push('sentence');
      else problems.push(`kind:${v} — use kind:fact or kind:sentence`);
      return;
    }
    default:
      f[key].push(key === 'doc' ? fold(v) : compactKey(v));
  }
}
