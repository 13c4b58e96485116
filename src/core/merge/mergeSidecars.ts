/**
 * A three-way merge of sidecars by entry id, for the git merge driver (docs/sidecar-format.md#merging).
 * Pure: three texts in, one text out. The result is built on "ours" (so its comments, unknown keys
 * and layout stay), with theirs' changes spliced in as whole entry texts (so their comments and
 * unknown keys come along):
 *
 * - an entry on both sides and equal → ours; changed on one side only → that side's;
 * - added on one side → kept; removed on one side and unchanged on the other → removed;
 * - changed on both sides differently, or changed on one and removed on the other → a conflict:
 *   one version stays in its list (ours, or the surviving one), both are recorded under a
 *   top-level `conflicts` list. Nothing is ever dropped.
 *
 * Entries are compared by their fields' values (not their formatting). Each collection's entries
 * are written in the sidecar's sort order; the comment lines before an entry travel with it.
 */
import { compareAnnotations, type Collection } from '../sidecar/format';
import { normalizeLineBreaks } from '../sidecar/lines';
import { readRaw, type RawCollection, type RawDoc, type RawField, type RawItem } from '../sidecar/raw';
import { CONFLICTS_KEY, renderConflictItems, renderConflicts, type EntryConflict } from './conflicts';
import { addRejection, readRejections } from '../sidecar/rejections';

export interface MergeResult {
  /** The merged text; when `ok` is false, ours unchanged. */
  text: string;
  ok: boolean;
  conflicts: EntryConflict[];
  /** Why the merge could not be done structurally (ok false). */
  reason?: string;
}

const COLLECTIONS: Collection[] = ['entities', 'facts'];
const REJECTIONS_KEY = 'rejections';

interface Entry {
  key: string;
  item: RawItem;
  /** The entry's text with the comment/blank lines before it, in ours' indentation and line breaks. */
  text: string;
  fields: [string, unknown][];
  /** Canonical JSON of the fields, for equality. */
  sig: string;
  sort: { start: number; end: number; id: string; type?: string };
}

interface Side {
  text: string;
  raw: RawDoc;
  entries: Record<Collection, Map<string, Entry>>;
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(stable).join(',') + ']';
  if (v && typeof v === 'object') {
    return '{' + Object.keys(v as object).sort().map((k) => JSON.stringify(k) + ':' + stable((v as Record<string, unknown>)[k])).join(',') + '}';
  }
  return JSON.stringify(v) ?? 'undefined';
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : Number.MAX_SAFE_INTEGER;
}

/** Shifts a block's lines by `delta` columns and converts its line breaks to `eol`. */
function reindent(block: string, delta: number, eol: string): string {
  // Every entry ends with a line break, even one that ended the file.
  const lines = block.split(/\r?\n/);
  if (lines[lines.length - 1] !== '') lines.push('');
  lines.pop();
  const shifted = lines.map((l) => {
    if (delta > 0 && l.length > 0) return ' '.repeat(delta) + l;
    if (delta < 0) {
      let i = 0;
      while (i < -delta && l.charCodeAt(i) === 32) i++;
      return l.slice(i);
    }
    return l;
  });
  return shifted.join(eol) + eol;
}

function readSide(text: string, dashFor: Record<Collection, number>, eol: string): Side | string {
  const raw = readRaw(text);
  if (raw.errors.some((e) => e.severity === 'error')) return 'it is not valid YAML';
  if (raw.kind === 'not-map') return 'it is not a YAML mapping';
  if (!raw.regular) return 'its layout (flow lists, anchors…) cannot be merged entry by entry';
  const entries = { entities: new Map<string, Entry>(), facts: new Map<string, Entry>() };
  for (const name of COLLECTIONS) {
    const coll = raw.collections[name];
    if (!coll) continue;
    if (coll.kind === 'other') return `its "${name}" is not a list`;
    let prevEnd = coll.items.length ? coll.items[0].start : 0;
    for (const item of coll.items) {
      const fields: [string, unknown][] = item.fields.map((f: RawField) => [f.key, f.value]);
      const rec = Object.fromEntries(fields) as Record<string, unknown>;
      const id = typeof rec.id === 'string' ? rec.id : undefined;
      const body = text.slice(prevEnd, item.end);
      prevEnd = item.end;
      // An entry without an id can only be matched by its exact text.
      const key = id !== undefined ? 'id:' + id : 'text:' + text.slice(item.start, item.end);
      if (entries[name].has(key)) return `the id ${id ?? '(none)'} appears twice in "${name}"`;
      entries[name].set(key, {
        key,
        item,
        text: reindent(body, dashFor[name] - coll.dash, eol),
        fields,
        sig: stable(rec),
        sort: { start: num(rec.start), end: num(rec.end), id: id ?? '', type: typeof rec.type === 'string' ? rec.type : undefined },
      });
    }
  }
  return { text, raw, entries };
}

