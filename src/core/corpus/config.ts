/**
 * corpus.yaml: entity types, which files are documents, and the registry of canonical entities.
 * Parsing never throws; writing is read-modify-write by splicing the affected entries' text, so
 * comments, unknown keys and formatting elsewhere are kept, and an unparseable file is never
 * written. See docs/sidecar-format.md.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Pair, type ParsedNode, type YAMLMap, type YAMLSeq } from 'yaml';
import type { CanonicalEntity, EntityType } from '../model';
import type { Parsed, Problem } from '../problems';
import { lineEndAfter, lineStartOf } from '../sidecar/lines';
import { MAX_SIDECAR_SIZE } from '../sidecar/format';
import { detectEol, YAML_OPTIONS, type PosProblem } from '../sidecar/raw';
import { YamlValues } from '../yaml/values';
import { checkShape } from '../yaml/shape';
import { toProblems } from '../sidecar/validate';
import { emitScalar, isPlainSafe, quoteString } from '../sidecar/scalar';
import { DEFAULT_DOCUMENT_GLOBS, DEFAULT_ENTITY_TYPES, DEFAULT_EXCLUDE_GLOBS, FALLBACK_COLOR } from './defaults';

export { DEFAULT_DOCUMENT_GLOBS, DEFAULT_ENTITY_TYPES, DEFAULT_EXCLUDE_GLOBS } from './defaults';

export interface CorpusConfig {
  types: EntityType[];
  /** Globs relative to the corpus root; default `**\/*.txt`. */
  documents: string[];
  exclude: string[];
  entities: CanonicalEntity[];
}

export type ParsedCorpusConfig = Parsed<CorpusConfig> & { writable: boolean };

export type CorpusConfigChange =
  | { kind: 'addEntity'; entity: CanonicalEntity }
  /** `set.aliases` replaces the list; `addAliases` appends the ones not yet there. A key set to undefined is removed (only `externalId` may be). */
  | { kind: 'updateEntity'; id: string; set?: Partial<Omit<CanonicalEntity, 'id'>>; addAliases?: string[] }
  | { kind: 'removeEntity'; id: string };

export type CorpusConfigWriteResult = { ok: true; text: string; config: CorpusConfig } | { ok: false; problems: Problem[] };

export const MAX_CONFIG_SIZE = MAX_SIDECAR_SIZE;
const ENTITY_KEYS = ['id', 'name', 'type', 'aliases', 'externalId'] as const;

export function defaultCorpusConfig(): CorpusConfig {
  return {
    types: DEFAULT_ENTITY_TYPES.map((t) => ({ ...t, color: { ...t.color } })),
    documents: [...DEFAULT_DOCUMENT_GLOBS],
    exclude: [...DEFAULT_EXCLUDE_GLOBS],
    entities: [],
  };
}

/** A glob that stays inside the corpus root: relative, no `..` segment, no drive or home prefix. */
export function isSafeGlob(g: string): boolean {
  if (g.trim() === '' || g.includes('\0')) return false;
  if (/^[/\\~]/.test(g) || /^[A-Za-z]:/.test(g)) return false;
  return !g.split(/[/\\]/).some((seg) => seg === '..');
}

