/**
 * Numbers and dates stated in a sentence (English and French news text).
 *
 * `extractDates(text, lang)` finds `July 29`, `May 15, 2023`, `December 2022`, `29 juillet`,
 * `1er mai 2024`, `août 2021`, ISO `2024-08-07` and bare years (`in 2023`, 1900–2099).
 * `extractNumbers(text, lang)` finds the other numbers with their value and unit: `11.9 kilometers`,
 * `7,9 kilomètres`, `1,146 companies`, `250 000 mètres carrés`, `150 billion yuan`, `56%`.
 * Offsets are UTF-16 indices into `text`; the fact extractor converts them to code points.
 */
import type { Lang } from './sentences';

export interface DateMention {
  text: string;
  start: number;
  end: number;
  year?: number;
  month?: number;
  day?: number;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` when the year is stated. */
  iso?: string;
}

export interface NumberMention {
  text: string;
  start: number;
  end: number;
  /** The number as written, scaled by `million`/`milliards`… when one follows (`150 billion` → 1.5e11). */
  value: number;
  /** What is counted or measured, e.g. `%`, `kilometers`, `yuan`, `companies`. */
  unit?: string;
}

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  janvier: 1, fevrier: 2, février: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, aout: 8, août: 8, septembre: 9, octobre: 10, novembre: 11, decembre: 12, décembre: 12,
};

const EN_MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const FR_MONTH = '(janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)';

const DATE_PATTERNS: { re: RegExp; parts: (m: RegExpExecArray) => { y?: string; mo?: string; d?: string } }[] = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, parts: (m) => ({ y: m[1], mo: m[2], d: m[3] }) },
  { re: new RegExp(`\\b${EN_MONTH} (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?\\b`, 'g'), parts: (m) => ({ mo: m[1], d: m[2], y: m[3] }) },
  { re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${EN_MONTH},? (\\d{4})\\b`, 'g'), parts: (m) => ({ d: m[1], mo: m[2], y: m[3] }) },
  { re: new RegExp(`\\b${EN_MONTH},? (\\d{4})\\b`, 'g'), parts: (m) => ({ mo: m[1], y: m[2] }) },
  { re: new RegExp(`(?<![\\p{L}\\d])(1er|\\d{1,2}) ${FR_MONTH}(?: (\\d{4}))?(?![\\p{L}])`, 'giu'), parts: (m) => ({ d: m[1], mo: m[2], y: m[3] }) },
  { re: new RegExp(`(?<![\\p{L}])${FR_MONTH} (\\d{4})\\b`, 'giu'), parts: (m) => ({ mo: m[1], y: m[2] }) },
  { re: /(?<![\d.,\p{L}])(19\d{2}|20\d{2})(?![\d\p{L}]|[.,]\d)/gu, parts: (m) => ({ y: m[1] }) },
];

const FR_MONTHS = new Set(['janvier', 'février', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'aout', 'septembre', 'octobre', 'novembre', 'décembre', 'decembre']);

function monthNumber(s: string): number | undefined {
  return MONTHS[s.toLowerCase().replace(/\.$/, '')];
}

