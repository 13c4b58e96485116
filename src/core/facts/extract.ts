/**
 * Fact extraction: every sentence of a document becomes a fact candidate (`kind: 'sentence'`), and
 * every fact recorded in the sidecar becomes a `kind: 'fact'` record carrying its structured fields.
 *
 * API
 * - `extractFacts(doc: FactDocument, registry?: CanonicalEntity[] | ReadonlyMap<id, CanonicalEntity>): FactRecord[]` — sentences in text
 *   order, then recorded facts. Offsets are code points in the normalised text (BOM removed, LF line
 *   endings; the text is normalised here if it was not), lines are 1-based.
 * - Each record holds the entity annotations that overlap it, with the canonical name and aliases
 *   resolved from the registry when the annotation is linked (`entity` set), and the numbers, dates
 *   and years it states. Records are plain data (safe to post to a worker).
 */
import type { CanonicalEntity, EntityAnnotation, FactAnnotation } from '../model';
import { CodePointIndex } from '../text/codepoints';
import { LineIndex } from '../text/lineIndex';
import { normalizeText } from '../text/normalize';
import { extractDates, extractNumbers, type DateMention, type NumberMention } from './numbers';
import { detectLanguage, splitSentences, type Lang } from './sentences';

export type FactKind = 'sentence' | 'fact';

export interface FactDocument {
  /** The caller's document key, e.g. a URI string. Results carry it back as `docId`. */
  id: string;
  title: string;
  text: string;
  entities?: EntityAnnotation[];
  facts?: FactAnnotation[];
  /** Detected from the text when omitted. */
  lang?: Lang;
}

/** An entity annotation inside a fact, with its canonical entity resolved. */
export interface FactEntity {
  /** The annotation id. */
  id: string;
  type: string;
  /** The annotated text. */
  text: string;
  start: number;
  end: number;
  /** Canonical entity id, when linked. */
  entity?: string;
  /** Canonical name when linked and known, else the annotated text. */
  name: string;
  aliases: string[];
}

/** The structured fields of a recorded fact (a sidecar `facts` entry). */
export interface RecordedFact {
  /** The fact annotation id. */
  id: string;
  subject?: string;
  /** Canonical name of `subject`, when it is in the registry. */
  subjectName?: string;
  predicate?: string;
  value?: string;
  date?: string;
  note?: string;
  author?: string;
  status?: string;
}

export interface FactRecord {
  /** Unique within the document: `s:<start>-<end>` for sentences, `f:<annotation id>` for recorded facts. */
  id: string;
  docId: string;
  title: string;
  kind: FactKind;
  text: string;
  /** Code point offsets in the normalised document text. */
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
  lang: Lang;
  entities: FactEntity[];
  /** Offsets in numbers and dates are code points in the document, like `start`/`end`. */
  numbers: NumberMention[];
  dates: DateMention[];
  /** Years stated (dates, bare years, the recorded fact's `date`), ascending, unique. */
  years: number[];
  fact?: RecordedFact;
}

function resolveEntity(a: EntityAnnotation, registry: ReadonlyMap<string, CanonicalEntity>): FactEntity {
  const c = a.entity ? registry.get(a.entity) : undefined;
  const e: FactEntity = { id: a.id, type: a.type, text: a.text, start: a.start, end: a.end, name: c?.name ?? a.text, aliases: c ? [...c.aliases] : [] };
  if (a.entity) e.entity = a.entity;
  return e;
}

function isRegistryMap(r: Registry): r is ReadonlyMap<string, CanonicalEntity> {
  return !Array.isArray(r);
}

/** Numbers, dates and years of `text` (starting at code point `cpStart` in the document). */
function statements(text: string, cpStart: number, lang: Lang): { numbers: NumberMention[]; dates: DateMention[]; years: number[] } {
  const dates = extractDates(text, lang);
  const numbers = extractNumbers(text, lang, dates);
  const cps = new CodePointIndex(text);
  const shift = <T extends { start: number; end: number }>(x: T): T => ({ ...x, start: cpStart + cps.toCodePoint(x.start), end: cpStart + cps.toCodePoint(x.end) });
  const years = [...new Set(dates.filter((d) => d.year !== undefined).map((d) => d.year as number))].sort((a, b) => a - b);
  return { numbers: numbers.map(shift), dates: dates.map(shift), years };
}

