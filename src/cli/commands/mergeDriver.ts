/**
 * `corpus-annotator merge-driver %O %A %B %P`: git's merge driver for sidecars. Merges by entry id
 * (src/core/merge), writes the result over %A (ours) and exits 1 when entries conflict, so git
 * reports the file as conflicted; the conflicts stay in the file in the documented `conflicts`
 * list, never as git conflict markers.
 */
import * as fs from 'fs';
import * as path from 'path';
import { mergeSidecars } from '../../core/merge';
import { UsageError, parseArgs, type CliCommand } from '../command';
import { plural } from '../../core/text/plural';

const USAGE = `Usage: corpus-annotator merge-driver BASE OURS THEIRS [PATH]

git's merge driver for Corpus Annotator sidecars (*.txt.yaml). Set it up once per repository:

  git config merge.corpus-annotator.name "Corpus Annotator sidecar merge"
  git config merge.corpus-annotator.driver "corpus-annotator merge-driver %O %A %B %P"
  echo '*.txt.yaml merge=corpus-annotator' >> .gitattributes

Merges by entry id and writes the result into OURS. Exit status: 0 merged; 1 entries changed
differently on both branches (listed under \`conflicts:\` in the file, see docs/sidecar-format.md)
or a side that cannot be read (OURS is then left as it was); 2 usage error.`;

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw e;
  }
}

/** Writes through a temporary file beside the target and a rename, so a reader never sees half a file. */
function writeAtomic(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, text, 'utf8');
  fs.renameSync(tmp, file);
}

export const mergeDriverCommand: CliCommand = {
  name: 'merge-driver',
  summary: 'git merge driver for sidecars: three-way merge by entry id',
  usage: USAGE,
  async run(args, io) {
    const { positionals } = parseArgs(args, {});
    if (positionals.length < 3 || positionals.length > 4) throw new UsageError('expects BASE OURS THEIRS [PATH]');
    const [baseFile, oursFile, theirsFile] = positionals.slice(0, 3).map((p) => path.resolve(io.cwd, p));
    const name = positionals[3] ?? positionals[1];
    const result = mergeSidecars(readOr(baseFile, ''), fs.readFileSync(oursFile, 'utf8'), readOr(theirsFile, ''));
    if (!result.ok) {
      io.err(`corpus-annotator merge-driver: ${name}: not merged entry by entry because ${result.reason}; left as on this branch for you to merge by hand (git checkout --theirs/--ours, or edit).`);
      return 1;
    }
    writeAtomic(oursFile, result.text);
    if (result.conflicts.length) {
      io.err(`corpus-annotator merge-driver: ${name}: ${plural(result.conflicts.length, 'entry')} changed differently on both branches (${result.conflicts.map((c) => c.id).join(', ')}); both versions are under "conflicts:" in the file.`);
      return 1;
    }
    return 0;
  },
};
