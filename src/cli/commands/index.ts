import type { CliCommand } from '../command';
import { agreeCommand } from './agree';
import { exportCommand } from './export';
import { importCommand } from './import';
import { mergeDriverCommand } from './mergeDriver';

/** Every subcommand, in the order `--help` lists them. A new subcommand is one file and one line here. */
export const COMMANDS: CliCommand[] = [exportCommand, importCommand, agreeCommand, mergeDriverCommand];
