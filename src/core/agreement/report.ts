/**
 * The agreement report of two annotators over a set of documents: token-level kappa and alpha
 * plus the span schemes, per document, per type and pooled (docs/agreement.md).
 */
import { tokenize } from '../text/tokens';
import { addConfusion, binaryConfusion, cohenKappa, emptyConfusion, krippendorffAlphaFromConfusion, type Confusion } from './confusion';
import { SCHEMES, addCounts, evaluateScheme, mucCounts, scoresOf, sortSpans, zeroCounts, type Scheme, type SchemeOutcome } from './spans';
import { OUTSIDE, labelTokens } from './tokenLabels';
import type { AgreementReport, CompareInput, DocumentReport, Measures, SpanCounts, TokenPair } from './types';

export interface CompareOptions {
  /** Put every token with both labels, and both sides' spans, into each document's entry. */
  detail?: boolean;
}

interface DocumentTally {
  confusion: Confusion;
  schemes: Record<Scheme, SchemeOutcome>;
  muc: SchemeOutcome;
}

function measures(confusion: Confusion, schemeCounts: Record<Scheme, SpanCounts>, counts: SpanCounts): Measures {
  let tokens = 0;
  for (const v of confusion.cells) tokens += v;
  return {
    cohenKappa: cohenKappa(confusion),
    krippendorffAlpha: krippendorffAlphaFromConfusion(confusion),
    tokens,
    strict: scoresOf('strict', schemeCounts.strict),
    exact: scoresOf('exact', schemeCounts.exact),
    partial: scoresOf('partial', schemeCounts.partial),
    type: scoresOf('type', schemeCounts.type),
    counts: { ...counts },
  };
}

function schemeRecord<T>(make: () => T): Record<Scheme, T> {
  return { strict: make(), exact: make(), partial: make(), type: make() };
}

/** Compares A and B over the given documents. Pure; linear in the text plus |A|·|B| per document. */
export function measureAgreement(inputs: readonly CompareInput[], options: CompareOptions = {}): AgreementReport {
  const typeSet = new Set<string>();
  for (const d of inputs) for (const s of [...d.a, ...d.b]) if (s.end > s.start) typeSet.add(s.type);
  const types = [...typeSet].sort();
  const labels = [OUTSIDE, ...types];
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const k = labels.length;

  const pooled = emptyConfusion(labels);
  const pooledSchemes = schemeRecord(zeroCounts);
  const pooledMuc = zeroCounts();
  const typeSchemes = new Map(types.map((t) => [t, schemeRecord(zeroCounts)]));
  const typeMuc = new Map(types.map((t) => [t, zeroCounts()]));
  const documents: DocumentReport[] = [];

  for (const input of inputs) {
    const tokens = tokenize(input.text);
    const a = sortSpans(input.a);
    const b = sortSpans(input.b);
    const la = labelTokens(tokens, a);
    const lb = labelTokens(tokens, b);
    const confusion = emptyConfusion(labels);
    for (let i = 0; i < tokens.length; i++) confusion.cells[labelIndex.get(la[i])! * k + labelIndex.get(lb[i])!]++;
    const tally: DocumentTally = {
      confusion,
      schemes: { strict: evaluateScheme('strict', a, b), exact: evaluateScheme('exact', a, b), partial: evaluateScheme('partial', a, b), type: evaluateScheme('type', a, b) },
      muc: mucCounts(a, b),
    };
    addConfusion(pooled, confusion);
    for (const s of SCHEMES) {
      addCounts(pooledSchemes[s], tally.schemes[s].counts);
      for (const [t, c] of tally.schemes[s].byType) addCounts(typeSchemes.get(t)![s], c);
    }
    addCounts(pooledMuc, tally.muc.counts);
    for (const [t, c] of tally.muc.byType) addCounts(typeMuc.get(t)!, c);

    const m = measures(confusion, { strict: tally.schemes.strict.counts, exact: tally.schemes.exact.counts, partial: tally.schemes.partial.counts, type: tally.schemes.type.counts }, tally.muc.counts);
    const entry: DocumentReport = { document: input.document, ...m, tokens: m.tokens, tokenCount: m.tokens };
    if (options.detail) {
      entry.tokens = tokens.map((t, i): TokenPair => ({ start: t.start, end: t.end, a: la[i], b: lb[i] }));
      entry.spansA = a;
      entry.spansB = b;
    }
    if (input.textDiffers) entry.textDiffers = { ...input.textDiffers };
    documents.push(entry);
  }

  const byType: Record<string, Measures> = {};
  for (const t of types) byType[t] = measures(binaryConfusion(pooled, t), typeSchemes.get(t)!, typeMuc.get(t)!);
  return { overall: measures(pooled, pooledSchemes, pooledMuc), byType, documents };
}

/** Documents sorted by disagreement: lowest kappa first (no tokens last), then by path. */
export function byDisagreement(documents: readonly DocumentReport[]): DocumentReport[] {
  const key = (d: DocumentReport) => (d.cohenKappa === null ? 2 : d.cohenKappa);
  return [...documents].sort((x, y) => key(x) - key(y) || (x.document < y.document ? -1 : x.document > y.document ? 1 : 0));
}
