/**
 * Search tokenisation shared by the fact index, the query parser and the benchmarks.
 *
 * - Folding: lower case, diacritics removed (`Pékin` → `pekin`), ligatures expanded (`œ` → `oe`),
 *   curly apostrophes treated like straight ones.
 * - Words are runs of letters and digits. Numbers keep their decimal part (`11.9`, French `11,9` → `11.9`)
 *   and drop thousands separators (`1,146` → `1146`). Han, kana and hangul characters are one token each.
 * - Apostrophes: French elisions are dropped (`l'intégration` → `integration`), English possessives too
 *   (`Beijing's` → `beijing`), and any other apostrophe joins (`Xiong'an` → `xiongan`).
 *
 * Offsets given to callbacks are UTF-16 indices into the string that was passed in.
 */

const C_SEP = 0;
const C_WORD = 1;
const C_CJK = 2;
const C_MARK = 3;
const C_APOS = 4;

const TABLE_SIZE = 0x3000;
let foldTable: Uint16Array | undefined;
let classTable: Uint8Array | undefined;

function buildTables(): void {
  const fold = new Uint16Array(TABLE_SIZE);
  const cls = new Uint8Array(TABLE_SIZE);
  const word = /[\p{L}\p{N}]/u;
  const mark = /\p{M}/u;
  for (let c = 0; c < TABLE_SIZE; c++) {
    const s = String.fromCharCode(c);
    let f = c;
    if (c >= 0x41 && c <= 0x5a) f = c + 32;
    else if (c >= 0x80) {
      const base = s.normalize('NFD').charAt(0).toLowerCase();
      if (base.length === 1) f = base.charCodeAt(0);
    }
    fold[c] = f;
    if (c === 0x27 || c === 0x2019 || c === 0x2bc) cls[c] = C_APOS;
    else if (c < 0x80) cls[c] = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) ? C_WORD : C_SEP;
    else if (mark.test(s)) cls[c] = C_MARK;
    else if (word.test(s)) cls[c] = C_WORD;
  }
  fold[0x2019] = 0x27;
  fold[0x2bc] = 0x27;
  foldTable = fold;
  classTable = cls;
}

function charClass(c: number): number {
  if (c < TABLE_SIZE) return classTable![c];
  // Han, kana, hangul and CJK symbols: one token per character.
  if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)) return C_CJK;
  if (c >= 0xd800 && c <= 0xdfff) return C_SEP;
  if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return C_WORD;
  return C_SEP;
}

/** Folds one string for comparison: lower case, no diacritics, `œ` → `oe`. Same length except ligatures. */
export function fold(s: string): string {
  if (!foldTable) buildTables();
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s.toLowerCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < TABLE_SIZE) {
      if (classTable![c] === C_MARK) continue;
      out += String.fromCharCode(foldTable![c]);
    } else out += s.charAt(i);
  }
  return expandLigatures(out);
}

function expandLigatures(s: string): string {
  if (!/[œæß]/.test(s)) return s;
  return s.replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss');
}

const ELISIONS = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);

export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    // English
    'a an the and or but nor of to in on at by for from with without as is are was were be been being am ' +
    'it its this that these those there here than then so such into onto over under about after before ' +
    'during between among through while which who whom whose what when where why how all any both each ' +
    'few more most other some no not only own same too very can will just should would could may might must ' +
    'do does did done has have had having i me my we our us you your he him his she her they them their ' +
    'also up down out off again further once if because until against above below s t ' +
    // French
    'le la les un une des du de d l au aux et ou mais donc or ni car en dans sur sous par pour avec sans ' +
    'ce cet cette ces son sa ses leur leurs est sont etait ete etre a ont avait qui que quoi dont ou ' +
    'il elle ils elles on nous vous je tu se ne pas plus ainsi comme y'
  ).split(/\s+/).filter(Boolean),
);

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token) || (token.length === 1 && !(token >= '0' && token <= '9') && token.charCodeAt(0) < 0x3000);
}

/** Called for each token with its folded form and UTF-16 [start, end) in the input. */
export type TokenSink = (token: string, start: number, end: number) => void;

/**
 * Tokenises `text`, calling `sink` for every token (stopwords included; callers filter).
 */
