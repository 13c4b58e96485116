/**
 * The agreement report as a self-contained page for a webview: no network, no external file, a
 * strict content security policy (only this page's nonce may run or style), theme colours from
 * VS Code's CSS variables, and every action a focusable button.
 */
import { byDisagreement, type AgreementReport, type Measures } from '../../core/agreement';
import { plural } from '../../core/text/plural';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fix = (v: number | null) => {
  if (v === null) return '—';
  const t = v.toFixed(3);
  return t === '-0.000' ? '0.000' : t;
};

type Row = Measures | (Omit<Measures, 'tokens'> & { tokenCount: number });
const SCHEMES = ['strict', 'exact', 'partial', 'type'] as const;

const cells = (values: (string | number)[]) => values.map((v) => `<td class="num">${esc(String(v))}</td>`).join('');
const counts = (m: Row) => `${m.counts.correct} / ${m.counts.incorrect} / ${m.counts.partial} / ${m.counts.missing} / ${m.counts.spurious}`;
const tokensOf = (m: Row) => ('tokenCount' in m ? m.tokenCount : m.tokens);

/** The documents table: F1 only, to stay readable with one row per document. */
function measureCells(m: Row): string {
  return cells([tokensOf(m), fix(m.cohenKappa), fix(m.krippendorffAlpha), ...SCHEMES.map((s) => fix(m[s].f1)), counts(m)]);
}

const HEAD = '<th scope="col">tokens</th><th scope="col">κ</th><th scope="col">α</th><th scope="col">strict F1</th><th scope="col">exact F1</th><th scope="col">partial F1</th><th scope="col">type F1</th><th scope="col">cor / inc / par / mis / spu</th>';

/** The overall and by-type tables: precision, recall and F1 under each scheme (B against A as the reference). */
function detailedCells(m: Row): string {
  return cells([tokensOf(m), fix(m.cohenKappa), fix(m.krippendorffAlpha), ...SCHEMES.flatMap((s) => [fix(m[s].precision), fix(m[s].recall), fix(m[s].f1)]), counts(m)]);
}

/** Two header rows: the scheme over its P, R and F1 columns; each column's full name for screen readers. */
function detailedHead(first: string): string {
  const top =
    `<tr><th scope="col" rowspan="2">${first}</th><th scope="col" rowspan="2">tokens</th><th scope="col" rowspan="2">κ</th><th scope="col" rowspan="2">α</th>` +
    SCHEMES.map((s) => `<th scope="colgroup" colspan="3" class="group">${s}</th>`).join('') +
    '<th scope="col" rowspan="2">cor / inc / par / mis / spu</th></tr>';
  const sub = SCHEMES.map(
    (s) => `<th scope="col" abbr="${s} precision" title="${s} precision">P</th><th scope="col" abbr="${s} recall" title="${s} recall">R</th><th scope="col" abbr="${s} F1" title="${s} F1">F1</th>`,
  ).join('');
  return `<thead>${top}<tr>${sub}</tr></thead>`;
}

/** One horizontal bar per type: kappa and strict F1, on a 0–1 scale (negative kappa drawn as 0). */
function chart(report: AgreementReport): string {
  const types = Object.entries(report.byType);
  if (!types.length) return '<p>No annotation on either side.</p>';
  const row = 34;
  const left = 110;
  const width = 300;
  const bars = types
    .map(([t, m], i) => {
      const y = i * row + 4;
      const k = Math.max(0, m.cohenKappa ?? 0);
      const f = Math.max(0, m.strict.f1);
      return (
        `<text x="0" y="${y + 12}" class="label">${esc(t)}</text>` +
        `<rect x="${left}" y="${y}" width="${(k * width).toFixed(1)}" height="12" class="kappa"><title>${esc(t)}: kappa ${fix(m.cohenKappa)}</title></rect>` +
        `<text x="${left + k * width + 4}" y="${y + 11}" class="value">κ ${fix(m.cohenKappa)}</text>` +
        `<rect x="${left}" y="${y + 14}" width="${(f * width).toFixed(1)}" height="12" class="f1"><title>${esc(t)}: strict F1 ${fix(m.strict.f1)}</title></rect>` +
        `<text x="${left + f * width + 4}" y="${y + 25}" class="value">F1 ${fix(m.strict.f1)}</text>`
      );
    })
    .join('');
  return `<svg role="img" aria-label="Cohen's kappa and strict F1 per type" width="${left + width + 80}" height="${types.length * row + 8}" viewBox="0 0 ${left + width + 80} ${types.length * row + 8}">${bars}</svg>`;
}

