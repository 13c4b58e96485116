/**
 * Parsers in the core never throw at their callers: they return what they could read plus a
 * list of problems, each pointing at a place a person can go and fix.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  message: string;
  severity: Severity;
  /** 1-based line in the file the problem was found in (the sidecar or corpus.yaml). */
  line: number;
  /** 1-based column. */
  column: number;
  /** A short machine-readable code, e.g. `yaml-syntax`, `unknown-type`, `orphaned`. */
  code: string;
  /** The annotation the problem belongs to, when there is one. */
  annotationId?: string;
}

export interface Parsed<T> {
  value: T;
  problems: Problem[];
}
