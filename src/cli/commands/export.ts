import * as path from 'path';
import { FORMATS, formatById } from '../../core/interchange';
import { parseArgs, UsageError, type CliCommand } from '../command';
import { loadCorpus } from '../corpusLoader';
import { exportCorpusTo } from '../interchange';
import { plural } from '../../core/text/plural';

const formatList = FORMATS.map((f) => `  ${f.id.padEnd(12)} ${f.description}`).join('\n');

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Write the corpus annotations in brat, CoNLL, spaCy, doccano, Label Studio or W3C format',
  usage: [
    'Usage: corpus-annotator export --format FORMAT --out DIR [--document PATH]... [CORPUS_DIR]',
    '',
    'Writes every document of the corpus (CORPUS_DIR, default: the current folder) and its',
    'annotations to DIR in FORMAT. Annotations a format cannot carry are listed on stderr.',
    '',
    'Options:',
    '  --format FORMAT    one of the formats below (required)',
    '  --out DIR          the folder to write to; created if needed (required)',
    '  --document PATH    export only this document (relative to CORPUS_DIR); repeatable',
    '  --json             print the summary as JSON on stdout',
    '',
    'Formats:',
    formatList,
    '',
    'Exit codes: 0 exported; 1 an error (message on stderr); 2 a wrong command line.',
  ].join('\n'),
  async run(args, io) {
    // --document may repeat: collect it before the generic parser keeps only the last one.
    const documents: string[] = [];
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--document') {
        if (args[i + 1] === undefined) throw new UsageError('--document needs a value');
        documents.push(args[++i]);
      } else if (args[i].startsWith('--document=')) documents.push(args[i].slice('--document='.length));
      else rest.push(args[i]);
    }
    const { options, positionals } = parseArgs(rest, { values: ['format', 'out'], flags: ['json'] });
    const id = options.get('format');
    const out = options.get('out');
    if (typeof id !== 'string') throw new UsageError('--format is required');
    const format = formatById(id);
    if (!format) throw new UsageError(`unknown format '${id}' (one of ${FORMATS.map((f) => f.id).join(', ')})`);
    if (typeof out !== 'string') throw new UsageError('--out is required');
    if (positionals.length > 1) throw new UsageError(`one corpus folder at most (got ${positionals.join(', ')})`);
    const root = path.resolve(io.cwd, positionals[0] ?? '.');
    const corpus = await loadCorpus(root, documents.length ? documents : undefined);
    if (corpus.missing.length) {
      io.err(`corpus-annotator export: not documents of the corpus in ${root}: ${corpus.missing.join(', ')}`);
      return 1;
    }
    for (const p of corpus.configProblems.filter((x) => x.severity === 'error')) io.err(`${corpus.configFile}:${p.line}:${p.column}: ${p.message}`);
    for (const d of corpus.documents) for (const p of d.model.problems.filter((x) => x.severity === 'error')) io.err(`${d.sidecarFile}:${p.line}:${p.column}: ${p.message}`);
    const result = await exportCorpusTo(corpus, format, path.resolve(io.cwd, out));
    for (const w of result.warnings) io.err(`warning: ${w}`);
    if (options.has('json')) io.out(JSON.stringify({ files: result.files, documents: result.documents, annotations: result.annotations, dropped: result.dropped }, null, 2));
    else {
      for (const d of result.dropped) io.err(`${d.document}: "${d.text}": ${d.reason}`);
      io.out(`Exported ${plural(result.annotations, 'annotation')} from ${plural(result.documents, 'document')} as ${format.label} to ${path.resolve(io.cwd, out)} (${plural(result.files.length, 'file')})${result.dropped.length ? `; ${result.dropped.length} not carried as they are (listed above)` : ''}.`);
    }
    return 0;
  },
};