const COLOR_RE = /^(#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|(rgb|rgba|hsl|hsla)\([^()]*\)|[a-zA-Z]+)$/;

function offsetOf(node: unknown, fallback: number): number {
  return (node as ParsedNode | null)?.range?.[0] ?? fallback;
}

function pairOf(map: YAMLMap, key: string): Pair<ParsedNode, ParsedNode | null> | undefined {
  return (map.items as Pair<ParsedNode, ParsedNode | null>[]).find((p) => isScalar(p.key) && p.key.value === key);
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

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
      if (COLOR_RE.test(c)) t.color = { light: c, dark: c };
      else problems.push({ message: `"${c}" is not a CSS colour.`, severity: 'warning', code: 'bad-color', offset: fieldAt('color') });
    } else if (c && typeof c === 'object' && !Array.isArray(c)) {
      for (const theme of ['light', 'dark'] as const) {
        const x = (c as Record<string, unknown>)[theme];
        if (typeof x === 'string' && COLOR_RE.test(x)) t.color[theme] = x;
        else problems.push({ message: `color.${theme} must be a CSS colour such as "#1a5fb4" (got ${describe(x)}).`, severity: 'warning', code: 'bad-color', offset: fieldAt('color') });
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
    if (!isSafeGlob(v)) {
      problems.push({ message: `"${v}" is not a glob relative to the corpus folder (no absolute paths, no ".."); ignored.`, severity: 'error', code: 'unsafe-glob', offset: pos });
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
  const raw = rec.aliases;
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) problems.push({ message: '"aliases" should be a list.', severity: 'warning', code: 'wrong-type', offset: fieldAt('aliases') });
  for (const a of list) {
    if (typeof a === 'string' || typeof a === 'number') {
      const s = String(a);
      if (!aliases.includes(s)) aliases.push(s);
    } else problems.push({ message: `Alias ${describe(a)} of "${id}" must be a string; ignored.`, severity: 'warning', code: 'wrong-type', offset: fieldAt('aliases') });
  }
  const e: CanonicalEntity = { id, name, type, aliases };
  if (typeof rec.externalId === 'string' || typeof rec.externalId === 'number') e.externalId = String(rec.externalId);
  else if (rec.externalId !== undefined && rec.externalId !== null) problems.push({ message: '"externalId" must be a string such as Q956.', severity: 'warning', code: 'wrong-type', offset: fieldAt('externalId') });
  return e;
}

// ---------------------------------------------------------------------------------------------
// Writing.

function flowScalar(s: string): string {
  return isPlainSafe(s) && !/[,[\]{}]/.test(s) ? s : quoteString(s);
}

function renderAliases(aliases: readonly string[]): string {
  return `[${aliases.map(flowScalar).join(', ')}]`;
}

function renderValue(key: string, v: unknown): string {
  return key === 'aliases' ? renderAliases(v as string[]) : emitScalar(String(v));
}

function renderEntity(e: CanonicalEntity, dash: number, keyCol: number, eol: string): string {
  const rec = e as unknown as Record<string, unknown>;
  let out = '';
  for (const key of ENTITY_KEYS) {
    const v = rec[key];
    if (v === undefined || v === null) continue;
    out += (out === '' ? ' '.repeat(dash) + '-' + ' '.repeat(Math.max(1, keyCol - dash - 1)) : ' '.repeat(keyCol)) + key + ': ' + renderValue(key, v) + eol;
  }
  return out;
}

function renderType(t: EntityType): string {
  let out = `  - id: ${emitScalar(t.id)}\n    label: ${emitScalar(t.label)}\n    color: { light: ${quoteString(t.color.light)}, dark: ${quoteString(t.color.dark)} }\n`;
  if (t.shortcut) out += `    shortcut: ${emitScalar(t.shortcut)}\n`;
  if (t.description) out += `    description: ${emitScalar(t.description)}\n`;
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
    `types:\n${config.types.map(renderType).join('')}` +
    '# Canonical entities: one per real-world thing, with its names in any language.\n' +
    (entities.length ? `entities:\n${entities.map((e) => renderEntity(e, 2, 4, '\n')).join('')}` : 'entities: []\n')
  );
}

function checkEntityValue(e: Partial<CanonicalEntity>, full: boolean): string | undefined {
  if (full && (typeof e.id !== 'string' || e.id.trim() === '')) return '"id" must be a non-empty string';
  if ((full || e.name !== undefined) && (typeof e.name !== 'string' || e.name.trim() === '')) return '"name" must be a non-empty string';
  if ((full || e.type !== undefined) && typeof e.type !== 'string') return '"type" must be a string';
  if ((full || e.aliases !== undefined) && (!Array.isArray(e.aliases) || e.aliases.some((a) => typeof a !== 'string'))) return '"aliases" must be a list of strings';
  if (e.externalId !== undefined && typeof e.externalId !== 'string') return '"externalId" must be a string';
  return undefined;
}

interface Located {
  doc: Document.Parsed;
  seq?: YAMLSeq;
  /** The `entities:` key node and the end of its colon, when the key exists. */
  keyStart?: number;
  afterColon?: number;
}

function locate(text: string): Located {
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length) throw new Error(firstLine(doc.errors[0].message));
  if (!isMap(doc.contents)) return { doc };
  const pair = pairOf(doc.contents as YAMLMap, 'entities');
  if (!pair) return { doc };
  const colon = text.indexOf(':', pair.key.range![1]);
  return { doc, seq: isSeq(pair.value) ? (pair.value as YAMLSeq) : undefined, keyStart: pair.key.range![0], afterColon: colon + 1 };
}

