import type { CliCommand } from '../command';

/** Every subcommand, in the order `--help` lists them. A new subcommand is one file and one line here. */
export const COMMANDS: CliCommand[] = [];
