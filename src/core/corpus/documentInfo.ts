/**
 * What can be read from a corpus document's own text, for the Documents view: its title, its
 * date and source where the text states them, and its language. Pure: the caller passes the
 * normalised text (see `normalizeText`) and keeps nothing but the returned object.
 *
 * Rules (decided for this corpus of scraped news articles):
 * - **title**: the first non-empty line that is not a header line. Skipped are the language
 *   switcher banner (`한어Русский языкEnglishFrançais…`), a lone lower-case section word such as
 *   `nouvelles`, `label: value` header lines (`Article source: …`), and a line holding only a
 *   date. A `date 2022-10-21 ` prefix is taken off the line and the rest is the title. Whitespace
 *   is collapsed; the text is otherwise kept as written (`chapter!Representatives` stays). A title
 *   longer than {@link MAX_TITLE} code points is cut at a word boundary and ends with `…`. When no
 *   line qualifies, the file name without its extension is the title.
 * - **date**: only from header lines among the first {@link HEADER_LINES} non-empty lines, never
 *   from the prose (`In February 2014, …` is not the document's date): a `Release time:` /
 *   `Date:`-style field, a `date 2022-10-21` prefix, or a line that is only a full date (ISO,
 *   `May 15, 2023`, `7 août 2024`). Given as ISO 8601: `yyyy-mm-dd`, or `yyyy-mm-ddThh:mm` (with
 *   `:ss` when stated) when the text gives the time. Impossible dates are ignored.
 * - **source**: the value of an `Article source:` / `Source:` / `Source de l'article :` field.
 *   Photo credits are not the article's source.
 * - **language**: stop-word profiles for en, fr, de and es over the first
 *   {@link LANGUAGE_SAMPLE_WORDS} words of the text (the banner is skipped; a word two profiles
 *   share, like `de` or `la`, counts half for each); mostly Han, kana or Hangul text is zh, ja or
 *   ko. `und` with confidence 0 when nothing is recognised. `confidence` is in [0, 1]: how far the
 *   best profile leads the runner-up on the words only it lists, scaled down below 20 stop words.
 */

export type LanguageCode = 'en' | 'fr' | 'de' | 'es' | 'zh' | 'ja' | 'ko' | 'und';

export interface DocumentLanguage {
  code: LanguageCode | string;
  /** 0 … 1. */
  confidence: number;
}

export interface DocumentInfo {
  title: string;
  /** ISO 8601 date (`2024-08-07`) or local date-time (`2023-05-15T09:24`), where the text states it. */
  date?: string;
  source?: string;
  language: DocumentLanguage;
}

/** Longest title kept, in code points (the first line of some articles is a whole paragraph). */
export const MAX_TITLE = 200;
/** How many non-empty lines from the top may hold header fields. */
export const HEADER_LINES = 12;
/** How many words of the text language detection looks at. */
export const LANGUAGE_SAMPLE_WORDS = 800;

export function describeDocument(fileName: string, normalizedText: string): DocumentInfo {
  const head = headLines(normalizedText, HEADER_LINES);
  let title: string | undefined;
  let labelledDate: string | undefined;
  let bareDate: string | undefined;
  let source: string | undefined;
  for (const line of head) {
    if (isBanner(line)) continue;
    const prefixed = DATE_PREFIX.exec(line);
    if (prefixed) {
      labelledDate ??= parseDate(prefixed[1]);
      const rest = prefixed[2].trim();
      if (title === undefined && rest) title = rest;
      continue;
    }
    const fields = headerFields(line);
    if (fields) {
      for (const f of fields) {
        if (SOURCE_LABEL.test(f.label)) source ??= cleanValue(f.value);
        else if (DATE_LABEL.test(f.label)) labelledDate ??= parseDate(f.value);
      }
      continue;
    }
    const whole = parseDate(line.trim(), true);
    if (whole) {
      bareDate ??= whole;
      continue;
    }
    if (title === undefined && !isSectionWord(line)) title = line;
  }
  title ??= head.find((l) => !isBanner(l));
  return {
    title: title ? cleanTitle(title) : baseName(fileName),
    ...optional('date', labelledDate ?? bareDate),
    ...optional('source', source),
    language: detectLanguage(normalizedText),
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined || value === '' ? {} : { [key]: value }) as { [P in K]?: string };
}

