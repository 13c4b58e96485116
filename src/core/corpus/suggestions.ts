import type { CanonicalEntity } from '../model';
import { CodePointIndex } from '../text/codepoints';

/** A string worth suggesting wherever it appears untagged: tagged somewhere, or a registry name. */
export interface SuggestionSource {
  text: string;
  type: string;
  entity?: string;
  /** How consistently the text was given `type` (src/core/suggest), carried through to the suggestion. */
  score?: number;
}

export interface Suggestion extends SuggestionSource {
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}\p{M}_'’-]+/gu;
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

/**
 * Sources from the corpus: every registry name and alias (typed by its entity), and every tagged
 * text (the type it was tagged with most often). Registry entries win over plain tagged text.
 */
export function suggestionSources(tagged: Iterable<{ text: string; type: string; entity?: string }>, registry: readonly CanonicalEntity[]): SuggestionSource[] {
  const byText = new Map<string, SuggestionSource>();
  const votes = new Map<string, Map<string, number>>();
  for (const t of tagged) {
    if (Array.from(t.text).length < 2) continue;
    const v = votes.get(t.text) ?? new Map<string, number>();
    v.set(t.type, (v.get(t.type) ?? 0) + 1);
    votes.set(t.text, v);
    if (t.entity && !byText.has(t.text)) byText.set(t.text, { text: t.text, type: t.type, entity: t.entity });
  }
  for (const [text, v] of votes) {
    const type = [...v.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const existing = byText.get(text);
    byText.set(text, existing ? { ...existing, type } : { text, type });
  }
  for (const e of registry) {
    for (const name of [e.name, ...e.aliases]) if (Array.from(name).length >= 2) byText.set(name, { text: name, type: e.type, entity: e.id });
  }
  return [...byText.values()];
}

export interface SuggestionOptions {
  /** Texts never suggested (ignored when the sources are prepared: prepareSources took them). */
  ignored?: ReadonlySet<string>;
  /** Only look between these UTF-16 indices (the editor's visible lines): a redraw then costs what is on screen. */
  window?: { start: number; end: number };
  /** The text's code point index, when the caller has one already. */
  cps?: CodePointIndex;
}

/** Sources keyed by their first word, longest first: built once per set of sources, not per redraw. */
export interface PreparedSources {
  byFirstWord: Map<string, SuggestionSource[]>;
}

export function prepareSources(sources: readonly SuggestionSource[], ignored: ReadonlySet<string> = new Set()): PreparedSources {
  const byFirstWord = new Map<string, SuggestionSource[]>();
  for (const s of sources) {
    if (ignored.has(s.text)) continue;
    const first = firstWordOf(s.text);
    if (!first) continue;
    const list = byFirstWord.get(first);
    if (list) list.push(s);
    else byFirstWord.set(first, [s]);
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.text.length - a.text.length);
  return { byFirstWord };
}

function firstWordOf(text: string): string | undefined {
  return text.match(WORD)?.[0];
}

/**
 * Puts a source among prepared ones, where prepareSources would have (after the longer and the
 * as long): O(the sources sharing its first word), so one changed decision is not a whole new set.
 */
export function addPrepared(prepared: PreparedSources, source: SuggestionSource): void {
  const first = firstWordOf(source.text);
  if (!first) return;
  let list = prepared.byFirstWord.get(first);
  if (!list) prepared.byFirstWord.set(first, (list = []));
  let at = list.length;
  while (at > 0 && list[at - 1].text.length < source.text.length) at--;
  list.splice(at, 0, source);
}

/** Takes the source of `text` out of prepared sources, if it is there. */
export function removePrepared(prepared: PreparedSources, text: string): void {
  const first = firstWordOf(text);
  const list = first === undefined ? undefined : prepared.byFirstWord.get(first);
  const at = list ? list.findIndex((s) => s.text === text) : -1;
  if (at < 0) return;
  list!.splice(at, 1);
  if (list!.length === 0) prepared.byFirstWord.delete(first!);
}

/**
 * Untagged whole-word occurrences of the sources in `text`, longest first where they overlap.
 * One pass over the words of the text: a source is only tried where its first word starts.
 */
export function findSuggestions(text: string, sources: readonly SuggestionSource[] | PreparedSources, tagged: readonly { start: number; end: number }[], options: SuggestionOptions = {}): Suggestion[] {
  const { byFirstWord } = 'byFirstWord' in sources ? sources : prepareSources(sources, options.ignored);
  if (byFirstWord.size === 0) return [];
  const cps = options.cps ?? new CodePointIndex(text);
  const taggedSorted = isSorted(tagged) ? tagged : [...tagged].sort((a, b) => a.start - b.start);
  const found: Suggestion[] = [];
  const from = Math.max(0, options.window?.start ?? 0);
  const to = Math.min(text.length, options.window?.end ?? text.length);
  let lastEnd = -1;
  // The words of the text, as WORD's matches from `from` (a start inside a surrogate pair steps
  // back to the pair, as the regex does), scanned without the regex: a redraw goes through every
  // word on screen and the regex's match objects cost most of it.
  let i = from > 0 && isLow(text.charCodeAt(from)) && isHigh(text.charCodeAt(from - 1)) ? from - 1 : from;
  while (i < to) {
    const first = wordCharAt(text, i);
    if (first === 0) {
      i++;
      continue;
    }
    const at = i;
    i += first;
    for (let k = wordCharAt(text, i); k > 0; k = wordCharAt(text, i)) i += k;
    if (at < lastEnd) continue;
    // Candidates are keyed by their whole first word, but a source may end inside this word's
    // run (e.g. `Hebei` in `Hebei's`): try every prefix that is a key.
    const w = text.slice(at, i);
    let candidates = byFirstWord.get(w);
    if (!candidates) {
      for (let cut = w.length - 1; cut > 0 && !candidates; cut--) if (notWordChar(w.charCodeAt(cut))) candidates = byFirstWord.get(w.slice(0, cut));
    }
    if (!candidates) continue;
    for (const s of candidates) {
      if (!text.startsWith(s.text, at)) continue;
      const endU = at + s.text.length;
      if (endU < text.length && WORD_CHAR.test(text[endU]) && WORD_CHAR.test(s.text[s.text.length - 1])) continue;
      const start = cps.toCodePoint(at);
      const end = cps.toCodePoint(endU);
      if (!overlapsAny(taggedSorted, start, end)) found.push({ ...s, start, end });
      lastEnd = endU;
      break;
    }
  }
  return found;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const ONE_WORD_CHAR = new RegExp(`^${WORD.source.slice(0, -1)}$`, 'u');
/** Per code point (lone surrogates as themselves): 0 not known yet, 1 not a WORD character, 2 one. */
let wordCodePoints: Uint8Array | undefined;

/** The length in UTF-16 units (1 or 2) of the WORD character at `i`, or 0 when there is none (or the text ended). */
function wordCharAt(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 39 || c === 45 ? 1 : 0;
  let cp = c;
  let width = 1;
  if (isHigh(c) && isLow(text.charCodeAt(i + 1))) {
    cp = ((c - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000;
    width = 2;
  }
  wordCodePoints ??= new Uint8Array(0x110000);
  let known = wordCodePoints[cp];
  if (known === 0) wordCodePoints[cp] = known = ONE_WORD_CHAR.test(text.slice(i, i + width)) ? 2 : 1;
  return known === 2 ? width : 0;
}

/**
 * Whether a code unit of a WORD match is not a WORD_CHAR, as `!WORD_CHAR.test(unit)` says without a
 * regex test per character of every word on screen: the apostrophes and the hyphen WORD adds, and
 * either half of a surrogate pair (a lone half is no letter).
 */
function notWordChar(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x2d || (c >= 0xd800 && c <= 0xdfff);
}

/** Whether spans are in order of their start. */
export function isSorted(spans: readonly { start: number }[]): boolean {
  for (let i = 1; i < spans.length; i++) if (spans[i].start < spans[i - 1].start) return false;
  return true;
}

/** Whether [start, end) overlaps a span of `sorted` (by start; spans short, as annotations are). */
export function overlapsAny(sorted: readonly { start: number; end: number }[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < end) lo = mid + 1;
    else hi = mid;
  }
  // Spans starting before `end`: check backwards; annotations are short, so few are visited.
  for (let i = lo - 1; i >= 0 && i >= lo - 64; i--) if (sorted[i].end > start) return true;
  return false;
}
