/** One subcommand of the `corpus-annotator` command line. */
export interface CliCommand {
  name: string;
  /** One line for the overview `--help`. */
  summary: string;
  /** The full usage text for `corpus-annotator NAME --help`. */
  usage: string;
  /** Runs with the arguments after the subcommand's name; resolves to the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** Where a command writes; tests pass their own. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

/** A usage error: the command line was wrong (exit code 2, with the usage shown). */
export class UsageError extends Error {}

/** Minimal GNU-style option parsing: `--name value`, `--name=value`, `--flag`, positionals. */
export function parseArgs(args: string[], spec: { values?: string[]; flags?: string[] }): { options: Map<string, string | true>; positionals: string[] } {
  const values = new Set(spec.values ?? []);
  const flags = new Set([...(spec.flags ?? []), 'help']);
  const options = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a === '-h') {
      options.set('help', true);
      continue;
    }
    if (!a.startsWith('--') || a === '-') {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq === -1 ? undefined : eq);
    if (flags.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      options.set(name, true);
    } else if (values.has(name)) {
      const v = eq === -1 ? args[++i] : a.slice(eq + 1);
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      options.set(name, v);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { options, positionals };
}