export function reportHtml(report: AgreementReport, labels: { a: string; b: string }, nonce: string, cspSource: string): string {
  const types = Object.entries(report.byType)
    .map(([t, m]) => `<tr><th scope="row">${esc(t)}</th>${detailedCells(m)}</tr>`)
    .join('');
  const docs = byDisagreement(report.documents)
    .map(
      (d) =>
        `<tr><th scope="row"><button class="link" data-document="${esc(d.document)}" title="Show this document's disagreements">${esc(d.document)}</button>${d.textDiffers ? ' <span title="B\'s text differs: its annotations were re-anchored">(text differs)</span>' : ''}</th>${measureCells(d)}</tr>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Agreement</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 16px; }
  h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
  table { border-collapse: collapse; margin: 8px 0; }
  th, td { padding: 3px 10px; border-bottom: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border)); text-align: left; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  thead th { color: var(--vscode-descriptionForeground); font-weight: normal; }
  thead th.group { text-align: center; border-bottom-color: var(--vscode-descriptionForeground); }
  .note { color: var(--vscode-descriptionForeground); }
  .summary { font-size: 1.1em; }
  svg .label, svg .value { fill: var(--vscode-foreground); font-size: 11px; font-family: var(--vscode-font-family); }
  svg .kappa { fill: var(--vscode-charts-blue, #1a85ff); } svg .f1 { fill: var(--vscode-charts-orange, #d18616); }
  button.link { background: none; border: none; padding: 0; color: var(--vscode-textLink-foreground); cursor: pointer; font: inherit; text-align: left; }
  button.link:hover { text-decoration: underline; color: var(--vscode-textLink-activeForeground); }
  button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
  .legend span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; }
  .legend .k { background: var(--vscode-charts-blue, #1a85ff); } .legend .f { background: var(--vscode-charts-orange, #d18616); }
</style>
</head>
<body>
<h1>Agreement: A = ${esc(labels.a)}, B = ${esc(labels.b)}</h1>
<p class="summary" id="overall">Cohen's κ <strong>${fix(report.overall.cohenKappa)}</strong>, Krippendorff's α <strong>${fix(report.overall.krippendorffAlpha)}</strong> over ${plural(report.overall.tokens, 'token')} in ${plural(report.documents.length, 'document')}; strict F1 <strong>${fix(report.overall.strict.f1)}</strong> (A as reference).</p>
<table aria-label="Overall">${detailedHead('')}<tbody><tr><th scope="row">overall</th>${detailedCells(report.overall)}</tr></tbody></table>
<p class="note">P = precision, R = recall, with A as the reference (B's annotations are the predictions).</p>
<h2>By type</h2>
<p class="legend"><span class="k"></span>Cohen's κ (type versus the rest)<span class="f"></span>strict F1</p>
${chart(report)}
<table aria-label="By type">${detailedHead('type')}<tbody>${types}</tbody></table>
<h2>Documents, least agreement first</h2>
<table aria-label="Documents"><thead><tr><th scope="col">document</th>${HEAD}</tr></thead><tbody>${docs}</tbody></table>
<p>Formulas: docs/agreement.md. Select a document to list its disagreements in the Disagreements view.</p>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  for (const b of document.querySelectorAll('button[data-document]')) b.addEventListener('click', () => vscode.postMessage({ command: 'showDocument', document: b.dataset.document }));
</script>
</body>
</html>`;
}
