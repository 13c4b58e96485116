/**
 * The incremental, read-modify-write sidecar writer.
 *
 * `apply` works on the text as it is on disk now. It keeps the raw model (entry spans and field
 * offsets) of the last text it parsed or produced; when the disk text is that text, a change is
 * applied by splicing only the affected entries' text and shifting the spans after it, so its
 * cost is proportional to the change plus one pass over the span table, not a re-parse and
 * re-serialisation of the file. When the disk text differs (another window, git pull, a hand
 * edit), it is re-read first, so that edit is kept. Layouts it cannot splice safely (flow
 * collections, anchors, multi-line values it would have to replace, …) go through the `yaml`
 * Document API instead, which also preserves comments. Every result is checked by reading the
 * changed entries back; a sidecar that is not valid YAML or not a version this tool understands
 * is never written.
 */
import { isMap, isScalar, isSeq, Pair, parseDocument, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';
import type { EntityAnnotation, FactAnnotation } from '../model';
import type { Problem } from '../problems';
import {
  compareAnnotations,
  keysOf,
  MAX_SIDECAR_SIZE,
  REQUIRED_ENTITY_KEYS,
  REQUIRED_FACT_KEYS,
  type Collection,
  type ParsedSidecar,
  type ParseSidecarOptions,
  type SidecarChange,
  type SidecarData,
  type WriteResult,
} from './format';
import { lineEndAfter, normalizeLineBreaks, restoreLineBreaks, type LineBreak } from './lines';
import { parseRaw, tooLarge } from './parse';
import { readEntryAt, readRaw, readTopField, YAML_OPTIONS, type PosProblem, type RawDoc, type RawField, type RawItem } from './raw';
import { storedValue, isWritten } from './entryRules';
import { emitScalar, scalarStyle } from './scalar';
import { YamlValues } from '../yaml/values';
import { renderEntry, serializeSidecar } from './serialize';
import { checkHeader, checkItem, collectAnnotations, emptyData, emptyHeader, toProblems, type AnyAnnotation } from './validate';

interface Working {
  /** The text worked on: the file's, with lone CRs read as LFs (same length). */
  text: string;
  /** The text as it is (or will be) on disk, and the line break it is written with. */
  disk: string;
  lineBreak: LineBreak;
  raw: RawDoc;
  ids: Map<string, RawItem[]>;
  sorted: Record<Collection, boolean>;
}

class Slow extends Error {}

const STATUSES = new Set(['exact', 'moved', 'orphaned']);
const COLLECTIONS: Collection[] = ['entities', 'facts'];

function load(text: string, raw: RawDoc, lineBreak: LineBreak = '\n', disk = restoreLineBreaks(text, lineBreak)): Working {
  const w: Working = { text, disk, lineBreak, raw, ids: new Map(), sorted: { entities: true, facts: true } };
  for (const c of COLLECTIONS) {
    const coll = raw.collections[c];
    if (!coll) continue;
    let prev: AnyAnnotation | undefined;
    for (const item of coll.items) {
      const chk = checkItem(item);
      item.ann = chk.ann;
      item.id = chk.id;
      if (chk.id !== undefined) {
        const list = w.ids.get(chk.id);
        if (list) list.push(item);
        else w.ids.set(chk.id, [item]);
      }
      if (!chk.ann || (prev && compareAnnotations(prev, chk.ann) > 0)) w.sorted[c] = false;
      prev = chk.ann;
    }
  }
  return w;
}

function dataOf(w: Working): SidecarData {
  const header = checkHeader(w.raw).header;
  const lists = collectAnnotations(w.raw, (item) => ({ ann: item.ann, id: item.id, problems: [] }), undefined);
  return { header, entities: lists.entities, facts: lists.facts };
}

/** Problems that forbid writing this text at all (syntax errors, unknown format/version). */
function refusal(text: string, raw: RawDoc): Problem[] | undefined {
  const errs: PosProblem[] = raw.errors.filter((p) => p.severity === 'error');
  const head = checkHeader(raw);
  if (!head.understood) errs.push(...head.problems.filter((p) => p.severity === 'error'));
  if (errs.length === 0) return undefined;
  return toProblems(text, errs).map((p) => ({ ...p, message: `Not written: ${p.message}` }));
}

function problem(message: string, code: string, line = 1, column = 1, annotationId?: string): Problem {
  const p: Problem = { message, severity: 'error', line, column, code };
  if (annotationId !== undefined) p.annotationId = annotationId;
  return p;
}

// ---------------------------------------------------------------------------------------------
// Checking the changes before touching anything, so a batch is applied whole or not at all.

function checkValue(collection: Collection, key: string, v: unknown): string | undefined {
  if (!keysOf(collection).includes(key) || key === 'id') return `"${key}" is not a field of ${collection}`;
  const required: readonly string[] = collection === 'entities' ? REQUIRED_ENTITY_KEYS : REQUIRED_FACT_KEYS;
  if (v === undefined) return required.includes(key) ? `"${key}" is required and cannot be removed` : undefined;
  if (key === 'start' || key === 'end') return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? undefined : `"${key}" must be a non-negative integer`;
  if (key === 'status') return typeof v === 'string' && STATUSES.has(v) ? undefined : '"status" must be exact, moved or orphaned';
  if (typeof v !== 'string') return `"${key}" must be a string`;
  if (key === 'type' && v.trim() === '') return '"type" must not be empty';
  return undefined;
}

function checkAnnotation(collection: Collection, a: AnyAnnotation): string | undefined {
  if (!a || typeof a !== 'object') return 'the annotation must be an object';
  if (typeof a.id !== 'string' || a.id.trim() === '') return '"id" must be a non-empty string';
  const rec = a as unknown as Record<string, unknown>;
  const required: readonly string[] = collection === 'entities' ? REQUIRED_ENTITY_KEYS : REQUIRED_FACT_KEYS;
  for (const key of required) if (rec[key] === undefined || rec[key] === null) return `missing "${key}"`;
  for (const key of keysOf(collection)) {
    if (key === 'id' || rec[key] === undefined) continue;
    const err = checkValue(collection, key, rec[key]);
    if (err) return err;
  }
  if (a.start > a.end) return '"start" is after "end"';
  return undefined;
}

/** The annotation with only the format's keys, `status: exact` dropped. */
function normalize(collection: Collection, a: AnyAnnotation): AnyAnnotation {
  const rec = a as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keysOf(collection)) {
    const v = rec[key];
    if (!isWritten(key, v)) continue;
    out[key] = v;
  }
  return out as unknown as AnyAnnotation;
}

