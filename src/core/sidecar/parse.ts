import { CodePointIndex } from '../text/codepoints';
import { MAX_SIDECAR_SIZE, type ParsedSidecar, type ParseSidecarOptions } from './format';
import { normalizeLineBreaks } from './lines';
import { readRaw, type PosProblem, type RawDoc } from './raw';
import { checkHeader, checkItem, collectAnnotations, emptyData, toProblems } from './validate';

/**
 * Parses a sidecar. Never throws: returns the annotations it could read, problems with 1-based
 * line/column in the sidecar, and whether the file may be written (see docs/sidecar-format.md).
 */
export function parseSidecar(yamlText: string, options: ParseSidecarOptions = {}): ParsedSidecar {
  try {
    if (typeof yamlText !== 'string') throw new TypeError('sidecar text must be a string');
    if (yamlText.length > MAX_SIDECAR_SIZE) return tooLarge(yamlText);
    // CR-only files are read as LF files of the same length, so positions stay the file's own.
    const text = normalizeLineBreaks(yamlText).text;
    return parseRaw(text, readRaw(text), options);
  } catch (e) {
    return {
      value: emptyData(),
      problems: [{ message: `Could not read the sidecar: ${e instanceof Error ? e.message : String(e)}`, severity: 'error', line: 1, column: 1, code: 'internal-error' }],
      writable: false,
    };
  }
}

/** The result for a sidecar over MAX_SIDECAR_SIZE: not read, not writable. */
export function tooLarge(text: string): ParsedSidecar {
  return {
    value: emptyData(),
    problems: [{ message: `Sidecar too large (${(text.length / 1048576).toFixed(1)} MB, limit ${MAX_SIDECAR_SIZE / 1048576} MB): not read, and it will not be changed.`, severity: 'error', line: 1, column: 1, code: 'too-large' }],
    writable: false,
  };
}

/** Validation of an already-read raw model (shared with the writer, which keeps the raw model). */
export function parseRaw(text: string, raw: RawDoc, options: ParseSidecarOptions = {}): ParsedSidecar {
  const problems: PosProblem[] = [...raw.errors];
  const syntaxOk = !raw.errors.some((p) => p.severity === 'error');
  const head = checkHeader(raw);
  problems.push(...head.problems);
  let value = emptyData(head.header);
  if (head.understood) {
    const known = options.documentIndex;
    const doc = options.documentText === undefined ? undefined : known?.text === options.documentText ? known : new CodePointIndex(options.documentText);
    const opts = { knownTypes: options.knownTypes, doc };
    // With syntax errors the entries are read as well as yaml could recover them, but their own
    // problems would mostly be echoes of the syntax error: only that one is reported.
    const lists = collectAnnotations(raw, (item) => checkItem(item, opts), syntaxOk ? problems : undefined);
    value = { header: head.header, entities: lists.entities, facts: lists.facts };
  }
  problems.push(...conflictProblems(text, raw));
  problems.sort((a, b) => a.offset - b.offset);
  return { value, problems: toProblems(text, problems), writable: syntaxOk && head.understood };
}

/**
 * Conflicts a merge left in the sidecar's `conflicts` list (docs/sidecar-format.md#merge-conflicts):
 * one problem per item, at its `- id:` line, until a person resolves it and deletes the item.
 */
function conflictProblems(text: string, raw: RawDoc): PosProblem[] {
  const field = raw.fields.find((f) => f.key === 'conflicts');
  if (!field) return [];
  if (!Array.isArray(field.value)) {
    return field.value === null ? [] : [{ message: '"conflicts" must be a list of merge conflicts (see docs/sidecar-format.md).', severity: 'warning', code: 'wrong-type', offset: field.valueOffset }];
  }
  const out: PosProblem[] = [];
  let from = field.keyOffset;
  for (const item of field.value as unknown[]) {
    const rec = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
    const id = typeof rec.id === 'string' ? rec.id : '?';
    const at = text.indexOf(id, from);
    const offset = at < 0 ? field.keyOffset : at;
    if (at >= 0) from = at + id.length;
    const where = rec.collection === 'header' ? `the header field "${id}"` : `${id}`;
    const kept = rec.kept === 'theirs' ? 'theirs' : 'ours';
    out.push({
      message: `Merge conflict on ${where}: both branches changed it differently. The ${kept} version is in use; compare it with the other one here, edit it, then delete this item.`,
      severity: 'error',
      code: 'merge-conflict',
      offset,
      annotationId: id === '?' || rec.collection === 'header' ? undefined : id,
    });
  }
  return out;
}