function spanOf(text: string, node: ParsedNode): [number, number] | undefined {
  const s = node.range![0];
  const ls = lineStartOf(text, s);
  if (!/^ *- +$/.test(text.slice(ls, s))) return undefined;
  let e = node.range![1];
  while (e > s && /\s/.test(text[e - 1])) e--;
  return [ls, lineEndAfter(text, e - 1)];
}

function idOf(node: unknown): string | undefined {
  if (!isMap(node)) return undefined;
  const v = (node as YAMLMap).get('id');
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

class NeedsRewrite extends Error {}

/** One change applied by splicing text. Throws NeedsRewrite for layouts it does not splice. */
function spliceChange(text: string, ch: CorpusConfigChange): string {
  const eol = detectEol(text);
  const loc = locate(text);
  const items = (loc.seq?.items ?? []) as ParsedNode[];
  if (loc.seq && loc.seq.flow && items.length > 0) throw new NeedsRewrite();
  const find = (id: string) => items.find((n) => idOf(n) === id);
  const br = (pos: number) => (pos > 0 && text[pos - 1] !== '\n' ? eol : '');
  if (ch.kind === 'addEntity') {
    if (!isMap(loc.doc.contents) && loc.doc.contents !== null) throw new NeedsRewrite();
    if (loc.keyStart === undefined) {
      const pos = text.length;
      return text + br(pos) + 'entities:' + eol + renderEntity(ch.entity, 2, 4, eol);
    }
    if (items.length === 0) {
      // `entities:`, `entities: []` or `entities: ~`: drop the value and add a block below.
      const pair = pairOf(loc.doc.contents as YAMLMap, 'entities')!;
      let t = text;
      const v = pair.value;
      if (v && !(isScalar(v) && v.value === null) && !(isSeq(v) && v.items.length === 0)) throw new Error('"entities" is not a list; fix it by hand first');
      if (v && v.range && v.range[1] > v.range[0]) {
        if (text.slice(loc.afterColon!, v.range[0]).trim() !== '' || text.slice(v.range[0], v.range[1]).includes('\n')) throw new NeedsRewrite();
        t = text.slice(0, loc.afterColon) + text.slice(v.range[1]);
      } else if (v && !isScalar(v)) throw new NeedsRewrite();
      const pos = lineEndAfter(t, loc.afterColon!);
      return t.slice(0, pos) + br(pos) + renderEntity(ch.entity, 2, 4, eol) + t.slice(pos);
    }
    const spans = items.map((n) => spanOf(text, n));
    if (spans.some((s) => !s)) throw new NeedsRewrite();
    const first = items[0];
    const keyCol = first.range![0] - spans[0]![0];
    const dash = text.slice(spans[0]![0], first.range![0]).indexOf('-');
    const ids = items.map(idOf);
    const sorted = ids.every((x, i) => x !== undefined && (i === 0 || ids[i - 1]! <= x));
    let idx = items.length;
    if (sorted) {
      idx = ids.findIndex((x) => x! > ch.entity.id);
      if (idx < 0) idx = items.length;
    }
    const pos = idx > 0 ? spans[idx - 1]![1] : spans[0]![0];
    return text.slice(0, pos) + br(pos) + renderEntity(ch.entity, dash, keyCol, eol) + text.slice(pos);
  }
  const node = find(ch.id);
  if (!node) return text;
  const span = spanOf(text, node);
  if (!span) throw new NeedsRewrite();
  if (ch.kind === 'removeEntity') {
    let t = text.slice(0, span[0]) + text.slice(span[1]);
    if (items.length === 1 && loc.afterColon !== undefined) t = t.slice(0, loc.afterColon) + ' []' + t.slice(loc.afterColon);
    return t;
  }
  // updateEntity: field by field.
  const map = node as YAMLMap;
  const set: Record<string, unknown> = { ...(ch.set ?? {}) };
  if (ch.addAliases && ch.addAliases.length) {
    const current = (set.aliases as string[] | undefined) ?? (() => {
      const v = map.get('aliases');
      return isSeq(v) ? (v.toJSON() as unknown[]).map(String) : typeof v === 'string' ? [v] : [];
    })();
    const next = [...current];
    for (const a of ch.addAliases) if (!next.includes(a)) next.push(a);
    set.aliases = next;
  }
  const keyCol = map.range![0] - span[0];
  // Apply from the last field to the first so earlier offsets stay valid.
  const edits: { start: number; end: number; text: string }[] = [];
  for (const key of ENTITY_KEYS) {
    if (key === 'id' || !(key in set)) continue;
    const v = set[key];
    const pair = pairOf(map, key);
    if (v === undefined || v === null) {
      if (!pair) continue;
      const ls = lineStartOf(text, pair.key.range![0]);
      if (text.slice(ls, pair.key.range![0]).trim() !== '') throw new NeedsRewrite();
      const ve = pair.value?.range ? pair.value.range[1] : pair.key.range![1];
      edits.push({ start: ls, end: lineEndAfter(text, Math.max(pair.key.range![0], ve - 1)), text: '' });
      continue;
    }
    const rendered = renderValue(key, v);
    if (pair) {
      const vn = pair.value;
      if (!vn || !vn.range) throw new NeedsRewrite();
      let ve = vn.range[1];
      while (ve > vn.range[0] && /\s/.test(text[ve - 1])) ve--;
      if (text.slice(vn.range[0], ve).includes('\n') || (!isScalar(vn) && !(isSeq(vn) && vn.flow)) || (vn as { anchor?: string }).anchor) throw new NeedsRewrite();
      edits.push({ start: vn.range[0], end: ve, text: rendered });
    } else {
      const ki = ENTITY_KEYS.indexOf(key);
      let after: number | undefined;
      for (const p of map.items as Pair<ParsedNode, ParsedNode | null>[]) {
        const gi = isScalar(p.key) ? ENTITY_KEYS.indexOf(p.key.value as (typeof ENTITY_KEYS)[number]) : -1;
        if (gi >= 0 && gi < ki) {
          const ve = p.value?.range ? p.value.range[1] : p.key.range![1];
          after = Math.max(after ?? 0, lineEndAfter(text, Math.max(p.key.range![0], ve - 1)));
        }
      }
      if (after === undefined) throw new NeedsRewrite();
      edits.push({ start: after, end: after, text: br(after) + ' '.repeat(keyCol) + key + ': ' + rendered + eol });
    }
  }
  edits.sort((a, b) => b.start - a.start);
  let t = text;
  for (const e of edits) t = t.slice(0, e.start) + e.text + t.slice(e.end);
  return t;
}

/** The same change through the yaml Document API (comments kept, some formatting normalised). */
function rewriteChange(text: string, ch: CorpusConfigChange): string {
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length) throw new Error(firstLine(doc.errors[0].message));
  if (!isMap(doc.contents)) throw new Error('corpus.yaml is not a mapping');
  let seq = doc.get('entities', true);
  if (!isSeq(seq)) {
    if (seq !== undefined && seq !== null && !(isScalar(seq) && seq.value === null)) throw new Error('"entities" is not a list');
    seq = doc.createNode([]) as YAMLSeq;
    doc.set('entities', seq);
  }
  const list = seq as YAMLSeq;
  const toNode = (e: CanonicalEntity) => {
    const n = doc.createNode(Object.fromEntries(ENTITY_KEYS.filter((k) => e[k] !== undefined).map((k) => [k, e[k]]))) as YAMLMap;
    const al = n.get('aliases', true);
    if (isSeq(al)) al.flow = true;
    return n;
  };
  if (ch.kind === 'addEntity') list.items.push(toNode(ch.entity));
  else {
    const i = list.items.findIndex((n) => idOf(n) === ch.id);
    if (i < 0) return text;
    if (ch.kind === 'removeEntity') list.items.splice(i, 1);
    else {
      const map = list.items[i] as YAMLMap;
      const set: Record<string, unknown> = { ...(ch.set ?? {}) };
      if (ch.addAliases?.length) {
        const v = map.get('aliases');
        const cur = (set.aliases as string[] | undefined) ?? (isSeq(v) ? (v.toJSON() as unknown[]).map(String) : []);
        set.aliases = [...cur, ...ch.addAliases.filter((a) => !cur.includes(a))];
      }
      for (const [k, v] of Object.entries(set)) {
        if (v === undefined || v === null) map.delete(k);
        else {
          const n = doc.createNode(v);
          if (isSeq(n)) n.flow = true;
          map.set(k, n);
        }
      }
    }
  }
  return doc.toString({ lineWidth: 0 });
}