export function extractDates(text: string, lang: Lang = 'en'): DateMention[] {
  void lang;
  // Every date pattern has an ASCII digit: most sentences have none, and skip seven regular expressions.
  if (!/\d/.test(text)) return [];
  // One byte per UTF-16 index: set where an accepted date lies.
  const taken = new Uint8Array(text.length);
  const out: DateMention[] = [];
  const overlaps = (s: number, e: number) => {
    for (let i = s; i < e; i++) if (taken[i]) return true;
    return false;
  };
  for (const { re, parts } of DATE_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s = m.index;
      const e = s + m[0].length;
      if (overlaps(s, e)) continue;
      const p = parts(m);
      const month = p.mo ? (/^\d+$/.test(p.mo) ? Number(p.mo) : monthNumber(p.mo)) : undefined;
      const day = p.d ? (p.d === '1er' ? 1 : Number(p.d)) : undefined;
      const year = p.y ? Number(p.y) : undefined;
      if (month !== undefined && (month < 1 || month > 12)) continue;
      if (day !== undefined && (day < 1 || day > 31)) continue;
      // English month names need a capital (`may` is a verb); French ones are written in lower case.
      if (p.mo && !/^\d/.test(p.mo) && /^\p{Ll}/u.test(p.mo) && !FR_MONTHS.has(p.mo.toLowerCase())) continue;
      const d: DateMention = { text: m[0], start: s, end: e };
      if (year !== undefined) d.year = year;
      if (month !== undefined) d.month = month;
      if (day !== undefined) d.day = day;
      if (year !== undefined) {
        d.iso = String(year).padStart(4, '0');
        if (month !== undefined) {
          d.iso += '-' + String(month).padStart(2, '0');
          if (day !== undefined) d.iso += '-' + String(day).padStart(2, '0');
        }
      }
      taken.fill(1, s, e);
      out.push(d);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const SCALES: Record<string, number> = {
  thousand: 1e3, million: 1e6, millions: 1e6, billion: 1e9, billions: 1e9, trillion: 1e12, trillions: 1e12,
  mille: 1e3, milliard: 1e9, milliards: 1e9,
};

const EN_NUMBER = /(?<![\p{L}\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|(?<![\p{L}\d.,])\d+(?:\.\d+)?(?![\d])/gu;
const FR_NUMBER = /(?<![\p{L}\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\d])|(?<![\p{L}\d.,])\d+(?:[,.]\d+)?(?![\d])/gu;

const NOT_UNITS = /^(and|et|or|ou|to|à|of|de|in|en|the|le|la|les|des|du|a|an|un|une|is|est|was|were|are|sont|has|have|on|with|avec|for|pour|by|par|from|this|that|at)$/i;

function parseNumber(raw: string, lang: Lang): number {
  let s = raw.replace(/[ \u00a0\u202f]/g, '');
  if (lang === 'fr') s = s.replace(',', '.');
  else s = s.replace(/,/g, '');
  return Number(s);
}

export function extractNumbers(text: string, lang: Lang = 'en', dates: DateMention[] = extractDates(text, lang)): NumberMention[] {
  const out: NumberMention[] = [];
  const re = lang === 'fr' ? FR_NUMBER : EN_NUMBER;
  re.lastIndex = 0;
  // Number matches come in text order. extractDates gives disjoint dates sorted by start: a pointer
  // moves past the dates that end before a match, and only the next date can overlap it.
  const disjoint = dates.every((d, i) => i === 0 || d.start >= dates[i - 1].end);
  let di = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const s = m.index;
    let e = s + m[0].length;
    if (disjoint) {
      while (di < dates.length && dates[di].end <= s) di++;
      if (di < dates.length && dates[di].start < e) continue;
    } else if (dates.some((d) => s < d.end && e > d.start)) continue;
    let value = parseNumber(m[0], lang);
    if (!Number.isFinite(value)) continue;
    // Unit: `%`, then an optional scale word, then a word (`8.29-meter`, `11.9 kilometers`, `150 billion yuan`).
    let unit: string | undefined;
    const rest = text.slice(e, e + 60);
    const pct = /^\s?(%|percent\b|pour cent\b)/.exec(rest);
    if (pct) {
      unit = '%';
      e += pct[0].length;
    } else {
      const w = /^[ \u00a0\u202f-]?(\p{L}+)/u.exec(rest);
      if (w) {
        const scale = SCALES[w[1].toLowerCase()];
        if (scale) {
          value *= scale;
          e += w[0].length;
          const w2 = /^[ \u00a0\u202f](?:(?:de|d')\s?)?(\p{L}+)/u.exec(rest.slice(w[0].length));
          if (w2 && !NOT_UNITS.test(w2[1])) unit = w2[1];
        } else if (!NOT_UNITS.test(w[1])) unit = w[1];
      }
    }
    const n: NumberMention = { text: text.slice(s, e), start: s, end: e, value };
    if (unit) n.unit = unit;
    out.push(n);
  }
  return out;
}
