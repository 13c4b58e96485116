/** corpus.yaml text: a complete commented file, and single entries for the writer. */
import type { CanonicalEntity, EntityType } from '../../model';
import { emitScalar, quoteString } from '../../sidecar/scalar';
import { ENTITY_KEYS, type CorpusConfig } from './model';

function renderAliases(aliases: readonly string[]): string {
  return `[${aliases.map((a) => emitScalar(a, true)).join(', ')}]`;
}

export function renderValue(key: string, v: unknown): string {
  return key === 'aliases' ? renderAliases(v as string[]) : emitScalar(String(v));
}

export function renderEntity(e: CanonicalEntity, dash: number, keyCol: number, eol: string): string {
  const rec = e as unknown as Record<string, unknown>;
  let out = '';
  for (const key of ENTITY_KEYS) {
    const v = rec[key];
    if (v === undefined || v === null) continue;
    out += (out === '' ? ' '.repeat(dash) + '-' + ' '.repeat(Math.max(1, keyCol - dash - 1)) : ' '.repeat(keyCol)) + key + ': ' + renderValue(key, v) + eol;
  }
  return out;
}

export function renderType(t: EntityType, dash = 2, keyCol = 4, eol = '\n'): string {
  const pad = ' '.repeat(keyCol);
  let out = `${' '.repeat(dash)}-${' '.repeat(Math.max(1, keyCol - dash - 1))}id: ${emitScalar(t.id)}${eol}${pad}label: ${emitScalar(t.label)}${eol}${pad}color: { light: ${quoteString(t.color.light)}, dark: ${quoteString(t.color.dark)} }${eol}`;
  if (t.shortcut) out += `${pad}shortcut: ${emitScalar(t.shortcut)}${eol}`;
  if (t.description) out += `${pad}description: ${emitScalar(t.description)}${eol}`;
  return out;
}

/** A complete, commented corpus.yaml for a configuration (deterministic; entities sorted by id). */
export function serializeCorpusConfig(config: CorpusConfig): string {
  const globs = (list: string[]) => (list.length ? '\n' + list.map((g) => `  - ${quoteString(g)}\n`).join('') : ' []\n');
  const entities = [...config.entities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return (
    '# Corpus Annotator configuration (see docs/sidecar-format.md).\n' +
    '# Which files are documents, as globs relative to this folder, and which to leave out.\n' +
    `documents:${globs(config.documents)}` +
    `exclude:${globs(config.exclude)}` +
    '# Entity types: id, label, colours for light and dark themes, a one-key shortcut, a description.\n' +
    `types:\n${config.types.map((t) => renderType(t)).join('')}` +
    '# Canonical entities: one per real-world thing, with its names in any language.\n' +
    (entities.length ? `entities:\n${entities.map((e) => renderEntity(e, 2, 4, '\n')).join('')}` : 'entities: []\n')
  );
}
