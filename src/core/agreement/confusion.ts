/**
 * Token-level chance-corrected agreement of two annotators from their confusion matrix:
 * Cohen's kappa and Krippendorff's alpha (nominal). With two coders and no missing values both are
 * functions of the matrix alone, so a per-type (type versus not-that-type) figure is a 2×2
 * collapse of the same matrix and the pooled figure is the sum of the documents' matrices.
 * Formulas and edge cases: docs/agreement.md.
 */

/** A square matrix of counts over `labels`: `cells[i * k + j]` tokens labelled i by A and j by B. */
export interface Confusion {
  labels: string[];
  cells: Float64Array;
}

export function emptyConfusion(labels: string[]): Confusion {
  return { labels, cells: new Float64Array(labels.length * labels.length) };
}

/** Adds `from` into `into` (labels matched by name; `into` must hold every label of `from`). */
export function addConfusion(into: Confusion, from: Confusion): void {
  const k = into.labels.length;
  const map = from.labels.map((l) => into.labels.indexOf(l));
  const f = from.labels.length;
  for (let i = 0; i < f; i++) for (let j = 0; j < f; j++) into.cells[map[i] * k + map[j]] += from.cells[i * f + j];
}

/** The 2×2 matrix of `label` versus every other label. */
export function binaryConfusion(c: Confusion, label: string): Confusion {
  const k = c.labels.length;
  const t = c.labels.indexOf(label);
  const out = emptyConfusion([label, '¬' + label]);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = c.cells[i * k + j];
      if (!v) continue;
      out.cells[(i === t ? 0 : 1) * 2 + (j === t ? 0 : 1)] += v;
    }
  }
  return out;
}

function marginals(c: Confusion): { n: number; rows: Float64Array; cols: Float64Array; diagonal: number } {
  const k = c.labels.length;
  const rows = new Float64Array(k);
  const cols = new Float64Array(k);
  let n = 0;
  let diagonal = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = c.cells[i * k + j];
      rows[i] += v;
      cols[j] += v;
      n += v;
      if (i === j) diagonal += v;
    }
  }
  return { n, rows, cols, diagonal };
}

/**
 * Cohen's kappa, (p_o − p_e) / (1 − p_e). `null` with no token. When chance agreement is 1 (both
 * sides gave every token the same single label) the formula is 0/0; the annotations are then
 * identical and kappa is 1 by convention (scikit-learn returns NaN there).
 */
export function cohenKappa(c: Confusion): number | null {
  const { n, rows, cols, diagonal } = marginals(c);
  if (n === 0) return null;
  const po = diagonal / n;
  let pe = 0;
  for (let i = 0; i < rows.length; i++) pe += (rows[i] / n) * (cols[i] / n);
  if (pe >= 1) return po >= 1 ? 1 : 0;
  return (po - pe) / (1 - pe);
}

/**
 * Krippendorff's alpha for nominal data and two coders with no missing values:
 * α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, with the coincidence matrix o = C + Cᵀ,
 * n_c its marginals and n = 2N pairable values. `null` with no token. With one value only the
 * expected disagreement is 0 and α is undefined; the observed disagreement is then 0 too and we
 * report 1 (identical annotations), where the `krippendorff` package raises an error.
 */
export function krippendorffAlphaFromConfusion(c: Confusion): number | null {
  const { n: tokens, rows, cols, diagonal } = marginals(c);
  if (tokens === 0) return null;
  const n = 2 * tokens;
  // Off-diagonal coincidences: each disagreeing token contributes twice (c,k) and (k,c).
  const observed = 2 * (tokens - diagonal);
  let sumSquares = 0;
  for (let i = 0; i < rows.length; i++) sumSquares += (rows[i] + cols[i]) ** 2;
  const expected = n * n - sumSquares;
  if (expected === 0) return observed === 0 ? 1 : 0;
  return 1 - ((n - 1) * observed) / expected;
}

/**
 * Krippendorff's alpha (nominal) for any number of coders with missing values: `data[coder][unit]`,
 * `undefined` or `null` for a missing value. Units with fewer than two values are not pairable and
 * are left out. Used for the published examples; the report uses the confusion-matrix form above.
 */
export function krippendorffAlphaNominal(data: readonly (readonly (string | number | null | undefined)[])[]): number | null {
  const units = Math.max(0, ...data.map((r) => r.length));
  const index = new Map<string | number, number>();
  const pairs: number[][] = [];
  for (let u = 0; u < units; u++) {
    const values: number[] = [];
    for (const row of data) {
      const v = row[u];
      if (v === undefined || v === null) continue;
      let id = index.get(v);
      if (id === undefined) index.set(v, (id = index.size));
      values.push(id);
    }
    if (values.length >= 2) pairs.push(values);
  }
  const k = index.size;
  const o = new Float64Array(k * k);
  for (const values of pairs) {
    const m = values.length;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) o[values[i] * k + values[j]] += 1 / (m - 1);
  }
  const nc = new Float64Array(k);
  let n = 0;
  let observed = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      nc[c] += o[c * k + d];
      if (c !== d) observed += o[c * k + d];
    }
    n += nc[c];
  }
  if (n === 0) return null;
  let sumSquares = 0;
  for (let c = 0; c < k; c++) sumSquares += nc[c] * nc[c];
  const expected = n * n - sumSquares;
  if (expected === 0) return observed === 0 ? 1 : 0;
  return 1 - ((n - 1) * observed) / expected;
}