// ---------------------------------------------------------------------------------------------
// Lines

/** The first `n` non-empty lines, without walking the whole text. */
function headLines(text: string, n: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (out.length < n && i < text.length) {
    let j = text.indexOf('\n', i);
    if (j < 0) j = text.length;
    const line = text.slice(i, j);
    if (line.trim()) out.push(line);
    i = j + 1;
  }
  return out;
}

/** The language switcher many scraped pages carry: `한어Русский языкEnglishFrançais…`. */
export function isBanner(line: string): boolean {
  // Cheap exits first: the banner is one long run of glued words, prose has spaces early on.
  const t = line.trim();
  if (t.length < 30 || t.length > 400) return false;
  let spaces = 0;
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 32 && ++spaces > 4) return false;
  if (/EnglishFrançais|한어Русский|Русский языкEnglish/.test(t)) return true;
  // Generic shape: several scripts glued together with (almost) no spaces.
  let switches = 0;
  let prev = '';
  for (const ch of t) {
    const s = /\p{Script=Latin}/u.test(ch) ? 'L' : /\p{Script=Cyrillic}/u.test(ch) ? 'C' : /\p{Script=Greek}/u.test(ch) ? 'G' : /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch) ? 'H' : '';
    if (s && prev && s !== prev) switches++;
    if (s) prev = s;
  }
  return switches >= 3;
}

const SECTION_WORDS = new Set(['news', 'nouvelles', 'actualités', 'actualites', 'noticias', 'nachrichten', 'home', 'accueil', 'world', 'monde', 'china', 'chine']);

/** A lone lower-case word such as `nouvelles` above the title is a section label, not a title. */
function isSectionWord(line: string): boolean {
  const t = line.trim();
  return SECTION_WORDS.has(t.toLowerCase()) || /^\p{Ll}[\p{Ll}-]{0,24}$/u.test(t);
}

function cleanTitle(line: string): string {
  const t = line.replace(/\s+/g, ' ').trim();
  return detach(truncate(t, MAX_TITLE));
}

function truncate(s: string, max: number): string {
  const cps = Array.from(s);
  if (cps.length <= max) return s;
  const cut = cps.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '') + '…';
}

function cleanValue(v: string): string | undefined {
  const t = v.replace(/\s+/g, ' ').replace(/^[\s"“«]+|[\s"”»,;.。]+$/g, '');
  return t ? detach(t) : undefined;
}

function baseName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * A copy of a short string that does not share memory with the document text: V8 keeps a whole
 * string alive behind a slice of it, and the index keeps titles for every document.
 */
