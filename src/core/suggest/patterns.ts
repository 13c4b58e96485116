/**
 * The `patterns` engine: names in English text found from their shape and the document's own
 * evidence, to make up for what the model misses (Chinese names, institutions, compound places).
 * One cohesive algorithm over the document, in this order:
 * 1. runs of capitalised words (names.ts), joined through `of`/`of the`/`and` when an organisation
 *    or place head makes the whole one name (`Ministry of Human Resources and Social Security`,
 *    `Port of Tianjin`); a run with no head is never joined, so `Beijing and Tianjin` stay two;
 * 2. a gazetteer of the document's places: the model's places, countries, words before a place
 *    head (`Hebei` from `Hebei Province`), `X, <place>` (`Binhai, Tianjin`) and members of a list
 *    with a place in it or in a place (`Tangshan, Shijiazhuang, Baoding and Cangzhou in Hebei Province`);
 * 3. each name typed by its last head noun (organisation or place), else as a place when all its
 *    words are places (`Beijing Tianjin Hebei`, `Beijing-Tianjin-Hebei` are one place), else as a
 *    person when it reads as a Chinese name (surname + pinyin given name) or the model says so,
 *    with a title or role around it raising the score; list members take their list's type;
 * 4. names found once are found everywhere in the document.
 * Offsets are UTF-16 indices.
 */
import { capitalRuns, lowerVocabulary, words, type Run, type Word } from './names';
import { CUE_BEFORE, isPinyin, LOC_HEADS, ORG_HEADS, ORG_OPENERS, ROLE_AFTER, SURNAMES, TITLES, WORLD_PLACES } from './lexicon';
import type { Candidate } from './types';

interface Span {
  start: number;
  end: number;
  /** Word indices, inclusive–exclusive. */
  from: number;
  to: number;
  type?: 'person' | 'organization' | 'location';
  score: number;
}

export function patternCandidates(text: string, model: readonly Candidate[] = []): Candidate[] {
  const ws = words(text);
  const vocabulary = lowerVocabulary(ws);
  const runs = capitalRuns(text, ws, vocabulary);
  const spans = joinRuns(text, ws, runs);
  const places = gazetteer(text, ws, spans, model);
  const modelPeople = new Set(model.filter((c) => c.type === 'person').map((c) => text.slice(c.start, c.end)));
  for (const s of spans) classify(text, ws, s, places, modelPeople);
  typeLists(text, spans);
  return propagate(text, spans);
}

function headClass(w: string): 'organization' | 'location' | undefined {
  if (ORG_HEADS.has(w)) return 'organization';
  if (LOC_HEADS.has(w)) return 'location';
  return undefined;
}

function lastHead(ws: readonly Word[], from: number, to: number): 'organization' | 'location' | undefined {
  for (let i = to - 1; i >= from; i--) {
    const h = headClass(ws[i].text.split(/[-–]/).pop()!);
    if (h) return h;
  }
  return undefined;
}

function hasHead(ws: readonly Word[], run: Run): boolean {
  return lastHead(ws, run.from, run.to) !== undefined || ORG_OPENERS.has(ws[run.from].text);
}

/** Joins runs through `of`, `of the`, `and`, `for` when a head makes them one name. */
function joinRuns(text: string, ws: readonly Word[], runs: readonly Run[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  while (i < runs.length) {
    let cur: Span = { start: runs[i].start, end: runs[i].end, from: runs[i].from, to: runs[i].to, score: 0 };
    let joinedOf = false;
    let j = i + 1;
    for (; j < runs.length; j++) {
      const gap = text.slice(cur.end, runs[j].start);
      const leftHead = lastHead(ws, cur.from, cur.to) !== undefined || ORG_OPENERS.has(ws[cur.from].text);
      const rightHead = hasHead(ws, runs[j]);
      const of = gap === ' of ' || gap === ' of the ' || gap === ' for ';
      const and = gap === ' and ';
      // `Party of China`, `Port of Tianjin`, `Ministry of Human Resources and Social Security`,
      // `National Development and Reform Commission`, `Hebei Guofeng Iron and Steel`.
      if ((of && leftHead) || (and && (joinedOf || (rightHead && runs[j].to - runs[j].from === 1 && !lastHead(ws, cur.from, cur.to)))) || (of && rightHead && lastHead(ws, runs[j].from, runs[j].to) === 'organization')) {
        if (of) joinedOf = true;
        cur = { ...cur, end: runs[j].end, to: runs[j].to };
      } else break;
    }
    out.push(cur);
    i = j;
  }
  return out;
}

function gazetteer(text: string, ws: readonly Word[], spans: readonly Span[], model: readonly Candidate[]): Set<string> {
  const places = new Set<string>();
  for (const c of model) if (c.type === 'location') {
    const t = text.slice(c.start, c.end);
    if (!/\s/.test(t) && !headClass(t)) places.add(t);
  }
  for (const w of ws) if (WORLD_PLACES.has(w.text)) places.add(w.text);
  for (const s of spans) {
    // `Hebei Province`, `Langfang City`, `Xiong'an New Area`: the first word names a place.
    const last = ws[s.to - 1].text;
    if (s.to - s.from >= 2 && LOC_HEADS.has(last) && !headClass(ws[s.from].text)) {
      if (s.to - s.from === 2 || (s.to - s.from === 3 && ws[s.from + 1].text === 'New')) places.add(ws[s.from].text);
    }
  }
  // Twice: a place found by a list can reveal the next one (`X, Y` then `Z in Y`).
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < spans.length; k++) {
      const s = spans[k];
      if (s.to - s.from !== 1) continue;
      const w = ws[s.from].text;
      if (places.has(w) || SURNAMES.has(w) || headClass(w)) continue;
      const next = spans[k + 1];
      // `Binhai, Tianjin`, `Xingtai, Hebei`.
      if (next && text.slice(s.end, next.start) === ', ' && next.to - next.from === 1 && places.has(ws[next.from].text) && !ROLE_AFTER.test(text.slice(s.end, s.end + 40))) places.add(w);
    }
    for (const list of lists(text, spans)) {
      const singles = list.filter((s) => s.to - s.from === 1);
      const last = list[list.length - 1];
      const next = spans[spans.indexOf(last) + 1];
      // `Tangshan, Shijiazhuang, Baoding and Cangzhou in Hebei Province`.
      const inPlace = next && text.slice(last.end, next.start) === ' in ' && (isPlaceName(ws, next, places) || lastHeadIs(ws, next, 'location'));
      if (singles.length < 2 || !(inPlace || singles.some((s) => places.has(ws[s.from].text)))) continue;
      if (list.some((s) => s.to - s.from > 1 && !lastHeadIs(ws, s, 'location'))) continue;
      for (const s of singles) if (!SURNAMES.has(ws[s.from].text) || places.has(ws[s.from].text)) places.add(ws[s.from].text);
    }
  }
  return places;
}

