/** The agreement report as plain text tables, for the command line. */
import { byDisagreement } from './report';
import type { AgreementReport, Measures } from './types';
import { plural } from '../text/plural';

const fix = (v: number | null) => (v === null ? '—' : v.toFixed(3));

function row(name: string, m: Measures | (Omit<Measures, 'tokens'> & { tokenCount: number })): string[] {
  const tokens = 'tokenCount' in m ? m.tokenCount : m.tokens;
  const c = m.counts;
  return [name, String(tokens), fix(m.cohenKappa), fix(m.krippendorffAlpha), fix(m.strict.f1), fix(m.exact.f1), fix(m.partial.f1), fix(m.type.f1), `${c.correct}/${c.incorrect}/${c.partial}/${c.missing}/${c.spurious}`];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd()).join('\n');
}

const HEAD = ['', 'tokens', 'kappa', 'alpha', 'strict F1', 'exact F1', 'partial F1', 'type F1', 'cor/inc/par/mis/spu'];

/** Overall, per type, then documents from the least agreement up (at most `maxDocuments`). */
export function formatReport(report: AgreementReport, maxDocuments = 20): string {
  const out: string[] = [];
  out.push(table([HEAD, row('overall', report.overall), ...Object.entries(report.byType).map(([t, m]) => row(t, m))]));
  const docs = byDisagreement(report.documents);
  if (docs.length) {
    out.push('', `Documents, least agreement first${docs.length > maxDocuments ? ` (${maxDocuments} of ${docs.length}; --json for all)` : ''}:`);
    out.push(table([['document', ...HEAD.slice(1)], ...docs.slice(0, maxDocuments).map((d) => row(d.document, d))]));
  }
  const moved = report.documents.filter((d) => d.textDiffers);
  if (moved.length) out.push('', `Text differs between the sources in ${plural(moved.length, 'document')}; B's annotations were re-anchored onto A's text: ${moved.map((d) => `${d.document} (${d.textDiffers!.orphaned} orphaned)`).join(', ')}`);
  return out.join('\n');
}
