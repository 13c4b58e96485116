/**
 * Writing corpus.yaml's registry of canonical entities: read-modify-write by splicing the affected
 * entries' text, so comments, unknown keys and formatting elsewhere are kept, with the yaml
 * Document API for layouts it does not splice; an unparseable file is never written, and every
 * result is read back before it is returned.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Pair, type ParsedNode, type YAMLMap, type YAMLSeq } from 'yaml';
import type { CanonicalEntity, EntityType } from '../../model';
import { lineEndAfter, lineStartOf, normalizeLineBreaks, restoreLineBreaks } from '../../sidecar/lines';
import { detectEol, YAML_OPTIONS } from '../../sidecar/raw';
import { parseCorpusConfig } from './read';
import { renderEntity, renderType, renderValue } from './render';
import { ENTITY_KEYS, type CorpusConfig, type CorpusConfigChange, type CorpusConfigWriteResult } from './model';
import { firstLine, pairOf } from './nodes';

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

/** `current` followed by the ones of `added` not in it yet (linear: registries hold many aliases). */
function mergeAliases(current: readonly string[], added: readonly string[]): string[] {
  const seen = new Set(current);
  const out = [...current];
  for (const a of added) {
    if (seen.has(a)) continue;
    seen.add(a);
    out.push(a);
  }
  return out;
}

/** One change applied by splicing text. Throws NeedsRewrite for layouts it does not splice. */
function spliceChange(text: string, ch: CorpusConfigChange): string {
  if (ch.kind === 'addType') return spliceType(text, ch.type);
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
      return t.slice(0, pos) + (pos > 0 && t[pos - 1] !== '\n' ? eol : '') + renderEntity(ch.entity, 2, 4, eol) + t.slice(pos);
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
    set.aliases = mergeAliases(current, ch.addAliases);
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

/**
 * A type appended to a block list of types, in the first entry's indentation. With no `types` key
 * the types in force (the defaults) are written first, so adding one does not take the others away.
 */
function spliceType(text: string, type: EntityType): string {
  const eol = detectEol(text);
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length) throw new Error(firstLine(doc.errors[0].message));
  if (doc.contents !== null && !isMap(doc.contents)) throw new Error('corpus.yaml is not a mapping');
  const pair = doc.contents ? pairOf(doc.contents as YAMLMap, 'types') : undefined;
  if (!pair) {
    const current = parseCorpusConfig(text).value.types;
    const br = text.length > 0 && !text.endsWith('\n') ? eol : '';
    return text + br + 'types:' + eol + [...current, type].map((t) => renderType(t, 2, 4, eol)).join('');
  }
  const seq = pair.value;
  if (!isSeq(seq) || seq.flow || seq.items.length === 0) throw new NeedsRewrite();
  const items = seq.items as ParsedNode[];
  const first = spanOf(text, items[0]);
  const last = spanOf(text, items[items.length - 1]);
  if (!first || !last) throw new NeedsRewrite();
  const keyCol = items[0].range![0] - first[0];
  const dash = text.slice(first[0], items[0].range![0]).indexOf('-');
  const pos = last[1];
  const br = pos > 0 && text[pos - 1] !== '\n' ? eol : '';
  return text.slice(0, pos) + br + renderType(type, dash, keyCol, eol) + text.slice(pos);
}

/** A type through the Document API: a flow or empty list of types (empty: the defaults in force come first). */
function rewriteType(text: string, doc: Document.Parsed, type: EntityType): string {
  const node = (t: EntityType) => {
    const n = doc.createNode({ id: t.id, label: t.label, color: { ...t.color }, ...(t.shortcut ? { shortcut: t.shortcut } : {}), ...(t.description ? { description: t.description } : {}) }) as YAMLMap;
    const c = n.get('color', true);
    if (isMap(c)) c.flow = true;
    return n;
  };
  const seq = doc.get('types', true);
  if (isSeq(seq) && seq.items.length > 0) seq.items.push(node(type));
  else doc.set('types', doc.createNode([...parseCorpusConfig(text).value.types, type].map(node)));
  return doc.toString({ lineWidth: 0 });
}