function precheck(w: Working, changes: readonly SidecarChange[]): Problem[] {
  const problems: Problem[] = [];
  const sim = new Map<string, { collection: Collection; start?: number; end?: number }>();
  for (const [id, items] of w.ids) sim.set(id, { collection: items[0].collection, start: items[0].ann?.start, end: items[0].ann?.end });
  changes.forEach((ch, i) => {
    const where = `change ${i + 1}`;
    if (!ch || typeof ch !== 'object') {
      problems.push(problem(`${where}: not a change`, 'invalid-change'));
      return;
    }
    switch (ch.kind) {
      case 'add': {
        if (!COLLECTIONS.includes(ch.collection)) {
          problems.push(problem(`${where}: unknown collection ${String(ch.collection)}`, 'invalid-change'));
          return;
        }
        const err = checkAnnotation(ch.collection, ch.annotation);
        if (err) {
          problems.push(problem(`${where}: invalid annotation: ${err}`, 'invalid-change', 1, 1, ch.annotation?.id));
          return;
        }
        const coll = w.raw.collections[ch.collection];
        if (coll?.kind === 'other') {
          const [p] = toProblems(w.text, [{ message: `Not written: "${ch.collection}" is not a list; fix it by hand first.`, severity: 'error', code: 'wrong-type', offset: coll.valueOffset }]);
          problems.push(p);
          return;
        }
        if (sim.has(ch.annotation.id)) {
          problems.push(problem(`${where}: an annotation with id "${ch.annotation.id}" already exists`, 'duplicate-id', 1, 1, ch.annotation.id));
          return;
        }
        sim.set(ch.annotation.id, { collection: ch.collection, start: ch.annotation.start, end: ch.annotation.end });
        return;
      }
      case 'remove':
        sim.delete(ch.id);
        return;
      case 'update': {
        const cur = sim.get(ch.id);
        if (!cur) {
          problems.push(problem(`${where}: no annotation with id "${ch.id}" in the sidecar (it may have been removed on disk)`, 'unknown-id', 1, 1, ch.id));
          return;
        }
        const set = (ch.set ?? {}) as Record<string, unknown>;
        for (const key of Object.keys(set)) {
          const err = checkValue(cur.collection, key, set[key]);
          if (err) {
            problems.push(problem(`${where}: ${err}`, 'invalid-change', 1, 1, ch.id));
            return;
          }
        }
        const start = 'start' in set ? (set.start as number) : cur.start;
        const end = 'end' in set ? (set.end as number) : cur.end;
        if (start !== undefined && end !== undefined && start > end) {
          problems.push(problem(`${where}: "start" would be after "end"`, 'invalid-change', 1, 1, ch.id));
          return;
        }
        cur.start = start;
        cur.end = end;
        return;
      }
      case 'header': {
        if (typeof ch.textHash !== 'string') {
          problems.push(problem(`${where}: textHash must be a string`, 'invalid-change'));
          return;
        }
        const f = w.raw.fields.find((x) => x.key === 'textHash');
        if (f && !f.replaceable) {
          const [p] = toProblems(w.text, [{ message: 'Not written: "textHash" is not a plain value; fix it by hand first.', severity: 'error', code: 'wrong-type', offset: f.keyOffset }]);
          problems.push(p);
        }
        return;
      }
      default:
        problems.push(problem(`${where}: unknown change kind`, 'invalid-change'));
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Splicing.

function shiftField(f: RawField, d: number): void {
  f.keyOffset += d;
  f.valueOffset += d;
  f.valueEnd += d;
  f.lineStart += d;
  f.lineEnd += d;
}

/** Replaces [start, end) and shifts every span that starts at or after `end`. */
function splice(w: Working, start: number, end: number, insert: string): void {
  w.text = w.text.slice(0, start) + insert + w.text.slice(end);
  const d = insert.length - (end - start);
  if (d === 0) return;
  for (const f of w.raw.fields) if (f.keyOffset >= end) shiftField(f, d);
  for (const c of COLLECTIONS) {
    const coll = w.raw.collections[c];
    if (!coll) continue;
    if (coll.keyOffset >= end) {
      coll.keyOffset += d;
      coll.afterColon += d;
      coll.valueOffset += d;
      if (coll.emptyRange) coll.emptyRange = [coll.emptyRange[0] + d, coll.emptyRange[1] + d];
    }
    const items = coll.items;
    // Spans are ascending: skip the ones before the splice quickly.
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (items[mid].start < end) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < items.length; i++) {
      items[i].start += d;
      items[i].end += d;
    }
  }
}

function breakBefore(w: Working, pos: number): string {
  return pos > 0 && w.text.charCodeAt(pos - 1) !== 10 ? w.raw.eol : '';
}

function insertionIndex(items: RawItem[], ann: AnyAnnotation, sorted: boolean): number {
  if (sorted) {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareAnnotations(items[mid].ann!, ann) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  let last = -1;
  for (let i = 0; i < items.length; i++) {
    const a = items[i].ann;
    if (a && compareAnnotations(a, ann) <= 0) last = i;
  }
  return last + 1;
}

function refresh(w: Working, item: RawItem): void {
  const r = readEntryAt(w.text, item.start, item.end, item.collection);
  if (!r) throw new Slow('entry not readable after splice');
  item.fields = r.fields;
  item.offset = r.offset;
  item.keyCol = r.keyCol;
  item.isMap = r.isMap;
  const chk = checkItem(item);
  item.ann = chk.ann;
}

function addId(w: Working, item: RawItem): void {
  if (item.id === undefined) return;
  const list = w.ids.get(item.id);
  if (list) list.push(item);
  else w.ids.set(item.id, [item]);
}

function addEntry(w: Working, collection: Collection, annotation: AnyAnnotation): void {
  const ann = normalize(collection, annotation);
  let coll = w.raw.collections[collection];
  if (!coll) {
    const pos = w.text.length;
    const pre = breakBefore(w, pos);
    const head = `${collection}:`;
    splice(w, pos, pos, pre + head + w.raw.eol);
    const keyOffset = pos + pre.length;
    coll = { name: collection, keyOffset, afterColon: keyOffset + head.length, valueOffset: keyOffset + head.length, kind: 'block', items: [], dash: 2, keyCol: 4 };
    w.raw.collections[collection] = coll;
  }
  if (coll.kind === 'other') throw new Error(`${collection} is not a list`);
  let pos: number;
  let idx: number;
  if (coll.items.length === 0) {
    if (coll.emptyRange) {
      splice(w, coll.emptyRange[0], coll.emptyRange[1], '');
      coll.emptyRange = undefined;
    }
    coll.kind = 'block';
    pos = lineEndAfter(w.text, coll.afterColon);
    idx = 0;
  } else {
    idx = insertionIndex(coll.items, ann, w.sorted[collection]);
    pos = idx > 0 ? coll.items[idx - 1].end : coll.items[0].start;
  }
  const pre = breakBefore(w, pos);
  const body = renderEntry(ann, collection, coll.dash, coll.keyCol, w.raw.eol);
  splice(w, pos, pos, pre + body);
  const start = pos + pre.length;
  const item = readEntryAt(w.text, start, start + body.length, collection);
  if (!item) throw new Slow('new entry not readable');
  const chk = checkItem(item);
  item.ann = chk.ann;
  item.id = chk.id;
  coll.items.splice(idx, 0, item);
  addId(w, item);
}

function removeEntry(w: Working, item: RawItem): void {
  const coll = w.raw.collections[item.collection]!;
  const idx = coll.items.indexOf(item);
  if (idx < 0) return;
  splice(w, item.start, item.end, '');
  coll.items.splice(idx, 1);
  if (coll.items.length === 0 && coll.kind === 'block') {
    splice(w, coll.afterColon, coll.afterColon, ' []');
    coll.kind = 'empty';
    coll.emptyRange = [coll.afterColon, coll.afterColon + 3];
  }
}

function applySet(ann: AnyAnnotation, set: Record<string, unknown>): AnyAnnotation {
  const out = { ...(ann as unknown as Record<string, unknown>) };
  for (const key of Object.keys(set)) {
    const v = set[key];
    if (!isWritten(key, v)) delete out[key];
    else out[key] = v;
  }
  return out as unknown as AnyAnnotation;
}

function updateEntry(w: Working, item: RawItem, set: Record<string, unknown>): void {
  if (!item.editable) throw new Slow('entry layout not editable by splicing');
  const c = item.collection;
  const coll = w.raw.collections[c]!;
  const current = w.text.slice(item.start, item.end);
  const dash = current.indexOf('-');
  if (item.ann && current === renderEntry(item.ann, c, dash, item.keyCol, w.raw.eol)) {
    // A canonical entry with nothing else in it: render it again.
    const body = renderEntry(applySet(item.ann, set), c, dash, item.keyCol, w.raw.eol);
    splice(w, item.start, item.end, body);
    item.end = item.start + body.length;
    refresh(w, item);
  } else {
    // Field by field, keeping comments and unknown keys.
    const order = keysOf(c);
    for (const key of order) {
      if (!(key in set)) continue;
      const v = storedValue(key, set[key]);
      const f = item.fields.find((x) => x.key === key);
      if (v === undefined) {
        if (!f) continue;
        if (!f.ownLine) throw new Slow('field shares its line');
        const s = item.start + f.lineStart;
        const e = item.start + f.lineEnd;
        // A comment at the end of the removed line stays, on a line of its own.
        const tail = w.text.slice(item.start + f.valueEnd, e);
        const hash = tail.indexOf('#');
        const keep = hash >= 0 ? ' '.repeat(item.keyCol) + tail.slice(hash).replace(/\r?\n$/, '') + w.raw.eol : '';
        const last = e === item.end;
        splice(w, s, e, keep);
        // A comment kept after the entry's last field is in the gap after it, as a reader sees it.
        item.end = last ? s : item.end + keep.length - (e - s);
      } else if (f) {
        if (!f.replaceable) throw new Slow('value not replaceable');
        const s = item.start + f.valueOffset;
        const e = item.start + f.valueEnd;
        const txt = emitScalar(v as string | number);
        const ins = s === e && w.text.charCodeAt(s - 1) === 58 ? ' ' + txt : txt;
        splice(w, s, e, ins);
        item.end += ins.length - (e - s);
      } else {
        const ki = order.indexOf(key);
        let after: RawField | undefined;
        for (const g of item.fields) {
          const gi = order.indexOf(g.key);
          if (gi >= 0 && gi < ki && (!after || g.lineEnd > after.lineEnd)) after = g;
        }
        if (!after) throw new Slow('no place for a new field');
        const pos = item.start + after.lineEnd;
        const line = breakBefore(w, pos) + ' '.repeat(item.keyCol) + key + ': ' + emitScalar(v as string | number) + w.raw.eol;
        splice(w, pos, pos, line);
        item.end += line.length;
      }
      refresh(w, item);
    }
  }
  // Keep a sorted list sorted.
  const ann = item.ann;
  if (!ann) {
    w.sorted[c] = false;
    return;
  }
  if (!w.sorted[c]) return;
  const idx = coll.items.indexOf(item);
  const prev = coll.items[idx - 1]?.ann;
  const next = coll.items[idx + 1]?.ann;
  if ((!prev || compareAnnotations(prev, ann) <= 0) && (!next || compareAnnotations(ann, next) <= 0)) return;
  let seg = w.text.slice(item.start, item.end);
  if (!seg.endsWith('\n')) seg += w.raw.eol;
  splice(w, item.start, item.end, '');
  coll.items.splice(idx, 1);
  const j = insertionIndex(coll.items, ann, true);
  const pos = j > 0 ? coll.items[j - 1].end : coll.items[0].start;
  const pre = breakBefore(w, pos);
  splice(w, pos, pos, pre + seg);
  item.start = pos + pre.length;
  item.end = item.start + seg.length;
  coll.items.splice(j, 0, item);
}

function setTextHash(w: Working, hash: string): void {
  const txt = emitScalar(hash);
  const idx = w.raw.fields.findIndex((x) => x.key === 'textHash');
  let lineStart: number;
  if (idx >= 0) {
    const f = w.raw.fields[idx];
    if (!f.replaceable || f.valueOffset === f.valueEnd) throw new Slow('textHash not replaceable');
    splice(w, f.valueOffset, f.valueEnd, txt);
    lineStart = f.lineStart;
  } else {
    const anchor = ['document', 'version', 'format'].map((k) => w.raw.fields.find((x) => x.key === k)).find((x) => x !== undefined);
    if (!anchor || !anchor.ownLine) throw new Slow('no place for textHash');
    const pos = anchor.lineEnd;
    const pre = breakBefore(w, pos);
    splice(w, pos, pos, `${pre}textHash: ${txt}${w.raw.eol}`);
    lineStart = pos + pre.length;
  }
  // Read the line back rather than trusting the splice.
  const f = readTopField(w.text, lineStart);
  if (!f || f.key !== 'textHash' || f.value !== hash) throw new Slow('textHash did not read back');
  if (idx >= 0) w.raw.fields[idx] = f;
  else w.raw.fields.push(f);
}

function applyFast(w: Working, changes: readonly SidecarChange[]): void {
  for (const ch of changes) {
    switch (ch.kind) {
      case 'add':
        addEntry(w, ch.collection, ch.annotation);
        break;
      case 'remove': {
        const items = w.ids.get(ch.id);
        if (!items) break;
        for (const item of items) removeEntry(w, item);
        w.ids.delete(ch.id);
        break;
      }
      case 'update':
        for (const item of w.ids.get(ch.id) ?? []) updateEntry(w, item, ch.set as Record<string, unknown>);
        break;
      case 'header':
        setTextHash(w, ch.textHash);
        break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The general path: the yaml Document API over the whole file (comments preserved).

function scalarNode(v: string | number): Scalar {
  const s = new Scalar(v);
  s.type = scalarStyle(v) === 'plain' ? Scalar.PLAIN : Scalar.QUOTE_DOUBLE;
  return s;
}

function entryNode(collection: Collection, ann: AnyAnnotation): YAMLMap {
  const m = new YAMLMap();
  const rec = ann as unknown as Record<string, unknown>;
  for (const key of keysOf(collection)) {
    const v = storedValue(key, rec[key]);
    if (v === undefined) continue;
    m.items.push(new Pair(new Scalar(key), scalarNode(v as string | number)));
  }
  return m;
}

function sortKeyOf(node: unknown): AnyAnnotation | undefined {
  if (!isMap(node)) return undefined;
  const start = node.get('start');
  const end = node.get('end');
  const id = node.get('id');
  const type = node.get('type');
  if (typeof start !== 'number' || typeof end !== 'number' || typeof id !== 'string') return undefined;
  return { id, start, end, type: typeof type === 'string' ? type : undefined } as unknown as AnyAnnotation;
}

function slowApply(text: string, changes: readonly SidecarChange[]): string {
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length) throw new Error('the sidecar is not valid YAML');
  if (!isMap(doc.contents)) throw new Error('the sidecar is not a mapping');
  const map = doc.contents as unknown as YAMLMap<unknown, unknown>;
  const seqOf = (c: Collection): YAMLSeq => {
    const v = map.get(c, true);
    if (isSeq(v)) {
      v.flow = false;
      return v;
    }
    if (v === undefined || v === null || (isScalar(v) && v.value === null)) {
      const s = new YAMLSeq();
      map.set(c, s);
      return s;
    }
    throw new Error(`${c} is not a list`);
  };
  const itemsWithId = (id: string) => {
    const out: { seq: YAMLSeq; node: YAMLMap; collection: Collection }[] = [];
    for (const c of COLLECTIONS) {
      const s = map.get(c, true);
      if (!isSeq(s)) continue;
      for (const node of s.items) if (isMap(node) && node.get('id') === id) out.push({ seq: s, node: node as YAMLMap, collection: c });
    }
    return out;
  };
  for (const ch of changes) {
    if (ch.kind === 'add') {
      const seq = seqOf(ch.collection);
      const ann = normalize(ch.collection, ch.annotation);
      let last = -1;
      seq.items.forEach((n, i) => {
        const k = sortKeyOf(n);
        if (k && compareAnnotations(k, ann) <= 0) last = i;
      });
      seq.items.splice(last + 1, 0, entryNode(ch.collection, ann));
    } else if (ch.kind === 'remove') {
      for (const c of COLLECTIONS) {
        const s = map.get(c, true);
        if (isSeq(s)) s.items = s.items.filter((n) => !(isMap(n) && n.get('id') === ch.id));
      }
    } else if (ch.kind === 'update') {
      for (const { node, collection } of itemsWithId(ch.id)) {
        const order = keysOf(collection);
        for (const key of order) {
          if (!(key in ch.set)) continue;
          const v = storedValue(key, (ch.set as Record<string, unknown>)[key]);
          if (v === undefined) {
            const i = node.items.findIndex((p) => isScalar(p.key) && p.key.value === key);
            if (i < 0) continue;
            // Its end-of-line comment stays, on a line of its own (before the next key, or after the entry).
            const comment = (node.items[i].value as { comment?: string | null } | null)?.comment;
            node.items.splice(i, 1);
            if (comment) {
              const next = node.items[i]?.key as { commentBefore?: string | null } | undefined;
              if (next) next.commentBefore = next.commentBefore ? `${comment}\n${next.commentBefore}` : comment;
              else node.comment = node.comment ? `${comment}\n${node.comment}` : comment;
            }
            continue;
          }
          const existing = node.items.find((p) => isScalar(p.key) && p.key.value === key);
          if (existing) {
            existing.value = scalarNode(v as string | number);
            continue;
          }
          const ki = order.indexOf(key);
          let at = 0;
          node.items.forEach((p, i) => {
            const gi = isScalar(p.key) ? order.indexOf(String(p.key.value)) : -1;
            if (gi >= 0 && gi < ki) at = i + 1;
          });
          node.items.splice(at, 0, new Pair(new Scalar(key), scalarNode(v as string | number)));
        }
      }
    } else if (ch.kind === 'header') {
      map.set('textHash', scalarNode(ch.textHash));
    }
  }
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}

// ---------------------------------------------------------------------------------------------
// Checking the result.

/** Comment lines as yaml attaches them, trimmed, sorted (a multiset). */
function commentLines(text: string): string[] {
  const doc = parseDocument(text, YAML_OPTIONS);
  const out: string[] = [];
  const add = (c: string | null | undefined) => {
    if (c) for (const l of c.split(/\r\n|\r|\n/)) if (l.trim()) out.push(l.trim());
  };
  add(doc.commentBefore);
  add(doc.comment);
  visit(doc, {
    Node(_, n) {
      add((n as { commentBefore?: string | null }).commentBefore);
      add((n as { comment?: string | null }).comment);
    },
  });
  return out.sort();
}

/**
 * The general path's own check: every comment is still there and everything the changes did not
 * touch reads back the same. Otherwise the write is refused rather than losing anything.
 */
function verifyRewrite(before: string, after: string, changes: readonly SidecarChange[]): void {
  const a = commentLines(after);
  let j = 0;
  for (const c of commentLines(before)) {
    while (j < a.length && a[j] < c) j++;
    if (j >= a.length || a[j] !== c) throw new Error(`a comment would be changed: # ${c.slice(0, 60)}`);
    j++;
  }
  const touched = new Set<string>();
  for (const ch of changes) {
    if (ch.kind === 'add') touched.add(ch.annotation.id);
    else if (ch.kind === 'remove' || ch.kind === 'update') touched.add(ch.id);
  }
  const header = changes.some((c) => c.kind === 'header');
  const strip = (text: string): string | undefined => {
    const v = new YamlValues(parseDocument(text, YAML_OPTIONS));
    const js = v.value(v.doc.contents);
    if (js.error !== undefined) return undefined;
    const o = { ...(js.value as Record<string, unknown>) };
    if (header) delete o.textHash;
    for (const c of COLLECTIONS) {
      const v = o[c];
      o[c] = Array.isArray(v) ? v.filter((e) => !(e && typeof e === 'object' && touched.has((e as { id?: string }).id ?? ''))).map((e) => JSON.stringify(e)).sort() : v === null || v === undefined ? [] : v;
    }
    return JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));
  };
  const b = strip(before);
  if (b !== undefined && b !== strip(after)) throw new Error('the rewrite would change content it was not asked to change');
}

function verify(w: Working, changes: readonly SidecarChange[]): void {
  const expected = new Map<string, Record<string, unknown> | null>();
  for (const ch of changes) {
    if (ch.kind === 'add') expected.set(ch.annotation.id, { ...(normalize(ch.collection, ch.annotation) as unknown as Record<string, unknown>) });
    else if (ch.kind === 'remove') expected.set(ch.id, null);
    else if (ch.kind === 'update') {
      const e = expected.get(ch.id) ?? {};
      for (const [k, v] of Object.entries(ch.set)) e[k] = storedValue(k, v);
      expected.set(ch.id, e);
    }
  }
  for (const [id, exp] of expected) {
    const items = w.ids.get(id);
    if (exp === null) {
      if (items && items.length) throw new Error(`entry ${id} still present after removal`);
      continue;
    }
    if (!items || items.length === 0) throw new Error(`entry ${id} missing after write`);
    for (const item of items) {
      for (const [k, v] of Object.entries(exp)) {
        const f = item.fields.find((x) => x.key === k);
        const actual = f ? f.value : undefined;
        if (v === undefined ? actual !== undefined && actual !== null : actual !== v) throw new Error(`entry ${id}: "${k}" reads back as ${JSON.stringify(actual)}, not ${JSON.stringify(v)}`);
      }
    }
  }
  const hash = [...changes].reverse().find((c) => c.kind === 'header');
  if (hash && hash.kind === 'header' && w.raw.fields.find((f) => f.key === 'textHash')?.value !== hash.textHash) throw new Error('textHash not written');
}

// ---------------------------------------------------------------------------------------------
// Aliases: a change must not leave an alias without its anchor, nor point it at another one.

/** A resolved alias value as YAML text that reads back as the same value in block or flow context. */
function aliasText(v: unknown): string {
  if (typeof v === 'string') return emitScalar(v, true);
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error('an alias stands for a number that has no JSON form');
  return JSON.stringify(v);
}

class AliasRefusal extends Error {
  constructor(readonly problems: Problem[]) {
    super('alias');
  }
}

/**
 * Before entries change, every alias that depends on them is replaced by the value it stands for:
 * aliases inside a changed entry (it may move above its anchor or be dropped), and aliases whose
 * anchor is in a changed entry or has the name of one defined there. The rest of the file is kept.
 */
function resolveAliases(w: Working, changes: readonly SidecarChange[]): Working {
  const aliases = w.raw.aliases;
  if (!aliases || aliases.length === 0) return w;
  const spans: [number, number][] = [];
  for (const ch of changes) {
    if (ch.kind === 'remove' || ch.kind === 'update') for (const item of w.ids.get(ch.id) ?? []) spans.push([item.start, item.end]);
    else if (ch.kind === 'header') {
      const f = w.raw.fields.find((x) => x.key === 'textHash');
      if (f) spans.push([f.lineStart, f.lineEnd]);
    }
  }
  if (spans.length === 0) return w;
  const inSpan = (o: number) => spans.some(([a, b]) => o >= a && o < b);
  const names = new Set((w.raw.anchors ?? []).filter((a) => inSpan(a.offset)).map((a) => a.name));
  const chosen = aliases.filter((a) => inSpan(a.start) || inSpan(a.sourceOffset) || names.has(a.name));
  if (chosen.length === 0) return w;
  const bad = chosen.find((a) => a.error !== undefined);
  if (bad) {
    throw new AliasRefusal(toProblems(w.text, [{ message: `Not written: the alias *${bad.name} here cannot be resolved (${bad.error}); write its value out by hand first.`, severity: 'error', code: 'yaml-alias', offset: bad.start }]));
  }
  chosen.sort((a, b) => a.start - b.start);
  let out = '';
  let from = 0;
  for (const a of chosen) {
    out += w.text.slice(from, a.start) + aliasText(a.value);
    from = a.end;
  }
  out += w.text.slice(from);
  const raw = readRaw(out);
  if (refusal(out, raw)) throw new Error('the sidecar did not read back after resolving its aliases');
  const next = load(out, raw, w.lineBreak);
  // Resolving must not change what the file says.
  if (!sameData(dataOf(w), dataOf(next))) throw new Error('resolving aliases would change the data');
  return next;
}

function sameData(a: SidecarData, b: SidecarData): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Reads the written text from scratch and checks it says what the writer returns. */
function verifyReadBack(text: string, data: SidecarData): void {
  const raw = readRaw(text);
  if (refusal(text, raw)) throw new Error('the written sidecar did not read back');
  const again = dataOf(load(text, raw));
  if (!sameData(again, data)) throw new Error('the written sidecar reads back differently from the data it was written from');
}

export class SidecarWriter {
  private cache: Working | undefined;

  /** Forgets the cached text (the next apply re-reads the disk text). */
  reset(): void {
    this.cache = undefined;
  }

  /**
   * Parses like `parseSidecar` and keeps the model, so a following `apply` on the same text does
   * not read it again.
   */
  parse(yamlText: string, options: ParseSidecarOptions = {}): ParsedSidecar {
    try {
      if (yamlText.length > MAX_SIDECAR_SIZE) return tooLarge(yamlText);
      const { text, eol } = normalizeLineBreaks(yamlText);
      const raw = readRaw(text);
      const parsed = parseRaw(text, raw, options);
      this.cache = parsed.writable && raw.kind === 'map' ? load(text, raw, eol, yamlText) : undefined;
      return parsed;
    } catch (e) {
      this.cache = undefined;
      return { value: emptyData(), problems: [internal(e)], writable: false };
    }
  }

  apply(diskText: string | undefined, changes: SidecarChange[], context: { documentName: string; textHash: string }): WriteResult {
    try {
      let w: Working;
      if (diskText === undefined) {
        const base = serializeSidecar(emptyData(emptyHeader(context.documentName, context.textHash)));
        w = load(base, readRaw(base));
      } else if (this.cache && this.cache.disk === diskText) {
        w = this.cache;
      } else {
        this.cache = undefined;
        if (diskText.length > MAX_SIDECAR_SIZE) return { ok: false, problems: tooLarge(diskText).problems };
        const { text: norm, eol } = normalizeLineBreaks(diskText);
        let raw = readRaw(norm);
        const refused = refusal(norm, raw);
        if (refused) return { ok: false, problems: refused };
        let text = norm;
        if (raw.kind === 'empty') {
          // Only comments or nothing: keep them and add a header below, in the file's line break.
          const br = eol === '\r\n' ? '\r\n' : '\n';
          const header = serializeSidecar(emptyData(emptyHeader(context.documentName, context.textHash)));
          text = norm + (norm.length && !norm.endsWith('\n') ? br : '') + (br === '\n' ? header : header.replace(/\n/g, br));
          raw = readRaw(text);
        }
        w = load(text, raw, eol);
      }
      const problems = precheck(w, changes);
      if (problems.length) return { ok: false, problems };
      let done = false;
      if (diskText === undefined && changes.every((c) => c.kind === 'add' || c.kind === 'header')) {
        // A new sidecar from additions only (an import): the canonical text at once, rather than
        // one splice per entry; the same checks follow.
        const hash = [...changes].reverse().find((c) => c.kind === 'header');
        const header = emptyHeader(context.documentName, hash && hash.kind === 'header' ? hash.textHash : context.textHash);
        const data = emptyData(header);
        for (const c of changes) if (c.kind === 'add') (data[c.collection] as AnyAnnotation[]).push(normalize(c.collection, c.annotation));
        const text = serializeSidecar(data);
        w = load(text, readRaw(text));
        done = true;
      }
      // Files with anchors or aliases are read back whole after the change (see verifyReadBack).
      const shared = !!(w.raw.aliases?.length || w.raw.anchors?.length);
      w = resolveAliases(w, changes);
      const original = w.text;
      if (!done && w.raw.regular) {
        try {
          applyFast(w, changes);
          done = true;
        } catch (e) {
          if (!(e instanceof Slow)) throw e;
        }
      }
      if (!done) {
        this.cache = undefined;
        const text = slowApply(original, changes);
        verifyRewrite(original, text, changes);
        const raw = readRaw(text);
        if (refusal(text, raw)) throw new Error('the rewritten sidecar did not read back');
        w = load(text, raw, w.lineBreak);
      }
      verify(w, changes);
      const data = dataOf(w);
      // The splice path reads back every entry it changed; that is the whole check for a file with
      // no anchors or aliases, where entries do not depend on each other. Any other file is read
      // again from scratch.
      if (shared) verifyReadBack(w.text, data);
      w.disk = restoreLineBreaks(w.text, w.lineBreak);
      this.cache = w;
      return { ok: true, text: w.disk, data };
    } catch (e) {
      this.cache = undefined;
      if (e instanceof AliasRefusal) return { ok: false, problems: e.problems };
      return { ok: false, problems: [internal(e)] };
    }
  }
}

function internal(e: unknown): Problem {
  return problem(`Not written: internal error (${e instanceof Error ? e.message : String(e)}). The sidecar was left unchanged.`, 'internal-error');
}

export type { EntityAnnotation, FactAnnotation };
