/** `corpus-annotator agree A B [--json]`: the agreement report of two sources (docs/agreement.md). */
import { measureAgreement, formatReport, pairDocuments } from '../../core/agreement';
import { UsageError, parseArgs, type CliCommand } from '../command';
import { loadSource } from '../sources';
import { plural } from '../../core/text/plural';

const USAGE = `Usage: corpus-annotator agree A B [--json] [--detail]

Measures how far two annotators agree: Cohen's kappa and Krippendorff's alpha over tokens, and
nervaluate's strict/exact/partial/type span scores with A as the reference (docs/agreement.md).
A and B are folders holding the same documents with their sidecars, or git refs (branch, tag,
commit) of the repository in the current directory, read at the current directory's path.
Documents are matched by relative path.

  --json     print the report as JSON ({ overall, byType, documents })
  --detail   with --json: every token with both labels, and both sides' spans`;

export const agreeCommand: CliCommand = {
  name: 'agree',
  summary: 'agreement between two annotators (folders or git refs)',
  usage: USAGE,
  async run(args, io) {
    const { options, positionals } = parseArgs(args, { flags: ['json', 'detail'] });
    if (positionals.length !== 2) throw new UsageError('expects two sources, A and B');
    const a = await loadSource(io.cwd, positionals[0]);
    const b = await loadSource(io.cwd, positionals[1]);
    for (const s of [a, b]) {
      for (const d of s.documents) for (const p of d.problems) io.err(`${s.label}: ${d.document.document}.yaml:${p.line}:${p.column}: ${p.message}`);
    }
    const { inputs, onlyA, onlyB } = pairDocuments(a.documents.map((d) => d.document), b.documents.map((d) => d.document));
    if (onlyA.length) io.err(`only in ${a.label} (not compared): ${onlyA.join(', ')}`);
    if (onlyB.length) io.err(`only in ${b.label} (not compared): ${onlyB.join(', ')}`);
    if (inputs.length === 0) {
      io.err('no document is in both sources');
      return 1;
    }
    const report = measureAgreement(inputs, { detail: options.has('detail') });
    io.out(options.has('json') ? JSON.stringify(report, null, 2) : `A: ${a.label}\nB: ${b.label}\n${plural(inputs.length, 'document')}\n\n${formatReport(report)}`);
    return 0;
  },
};