export class CorpusConfigWriter {
  /**
   * Applies the changes to corpus.yaml as it is on disk now (`undefined`: no file yet, one is
   * created). Refused, with problems saying where, when the file cannot be parsed.
   */
  apply(diskText: string | undefined, changes: CorpusConfigChange[]): CorpusConfigWriteResult {
    try {
      let text = diskText ?? '# Corpus Annotator configuration (see docs/sidecar-format.md).\n# Canonical entities: one per real-world thing, with its names in any language.\nentities: []\n';
      const before = parseCorpusConfig(text);
      if (!before.writable) {
        return { ok: false, problems: before.problems.filter((p) => p.severity === 'error').map((p) => ({ ...p, message: `Not written: ${p.message}` })) };
      }
      const ids = new Set(before.value.entities.map((e) => e.id));
      for (const [i, ch] of changes.entries()) {
        const bad = (message: string, code = 'invalid-change'): CorpusConfigWriteResult => ({ ok: false, problems: [{ message: `change ${i + 1}: ${message}`, severity: 'error', line: 1, column: 1, code }] });
        if (ch.kind === 'addEntity') {
          const err = checkEntityValue(ch.entity, true);
          if (err) return bad(err);
          if (ids.has(ch.entity.id)) return bad(`a canonical entity with id "${ch.entity.id}" already exists`, 'duplicate-id');
          ids.add(ch.entity.id);
        } else if (ch.kind === 'updateEntity') {
          if (!ids.has(ch.id)) return bad(`no canonical entity with id "${ch.id}"`, 'unknown-id');
          const set = ch.set ?? {};
          for (const k of Object.keys(set)) if (!ENTITY_KEYS.includes(k as (typeof ENTITY_KEYS)[number]) || k === 'id') return bad(`"${k}" cannot be changed`);
          if (('name' in set && set.name === undefined) || ('type' in set && set.type === undefined) || ('aliases' in set && set.aliases === undefined)) return bad('only externalId can be removed');
          const err = checkEntityValue(set, false);
          if (err) return bad(err);
          if (ch.addAliases && (!Array.isArray(ch.addAliases) || ch.addAliases.some((a) => typeof a !== 'string'))) return bad('"addAliases" must be a list of strings');
        } else if (ch.kind === 'removeEntity') ids.delete(ch.id);
        else return bad('unknown change kind');
      }
      for (const ch of changes) {
        try {
          text = spliceChange(text, ch);
        } catch (e) {
          if (!(e instanceof NeedsRewrite)) throw e;
          text = rewriteChange(text, ch);
        }
      }
      const after = parseCorpusConfig(text);
      if (!after.writable) throw new Error('the result did not read back');
      verifyConfig(after.value, changes);
      return { ok: true, text, config: after.value };
    } catch (e) {
      return { ok: false, problems: [{ message: `Not written: ${e instanceof Error ? e.message : String(e)}. corpus.yaml was left unchanged.`, severity: 'error', line: 1, column: 1, code: 'internal-error' }] };
    }
  }
}

