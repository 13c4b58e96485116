#!/usr/bin/env node
/**
 * `corpus-annotator`: the command line for pipelines and CI. It shares every format, measure and
 * engine with the extension (they live in src/core); this layer only reads and writes files.
 */
import { createHash } from 'crypto';
import { useNativeSha256 } from '../core/sidecar/hash';
import { CliIO, UsageError } from './command';
import { COMMANDS } from './commands';

const VERSION = '0.1.0';

function overview(): string {
  const width = Math.max(0, ...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: corpus-annotator <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `corpus-annotator <command> --help` for a command\'s options.',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(overview());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V') {
    io.out(VERSION);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`corpus-annotator: unknown command '${name}'\n\n${overview()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`corpus-annotator ${name}: ${e.message}\n\n${command.usage}`);
      return 2;
    }
    io.err(`corpus-annotator ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (require.main === module) {
  useNativeSha256(createHash);
  const io: CliIO = { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n'), cwd: process.cwd() };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`corpus-annotator: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
