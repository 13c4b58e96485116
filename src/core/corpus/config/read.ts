/**
 * Reading corpus.yaml: entity types, which files are documents, and the registry of canonical
 * entities. Never throws: problems are located in the file, and a file that cannot be read is
 * marked not writable. See docs/sidecar-format.md.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Pair, type ParsedNode, type YAMLMap } from 'yaml';
import type { CanonicalEntity, EntityType } from '../../model';
import { normalizeLineBreaks } from '../../sidecar/lines';
import { YAML_OPTIONS, type PosProblem } from '../../sidecar/raw';
import { toProblems } from '../../sidecar/validate';
import { checkShape } from '../../yaml/shape';
import { YamlValues } from '../../yaml/values';
import { DEFAULT_DOCUMENT_GLOBS, DEFAULT_ENTITY_TYPES, FALLBACK_COLOR } from '../defaults';
import { colorProblem, isCssColor } from './colors';
import { globProblem } from './globSafety';
import { defaultCorpusConfig, MAX_CONFIG_SIZE, type CorpusConfig, type ParsedCorpusConfig } from './model';
import { describe, firstLine, offsetOf, pairOf } from './nodes';

function finish(text: string, value: CorpusConfig, list: PosProblem[], writable: boolean): ParsedCorpusConfig {
  list.sort((a, b) => a.offset - b.offset);
  return { value, problems: toProblems(text, list), writable };
}

/** Reads corpus.yaml. `undefined` (no file) gives the defaults and no problems. Never throws. */
export function parseCorpusConfig(yamlText: string | undefined): ParsedCorpusConfig {
  const config = defaultCorpusConfig();
  if (yamlText === undefined) return { value: config, problems: [], writable: true };
  const problems: PosProblem[] = [];
  try {
    // Lone CRs are line breaks; one character for one keeps positions.
    yamlText = normalizeLineBreaks(yamlText).text;
    if (yamlText.length > MAX_CONFIG_SIZE) {
      problems.push({ message: `corpus.yaml is too large (limit ${MAX_CONFIG_SIZE / 1048576} MB): not read, and it will not be changed.`, severity: 'error', code: 'too-large', offset: 0 });
      return finish(yamlText, config, problems, false);
    }
    const shape = checkShape(yamlText);
    if (shape) {
      problems.push({ message: `Could not parse corpus.yaml: ${shape.message}; not read, and it will not be changed.`, severity: 'error', code: shape.code, offset: shape.offset });
      return finish(yamlText, config, problems, false);
    }
    let doc: Document.Parsed;
    try {
      doc = parseDocument(yamlText, YAML_OPTIONS);
    } catch (e) {
      problems.push({ message: `Could not parse corpus.yaml: ${e instanceof RangeError ? 'nesting too deep' : firstLine(String((e as Error)?.message ?? e))}`, severity: 'error', code: 'yaml-syntax', offset: 0 });
      return finish(yamlText, config, problems, false);
    }
    for (const e of doc.errors) problems.push({ message: firstLine(e.message), severity: 'error', code: 'yaml-syntax', offset: e.pos[0] });
    for (const w of doc.warnings) problems.push({ message: firstLine(w.message), severity: 'warning', code: 'yaml-warning', offset: w.pos[0] });
    const writable = doc.errors.length === 0;
    const values = new YamlValues(doc);
    const contents = doc.contents as ParsedNode | null;
    if (contents === null || contents === undefined) return finish(yamlText, config, problems, writable);
    if (!isMap(contents)) {
      problems.push({ message: 'corpus.yaml must be a mapping (types, documents, exclude, entities).', severity: 'error', code: 'not-a-mapping', offset: offsetOf(contents, 0) });
      return finish(yamlText, config, problems, false);
    }
    const map = contents as YAMLMap;
    // Types.
    const typesPair = pairOf(map, 'types');
    if (typesPair && typesPair.value !== null && !(isScalar(typesPair.value) && typesPair.value.value === null)) {
      const types = readTypes(typesPair.value, values, problems, offsetOf(typesPair.key, 0));
      if (types.length) config.types = types;
      else problems.push({ message: 'No usable entity types: the default types apply.', severity: 'warning', code: 'no-types', offset: offsetOf(typesPair.key, 0) });
    }
    for (const key of ['documents', 'exclude'] as const) {
      const pair = pairOf(map, key);
      if (!pair || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) continue;
      const globs = readGlobs(pair.value, values, problems, key, offsetOf(pair.key, 0));
      if (key === 'documents') config.documents = globs.length ? globs : [...DEFAULT_DOCUMENT_GLOBS];
      else config.exclude = globs;
    }
    const typeIds = new Set(config.types.map((t) => t.id));
    const entPair = pairOf(map, 'entities');
    if (entPair && entPair.value !== null && !(isScalar(entPair.value) && entPair.value.value === null)) {
      if (!isSeq(entPair.value)) {
        problems.push({ message: '"entities" must be a list of canonical entities.', severity: 'error', code: 'wrong-type', offset: offsetOf(entPair.value, 0) });
      } else {
        const seen = new Set<string>();
        for (const node of entPair.value.items) {
          const e = readEntity(node, values, problems, typeIds);
          if (!e) continue;
          if (seen.has(e.id)) {
            problems.push({ message: `Duplicate canonical entity id "${e.id}"; this entry is ignored.`, severity: 'error', code: 'duplicate-id', offset: offsetOf(node, 0) });
            continue;
          }
          seen.add(e.id);
          config.entities.push(e);
        }
      }
    }
    const known = new Set(['types', 'documents', 'exclude', 'entities']);
    for (const p of map.items as Pair<ParsedNode, ParsedNode | null>[]) {
      if (isScalar(p.key) && typeof p.key.value === 'string' && !known.has(p.key.value)) {
        problems.push({ message: `Unknown key "${p.key.value}" (kept, but not used).`, severity: 'info', code: 'unknown-key', offset: offsetOf(p.key, 0) });
      }
    }
    return finish(yamlText, config, problems, writable);
  } catch (e) {
    problems.push({ message: `Could not read corpus.yaml: ${e instanceof Error ? e.message : String(e)}`, severity: 'error', code: 'internal-error', offset: 0 });
    return finish(yamlText, defaultCorpusConfig(), problems, false);
  }
}