function detach(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

// ---------------------------------------------------------------------------------------------
// Header fields

const LABEL_SRC = [
  'Article\\s+source', "Source\\s+de\\s+l['’]article", 'Source', 'Origine', 'Quelle', 'Fuente', '来源', '來源',
  'Release\\s+(?:time|date)', 'Publication\\s+(?:time|date)', 'Publish(?:ed)?(?:\\s+(?:time|date|on))?', 'Date\\s+de\\s+publication',
  'Publié\\s+le', 'Datum', 'Fecha', 'Date', 'Time', '发布时间', '時間', '时间',
  'Responsible\\s+editor', 'Editor', 'Author', 'Auteur', 'Autor', 'Rédacteur', 'Reporter', 'Journaliste', '作者', '编辑',
].join('|');
const LABEL_AT = new RegExp(`(?:^|\\s)(${LABEL_SRC})\\s*[:：]`, 'giu');
const LINE_STARTS_WITH_LABEL = new RegExp(`^\\s*(?:${LABEL_SRC})\\s*[:：]`, 'iu');
const SOURCE_LABEL = /^(?:article\s+source|source(?:\s+de\s+l['’]article)?|origine|quelle|fuente|来源|來源)$/iu;
const DATE_LABEL = /^(?:release|publication|publish|published|date|publié|datum|fecha|time|发布时间|時間|时间)/iu;
/** ` date 2022-10-21 Collaborative…`: a date label, an ISO date (and time), then the title. */
const DATE_PREFIX = /^\s*(?:date|datum|fecha)\s*[:：]?\s+(\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?)(?!\S)(.*)$/iu;

/** `label: value` pairs of a header line, or undefined when the line does not start with a label. */
function headerFields(line: string): { label: string; value: string }[] | undefined {
  if (!LINE_STARTS_WITH_LABEL.test(line)) return undefined;
  const found: { label: string; start: number; end: number }[] = [];
  LABEL_AT.lastIndex = 0;
  for (let m; (m = LABEL_AT.exec(line)); ) found.push({ label: m[1].replace(/\s+/g, ' '), start: m.index, end: m.index + m[0].length });
  return found.map((f, i) => ({ label: f.label, value: line.slice(f.end, i + 1 < found.length ? found[i + 1].start : line.length).trim() }));
}

// ---------------------------------------------------------------------------------------------
// Dates

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12,
};
const MONTH = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)\\.?';
const TIME = '(?:[,\\s]+(?:at\\s+|à\\s+)?(\\d{1,2})\\s*(?::|h)\\s*(\\d{2})(?::(\\d{2}))?(?:\\s*([ap])\\.?m\\.?)?)?';
const DATE_FORMS: { re: RegExp; order: 'ymd' | 'mdy' | 'dmy' }[] = [
  { re: new RegExp(`(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?!\\d)(?:[T\\s]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?`, 'iu'), order: 'ymd' },
  { re: new RegExp(`(\\d{4})年(\\d{1,2})月(\\d{1,2})日(?:\\s*(\\d{1,2})[:：时](\\d{2}))?`, 'u'), order: 'ymd' },
  { re: new RegExp(`${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}`, 'iu'), order: 'mdy' },
  { re: new RegExp(`(?:le\\s+)?(\\d{1,2})(?:er|st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})${TIME}`, 'iu'), order: 'dmy' },
];

/**
 * A date (and time) in one of the corpus's forms, as ISO 8601; undefined when there is none or
 * it is impossible. With `whole`, the string must be nothing but the date (a date line).
 */
export function parseDate(s: string, whole = false): string | undefined {
  if (whole && s.length > 60) return undefined;
  for (const { re, order } of DATE_FORMS) {
    const m = re.exec(s);
    if (!m) continue;
    if (whole && (m.index !== 0 || m[0].length !== s.replace(/[.\s]+$/, '').length)) continue;
    let y: number, mo: number, d: number;
    let rest: string[];
    if (order === 'ymd') {
      [y, mo, d] = [+m[1], +m[2], +m[3]];
      rest = m.slice(4);
    } else if (order === 'mdy') {
      [mo, d, y] = [monthNumber(m[1]), +m[2], +m[3]];
      rest = m.slice(4);
    } else {
      [d, mo, y] = [+m[1], monthNumber(m[2]), +m[3]];
      rest = m.slice(4);
    }
    if (!validDate(y, mo, d)) continue;
    let iso = `${y}-${pad(mo)}-${pad(d)}`;
    const [hh, mm, ss, ampm] = rest;
    if (hh !== undefined && mm !== undefined) {
      let h = +hh;
      if (ampm) h = (h % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0);
      if (h < 24 && +mm < 60 && (ss === undefined || +ss < 60)) iso += `T${pad(h)}:${mm}${ss !== undefined ? `:${ss}` : ''}`;
    }
    return iso;
  }
  return undefined;
}

function monthNumber(name: string): number {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')] ?? 0;
}

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// ---------------------------------------------------------------------------------------------
// Language

/** Each language's profile: its commonest words, lower-case (an elided article ends with `'`). */
export const STOP_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['the', 'of', 'and', 'to', 'in', 'is', 'that', 'for', 'on', 'with', 'as', 'by', 'was', 'are', 'it', 'this', 'be', 'from', 'at', 'an', 'has', 'have', 'will', 'which', 'its', 'their', 'were', 'been', 'not', 'or', 'more', 'also', 'than', 'they', 'he', 'she', 'we', 'our', 'had', 'these', 'said', 'into', 'over'],
  fr: ['le', 'la', 'les', 'de', 'des', 'du', 'et', 'en', 'un', 'une', 'est', 'à', 'au', 'aux', 'dans', 'pour', 'que', 'qui', 'sur', 'par', 'pas', 'plus', 'avec', 'ce', 'cette', 'il', 'elle', 'sont', 'ont', 'été', 'nous', 'leur', 'ses', 'son', 'sa', 'mais', 'ou', 'comme', 'se', 'entre', "l'", "d'", "qu'", "n'", "s'", "c'", "j'"],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'den', 'dem', 'des', 'ein', 'eine', 'einer', 'zu', 'von', 'auf', 'für', 'im', 'sich', 'auch', 'es', 'werden', 'wird', 'wurde', 'sind', 'bei', 'nach', 'aus', 'dass', 'über'],
  es: ['el', 'la', 'los', 'las', 'de', 'del', 'y', 'en', 'que', 'un', 'una', 'es', 'por', 'con', 'para', 'se', 'no', 'al', 'lo', 'como', 'más', 'su', 'sus', 'fue', 'ha', 'este', 'esta', 'entre'],
};
const LANGS = Object.keys(STOP_WORDS);
/** word → bit set of the languages whose profile lists it. */
const PROFILE = new Map<string, number>();
LANGS.forEach((lang, i) => STOP_WORDS[lang].forEach((w) => PROFILE.set(w, (PROFILE.get(w) ?? 0) | (1 << i))));