/** A registry as a list, or already keyed by id (build the map once when extracting many documents). */
export type Registry = readonly CanonicalEntity[] | ReadonlyMap<string, CanonicalEntity>;

export function extractFacts(doc: FactDocument, registry: Registry = []): FactRecord[] {
  const text = normalizeText(doc.text);
  const lang = doc.lang ?? detectLanguage(text);
  const reg: ReadonlyMap<string, CanonicalEntity> = isRegistryMap(registry) ? registry : new Map(registry.map((c) => [c.id, c]));
  const lines = new LineIndex(text);
  const anns = (doc.entities ?? []).filter((a) => a.status !== 'orphaned').slice().sort((a, b) => a.start - b.start || a.end - b.end);
  const out: FactRecord[] = [];
  const maxLen = anns.reduce((m, a) => Math.max(m, a.end - a.start), 0);

  const inside = (start: number, end: number): FactEntity[] => {
    const res: FactEntity[] = [];
    // Binary search for the first annotation that could overlap (none is longer than maxLen).
    let lo = 0;
    let hi = anns.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (anns[mid].start < start - maxLen) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < anns.length && anns[i].start < end; i++) {
      const a = anns[i];
      if (a.end > start && a.start < end) res.push(resolveEntity(a, reg));
    }
    return res;
  };

  for (const s of splitSentences(text, lang, lines)) {
    const st = statements(s.text, s.start, lang);
    out.push({
      id: `s:${s.start}-${s.end}`,
      docId: doc.id,
      title: doc.title,
      kind: 'sentence',
      text: s.text,
      start: s.start,
      end: s.end,
      line: s.line,
      lang,
      entities: inside(s.start, s.end),
      ...st,
    });
  }

  if (doc.facts && doc.facts.length > 0) {
    const cps = lines.cp;
    const lineOfCp = (cp: number) => lines.positionAt(cp).line + 1;
    for (const f of doc.facts) {
      const quote = f.text || cps.slice(f.start, f.end);
      const st = statements(quote, f.start, lang);
      const fact: RecordedFact = { id: f.id };
      if (f.subject) {
        fact.subject = f.subject;
        const c = reg.get(f.subject);
        if (c) fact.subjectName = c.name;
      }
      if (f.predicate) fact.predicate = f.predicate;
      if (f.value) fact.value = f.value;
      if (f.date) fact.date = f.date;
      if (f.note) fact.note = f.note;
      if (f.author) fact.author = f.author;
      if (f.status) fact.status = f.status;
      const dateYear = f.date ? /^(\d{4})/.exec(f.date) : null;
      const years = dateYear ? [...new Set([...st.years, Number(dateYear[1])])].sort((a, b) => a - b) : st.years;
      const entities = inside(f.start, f.end);
      if (f.subject && !entities.some((e) => e.entity === f.subject)) {
        const c = reg.get(f.subject);
        // The subject counts as an entity of the fact even when it is not tagged inside the quote.
        entities.push({ id: `subject:${f.id}`, type: c?.type ?? 'entity', text: c?.name ?? f.subject, start: f.start, end: f.start, entity: f.subject, name: c?.name ?? f.subject, aliases: c ? [...c.aliases] : [] });
      }
      out.push({
        id: `f:${f.id}`,
        docId: doc.id,
        title: doc.title,
        kind: 'fact',
        text: quote,
        start: f.start,
        end: f.end,
        line: lineOfCp(f.start),
        lang,
        entities,
        numbers: st.numbers,
        dates: st.dates,
        years,
        fact,
      });
    }
  }
  return out;
}

export { detectLanguage, splitSentences } from './sentences';
export type { Lang, Sentence } from './sentences';
export { extractDates, extractNumbers } from './numbers';
export type { DateMention, NumberMention } from './numbers';