type Edit = { start: number; end: number; text: string };

/** Three-way merge of a sidecar: `base` (may be '' when the file is new on both sides), `ours`, `theirs`. */
export function mergeSidecars(base: string, ours: string, theirs: string): MergeResult {
  const o = normalizeLineBreaks(ours);
  const oursText = o.text;
  const oursRaw = readRaw(oursText);
  const eol = oursRaw.eol;
  const dashFor = { entities: oursRaw.collections.entities?.dash ?? 2, facts: oursRaw.collections.facts?.dash ?? 2 };
  const fail = (reason: string): MergeResult => ({ text: ours, ok: false, conflicts: [], reason });
  const sides: Side[] = [];
  for (const [name, t] of [['ours', oursText], ['theirs', normalizeLineBreaks(theirs).text], ['base', normalizeLineBreaks(base).text]] as const) {
    const s = readSide(t, dashFor, eol);
    if (typeof s === 'string') return fail(`${name}: ${s}`);
    sides.push(s);
  }
  const [A, B, O] = sides;
  const conflicts: EntryConflict[] = [];
  const edits: Edit[] = [];

  for (const name of COLLECTIONS) {
    const keys = new Set([...A.entries[name].keys(), ...B.entries[name].keys()]);
    const result: Entry[] = [];
    for (const key of keys) {
      const a = A.entries[name].get(key);
      const b = B.entries[name].get(key);
      const base0 = O.entries[name].get(key);
      const sameAsBase = (x: Entry | undefined) => (x && base0 ? x.sig === base0.sig : x === base0);
      if (a && b) {
        if (a.sig === b.sig || sameAsBase(b)) result.push(a);
        else if (sameAsBase(a)) result.push(b);
        else {
          result.push(a);
          conflicts.push({ id: a.sort.id || key, collection: name, kept: 'ours', ours: a.fields, theirs: b.fields });
        }
      } else if (a) {
        if (!base0) result.push(a); // added by us
        else if (!sameAsBase(a)) {
          // We changed it, they removed it: keep ours, record the conflict.
          result.push(a);
          conflicts.push({ id: a.sort.id || key, collection: name, kept: 'ours', ours: a.fields, theirs: undefined });
        } // else removed by them, unchanged by us: removed
      } else if (b) {
        if (!base0) result.push(b);
        else if (!sameAsBase(b)) {
          result.push(b);
          conflicts.push({ id: b.sort.id || key, collection: name, kept: 'theirs', ours: undefined, theirs: b.fields });
        }
      }
    }
    const oursColl = A.raw.collections[name];
    const unchanged = oursColl && result.length === oursColl.items.length && result.every((e) => A.entries[name].get(e.key) === e);
    if (unchanged) continue;
    result.sort((x, y) => compareAnnotations(x.sort, y.sort) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    edits.push(collectionEdit(oursText, oursColl, name, result, eol, A.raw));
  }

  edits.push(...headerEdits(A, B, O, conflicts, eol));

  const existing = A.raw.fields.find((f) => f.key === CONFLICTS_KEY);
  const listed = new Set(
    (Array.isArray(existing?.value) ? (existing!.value as unknown[]) : []).map((c) => (c && typeof c === 'object' ? `${(c as Record<string, unknown>).collection}:${(c as Record<string, unknown>).id}` : '')),
  );
  // A conflict an earlier merge already recorded here is not listed twice.
  for (let i = conflicts.length - 1; i >= 0; i--) if (listed.has(`${conflicts[i].collection}:${conflicts[i].id}`)) conflicts.splice(i, 1);

  if (conflicts.length) {
    conflicts.sort((x, y) => (x.collection < y.collection ? -1 : x.collection > y.collection ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    if (existing && Array.isArray(existing.value)) {
      // An earlier merge's conflicts are still there: add ours after them.
      edits.push({ start: existing.lineEnd, end: existing.lineEnd, text: renderConflictItems(conflicts, eol) });
    } else {
      const end = oursText.length;
      const sep = end > 0 && !oursText.endsWith('\n') ? eol : '';
      edits.push({ start: end, end, text: sep + renderConflicts(conflicts, eol) });
    }
  }

  let text = oursText;
  edits.sort((x, y) => y.start - x.start || y.end - x.end);
  for (const e of edits) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  // Rejections (an optional list of quote and type) are a set: theirs' new ones join ours.
  const baseRejections = new Set(readRejections(O.text).value.map((r) => `${r.type}\u0000${r.text}`));
  for (const r of readRejections(B.text).value) if (!baseRejections.has(`${r.type}\u0000${r.text}`)) text = addRejection(text, r) ?? text;
  if (o.eol === '\r') text = text.replace(/\n/g, '\r');
  return { text, ok: true, conflicts };
}

/** The edit that replaces ours' list of entries with `result` (or creates the list). */
function collectionEdit(text: string, coll: RawCollection | undefined, name: Collection, result: Entry[], eol: string, raw: RawDoc): Edit {
  const body = result.map((e) => e.text).join('');
  if (!coll) {
    // Ours has no such list: add it before `facts`/at the end.
    const facts = name === 'entities' ? raw.collections.facts : undefined;
    const at = facts ? facts.keyOffset : text.length;
    const sep = at === text.length && text.length > 0 && !text.endsWith('\n') ? eol : '';
    return { start: at, end: at, text: sep + `${name}:${result.length ? '' : ' []'}${eol}` + body };
  }
  if (coll.kind === 'empty' || coll.items.length === 0) {
    const lineEnd = text.indexOf('\n', coll.afterColon);
    const after = lineEnd < 0 ? text.length : lineEnd + 1;
    if (result.length === 0) return { start: after, end: after, text: '' };
    if (coll.emptyRange) {
      // `entities: []` → `entities:` followed by the entries.
      return { start: coll.emptyRange[0], end: after, text: text.slice(coll.emptyRange[1], after).replace(/^ *(#.*)?/, (m) => (m.trim() ? ' ' + m.trim() : '')) + (lineEnd < 0 ? eol : '') + body };
    }
    return { start: after, end: after, text: (lineEnd < 0 ? eol : '') + body };
  }
  const start = coll.items[0].start;
  const end = coll.items[coll.items.length - 1].end;
  if (result.length === 0) return { start: coll.afterColon, end, text: ` []${eol}` };
  return { start, end, text: body };
}

/** Top-level scalar fields (textHash, unknown keys): three-way by key, spliced into ours. */
function headerEdits(A: Side, B: Side, O: Side, conflicts: EntryConflict[], eol: string): Edit[] {
  const edits: Edit[] = [];
  const fields = (s: Side) => new Map(s.raw.fields.filter((f) => f.key !== CONFLICTS_KEY && f.key !== REJECTIONS_KEY).map((f) => [f.key, f]));
  const fa = fields(A);
  const fb = fields(B);
  const fo = fields(O);
  const sig = (f: RawField | undefined) => (f ? stable(f.value) : undefined);
  const firstCollection = Math.min(...COLLECTIONS.map((c) => A.raw.collections[c]?.keyOffset ?? Infinity));
  const insertAt = Number.isFinite(firstCollection) ? firstCollection : A.text.length;
  for (const key of new Set([...fa.keys(), ...fb.keys()])) {
    const a = fa.get(key);
    const b = fb.get(key);
    const o = fo.get(key);
    if (sig(a) === sig(b) || sig(b) === sig(o)) continue; // nothing to take from theirs
    if (sig(a) === sig(o)) {
      // Only theirs changed it: take theirs' line(s).
      const theirsLines = b ? reindent(B.text.slice(b.lineStart, b.lineEnd), 0, eol) : '';
      if (a) edits.push({ start: a.lineStart, end: a.lineEnd, text: theirsLines });
      else edits.push({ start: insertAt, end: insertAt, text: theirsLines.endsWith('\n') ? theirsLines : theirsLines + eol });
      continue;
    }
    // Both changed it differently. A stale textHash only makes the tool re-anchor (nothing is
    // lost), so ours is kept silently; any other key is recorded.
    if (key === 'textHash') continue;
    conflicts.push({ id: key, collection: 'header', kept: a ? 'ours' : 'theirs', ours: a ? [[key, a.value]] : undefined, theirs: b ? [[key, b.value]] : undefined });
    if (!a && b) edits.push({ start: insertAt, end: insertAt, text: reindent(B.text.slice(b.lineStart, b.lineEnd), 0, eol) });
  }
  return edits;
}
