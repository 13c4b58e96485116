/**
 * Sentence splitting for the corpus's English and French news text.
 *
 * `splitSentences(text, lang?)` returns sentences with code point offsets into `text` (which should
 * already be normalised: no BOM, LF line endings, see src/core/text/normalize.ts) and the 1-based
 * line of each sentence's start. Leading and trailing white space is not part of a sentence.
 *
 * Rules (Intl.Segmenter was tried on the seeds and fails on several of these: it keeps `citoyens.Photo`
 * together, starts a sentence with the closing `»` of a French quote, and cuts after `Co.`):
 * - A blank line or a line break always ends a sentence (headlines and captions have no full stop),
 *   except a hard-wrapped line: no terminal punctuation and the next line starts in lower case.
 * - A sentence ends after `.`, `!`, `?`, `…` (or a run of them, `?!`, `...`) plus any closing quotes
 *   and brackets, when white space and a sentence start (capital, digit, opening quote) follow.
 *   French `? `, `! `, `. »` spacing is handled. `word.Word` with no space also ends one.
 * - Not an end: decimals (`11.9 kilometers`, `7,9`), abbreviations (`Mr.`, `Dr.`, `St.`, `No.`, `Jan.`,
 *   `e.g.`, `U.S.`, `M.`, `Mme.`, …), initials (`J. Smith`), list numbers (`1. `), and anything inside a
 *   quotation that the sentence carries on after (`"… doctor. Beijing …," said Chen Lian`,
 *   `« … » a déclaré …`). A quotation that is followed by a new sentence is split inside as usual.
 */
import { LineIndex } from '../text/lineIndex';

export type Lang = 'en' | 'fr';

export interface Sentence {
  /** Code point offset, inclusive. */
  start: number;
  /** Code point offset, exclusive. */
  end: number;
  text: string;
  /** 1-based line of `start`. */
  line: number;
}

/** Abbreviations after which a full stop never ends a sentence (folded to lower case, no dot). */
const NEVER_END = new Set(
  (
    'mr mrs ms dr prof st sr jr gen sen rep gov lt col capt sgt mt ft no nos vs fig figs approx dept est ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e cf al vol pp p art ch sec op ed eds ' +
    'u.s u.k u.n p.r.c a.m p.m ' +
    'm mm mme mmes mlle mlles me mgr ste env av boul bd p.ex c.-a-d j.-c n°'
  ).split(/\s+/),
);