export function forEachToken(text: string, sink: TokenSink): void {
  if (!foldTable) buildTables();
  const table = foldTable!;
  const n = text.length;
  // Folded once for the whole text (same length: one code unit each), then sliced per token.
  const folded = foldSameLength(text, table);
  const slice = (a: number, b: number) => (folded === null ? sliceFold(text, a, b, table) : folded.slice(a, b));
  let i = 0;
  while (i < n) {
    const cl = charClass(text.charCodeAt(i));
    if (cl === C_CJK) {
      sink(text.charAt(i), i, i + 1);
      i++;
      continue;
    }
    if (cl !== C_WORD) {
      i++;
      continue;
    }
    // A word: letters, digits and combining marks, numbers with their separators, joined apostrophes.
    let start = i;
    let tok = '';
    let seg = i;
    let allDigits = true;
    let done = false;
    for (;;) {
      while (i < n) {
        const d = text.charCodeAt(i);
        const k = charClass(d);
        if (k === C_WORD) {
          if (allDigits && !isDigit(d)) allDigits = false;
        } else if (k === C_MARK) {
          tok += slice(seg, i);
          seg = i + 1;
        } else break;
        i++;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (allDigits && (c === 0x2e || c === 0x2c) && i + 1 < n && isDigit(text.charCodeAt(i + 1))) {
        let j = i + 1;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
        // `1,146` → 1146; `11.9` and French `11,9` → 11.9
        tok += slice(seg, i) + (c === 0x2c && j - i - 1 === 3 ? '' : '.');
        seg = i + 1;
        i = j;
        continue;
      }
      if (charClass(c) === C_APOS && i + 1 < n && charClass(text.charCodeAt(i + 1)) === C_WORD) {
        const sofar = tok + slice(seg, i);
        if (ELISIONS.has(sofar)) {
          // French elision: the article is dropped and the word starts after the apostrophe.
          i++;
          start = i;
          seg = i;
          tok = '';
          allDigits = true;
          continue;
        }
        const next = text.charCodeAt(i + 1);
        if ((next === 0x73 || next === 0x53) && (i + 2 >= n || charClass(text.charCodeAt(i + 2)) !== C_WORD)) {
          // English possessive: the word ends before the apostrophe and the `s` is skipped.
          emit(sink, sofar, start, i);
          i += 2;
          done = true;
          break;
        }
        tok = sofar;
        seg = i + 1;
        allDigits = false;
        i++;
        continue;
      }
      break;
    }
    if (!done) emit(sink, tok + slice(seg, i), start, i);
  }
}

function emit(sink: TokenSink, t: string, start: number, end: number): void {
  if (t.length === 0) return;
  sink(t, start, end);
}

const NON_ASCII = /[^\x00-\x7f]/;
const LIGATURES = /[œŒæÆß]/;
let scratch = new Uint16Array(256);

/**
 * The text folded code unit by code unit, or null when that would not be exact (ligatures expand):
 * the caller then folds token by token. Combining marks are dropped by the tokeniser either way.
 */
function foldSameLength(text: string, table: Uint16Array): string | null {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  if (LIGATURES.test(text)) return null;
  const n = text.length;
  if (scratch.length < n) scratch = new Uint16Array(Math.max(n, scratch.length * 2));
  const buf = scratch;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    buf[i] = c < TABLE_SIZE ? table[c] : c;
  }
  let out = '';
  for (let i = 0; i < n; i += 4096) out += String.fromCharCode.apply(null, buf.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  return out;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function sliceFold(text: string, s: number, e: number, fold: Uint16Array): string {
  let ascii = true;
  for (let i = s; i < e; i++) {
    if (text.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text.slice(s, e).toLowerCase();
  let out = '';
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= TABLE_SIZE) out += text.charAt(i);
    else if (c === 0x153 || c === 0x152) out += 'oe';
    else if (c === 0xe6 || c === 0xc6) out += 'ae';
    else if (c === 0xdf) out += 'ss';
    else out += String.fromCharCode(fold[c]);
  }
  return out;
}

/** All tokens of a string, folded, stopwords included. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  forEachToken(text, (t) => out.push(t));
  return out;
}

/** A compact key for names: folded letters and digits only (`Xiong'an New Area` → `xionganewarea`). */
export function compactKey(s: string): string {
  return fold(s).replace(/[^\p{L}\p{N}]+/gu, '');
}