/** The same change through the yaml Document API (comments kept, some formatting normalised). */
function rewriteChange(text: string, ch: CorpusConfigChange): string {
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length) throw new Error(firstLine(doc.errors[0].message));
  if (!isMap(doc.contents)) throw new Error('corpus.yaml is not a mapping');
  if (ch.kind === 'addType') return rewriteType(text, doc, ch.type);
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
        set.aliases = mergeAliases(cur, ch.addAliases);
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
      const { text: disk, eol } = diskText === undefined ? { text: undefined, eol: '\n' as const } : normalizeLineBreaks(diskText);
      let text = disk ?? '# Corpus Annotator configuration (see docs/sidecar-format.md).\n# Canonical entities: one per real-world thing, with its names in any language.\nentities: []\n';
      const before = parseCorpusConfig(text);
      if (!before.writable) {
        return { ok: false, problems: before.problems.filter((p) => p.severity === 'error').map((p) => ({ ...p, message: `Not written: ${p.message}` })) };
      }
      const ids = new Set(before.value.entities.map((e) => e.id));
      const typeIds = new Set(before.value.types.map((t) => t.id));
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
        else if (ch.kind === 'addType') {
          const t = ch.type;
          if (!t || typeof t.id !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(t.id)) return bad('a type needs an id made of letters, digits, "_", "-" or "."');
          if (typeof t.label !== 'string' || !t.color || typeof t.color.light !== 'string' || typeof t.color.dark !== 'string') return bad('a type needs a label and light and dark colours');
          if (typeIds.has(t.id)) return bad(`a type with id "${t.id}" already exists`, 'duplicate-id');
          typeIds.add(t.id);
        } else return bad('unknown change kind');
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
      verifyUntouched(before.value, after.value, changes);
      return { ok: true, text: restoreLineBreaks(text, eol), config: after.value };
    } catch (e) {
      return { ok: false, problems: [{ message: `Not written: ${e instanceof Error ? e.message : String(e)}. corpus.yaml was left unchanged.`, severity: 'error', line: 1, column: 1, code: 'internal-error' }] };
    }
  }
}

/** Everything the changes did not name reads back as before (an alias into a removed entry would not). */
function verifyUntouched(before: CorpusConfig, after: CorpusConfig, changes: readonly CorpusConfigChange[]): void {
  const named = new Set(changes.flatMap((ch) => (ch.kind === 'addType' ? [] : [ch.kind === 'addEntity' ? ch.entity.id : ch.id])));
  const addedTypes = new Set(changes.flatMap((ch) => (ch.kind === 'addType' ? [ch.type.id] : [])));
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(before.types, after.types.filter((t) => !addedTypes.has(t.id))) || !same(before.documents, after.documents) || !same(before.exclude, after.exclude)) throw new Error('the types or globs would read back differently');
  const afterById = new Map(after.entities.map((e) => [e.id, e]));
  for (const e of before.entities) {
    if (named.has(e.id)) continue;
    if (!same(e, afterById.get(e.id))) throw new Error(`canonical entity ${e.id} would read back differently (does it use a YAML alias?)`);
  }
}

function verifyConfig(config: CorpusConfig, changes: readonly CorpusConfigChange[]): void {
  for (const ch of changes) if (ch.kind === 'addType' && !config.types.some((t) => t.id === ch.type.id && t.label === ch.type.label)) throw new Error(`type ${ch.type.id} missing after write`);
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
      const want = [...new Set(set.aliases)];
      if (JSON.stringify(e.aliases) !== JSON.stringify(want)) throw new Error(`entity ${id}: aliases read back as ${JSON.stringify(e.aliases)}`);
    }
    const has = new Set(e.aliases);
    for (const a of ch.addAliases ?? []) if (!has.has(a)) throw new Error(`entity ${id}: alias ${a} missing`);
  }
}
