import type { Problem } from '../problems';

/**
 * Why a write to a sidecar or corpus.yaml was refused. The message a person sees names this
 * reason: a file that cannot be parsed needs fixing by hand, an unknown id means the file changed
 * under the command, an internal error is ours.
 */
export type RefusalReason =
  /** The file on disk is not valid (YAML syntax, wrong shape, unknown format): it is never rewritten. */
  | 'unparseable'
  /** The file changed on disk since it was read: it can no longer be parsed, or already holds what was to be added. */
  | 'changed-on-disk'
  /** The change names an annotation or entity the file does not hold (removed on disk, or a wrong id). */
  | 'unknown-id'
  /** The change itself is not valid (a bad value, an unknown type). */
  | 'invalid-change'
  /** The writer failed: a bug, reported as one. */
  | 'internal-error'
  /** The file system refused the write. */
  | 'io-error'
  /** There was nothing to do (nothing to undo or redo). */
  | 'nothing-to-do';

/**
 * The reason a writer's problems stand for. `wasReadable` says whether the file could be parsed
 * when it was last read: a parse failure now means it changed on disk meanwhile.
 */
export function refusalReason(problems: readonly Problem[], wasReadable = false): RefusalReason {
  const codes = new Set(problems.map((p) => p.code));
  if (codes.has('internal-error')) return 'internal-error';
  if (codes.has('unknown-id')) return 'unknown-id';
  if (codes.has('duplicate-id')) return 'changed-on-disk';
  if (codes.has('invalid-change')) return 'invalid-change';
  return wasReadable ? 'changed-on-disk' : 'unparseable';
}

/** The sentence a person reads for a refused write of `file`, with the first problem's place. */
export function refusalMessage(reason: RefusalReason, file: string, problem?: Problem, detail?: string): string {
  const place = problem ? ` (line ${problem.line}, column ${problem.column}: ${problem.message})` : '';
  switch (reason) {
    case 'unparseable':
      return `${file} cannot be parsed, so it is left untouched${place}. Fix it by hand, then try again.`;
    case 'changed-on-disk':
      return `${file} changed on disk since it was read, so it is left untouched${place}. Check it, then try again.`;
    case 'unknown-id':
      return `${file} was not changed: ${problem ? problem.message : (detail ?? 'an id it does not hold')}.`;
    case 'invalid-change':
      return `${file} was not changed, the change is not valid: ${problem ? problem.message : (detail ?? 'no detail')}.`;
    case 'internal-error':
      return `${file} was not written because of an internal error${place}; it is left untouched. The Corpus Annotator log has the details.`;
    case 'io-error':
      return `Could not write ${file}: ${detail ?? 'the file system refused'}.`;
    case 'nothing-to-do':
      return detail ?? 'Nothing to do.';
  }
}
