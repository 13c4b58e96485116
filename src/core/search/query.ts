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
 * Values are matched case- and accent-insensitively. The filters are described in filters.ts. Unknown
 * keys are searched as text; they and values a filter cannot read (`year:20x3`) come back as problems,
 * for the search box to show while the person types.
 */
import type { Parsed, Problem } from '../problems';
import { filterNamed, emptyFilters, unknownFilterMessage, type QueryFilters } from './filters';
import { isStopword, tokens } from './tokenize';

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
}

/** A problem in a query: line 1, `column` the 1-based UTF-16 column of the word it is about. */
function problem(code: string, message: string, at: number): Problem {
  return { message, severity: 'warning', line: 1, column: at + 1, code };
}

export function parseQuery(q: string): Parsed<ParsedQuery> {
  const filters = emptyFilters();
  const phrases: string[] = [];
  const problems: Problem[] = [];
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
      const filter = filterNamed(m[1]);
      if (filter) {
        let value = m[2];
        if (value === '' && j < n && (q[j] === '"' || q[j] === '“')) {
          const close = q[j] === '"' ? '"' : '”';
          const k = q.indexOf(close, j + 1);
          value = q.slice(j + 1, k < 0 ? n : k);
          j = k < 0 ? n : k + 1;
        }
        for (const v of value.split(',').map((x) => x.trim()).filter(Boolean)) {
          const r = filter.parse(v);
          // The descriptor and the list it fills share a key; TypeScript cannot see through the union.
          if (r.ok) (filters[filter.key] as unknown[]).push(r.value);
          else problems.push(problem('bad-filter-value', r.problem, i));
        }
        i = j;
        lastWasText = false;
        continue;
      }
      if (m[2] !== '' && !/^\d/.test(m[2]) && !/^\/\//.test(m[2])) problems.push(problem('unknown-filter', unknownFilterMessage(m[1]), i));
    }
    textParts.push(word);
    lastWasText = true;
    i = j;
  }
  const text = textParts.join(' ');
  const words = tokens(text);
  const terms = words.filter((w) => !isStopword(w));
  const value: ParsedQuery = {
    text,
    words,
    terms,
    phrases,
    phraseWords: phrases.map((p) => tokens(p)).filter((w) => w.length > 0),
    filters,
    lastIsPrefix: endsOpen && lastWasText,
  };
  return { value, problems };
}