const TERMINATORS = new Set(['.', '!', '?', '…', '。', '！', '？', '‼', '⁇', '⁈', '⁉']);
/** Finds the next terminator at once: prose is mostly other characters (a third of extraction went to stepping over them one by one). */
const NEXT_TERMINATOR = new RegExp(`[${[...TERMINATORS].map((c) => (c === '.' || c === '?' ? `\\${c}` : c)).join('')}]`, 'g');
/** Every character `findQuotes` acts on; it skips to the next one. */
const NEXT_QUOTE = /["“”«»‘’„‹›]/g;
const CLOSERS = new Set(['"', '”', '’', '»', "'", ')', ']', '}', '›']);
const OPENERS = new Set(['"', '“', '‘', '«', '(', '[', '{', '‹', '„', '¿', '¡', "'"]);

/** Detects English or French from function words; defaults to English. */
export function detectLanguage(text: string): Lang {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const fr = (sample.match(/\b(le|la|les|des|du|et|est|dans|une|pour|sur|qui|avec|au|aux)\b/gi) ?? []).length;
  const en = (sample.match(/\b(the|and|of|to|is|in|for|with|that|on|was|by|as|are)\b/gi) ?? []).length;
  return fr > en * 1.2 ? 'fr' : 'en';
}

function isUpperStart(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLower(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

function isLetter(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}

function isDigitCh(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u00a0' || ch === '\u202f' || ch === '\u2009' || ch === '\u3000' || ch === '\f' || ch === '\v';
}

/** Can a sentence start with `ch` (after white space)? */
function isSentenceStart(ch: string): boolean {
  if (!ch) return false;
  if (isUpperStart(ch) || isDigitCh(ch) || OPENERS.has(ch) || ch === '“' || ch === '«' || ch === '-' || ch === '–' || ch === '—' || ch === '•') return true;
  const c = ch.charCodeAt(0);
  return c >= 0x2e80; // CJK and beyond: no case
}

interface QuoteSpan {
  open: number;
  close: number;
}

/**
 * Quotations in a block (UTF-16 indices). A straight `"` opens when it follows a start, space or
 * opening bracket and closes otherwise; `’` closes only a `‘`.
 */
function findQuotes(text: string, from: number, to: number): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  const stack: { ch: string; at: number }[] = [];
  const pairs: Record<string, string> = { '“': '”', '«': '»', '‘': '’', '„': '“', '‹': '›' };
  // Stack positions of each opening character, so a closing one finds its opener in O(1) (a long
  // run of unmatched closers used to scan the whole stack each: quadratic).
  const at: Record<string, number[]> = { '"': [], '“': [], '«': [], '‘': [], '„': [], '‹': [] };
  const push = (ch: string, i: number) => {
    at[ch].push(stack.length);
    stack.push({ ch, at: i });
  };
  const truncate = (k: number) => {
    while (stack.length > k) at[stack.pop()!.ch].pop();
  };
  const openersOf: Record<string, string[]> = { '”': ['“', '"'], '»': ['«'], '’': ['‘'], '›': ['‹'], '“': ['„'] };
  for (let i = from; i < to; i++) {
    NEXT_QUOTE.lastIndex = i;
    const found = NEXT_QUOTE.exec(text);
    if (!found || found.index >= to) break;
    i = found.index;
    const ch = text[i];
    if (ch === '"') {
      const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
      const prev = i > from ? text[i - 1] : ' ';
      const opening = isSpace(prev) || prev === '(' || prev === '[' || prev === '\n' || i === from || prev === '“' || prev === '«' || prev === '—' || prev === '-';
      if (top && top.ch === '"' && !opening) {
        truncate(stack.length - 1);
        spans.push({ open: top.at, close: i });
      } else if (top && top.ch === '"' && opening && i + 1 < to && isSpace(text[i + 1])) {
        // `word "` followed by a space: a closing quote after all.
        truncate(stack.length - 1);
        spans.push({ open: top.at, close: i });
      } else if (opening || !top) push(ch, i);
      continue;
    }
    // Closing first: `“` closes an open `„` before it can open a quotation of its own.
    if (ch === '”' || ch === '»' || ch === '’' || ch === '›' || (ch === '“' && at['„'].length > 0)) {
      let k = -1;
      for (const o of openersOf[ch]) {
        const list = at[o];
        if (list.length && list[list.length - 1] > k) k = list[list.length - 1];
      }
      if (k >= 0) {
        spans.push({ open: stack[k].at, close: i });
        truncate(k);
      }
      continue;
    }
    if (ch in pairs) {
      if (ch === '‘' && i > from && isLetter(text[i - 1])) continue;
      push(ch, i);
      continue;
    }
  }
  return spans;
}

const WORD_BEFORE_MAX = 32;

/** The word just before index `dot` (letters, digits, dots, hyphens; at most WORD_BEFORE_MAX characters), folded to lower case. */
function wordBefore(text: string, dot: number, from: number): string {
  // Bounded: the longest abbreviation is 7 characters, and an unbounded walk is quadratic on `a.a.a.…`.
  const limit = Math.max(from, dot - WORD_BEFORE_MAX);
  let s = dot;
  while (s > limit && (isLetter(text[s - 1]) || isDigitCh(text[s - 1]) || text[s - 1] === '.' || text[s - 1] === '-' || text[s - 1] === '°')) s--;
  return text.slice(s, dot).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** Boundaries (UTF-16 indices where a new sentence may start) inside [from, to). */
function boundaries(text: string, from: number, to: number): number[] {
  const quotes = findQuotes(text, from, to);
  // Quotations the sentence carries on after are kept whole.
  const protectedSpans: QuoteSpan[] = [];
  for (const q of quotes) {
    if (q.close - q.open > 800) continue;
    let j = q.close + 1;
    while (j < to && isSpace(text[j])) j++;
    if (j >= to) continue;
    const next = text[j];
    if (next === ',' || next === ';' || next === ':' || next === '-' || next === '–' || next === '—' || isLower(next) || next === ')') {
      protectedSpans.push(q);
    }
  }
  // Coverage of the spans' insides, by prefix sums: one lookup per terminator instead of a scan of all spans.
  const cover = new Int32Array(to - from + 1);
  for (const q of protectedSpans) {
    cover[q.open + 1 - from]++;
    cover[q.close - from]--;
  }
  for (let x = 1; x < cover.length; x++) cover[x] += cover[x - 1];
  const inProtected = (i: number) => cover[i - from] > 0;

  const out: number[] = [];
  let sentenceStart = from;
  let i = from;
  while (i < to) {
    NEXT_TERMINATOR.lastIndex = i;
    const found = NEXT_TERMINATOR.exec(text);
    if (!found || found.index >= to) break;
    i = found.index;
    const ch = text[i];
    const termAt = i;
    // A run of terminators (`...`, `?!`).
    let j = i + 1;
    while (j < to && (TERMINATORS.has(text[j]) || text[j] === '.')) j++;
    const run = text.slice(termAt, j);
    // Closing quotes and brackets, also after a French space (`achevée. »`).
    for (;;) {
      if (j < to && CLOSERS.has(text[j])) {
        j++;
        continue;
      }
      if (j + 1 < to && isSpace(text[j]) && (text[j + 1] === '»' || text[j + 1] === '›')) {
        j += 2;
        continue;
      }
      break;
    }
    const endOfSentence = j;
    let k = j;
    while (k < to && isSpace(text[k])) k++;
    i = j;
    if (k >= to) continue; // end of block
    const next = text[k];
    const spaced = k > j;
    if (!spaced) {
      // `citoyens.Photo`, `chapter!Representatives`: a lower-case word, a stop and a capitalised word.
      const prevWord = wordBefore(text, termAt, from);
      if (!(run.length === 1 && prevWord.length >= 2 && /^[\p{Ll}]+$/u.test(prevWord) && isUpperStart(next) && k + 1 < to && isLower(text[k + 1]))) continue;
    } else if (!isSentenceStart(next)) continue;
    if (inProtected(termAt)) continue;
    if (run === '.' || (run.length === 1 && ch === '.')) {
      const w = wordBefore(text, termAt, from);
      if (NEVER_END.has(w) || NEVER_END.has(w.replace(/\.$/, ''))) continue;
      // Initials (`J. Smith`) and dotted abbreviations (`U.S.`) — but not the first word of a list.
      if (/^\p{Lu}$/u.test(text.slice(termAt - 1, termAt)) && (termAt - 1 === from || !isLetter(text[termAt - 2]))) continue;
      if (/^(\p{L}\.)+\p{L}$/u.test(w)) continue;
      // A list number at the start of a sentence: `1. First`.
      if (/^\d{1,3}$/.test(text.slice(sentenceStart, termAt).trim())) continue;
    }
    out.push(endOfSentence);
    sentenceStart = k;
  }
  return out;
}

/** Ranges [start, end) of blocks: lines, joined when a line is hard-wrapped. */
function blocks(text: string): [number, number][] {
  const lines: [number, number][] = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      lines.push([s, i]);
      s = i + 1;
    }
  }
  const out: [number, number][] = [];
  for (let li = 0; li < lines.length; li++) {
    const [ls, le] = lines[li];
    if (text.slice(ls, le).trim() === '') continue;
    let end = le;
    let lj = li;
    // Hard wrap: no terminal punctuation at the end, next line starts in lower case.
    while (lj + 1 < lines.length) {
      const cur = text.slice(lines[lj][0], lines[lj][1]).trimEnd();
      const nxt = text.slice(lines[lj + 1][0], lines[lj + 1][1]).trimStart();
      const last = cur.charAt(cur.length - 1);
      if (nxt === '' || !isLower(nxt.charAt(0)) || TERMINATORS.has(last) || CLOSERS.has(last) || last === ':') break;
      lj++;
      end = lines[lj][1];
    }
    out.push([ls, end]);
    li = lj;
  }
  return out;
}

/**
 * Splits normalised text into sentences. `lang` is detected when omitted; the rules are shared and
 * the language only matters for a few abbreviations. `lineIndex`, when given, is a LineIndex of `text`
 * the caller already has (it is used instead of building one).
 */
export function splitSentences(text: string, lang?: Lang, lineIndex?: LineIndex): Sentence[] {
  void lang;
  const lines = lineIndex && lineIndex.text === text ? lineIndex : new LineIndex(text);
  const cps = lines.cp;
  const lineOf = (u: number) => lines.lineAtUtf16(u) + 1;
  const out: Sentence[] = [];
  for (const [bs, be] of blocks(text)) {
    const cuts = [bs, ...boundaries(text, bs, be), be];
    for (let c = 0; c + 1 < cuts.length; c++) {
      let s = cuts[c];
      let e = cuts[c + 1];
      while (s < e && /\s/.test(text[s])) s++;
      while (e > s && /\s/.test(text[e - 1])) e--;
      if (e <= s) continue;
      const raw = text.slice(s, e);
      if (!/[\p{L}\p{N}]/u.test(raw)) continue;
      out.push({ start: cps.toCodePoint(s), end: cps.toCodePoint(e), text: raw, line: lineOf(s) });
    }
  }
  return out;
}