/** 1 / (number of languages in a bit set), by bit set. */
const SHARE = Array.from({ length: 1 << LANGS.length }, (_, bits) => {
  let n = 0;
  for (let i = 0; i < LANGS.length; i++) if (bits & (1 << i)) n++;
  return n ? 1 / n : 0;
});

/**
 * The profiles' words as an automaton over Latin-1 units, walked while a word is read: cutting each
 * short word out, lower-casing it and hashing it for a map look-up was most of describing a
 * document (`describeDocument` × 10,000: 1.8-1.9 s before, 0.9-1.4 s after, the corpus bench). `ALPHABET` folds case: a unit
 * and its upper case have one index (0: in no profile word, and every unit beyond Latin-1, which no
 * profile word holds). `NEXT[state * ALPHABET_SIZE + index]` is the next state plus one (0: none);
 * state 0 is the empty word; `WORD_BITS[state]` are PROFILE's bits of the word that ends there.
 */
const ALPHABET = new Uint8Array(256);
let ALPHABET_SIZE = 1;
for (const word of PROFILE.keys()) {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 256 && !ALPHABET[c]) ALPHABET[c] = ALPHABET_SIZE++;
  }
}
for (let c = 0; c < 256; c++) if (!ALPHABET[c]) ALPHABET[c] = ALPHABET[lowerUnit(c)];
const { NEXT, WORD_BITS } = (() => {
  const next: number[] = [];
  const bits: number[] = [0];
  for (const [word, wordBits] of PROFILE) {
    let state = 0;
    for (let i = 0; i < word.length && state >= 0; i++) {
      const c = word.charCodeAt(i);
      const at = state * ALPHABET_SIZE + (c < 256 ? ALPHABET[c] : 0);
      if (c >= 256) state = -1;
      else if (next[at]) state = next[at] - 1;
      else {
        bits.push(0);
        next[at] = bits.length;
        state = bits.length - 1;
      }
    }
    if (state >= 0) bits[state] = wordBits;
  }
  const table = new Int32Array(bits.length * ALPHABET_SIZE);
  next.forEach((v, i) => (table[i] = v ?? 0));
  return { NEXT: table, WORD_BITS: Uint8Array.from(bits) };
})();