function lastHeadIs(ws: readonly Word[], s: Span, type: string): boolean {
  return lastHead(ws, s.from, s.to) === type;
}

/** Coordinated lists of names: `A, B, C and D`, `A and B`. */
function lists(text: string, spans: readonly Span[]): Span[][] {
  const out: Span[][] = [];
  let cur: Span[] = [];
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k];
    if (cur.length > 0 && /^(?:, |,? and |, and |,? or )$/.test(text.slice(cur[cur.length - 1].end, s.start))) cur.push(s);
    else {
      if (cur.length > 1) out.push(cur);
      cur = [s];
    }
  }
  if (cur.length > 1) out.push(cur);
  return out;
}

function isPlaceName(ws: readonly Word[], s: Span, places: ReadonlySet<string>): boolean {
  for (let i = s.from; i < s.to; i++) {
    const parts = ws[i].text.split(/[-–]/);
    if (!parts.every((p) => places.has(p))) return false;
  }
  return true;
}

function classify(text: string, ws: readonly Word[], s: Span, places: ReadonlySet<string>, modelPeople: ReadonlySet<string>): void {
  const n = s.to - s.from;
  const head = lastHead(ws, s.from, s.to) ?? (ORG_OPENERS.has(ws[s.from].text) && n > 1 ? 'organization' : undefined);
  const before = text.slice(Math.max(0, s.start - 20), s.start);
  const after = text.slice(s.end, s.end + 60);
  const titled = s.from > 0 && TITLES.has(ws[s.from - 1].text) && ws[s.from - 1].end + 1 === s.start;
  const cued = titled || CUE_BEFORE.test(before) || ROLE_AFTER.test(after);
  if (head && n > 1) {
    s.type = head;
    s.score = 0.8;
    return;
  }
  if (isPlaceName(ws, s, places)) {
    s.type = 'location';
    s.score = n === 1 && !ws[s.from].text.includes('-') ? 0.85 : 0.8;
    return;
  }
  const first = ws[s.from].text;
  const chineseName = n === 2 && SURNAMES.has(first) && isPinyin(ws[s.from + 1].text) && !places.has(ws[s.from + 1].text) && !headClass(ws[s.from + 1].text);
  if (chineseName || (n === 1 && titled && SURNAMES.has(first))) {
    s.type = 'person';
    s.score = cued || modelPeople.has(text.slice(s.start, s.end)) ? 0.9 : 0.7;
    return;
  }
  if (modelPeople.has(text.slice(s.start, s.end)) && n >= 2) {
    s.type = 'person';
    s.score = cued ? 0.85 : 0.65;
  }
}

/** Untyped members of a list take the type its typed members share (`Zhongchuang Yanyuan, Siruien New Materials, …`). */
function typeLists(text: string, spans: readonly Span[]): void {
  for (const list of lists(text, spans)) {
    const types = new Set(list.map((s) => s.type).filter((t) => t !== undefined));
    if (types.size !== 1) continue;
    const [type] = types;
    if (type === 'person') continue;
    for (const s of list) if (!s.type) {
      s.type = type;
      s.score = 0.6;
    }
  }
}

/** Every other occurrence of a typed name (whole words, not inside a longer name) gets the same type. */
function propagate(text: string, spans: readonly Span[]): Candidate[] {
  const best = new Map<string, { type: NonNullable<Span['type']>; score: number }>();
  for (const s of spans) {
    if (!s.type) continue;
    const t = text.slice(s.start, s.end);
    const b = best.get(t);
    if (!b || s.score > b.score) best.set(t, { type: s.type, score: s.score });
  }
  const out: Candidate[] = [];
  for (const s of spans) {
    const b = s.type ? { type: s.type, score: s.score } : best.get(text.slice(s.start, s.end));
    if (b) out.push({ start: s.start, end: s.end, type: b.type, score: s.type ? s.score : Math.min(b.score, 0.75), engine: 'patterns' });
  }
  return out;
}
