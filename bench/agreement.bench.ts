import { measureAgreement, pairDocuments, readSourceDocument, type CompareInput, type SourceDocument } from '../src/core/agreement';
import { DEFAULT_ENTITY_TYPES } from '../src/core/corpus/config';
import type { EntityAnnotation } from '../src/core/model';
import { hashText, makeAnchor, serializeSidecar } from '../src/core/sidecar';
import { tokenize } from '../src/core/text/tokens';
import { mulberry32, seedTexts } from '../test/support/fixtures';
import { mb, ms, table, time } from './stats';

/**
 * Issue 13's target: comparing two versions of 10,000 documents with 30 annotations each in under
 * 5 s. Documents are 2,000-code-point slices of the seeds (about 330 tokens each); B is A with
 * 10 % of the annotations dropped, 10 % retyped, 10 % resized and 3 added per document.
 */
const DOCS = 10_000;
const PER_DOC = 30;
const SLICE = 2_000;
const RUNS = 7;
const TYPES = DEFAULT_ENTITY_TYPES.map((t) => t.id);

function corpus(): { a: SourceDocument[]; b: SourceDocument[]; sidecarsA: string[]; sidecarsB: string[] } {
  const seeds = seedTexts().map((t) => Array.from(t));
  const r = mulberry32(13);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const a: SourceDocument[] = [];
  const b: SourceDocument[] = [];
  const sidecarsA: string[] = [];
  const sidecarsB: string[] = [];
  for (let d = 0; d < DOCS; d++) {
    const seed = seeds[d % seeds.length];
    const from = Math.floor(r() * (seed.length - SLICE));
    const text = seed.slice(from, from + SLICE).join('');
    const tokens = tokenize(text).filter((t) => /\p{L}/u.test(t.text));
    const ea: EntityAnnotation[] = [];
    for (let i = 0; i < PER_DOC; i++) {
      const t = tokens[Math.floor(((i + r() * 0.8) * tokens.length) / PER_DOC)];
      ea.push({ id: `e-a${d}x${i}`, type: pick(TYPES), ...makeAnchor(text, t.start, t.end) });
    }
    const eb: EntityAnnotation[] = [];
    for (const e of ea) {
      const x = r();
      if (x < 0.1) continue;
      if (x < 0.2) eb.push({ ...e, type: pick(TYPES) });
      else if (x < 0.3) eb.push({ ...e, ...makeAnchor(text, e.start, Math.min(Array.from(text).length, e.end + 4)) });
      else eb.push(e);
    }
    for (let i = 0; i < 3; i++) {
      const t = pick(tokens);
      eb.push({ id: `e-b${d}x${i}`, type: pick(TYPES), ...makeAnchor(text, t.start, t.end) });
    }
    const document = `docs/${String(d).padStart(5, '0')}.txt`;
    a.push({ document, text, entities: ea });
    b.push({ document, text, entities: eb });
    const header = { format: 'corpus-annotator', version: 1, document, textHash: hashText(text), offsets: 'codepoint' as const };
    sidecarsA.push(serializeSidecar({ header, entities: ea, facts: [] }));
    sidecarsB.push(serializeSidecar({ header, entities: eb, facts: [] }));
  }
  return { a, b, sidecarsA, sidecarsB };
}

export async function main(): Promise<void> {
  const c = corpus();
  const bytes = c.sidecarsA.reduce((n, s) => n + s.length, 0) + c.sidecarsB.reduce((n, s) => n + s.length, 0);
  let inputs: CompareInput[] = [];
  let tokens = 0;
  const measure = await time(() => {
    inputs = pairDocuments(c.a, c.b).inputs;
    tokens = measureAgreement(inputs).overall.tokens;
  }, RUNS);
  const detail = await time(() => measureAgreement(inputs, { detail: true }), RUNS);
  const whole = await time(() => {
    // What `agree` does after reading the files: parse both sides' sidecars, pair, measure.
    const A = c.a.map((d, i) => readSourceDocument(d.document, d.text, c.sidecarsA[i]).document);
    const B = c.b.map((d, i) => readSourceDocument(d.document, d.text, c.sidecarsB[i]).document);
    measureAgreement(pairDocuments(A, B).inputs);
  }, RUNS);
  console.log(`${DOCS.toLocaleString('en')} documents × ${PER_DOC} annotations on each side, ${tokens.toLocaleString('en')} tokens, sidecars ${mb(bytes)}; median / p95 over ${RUNS} runs\n`);
  console.log(
    table(
      ['', 'median', 'p95', 'target'],
      [
        ['measure (pair + tokenise + kappa/alpha + 4 span schemes)', ms(measure.median), ms(measure.p95), '< 5 s'],
        ['same, with detail (every token and span in the report)', ms(detail.median), ms(detail.p95), ''],
        ['parse both sides\' 20,000 sidecars + measure', ms(whole.median), ms(whole.p95), '< 5 s'],
      ],
    ),
  );
}