function readTypes(node: ParsedNode, values: YamlValues, problems: PosProblem[], at: number): EntityType[] {
  if (!isSeq(node)) {
    problems.push({ message: '"types" must be a list of entity types.', severity: 'error', code: 'wrong-type', offset: offsetOf(node, at) });
    return [];
  }
  const out: EntityType[] = [];
  const ids = new Set<string>();
  const keys = new Map<string, string>();
  for (const item of node.items as ParsedNode[]) {
    const pos = offsetOf(item, at);
    const v = values.value(item);
    if (v.error) {
      problems.push({ message: `Cannot read this type: ${v.error}`, severity: 'error', code: 'yaml-alias', offset: pos });
      continue;
    }
    const rec = v.value as Record<string, unknown>;
    if (!rec || typeof rec !== 'object' || Array.isArray(rec)) {
      problems.push({ message: 'Each type must be a mapping with id, label, color, shortcut, description.', severity: 'error', code: 'wrong-type', offset: pos });
      continue;
    }
    const fieldAt = (k: string) => (isMap(item) ? offsetOf(pairOf(item as YAMLMap, k)?.value ?? pairOf(item as YAMLMap, k)?.key, pos) : pos);
    if (typeof rec.id !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(rec.id)) {
      problems.push({ message: `A type needs an "id" made of letters, digits, "_", "-" or "." (got ${describe(rec.id)}).`, severity: 'error', code: rec.id === undefined ? 'missing-field' : 'wrong-type', offset: fieldAt('id') });
      continue;
    }
    if (ids.has(rec.id)) {
      problems.push({ message: `Duplicate type id "${rec.id}"; ignored.`, severity: 'error', code: 'duplicate-id', offset: fieldAt('id') });
      continue;
    }
    ids.add(rec.id);
    const def = DEFAULT_ENTITY_TYPES.find((t) => t.id === rec.id);
    const t: EntityType = { id: rec.id, label: typeof rec.label === 'string' && rec.label.trim() ? rec.label : (def?.label ?? rec.id), color: { ...(def?.color ?? FALLBACK_COLOR) } };
    if (rec.label !== undefined && typeof rec.label !== 'string') problems.push({ message: '"label" must be a string.', severity: 'warning', code: 'wrong-type', offset: fieldAt('label') });
    const c = rec.color;
    if (typeof c === 'string') {
      if (isCssColor(c)) t.color = { light: c, dark: c };
      else problems.push({ message: `${colorProblem(c)}; the default colour is used.`, severity: 'warning', code: 'bad-color', offset: fieldAt('color') });
    } else if (c && typeof c === 'object' && !Array.isArray(c)) {
      for (const theme of ['light', 'dark'] as const) {
        const x = (c as Record<string, unknown>)[theme];
        if (typeof x === 'string' && isCssColor(x)) t.color[theme] = x;
        else problems.push({ message: `color.${theme}: ${typeof x === 'string' ? colorProblem(x) : `must be a CSS colour such as "#1a5fb4" (got ${describe(x)})`}.`, severity: 'warning', code: 'bad-color', offset: fieldAt('color') });
      }
    } else if (c !== undefined && c !== null) problems.push({ message: '"color" must be a CSS colour or { light, dark }.', severity: 'warning', code: 'bad-color', offset: fieldAt('color') });
    const sc = rec.shortcut;
    if (sc !== undefined && sc !== null) {
      const s = typeof sc === 'number' ? String(sc) : sc;
      if (typeof s !== 'string' || [...s].length !== 1 || /\s/.test(s)) problems.push({ message: '"shortcut" must be a single character.', severity: 'warning', code: 'bad-shortcut', offset: fieldAt('shortcut') });
      else if (keys.has(s.toLowerCase())) problems.push({ message: `Shortcut "${s}" is already used by type "${keys.get(s.toLowerCase())}"; ignored.`, severity: 'warning', code: 'duplicate-shortcut', offset: fieldAt('shortcut') });
      else {
        keys.set(s.toLowerCase(), t.id);
        t.shortcut = s;
      }
    }
    if (typeof rec.description === 'string') t.description = rec.description;
    else if (rec.description !== undefined && rec.description !== null) problems.push({ message: '"description" must be a string.', severity: 'warning', code: 'wrong-type', offset: fieldAt('description') });
    out.push(t);
  }
  return out;
}

