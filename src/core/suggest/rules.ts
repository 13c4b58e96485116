/**
 * The `rules` engine: dates, times, money, percentages and quantities with units, in English and
 * French. Dates and numbers come from the fact extractor (src/core/facts/numbers.ts); this file
 * adds times and sorts numbers into money, percentages and measures, dropping bare counts.
 * Offsets are UTF-16 indices.
 */
import { extractDates, extractNumbers } from '../facts/numbers';
import type { Lang } from '../facts/sentences';
import type { Candidate } from './types';

export type RuleKind = 'date' | 'time' | 'money' | 'percent' | 'quantity';

export interface RuleCandidate extends Candidate {
  kind: RuleKind;
}

const CURRENCY_WORDS = /^(yuan|renminbi|rmb|dollars?|euros?|pounds?|yen|francs?|rupees?|roubles?|rubles?|won|usd|eur|cny|gbp|jpy|chf|yuans|dollar|centimes?|cents?)$/i;
const CURRENCY_BEFORE = /(?:[$€£¥]|US\$|RMB|USD|EUR|CNY)\s?$/;

const UNITS = new RegExp(
  '^(?:' +
    [
      'square', 'cubic', 'carrés?', 'cubes?',
      'kilometers?', 'kilometres?', 'km', 'km2', 'meters?', 'metres?', 'm', 'm2', 'm3', 'centimeters?', 'centimetres?', 'cm', 'millimeters?', 'mm',
      'miles?', 'feet', 'foot', 'ft', 'inch(?:es)?', 'yards?', 'hectares?', 'ha', 'acres?', 'mu',
      'kilomètres?', 'mètres?', 'centimètres?', 'millimètres?',
      'tons?', 'tonnes?', 'kilograms?', 'kilogrammes?', 'kg', 'grams?', 'grammes?', 'g', 'micrograms?', 'microgrammes?', 'milligrams?', 'mg', 'pounds?', 'lbs?',
      'liters?', 'litres?', 'l', 'ml', 'gallons?',
      'kilowatts?', 'kw', 'kwh', 'megawatts?', 'mw', 'gigawatts?', 'gw', 'watts?', 'w', 'volts?', 'kv',
      'TEUs?', 'degrees?', 'degrés?', '°C', 'hours?', 'heures?', 'minutes?', 'seconds?', 'secondes?', 'days?', 'jours?', 'weeks?', 'semaines?', 'months?', 'mois', 'years?', 'ans', 'années?',
      'kilometers per hour', 'km/h',
    ].join('|') +
    ')$',
  'i',
);

const TIME_EN = /(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s?(?:a\.m\.|p\.m\.|am|pm))?(?![\d:])|(?<![\d:])(?:1[0-2]|[1-9])\s?(?:a\.m\.|p\.m\.|am|pm)\b/gi;
const TIME_FR = /(?<![\d:])(?:[01]?\d|2[0-3])\s?h\s?(?:[0-5]\d)?(?![\p{L}\d])|(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])/giu;

export function ruleCandidates(text: string, lang: Lang): RuleCandidate[] {
  const out: RuleCandidate[] = [];
  const dates = extractDates(text, lang);
  for (const d of dates) {
    const bareYear = d.month === undefined && d.day === undefined;
    out.push({ start: d.start, end: d.end, type: 'date', kind: 'date', score: bareYear ? 0.7 : 0.9, engine: 'rules' });
  }
  const times: RuleCandidate[] = [];
  const timeRe = lang === 'fr' ? TIME_FR : TIME_EN;
  timeRe.lastIndex = 0;
  for (let m = timeRe.exec(text); m; m = timeRe.exec(text)) times.push({ start: m.index, end: m.index + m[0].length, type: 'date', kind: 'time', score: 0.85, engine: 'rules' });
  const taken = [...out, ...times].sort((a, b) => a.start - b.start);
  out.push(...times);
  for (const n of extractNumbers(text, lang, dates)) {
    if (overlaps(taken, n.start, n.end)) continue;
    let start = n.start;
    let kind: RuleKind | undefined;
    let end = n.end;
    const before = CURRENCY_BEFORE.exec(text.slice(Math.max(0, n.start - 4), n.start));
    if (n.unit === '%') kind = 'percent';
    else if (before) {
      kind = 'money';
      start -= before[0].length;
    } else if (n.unit && CURRENCY_WORDS.test(n.unit)) kind = 'money';
    else if (n.unit && UNITS.test(n.unit)) {
      kind = 'quantity';
    }
    if (!kind) continue;
    // The extractor's span stops at the number (and its scale word); the unit belongs to the quantity.
    if (kind !== 'percent' && n.unit && end === n.end) {
      const u = /^[ \u00a0\u202f-]?(?:(?:de|d')\s?)?(\p{L}+)/u.exec(text.slice(end, end + 40));
      if (u && u[1] === n.unit) end += u[0].length;
      const more = /^[ \u00a0](kilometers?|kilometres?|meters?|metres?|miles?|feet|carrés?|cubes?)(?![\p{L}])/u.exec(text.slice(end, end + 20));
      if (more && /^(square|cubic|kilomètres?|mètres?)$/i.test(n.unit)) end += more[0].length;
    }
    out.push({ start, end, type: 'quantity', kind, score: kind === 'quantity' ? 0.8 : 0.9, engine: 'rules' });
  }
  return out.sort((a, b) => a.start - b.start);
}

function overlaps(sorted: readonly { start: number; end: number }[], s: number, e: number): boolean {
  for (const c of sorted) {
    if (c.start >= e) break;
    if (c.end > s) return true;
  }
  return false;
}
