import type { CliCommand } from '../command';
import { agreeCommand } from './agree';
import { mergeDriverCommand } from './mergeDriver';

/** Every subcommand, in the order `--help` lists them. A new subcommand is one file and one line here. */
export const COMMANDS: CliCommand[] = [agreeCommand, mergeDriverCommand];
