/**
 * The agreement figures against independent implementations run in Python: scikit-learn's
 * cohen_kappa_score, NLTK's Krippendorff's alpha and, where it can be installed, nervaluate.
 * `.ci/run` installs them; locally the tests are pending (not passed) when Python lacks them.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { measureAgreement, type CompareInput, type LabelledSpan, type TokenPair } from '../../../src/core/agreement';
import { tokenize } from '../../../src/core/text/tokens';
import { mulberry32, seedFiles } from '../../support/fixtures';

const SCRIPT = path.resolve(__dirname, '../../../../test/unit/agreement/python/agreement_check.py');
const TYPES = ['person', 'organization', 'location', 'date'];

/** The first interpreter that has scikit-learn and NLTK. */
function findPython(): string | undefined {
  const candidates = [process.env.CORPUS_ANNOTATOR_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p);
  for (const p of candidates) {
    const r = spawnSync(p, ['-c', 'import sklearn, nltk'], { encoding: 'utf8' });
    if (r.status === 0) return p;
  }
  return undefined;
}

/** Seed documents with random token-aligned spans on A, and B a perturbed copy (dropped, retyped, resized, added). */
function generate(): CompareInput[] {
  const rand = mulberry32(1309);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  return seedFiles().flatMap(({ file, text }, n) => {
    const tokens = tokenize(text);
    // Each seed twice, the second with sparser annotations, so documents differ in agreement.
    return [0, 1].map((round) => {
      const a: LabelledSpan[] = [];
      for (let i = 0; i < tokens.length; i += 1 + Math.floor(rand() * (round ? 40 : 12))) {
        const j = Math.min(tokens.length - 1, i + Math.floor(rand() * 3));
        a.push({ start: tokens[i].start, end: tokens[j].end, type: pick(TYPES) });
        i = j;
      }
      const b: LabelledSpan[] = [];
      for (const s of a) {
        const r = rand();
        if (r < 0.1) continue;
        if (r < 0.2) b.push({ ...s, type: pick(TYPES) });
        else if (r < 0.3) b.push({ ...s, end: s.end - 1 > s.start ? s.end - 1 : s.end + 1 });
        else b.push({ ...s });
      }
      for (let x = 0; x < 5; x++) {
        const t = tokens[Math.floor(rand() * tokens.length)];
        b.push({ start: t.start, end: t.end, type: pick(TYPES) });
      }
      return { document: `${n}-${round}-${file}`, text, a, b };
    });
  });
}

const near = (ours: number | null, theirs: number | null, what: string) => {
  if (theirs === null) return;
  assert.ok(ours !== null && Math.abs(ours - theirs) < 1e-9, `${what}: ours ${ours}, theirs ${theirs}`);
};

describe('agreement against scikit-learn, NLTK and nervaluate (Python)', function () {
  this.timeout(120000);
  const python = findPython();
  const inputs = generate();
  const report = measureAgreement(inputs, { detail: true });
  let theirs: {
    versions: Record<string, string>;
    documents: { kappa: number | null; alpha: number | null }[];
    overall: { kappa: number | null; alpha: number | null; krippendorff: number | null };
    byType: Record<string, { kappa: number | null; alpha: number | null }>;
    nervaluate: Record<string, Record<string, number>> | null;
  };

  before(function () {
    if (!python) {
      if (process.env.CI) throw new Error('CI must have Python with scikit-learn and nltk (see .ci/run)');
      this.skip();
    }
    const request = {
      types: Object.keys(report.byType),
      documents: report.documents.map((d) => ({ tokens: (d.tokens as TokenPair[]).map((t) => ({ a: t.a, b: t.b })), spansA: d.spansA, spansB: d.spansB })),
    };
    const r = spawnSync(python!, [SCRIPT], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.strictEqual(r.status, 0, r.stderr);
    theirs = JSON.parse(r.stdout);
  });

  it('compares a realistic amount of data', () => {
    assert.strictEqual(report.documents.length, 10);
    assert.ok(report.overall.tokens > 3000, String(report.overall.tokens));
    assert.ok(report.overall.cohenKappa! > 0.3 && report.overall.cohenKappa! < 0.95, String(report.overall.cohenKappa));
  });

  it("Cohen's kappa per document, pooled and per type equals scikit-learn's cohen_kappa_score", () => {
    report.documents.forEach((d, i) => near(d.cohenKappa, theirs.documents[i].kappa, d.document));
    near(report.overall.cohenKappa, theirs.overall.kappa, 'overall');
    for (const [t, m] of Object.entries(report.byType)) near(m.cohenKappa, theirs.byType[t].kappa, t);
    assert.ok(theirs.overall.kappa !== null);
  });

  it("Krippendorff's alpha (nominal) per document, pooled and per type equals NLTK's AnnotationTask.alpha", () => {
    report.documents.forEach((d, i) => near(d.krippendorffAlpha, theirs.documents[i].alpha, d.document));
    near(report.overall.krippendorffAlpha, theirs.overall.alpha, 'overall');
    for (const [t, m] of Object.entries(report.byType)) near(m.krippendorffAlpha, theirs.byType[t].alpha, t);
    assert.ok(theirs.overall.alpha !== null);
  });

  it("pooled alpha equals the krippendorff package's", function () {
    if (theirs.overall.krippendorff === null) this.skip();
    near(report.overall.krippendorffAlpha, theirs.overall.krippendorff, 'krippendorff package');
  });

  it('span counts of every scheme equal nervaluate’s', function () {
    if (!theirs.nervaluate) this.skip();
    for (const s of ['strict', 'exact', 'partial', 'type'] as const) assert.deepStrictEqual(report.overall[s].counts, theirs.nervaluate![s], s);
  });
});