function verifyConfig(config: CorpusConfig, changes: readonly CorpusConfigChange[]): void {
  const byId = new Map(config.entities.map((e) => [e.id, e]));
  const gone = new Set<string>();
  for (const ch of changes) {
    if (ch.kind === 'removeEntity') gone.add(ch.id);
    else if (ch.kind === 'addEntity') gone.delete(ch.entity.id);
  }
  for (const id of gone) if (byId.has(id)) throw new Error(`entity ${id} still present`);
  for (const ch of changes) {
    if (ch.kind === 'addEntity' && !gone.has(ch.entity.id)) {
      const e = byId.get(ch.entity.id);
      if (!e || e.name === undefined) throw new Error(`entity ${ch.entity.id} missing after write`);
    }
  }
  const last = new Map<string, CorpusConfigChange>();
  for (const ch of changes) if (ch.kind === 'updateEntity') last.set(ch.id, ch);
  for (const [id, ch] of last) {
    if (ch.kind !== 'updateEntity' || gone.has(id)) continue;
    const e = byId.get(id);
    if (!e) throw new Error(`entity ${id} missing after write`);
    const set = ch.set ?? {};
    if (set.name !== undefined && e.name !== set.name) throw new Error(`entity ${id}: name reads back as ${JSON.stringify(e.name)}`);
    if (set.type !== undefined && e.type !== set.type) throw new Error(`entity ${id}: type reads back as ${JSON.stringify(e.type)}`);
    if (set.aliases !== undefined && !ch.addAliases?.length) {
      const want = set.aliases.filter((a, i, arr) => arr.indexOf(a) === i);
      if (JSON.stringify(e.aliases) !== JSON.stringify(want)) throw new Error(`entity ${id}: aliases read back as ${JSON.stringify(e.aliases)}`);
    }
    for (const a of ch.addAliases ?? []) if (!e.aliases.includes(a)) throw new Error(`entity ${id}: alias ${a} missing`);
  }
}

export type { CanonicalEntity, EntityType };
