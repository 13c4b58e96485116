/**
 * The pipeline: which engines run on a document (its language decides), their candidates in code
 * points, rejections and existing annotations taken out, overlaps resolved (combine.ts).
 *
 * English: corpus decisions, registry, model (compromise), patterns, rules. French: corpus
 * decisions, registry, rules (the model and the patterns are English-only).
 */
import { isSorted, overlapsAny } from '../corpus/suggestions';
import type { CanonicalEntity } from '../model';
import { detectLanguage, type Lang } from '../facts/sentences';
import { CodePointIndex } from '../text/codepoints';
import { combine } from './combine';
import { DecisionIndex, matchSources, registrySources } from './decisions';
import { modelCandidatesByName as modelCandidates } from './model';
import { patternCandidates } from './patterns';
import { RejectionSet } from './rejections';
import { ruleCandidates } from './rules';
import { ENGINE_NAMES, type BuiltinType, type Candidate, type EngineName, type EntitySuggestion } from './types';

export interface SuggestContext {
  /** What the corpus's people decided: tagged strings and their types (build once per corpus change). */
  decisions?: DecisionIndex;
  registry?: readonly CanonicalEntity[];
  rejections?: RejectionSet;
}

export interface SuggestOptions {
  /** Engines to run; all by default (the language may rule some out). */
  engines?: readonly EngineName[];
  lang?: Lang;
  /** Spans already annotated in the document (code points): nothing is suggested over them. */
  annotated?: readonly { start: number; end: number }[];
  /** Map from the built-in type ids to the corpus's (a type mapped to undefined is not suggested). */
  types?: Partial<Record<BuiltinType, string | undefined>>;
  /** Suggestions scoring below this are dropped. */
  minScore?: number;
  cps?: CodePointIndex;
  /** Only these UTF-16 indices for the corpus and registry engines (the editor's visible lines). */
  window?: { start: number; end: number };
}

export const ENGLISH_ONLY: ReadonlySet<EngineName> = new Set(['model', 'patterns']);

/** The engines that run on a text of `lang` out of those asked for. */
export function enginesFor(lang: Lang, asked: readonly EngineName[] = ENGINE_NAMES): EngineName[] {
  return asked.filter((e) => lang === 'en' || !ENGLISH_ONLY.has(e));
}

/**
 * Every engine's candidates, before combining (code points), for the benchmarks and the combined
 * result. Corpus and registry matches over `annotated` spans are left out here already (finish
 * drops them anyway): on screen most tagged strings are tagged where they stand.
 */
export function engineCandidates(text: string, context: SuggestContext, options: SuggestOptions = {}): Candidate[] {
  const asked = options.engines ?? ENGINE_NAMES;
  // The corpus and registry engines run in every language: the text's is only read for the others.
  const lang = options.lang ?? (asked.some((e) => ENGLISH_ONLY.has(e) || e === 'rules') ? detectLanguage(text) : 'en');
  const engines = new Set(enginesFor(lang, asked));
  const cps = options.cps ?? new CodePointIndex(text);
  const annotated = options.annotated && isSorted(options.annotated) ? options.annotated : [...(options.annotated ?? [])].sort((a, b) => a.start - b.start);
  const out: Candidate[] = [];
  if (engines.has('corpus') && context.decisions && context.decisions.size > 0) out.push(...matchSources(text, cps, context.decisions.prepared(context.rejections), 'corpus', options.window, annotated));
  if (engines.has('registry') && context.registry && context.registry.length > 0) out.push(...matchSources(text, cps, registrySources(context.registry, context.rejections), 'registry', options.window, annotated));
  const utf16: Candidate[] = [];
  let model: Candidate[] = [];
  if (engines.has('model')) utf16.push(...(model = modelCandidates(text)));
  if (engines.has('patterns')) utf16.push(...patternCandidates(text, model));
  if (engines.has('rules')) utf16.push(...ruleCandidates(text, lang));
  for (const c of utf16) out.push({ ...c, start: cps.toCodePoint(c.start), end: cps.toCodePoint(c.end) });
  return out;
}

/** Suggestions for one document: combined, without rejected pairs or spans over annotations. */
export function suggestEntities(text: string, context: SuggestContext = {}, options: SuggestOptions = {}): EntitySuggestion[] {
  const cps = options.cps ?? new CodePointIndex(text);
  const candidates = engineCandidates(text, context, { ...options, cps });
  return finish(cps, candidates, context, options);
}

/** Type mapping, rejections, annotated spans and the score threshold, then overlap resolution. */
export function finish(cps: CodePointIndex, candidates: readonly Candidate[], context: SuggestContext, options: SuggestOptions): EntitySuggestion[] {
  const given = options.annotated ?? [];
  // The editor passes them sorted already: a copy and a sort of 10,000 spans per redraw spared.
  const annotated = isSorted(given) ? given : [...given].sort((a, b) => a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    const type = mapType(c, options.types);
    if (type === undefined) continue;
    if (c.score < (options.minScore ?? 0)) continue;
    if (overlapsAny(annotated, c.start, c.end)) continue;
    if (context.rejections?.has(cps.slice(c.start, c.end), type)) continue;
    kept.push({ ...c, type });
  }
  return combine(kept).map((c) => {
    const s: EntitySuggestion = { start: c.start, end: c.end, type: c.type, text: cps.slice(c.start, c.end), score: round(c.score), engine: c.engine };
    if (c.entity) s.entity = c.entity;
    return s;
  });
}

function mapType(c: Candidate, types: SuggestOptions['types']): string | undefined {
  // Corpus and registry candidates already carry the corpus's own type ids.
  if (!types || c.engine === 'corpus' || c.engine === 'registry') return c.type;
  return c.type in types ? types[c.type as BuiltinType] : c.type;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