/** The state after reading unit `c` in `state` (-1: no profile word goes on so). */
function step(state: number, c: number): number {
  const index = c < 256 ? ALPHABET[c] : 0;
  return index === 0 ? -1 : NEXT[state * ALPHABET_SIZE + index] - 1;
}

/** A UTF-16 unit lower-cased as `toLowerCase` does for ASCII and Latin-1 letters (the profiles' words are in Latin-1). */
function lowerUnit(c: number): number {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) ? c + 32 : c;
}

/** Letters, by UTF-16 unit, cheaply: ASCII, Latin-1 and Latin Extended, Greek to Armenian, CJK. */
function letterKind(c: number): 0 | 1 | 2 | 3 | 4 {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return 1;
  if (c < 0xc0) return 0;
  if (c <= 0x24f) return c === 0xd7 || c === 0xf7 ? 0 : 1;
  if (c >= 0x370 && c <= 0x58f) return 1; // Greek, Cyrillic, Armenian
  if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) return 2; // Han
  if (c >= 0x3040 && c <= 0x30ff) return 3; // kana
  if (c >= 0xac00 && c <= 0xd7af) return 4; // Hangul
  return 0;
}

/** The language of a text from stop-word profiles (en, fr, de, es) or its script (zh, ja, ko). */
export function detectLanguage(text: string): DocumentLanguage {
  const hits = LANGS.map(() => 0);
  /** Hits on words no other profile lists: the evidence that separates fr from es. */
  const own = LANGS.map(() => 0);
  let words = 0;
  let latin = 0;
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let pos = 0;
  while (pos < text.length && words < LANGUAGE_SAMPLE_WORDS) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const lineStart = pos;
    pos = end + 1;
    if (end - lineStart >= 30 && end - lineStart <= 400 && isBanner(text.slice(lineStart, end))) continue;
    let i = lineStart;
    while (i < end && words < LANGUAGE_SAMPLE_WORDS) {
      const kind = letterKind(text.charCodeAt(i));
      if (kind === 0) {
        i++;
        continue;
      }
      if (kind >= 2) {
        // CJK: every character counts for the script, a run counts as one word.
        while (i < end) {
          const k = letterKind(text.charCodeAt(i));
          if (k < 2) break;
          if (k === 2) han++;
          else if (k === 3) kana++;
          else hangul++;
          i++;
        }
        words++;
        continue;
      }
      const w0 = i;
      let state = 0;
      for (let c = text.charCodeAt(i); i < end && letterKind(c) === 1; c = text.charCodeAt(++i)) if (state >= 0) state = step(state, c);
      words++;
      latin += i - w0;
      if (state < 0) continue;
      const next = i < end ? text.charCodeAt(i) : 0;
      // `l'intégration` counts as the elided article `l'`; `beijing's` and `xiong'an` as nothing.
      const elided = (next === 39 || next === 0x2019) && i - w0 <= 2 && i + 1 < end && letterKind(text.charCodeAt(i + 1)) === 1;
      const end1 = elided ? step(state, 39) : state;
      const bits = end1 < 0 ? 0 : WORD_BITS[end1];
      if (bits) {
        // A word several profiles share (`de`, `la`, `en`) is split between them.
        for (let l = 0; l < LANGS.length; l++) if (bits & (1 << l)) hits[l] += SHARE[bits];
        if (SHARE[bits] === 1) own[31 - Math.clz32(bits)]++;
      }
    }
  }
  const cjk = han + kana + hangul;
  if (cjk > latin) {
    const code = hangul > cjk / 2 ? 'ko' : kana > cjk / 10 ? 'ja' : 'zh';
    return { code, confidence: round2(cjk / (cjk + latin)) };
  }
  let best = 0;
  for (let l = 1; l < LANGS.length; l++) if (hits[l] > hits[best]) best = l;
  if (hits[best] === 0) return { code: 'und', confidence: 0 };
  const rival = Math.max(0, ...own.filter((_, l) => l !== best));
  const lead = own[best] > 0 ? Math.max(0, own[best] - rival) / own[best] : 0;
  const evidence = Math.min(1, hits[best] / 20);
  return { code: LANGS[best], confidence: round2(lead * evidence) };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