function readGlobs(node: ParsedNode, values: YamlValues, problems: PosProblem[], key: string, at: number): string[] {
  const items: ParsedNode[] = isSeq(node) ? (node.items as ParsedNode[]) : isScalar(node) ? [node] : [];
  if (!isSeq(node) && !isScalar(node)) {
    problems.push({ message: `"${key}" must be a list of glob patterns.`, severity: 'error', code: 'wrong-type', offset: offsetOf(node, at) });
    return [];
  }
  const out: string[] = [];
  for (const item of items) {
    const v = values.value(item).value;
    const pos = offsetOf(item, at);
    if (typeof v !== 'string') {
      problems.push({ message: `Each entry of "${key}" must be a glob pattern string.`, severity: 'warning', code: 'wrong-type', offset: pos });
      continue;
    }
    const bad = globProblem(v);
    if (bad) {
      problems.push({ message: `${bad.message}; ignored.`, severity: 'error', code: bad.code, offset: pos });
      continue;
    }
    out.push(v);
  }
  return out;
}

function readEntity(node: unknown, values: YamlValues, problems: PosProblem[], typeIds: ReadonlySet<string>): CanonicalEntity | undefined {
  const pos = offsetOf(node, 0);
  const v = values.value(node);
  if (v.error) {
    problems.push({ message: `Cannot read this entity: ${v.error}`, severity: 'error', code: 'yaml-alias', offset: pos });
    return undefined;
  }
  const rec = v.value as Record<string, unknown>;
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) {
    problems.push({ message: 'Each canonical entity must be a mapping with id, name, type, aliases.', severity: 'error', code: 'wrong-type', offset: pos });
    return undefined;
  }
  const fieldAt = (k: string) => (isMap(node) ? offsetOf(pairOf(node as YAMLMap, k)?.value ?? pairOf(node as YAMLMap, k)?.key, pos) : pos);
  const id = typeof rec.id === 'number' ? String(rec.id) : rec.id;
  if (typeof id !== 'string' || id.trim() === '') {
    problems.push({ message: `A canonical entity needs an "id" string (got ${describe(rec.id)}).`, severity: 'error', code: rec.id === undefined ? 'missing-field' : 'wrong-type', offset: fieldAt('id') });
    return undefined;
  }
  const name = typeof rec.name === 'number' ? String(rec.name) : rec.name;
  if (typeof name !== 'string' || name.trim() === '') {
    problems.push({ message: `Canonical entity "${id}" needs a "name".`, severity: 'error', code: rec.name === undefined ? 'missing-field' : 'wrong-type', offset: fieldAt('name') });
    return undefined;
  }
  let type = '';
  if (typeof rec.type === 'string') {
    type = rec.type;
    if (!typeIds.has(type)) problems.push({ message: `Unknown entity type "${type}" for "${id}".`, severity: 'warning', code: 'unknown-type', offset: fieldAt('type') });
  } else problems.push({ message: `Canonical entity "${id}" needs a "type".`, severity: 'warning', code: rec.type === undefined ? 'missing-field' : 'wrong-type', offset: fieldAt('type') });
  const aliases: string[] = [];
  const seenAliases = new Set<string>();
  const raw = rec.aliases;
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) problems.push({ message: '"aliases" should be a list.', severity: 'warning', code: 'wrong-type', offset: fieldAt('aliases') });
  for (const a of list) {
    if (typeof a === 'string' || typeof a === 'number') {
      const s = String(a);
      if (!seenAliases.has(s)) {
        seenAliases.add(s);
        aliases.push(s);
      }
    } else problems.push({ message: `Alias ${describe(a)} of "${id}" must be a string; ignored.`, severity: 'warning', code: 'wrong-type', offset: fieldAt('aliases') });
  }
  const e: CanonicalEntity = { id, name, type, aliases };
  if (typeof rec.externalId === 'string' || typeof rec.externalId === 'number') e.externalId = String(rec.externalId);
  else if (rec.externalId !== undefined && rec.externalId !== null) problems.push({ message: '"externalId" must be a string such as Q956.', severity: 'warning', code: 'wrong-type', offset: fieldAt('externalId') });
  return e;
}

// ---------------------------------------------------------------------------------------------
// Writing.
