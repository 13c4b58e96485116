/**
 * The writer's fast path: a change is applied by splicing only the affected entries' text and
 * shifting the spans after it, reading each changed entry back. A layout it cannot splice safely
 * throws `Slow`, and the writer takes the general path (writeRewrite.ts) instead.
 */
import { compareAnnotations, keysOf, type Collection, type SidecarChange } from './format';
import { lineEndAfter } from './lines';
import { readEntryAt, readTopField, type RawField, type RawItem } from './raw';
import { storedValue, isWritten } from './entryRules';
import { emitScalar } from './scalar';
import { renderEntry } from './serialize';
import { checkItem, type AnyAnnotation } from './validate';
import { normalize } from './writeChecks';
import { COLLECTIONS, Slow, type Working } from './writeWorking';

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

export function applyFast(w: Working, changes: readonly SidecarChange[]): void {
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
