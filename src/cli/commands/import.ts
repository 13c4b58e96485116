import * as path from 'path';
import { FORMATS, formatById } from '../../core/interchange';
import { parseArgs, UsageError, type CliCommand } from '../command';
import { loadCorpus } from '../corpusLoader';
import { importInto } from '../interchange';
import { plural } from '../../core/text/plural';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Merge annotations from brat, CoNLL, spaCy, doccano, Label Studio or W3C files into the sidecars',
  usage: [
    'Usage: corpus-annotator import --format FORMAT PATH [CORPUS_DIR]',
    '',
    'Reads annotations from PATH (a file, or a folder: brat needs its folder of .txt/.ann pairs) and',
    'merges them into the sidecars of the matching documents of the corpus (CORPUS_DIR, default:',
    'the current folder). Documents are matched by relative path, else by identical text (CoNLL: by',
    'their tokens). Annotations already there are not duplicated; where the text differs they are',
    'placed by quote and context (moved or orphaned when not found exactly). Types and linked',
    'entities the corpus does not know are added to corpus.yaml. A sidecar that cannot be parsed',
    'is left untouched and reported.',
    '',
    'Options:',
    `  --format FORMAT    ${FORMATS.map((f) => f.id).join(', ')} (required)`,
    '  --json             print the summary as JSON on stdout',
    '',
    'Exit codes: 0 imported (skipped items are listed on stderr); 1 an error, or nothing could be',
    'imported; 2 a wrong command line.',
  ].join('\n'),
  async run(args, io) {
    const { options, positionals } = parseArgs(args, { values: ['format'], flags: ['json'] });
    const id = options.get('format');
    if (typeof id !== 'string') throw new UsageError('--format is required');
    const format = formatById(id);
    if (!format) throw new UsageError(`unknown format '${id}' (one of ${FORMATS.map((f) => f.id).join(', ')})`);
    if (positionals.length === 0) throw new UsageError('PATH is required');
    if (positionals.length > 2) throw new UsageError(`PATH and one corpus folder at most (got ${positionals.join(', ')})`);
    const input = path.resolve(io.cwd, positionals[0]);
    const root = path.resolve(io.cwd, positionals[1] ?? '.');
    const corpus = await loadCorpus(root);
    const r = await importInto(corpus, format, input);
    if (options.has('json')) io.out(JSON.stringify({ documents: r.documents, added: r.added, duplicates: r.duplicates, moved: r.moved, orphaned: r.orphaned, skipped: r.skipped, notes: r.notes }, null, 2));
    else {
      for (const n of r.notes) io.err(`note: ${n}`);
      for (const s of r.skipped) io.err(`skipped: ${s.file}: ${s.reason}`);
      io.out(
        `Imported ${plural(r.added, 'annotation')} into ${plural(r.documents, 'document')} from ${format.label}: ${r.duplicates} already there, ${r.moved} moved (review them), ${r.orphaned} orphaned, ${r.skipped.length} skipped.`,
      );
    }
    return r.documents === 0 && r.skipped.length > 0 ? 1 : 0;
  },
};
