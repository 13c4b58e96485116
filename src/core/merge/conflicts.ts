/**
 * The form a merge conflict takes inside a sidecar (docs/sidecar-format.md#merge-conflicts): a
 * top-level `conflicts` list, valid YAML that any sidecar reader accepts, never a git conflict
 * marker. Each item names the entry, which version is kept in its collection, and both versions.
 */
import { emitScalar } from '../sidecar/scalar';
import type { Collection } from '../sidecar/format';

export const CONFLICTS_KEY = 'conflicts';

/** An entry's fields as read from one side, in their order there; `undefined` when that side deleted it. */
export type EntryVersion = [string, unknown][] | undefined;

export interface EntryConflict {
  id: string;
  collection: Collection | 'header';
  /** Which version stands in the collection now. */
  kept: 'ours' | 'theirs';
  ours: EntryVersion;
  theirs: EntryVersion;
}

function value(v: unknown): string {
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return emitScalar(v);
  // Anything else (booleans, null, lists, mappings from hand-added keys) as JSON, which is YAML flow.
  return JSON.stringify(v) ?? 'null';
}

function version(name: 'ours' | 'theirs', v: EntryVersion, eol: string): string {
  if (!v) return `    ${name}: deleted${eol}`;
  let out = `    ${name}:${eol}`;
  for (const [k, x] of v) out += `      ${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k)}: ${value(x)}${eol}`;
  return out;
}

/** The items of a `conflicts` list, in the given order. */
export function renderConflictItems(conflicts: readonly EntryConflict[], eol = '\n'): string {
  let out = '';
  for (const c of conflicts) {
    out += `  - id: ${emitScalar(c.id)}${eol}    collection: ${c.collection}${eol}    kept: ${c.kept}${eol}`;
    out += version('ours', c.ours, eol) + version('theirs', c.theirs, eol);
  }
  return out;
}

export const CONFLICTS_COMMENT = [
  '# Merge conflicts left by `corpus-annotator merge-driver` (docs/sidecar-format.md#merge-conflicts):',
  '# entries changed differently on both branches. The `kept` version stands in its list; edit it',
  '# as you want, then delete the item here (and this key when the list is empty).',
];

/** A whole `conflicts` block, with its comment. */
export function renderConflicts(conflicts: readonly EntryConflict[], eol = '\n'): string {
  return CONFLICTS_COMMENT.map((l) => l + eol).join('') + `${CONFLICTS_KEY}:${eol}` + renderConflictItems(conflicts, eol);
}
