/**
 * Capitalised names in English text: the words of a text, and the runs of capitalised words
 * (joined by single spaces, `(Beijing)` parentheses and `Co., Ltd.`) that the `patterns` engine
 * classifies. Offsets are UTF-16 indices.
 */
import { COMMON_CAPITALISED, MONTHS_AND_DAYS, TITLES } from './lexicon';

export interface Word {
  start: number;
  end: number;
  text: string;
  cap: boolean;
  /** First word of a sentence, a line or a quotation: capitalised whatever it is. */
  initial: boolean;
}

export interface Run {
  /** Indices into the word list, inclusive–exclusive. */
  from: number;
  to: number;
  start: number;
  end: number;
}

// A word: letters and digits, with inner apostrophes and hyphen/en-dash compounds kept together
// (`Xiong'an`, `Beijing-Tianjin-Hebei`, `Beijing–Tangshan`). A possessive `'s` is left outside.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’][\p{L}\p{M}]+)*(?:[-–][\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’][\p{L}\p{M}]+)*)*/gu;

export function words(text: string): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let w = m[0];
    if (/['’]s$/.test(w)) w = w.slice(0, -2);
    const start = m.index;
    out.push({ start, end: start + w.length, text: w, cap: /^\p{Lu}/u.test(w), initial: isInitial(text, start) });
  }
  return out;
}

function isInitial(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /[ \t"“‘'(«\[—–-]/.test(text[i])) i--;
  return i < 0 || /[\n.!?:;。丨|*]/.test(text[i]);
}

/** Lower-cased words seen written in lower case somewhere in the text: ordinary vocabulary. */
export function lowerVocabulary(ws: readonly Word[]): Set<string> {
  const out = new Set<string>();
  for (const w of ws) if (!w.cap) out.add(w.text.toLowerCase());
  return out;
}

/** Whether a capitalised word can be part of a name (not a sentence-initial common word, a title or a month). */
export function nameLike(w: Word, vocabulary: ReadonlySet<string>): boolean {
  if (!w.cap) return false;
  if (MONTHS_AND_DAYS.has(w.text) || TITLES.has(w.text)) return false;
  if (w.initial && (COMMON_CAPITALISED.has(w.text) || vocabulary.has(w.text.toLowerCase()))) return false;
  return true;
}

/**
 * Runs of name-like words separated by one space, plus the company pattern `X (Beijing) Y Co., Ltd.`
 * and `No. 4`/`Line 22` numbers. A run never crosses a line break or other punctuation.
 */
export function capitalRuns(text: string, ws: readonly Word[], vocabulary: ReadonlySet<string>): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < ws.length) {
    if (!nameLike(ws[i], vocabulary)) {
      i++;
      continue;
    }
    const from = i;
    let end = ws[i].end;
    let j = i + 1;
    for (; j < ws.length; j++) {
      const gap = text.slice(end, ws[j].start);
      const w = ws[j];
      const inner = w.cap && !MONTHS_AND_DAYS.has(w.text);
      if (gap === ' ' && inner) end = w.end;
      else if (gap === ' ' && /^\d+$/.test(w.text) && /^(Line|Route|Phase|Building)$/.test(ws[j - 1].text)) end = w.end;
      else if (gap === '. ' && ws[j - 1].text === 'No' && /^\d+$/.test(w.text)) end = w.end;
      else if (gap === ' (' && inner && text.startsWith(') ', w.end) && ws[j + 1]?.cap && ws[j + 1].start === w.end + 2) end = w.end + 1;
      else if (gap === ') ' && inner && text[ws[j - 1].end] === ')') end = w.end;
      else break;
    }
    // `Co., Ltd.` / `Ltd.` / `Inc.` close a company name with their full stops.
    const tail = /^(?:\., Ltd\.|\.)/.exec(text.slice(end, end + 7));
    if (tail && /^(Co|Ltd|Inc|Corp)$/.test(ws[j - 1].text)) {
      end += tail[0].length;
      while (j < ws.length && ws[j].start < end) j++;
    }
    runs.push({ from, to: j, start: ws[from].start, end });
    i = j;
  }
  return runs;
}
