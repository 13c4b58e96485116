/**
 * The fact index as bytes, so the next start of the same corpus restores it instead of extracting
 * and indexing every document again (at 10,000 documents, 25-27 s of the search worker's time).
 *
 * A snapshot is one file: an 8-byte magic, the byte length of a JSON header, the header (format,
 * the caller's stamp, the vocabulary, documents, facet keys, and a key per document), then typed
 * arrays (the slot columns, postings and entity mentions, each 8-byte aligned) and the records' rarer fields as
 * JSON. The sentence texts are not in it: they are in a text store the caller keeps (the search
 * worker's append-only texts file), and each slot records where its text is there. That is also
 * what keeps them out of memory: a restored index reads a text only when a result or a re-ranked
 * candidate needs it.
 *
 * Restored documents are held (`IndexState.held`), not searchable, until the caller confirms each
 * against its file (the per-document key is the caller's: what the document's facts were made
 * from); what is never confirmed is dropped. So a snapshot can be stale and nothing stale is shown.
 *
 * Pure: bytes in, bytes out; the caller does the I/O. Reading returns `{ value, problems }`.
 */
import type { Parsed, Problem } from '../problems';
import { ALIVE, HELD } from './facets';
import { IndexState, type DocEntry, type FactExtra, type TextStore } from './indexState';
import { Postings } from './postings';

const MAGIC = 'CAFACTS1';
/** Bumped whenever what a snapshot holds, or how the index is built from records, changes. */
export const SNAPSHOT_FORMAT = 2;

export interface SnapshotHeader {
  format: number;
  /** The caller's: what a snapshot must have been made by to be trusted (extension version, registry). */
  stamp: string;
  /** The text store the slots point into, as the caller names it. */
  textStore: string;
  slots: number;
  dead: number;
  words: string[];
  facetKeys: string[];
  docs: DocEntry[];
  /** Per document (live or held when saved): its key, as the caller gave it. */
  keys: Record<string, string>;
  /** Entity mentions (each a row of seven columns, see MentionColumns), and the strings they point into. */
  mentions: number;
  mentionStrings: string[];
  /** Byte lengths of the sections after the header, in order. */
  sections: number[];
}

/** Matches a UTF-16 unit that UTF-8 cannot carry (a lone surrogate): such texts stay in the header's JSON. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a text can go to a UTF-8 text store unchanged. */
export function storable(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/**
 * Slots whose texts are still in memory and can move to the store, in slot order. The caller
 * writes each, then calls `moved`.
 */
export function* textsToStore(st: IndexState, from = 0): Generator<{ slot: number; text: string }> {
  for (let s = from; s < st.slots; s++) {
    if (!(st.flags[s] & (ALIVE | HELD)) || st.storeAt[s] >= 0) continue;
    const text = st.texts[s];
    if (text !== undefined && storable(text)) yield { slot: s, text };
  }
}

/** The slot's text is now in the store at `offset` (`length` bytes): the memory copy goes. */
export function moved(st: IndexState, slot: number, offset: number, length: number): void {
  st.storeAt[slot] = offset;
  st.storeLength[slot] = length;
  st.texts[slot] = undefined;
}

/** Bytes of the store that live or held slots point to (the rest is garbage a rewrite would drop). */
export function storedBytes(st: IndexState): number {
  let n = 0;
  for (let s = 0; s < st.slots; s++) if (st.flags[s] & (ALIVE | HELD) && st.storeAt[s] >= 0) n += st.storeLength[s];
  return n;
}

/** The snapshot's bytes, as chunks to write in order. */
export function encodeSnapshot(st: IndexState, info: SnapshotInfo): Uint8Array[] {
  const steps = encodeSnapshotSteps(st, info);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export interface SnapshotInfo {
  stamp: string;
  textStore: string;
  keys: ReadonlyMap<string, string>;
}

/**
 * `encodeSnapshot` in steps: it yields between short parts of the work (the postings a few MB at a
 * time, the header a field at a time), so a worker can answer queries in between; the index must
 * not change until it returns, nor until the parts (views of its arrays) are written.
 */
export function* encodeSnapshotSteps(st: IndexState, info: SnapshotInfo): Generator<void, Uint8Array[]> {
  const n = st.slots;
  const postCounts = new Int32Array(st.post.length);
  let total = 0;
  st.post.forEach((p, i) => {
    postCounts[i] = p.n;
    total += p.n;
  });
  yield;
  const postData = yield* concatSteps(st.post, total);
  yield;
  const facets = [...st.facets.entries()];
  const facetCounts = Int32Array.from(facets, ([, p]) => p.n);
  const facetData = yield* concatSteps(
    facets.map(([, p]) => p),
    facetCounts.reduce((a, b) => a + b, 0),
  );
  yield;
  // Rarer fields, and the texts the store cannot carry, as one JSON array of [slot, extra, text?],
  // encoded a stretch of slots at a time.
  const encoder = new TextEncoder();
  const rare: Uint8Array[] = [encoder.encode('[')];
  let first = true;
  for (let from = 0; from < n; from += 20_000) {
    const part: [number, FactExtra | null, string?][] = [];
    for (let s = from; s < Math.min(n, from + 20_000); s++) {
      if (!(st.flags[s] & (ALIVE | HELD))) continue;
      const x = st.extras[s] ?? null;
      if (st.storeAt[s] < 0) part.push([s, x, st.texts[s] ?? '']);
      else if (x) part.push([s, x]);
    }
    if (part.length) {
      const json = JSON.stringify(part);
      rare.push(encoder.encode((first ? '' : ',') + json.slice(1, -1)));
      first = false;
    }
    yield;
  }
  rare.push(encoder.encode(']'));
  const rareLength = rare.reduce((a, b) => a + b.byteLength, 0);
  const sections: Uint8Array[] = [
    bytesOf(st.docOf.subarray(0, n)),
    bytesOf(st.lenOf.subarray(0, n)),
    bytesOf(st.flags.subarray(0, n)),
    bytesOf(st.startOf.subarray(0, n)),
    bytesOf(st.endOf.subarray(0, n)),
    bytesOf(st.lineOf.subarray(0, n)),
    bytesOf(st.storeAt.subarray(0, n)),
    bytesOf(st.storeLength.subarray(0, n)),
    bytesOf(postCounts),
    bytesOf(postData),
    bytesOf(facetCounts),
    bytesOf(facetData),
    ...st.mentions.views().map(bytesOf),
  ];
  const keys: Record<string, string> = {};
  for (const id of [...st.docIndex.keys(), ...st.held.keys()]) {
    const k = info.keys.get(id);
    if (k !== undefined) keys[id] = k;
  }
  yield;
  // The header is JSON.stringify(header) made a field at a time: the vocabulary, the documents and
  // their keys are megabytes of JSON each at 10,000 documents (40 ms at once).
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    stamp: info.stamp,
    textStore: info.textStore,
    slots: n,
    dead: st.dead,
    words: st.vocab.words,
    facetKeys: facets.map(([k]) => k),
    docs: st.docs,
    keys,
    mentions: st.mentions.count,
    mentionStrings: st.mentions.strings,
    sections: [...sections.map((b) => b.byteLength), rareLength],
  };
  const fields: string[] = [];
  for (const [name, value] of Object.entries(header)) {
    if (value === undefined) continue;
    const json = Array.isArray(value) ? yield* jsonArraySteps(value) : value && typeof value === 'object' ? yield* jsonObjectSteps(value as Record<string, unknown>) : JSON.stringify(value);
    fields.push(`${JSON.stringify(name)}:${json}`);
  }
  const json = new TextEncoder().encode(`{${fields.join(',')}}`);
  yield;
  const lead = new Uint8Array(pad8(12 + json.byteLength));
  lead.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(lead.buffer).setUint32(8, json.byteLength, true);
  lead.set(json, 12);
  const out: Uint8Array[] = [lead];
  for (const b of sections) {
    out.push(b);
    const gap = pad8(b.byteLength) - b.byteLength;
    if (gap) out.push(new Uint8Array(gap));
  }
  // The last section needs no padding.
  out.push(...rare);
  return out;
}

/** What a snapshot's lead says, read from its first bytes (the caller reads those first). */
export function snapshotHeaderLength(lead: Uint8Array): number | undefined {
  if (lead.byteLength < 12 || new TextDecoder().decode(lead.subarray(0, 8)) !== MAGIC) return undefined;
  return new DataView(lead.buffer, lead.byteOffset, 12).getUint32(8, true);
}

export interface RestoredIndex {
  state: IndexState;
  keys: Map<string, string>;
  header: SnapshotHeader;
}

/** Where a snapshot's bytes are read from: a part at a time, each part its own buffer. */
export interface SnapshotSource {
  byteLength: number;
  /** `length` bytes from `offset`, in a buffer of its own with `spare` zero bytes after them. */
  read(offset: number, length: number, spare?: number): Uint8Array<ArrayBuffer>;
}

/** A snapshot held whole in memory, as a source. */
export function bytesSource(bytes: Uint8Array): SnapshotSource {
  return {
    byteLength: bytes.byteLength,
    // A copy of each part (a Node Buffer's own `slice` would be a view): typed arrays need alignment.
    read: (offset, length, spare = 0) => {
      const out = new Uint8Array(length + spare);
      out.set(bytes.subarray(offset, offset + length));
      return out;
    },
  };
}

/**
 * Room left after a restored postings list, so the first documents indexed after a restore add to
 * it in place: lists restored at their exact length were copied out (at twice the size) by their
 * first push, while searches waited: the first document indexed into a restored 10,000-document
 * index took 105-107 ms, now 12 ms (`npm run bench -- restore`, medians).
 */
export function postingsRoom(count: number): number {
  return count >> 4;
}

/** Room after the restored per-slot arrays, in slots (see postingsRoom). */
function slotRoom(slots: number): number {
  return Math.max(64, slots >> 4);
}

/**
 * The postings lists of `counts`, packed at the front of `data`, moved apart so each has
 * `postingsRoom` free entries after it; their views, in order. `data` holds the lists and all
 * their rooms.
 */
function spreadPostings(data: Int32Array<ArrayBuffer>, counts: Int32Array): Int32Array<ArrayBuffer>[] {
  const from = new Float64Array(counts.length);
  const to = new Float64Array(counts.length);
  let packed = 0;
  let spread = 0;
  for (let i = 0; i < counts.length; i++) {
    from[i] = packed;
    to[i] = spread;
    packed += counts[i];
    spread += counts[i] + postingsRoom(counts[i]);
  }
  // From the last list back: each moves up (to >= from), above every list still to move.
  for (let i = counts.length - 1; i >= 0; i--) {
    if (to[i] === from[i] || counts[i] === 0) continue;
    data.copyWithin(to[i], from[i], from[i] + counts[i]);
  }
  const views: Int32Array<ArrayBuffer>[] = [];
  for (let i = 0; i < counts.length; i++) {
    const room = postingsRoom(counts[i]);
    // What moved up leaves stale entries below: each list's room is cleared (never read, but kept clean).
    if (room > 0) data.fill(0, to[i] + counts[i], to[i] + counts[i] + room);
    views.push(data.subarray(to[i], to[i] + counts[i] + room));
  }
  return views;
}

/**
 * Restores an index from a snapshot, every document held. `expect.stamp` must equal the
 * snapshot's; `store` reads the texts. Any mismatch or damage gives no value and says why. Each
 * section is read into an array of its own (a file need never be in memory whole).
 */
export function decodeSnapshot(source: SnapshotSource | Uint8Array, store: TextStore | undefined, expect: { stamp: string; textStore?: (name: string) => boolean }): Parsed<RestoredIndex | undefined> {
  const src = source instanceof Uint8Array ? bytesSource(source) : source;
  const problems: Problem[] = [];
  const fail = (message: string): Parsed<undefined> => {
    problems.push({ severity: 'error', message, code: 'snapshot', line: 1, column: 1 });
    return { value: undefined, problems };
  };
  const jsonLength = src.byteLength >= 12 ? snapshotHeaderLength(src.read(0, 12)) : undefined;
  if (jsonLength === undefined) return fail('not a fact index snapshot (its first bytes are not the expected marker)');
  if (12 + jsonLength > src.byteLength) return fail(`the snapshot is cut short: its header needs ${12 + jsonLength} bytes, the file has ${src.byteLength}`);
  let header: SnapshotHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(src.read(12, jsonLength))) as SnapshotHeader;
  } catch (e) {
    return fail(`the snapshot's header is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (header.format !== SNAPSHOT_FORMAT) return fail(`the snapshot has format ${String(header.format)}, this version reads ${SNAPSHOT_FORMAT}`);
  if (header.stamp !== expect.stamp) return fail('the snapshot was made by another version or with other registry entries');
  if (expect.textStore && !expect.textStore(header.textStore)) return fail(`the snapshot's text store ${header.textStore} is missing or not the one it was saved with`);
  const n = header.slots;
  const m = header.mentions;
  if (!Number.isInteger(m) || m < 0 || !Array.isArray(header.mentionStrings)) return fail('the snapshot\'s header has no entity mentions');
  const expected = [4 * n, 2 * n, n, 4 * n, 4 * n, 4 * n, 8 * n, 4 * n, 4 * header.words.length, -1, 4 * header.facetKeys.length, -1, ...Array<number>(7).fill(4 * m), -1];
  if (!Array.isArray(header.sections) || header.sections.length !== expected.length || header.sections.some((len, i) => expected[i] >= 0 && len !== expected[i])) {
    return fail('the snapshot\'s sections do not match its header');
  }
  let at = pad8(12 + jsonLength);
  const offsets: number[] = [];
  for (const len of header.sections) {
    if (at + len > src.byteLength) return fail(`the snapshot is cut short: it has ${src.byteLength} bytes, its sections need ${at + len}`);
    offsets.push(at);
    at += pad8(len);
  }
  const section = (i: number, spare = 0) => src.read(offsets[i], header.sections[i], spare);
  // The per-slot arrays and the postings get room to grow in place (see postingsRoom).
  const room = slotRoom(n);
  const [docOf, lenOf, flags, startOf, endOf, lineOf, storeAt, storeLength] = [4, 2, 1, 4, 4, 4, 8, 4].map((bytes, i) => section(i, room * bytes));
  const counts = new Int32Array(section(8).buffer);
  const fcounts = new Int32Array(section(10).buffer);
  // Checked before the postings are read with the room the counts give them.
  const addsUp = (c: Int32Array, bytes: number) => c.every((x) => x >= 0) && c.reduce((a, x) => a + x, 0) * 4 === bytes;
  if (!addsUp(counts, header.sections[9])) return fail('the snapshot\'s word postings do not add up');
  if (!addsUp(fcounts, header.sections[11])) return fail('the snapshot\'s facet postings do not add up');
  const roomOf = (c: Int32Array) => c.reduce((a, x) => a + postingsRoom(x), 0);
  const postData = section(9, 4 * roomOf(counts));
  const facetData = section(11, 4 * roomOf(fcounts));
  const [mSlot, mStart, mEnd, mType, mText, mName, mEntity, rareBytes] = [12, 13, 14, 15, 16, 17, 18, 19].map((i) => section(i));
  const st = new IndexState();
  st.docOf = new Int32Array(docOf.buffer);
  st.lenOf = new Uint16Array(lenOf.buffer);
  st.flags = new Uint8Array(flags.buffer);
  st.startOf = new Int32Array(startOf.buffer);
  st.endOf = new Int32Array(endOf.buffer);
  st.lineOf = new Int32Array(lineOf.buffer);
  st.storeAt = new Float64Array(storeAt.buffer);
  st.storeLength = new Int32Array(storeLength.buffer);
  st.store = store;
  st.slots = n;
  st.dead = header.dead;
  const lists = spreadPostings(new Int32Array(postData.buffer), counts);
  for (let i = 0; i < header.words.length; i++) {
    if (st.wordId(header.words[i]) !== i) return fail(`the snapshot's vocabulary repeats the word "${header.words[i]}"`);
    // A view of its postings and their room (a push beyond it copies them out first, see Postings.push).
    const p = st.post[i];
    if (counts[i] > 0) p.arr = lists[i];
    p.n = counts[i];
  }
  const facetLists = spreadPostings(new Int32Array(facetData.buffer), fcounts);
  header.facetKeys.forEach((k, i) => {
    const p = new Postings();
    if (fcounts[i] > 0) p.arr = facetLists[i];
    p.n = fcounts[i];
    st.facets.set(k, p);
  });
  const mentions = { slot: new Int32Array(mSlot.buffer), start: new Int32Array(mStart.buffer), end: new Int32Array(mEnd.buffer), type: new Int32Array(mType.buffer), text: new Int32Array(mText.buffer), name: new Int32Array(mName.buffer), entity: new Int32Array(mEntity.buffer) };
  const strings = header.mentionStrings.length;
  for (let i = 0; i < m; i++) {
    const s = mentions.slot[i];
    if (s < 0 || s >= n || (i > 0 && s < mentions.slot[i - 1])) return fail('the snapshot\'s entity mentions are out of order');
    if (mentions.type[i] >= strings || mentions.text[i] >= strings || mentions.name[i] >= strings || mentions.entity[i] >= strings || mentions.type[i] < 0 || mentions.text[i] < 0 || mentions.name[i] < 0 || mentions.entity[i] < -1) {
      return fail('the snapshot\'s entity mentions point outside their strings');
    }
  }
  st.mentions.restore(mentions, header.mentionStrings);
  st.texts = new Array<string | undefined>(n);
  st.extras = new Array<FactExtra | undefined>(n);
  let rare: [number, FactExtra | null, string?][];
  try {
    rare = JSON.parse(new TextDecoder().decode(rareBytes)) as typeof rare;
  } catch (e) {
    return fail(`the snapshot's records are not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  for (const [s, x, text] of rare) {
    if (x) st.extras[s] = x;
    if (text !== undefined) st.texts[s] = text;
  }
  // Every document and slot is held until the caller confirms it.
  for (let s = 0; s < n; s++) if (st.flags[s] & (ALIVE | HELD)) st.flags[s] = (st.flags[s] & ~ALIVE) | HELD;
  header.docs.forEach((e, d) => {
    st.docs.push({ ...e, alive: false });
    if ((e.alive || header.keys[e.id] !== undefined) && e.count > 0) st.held.set(e.id, d);
  });
  const keys = new Map(Object.entries(header.keys).filter(([id]) => st.held.has(id)));
  return { value: { state: st, keys, header }, problems };
}

/**
 * The postings lists' entries one after another (`total` of them), about 2 MB a step: copying all
 * of a million facts' postings at once held the worker 60 ms.
 */
function* concatSteps(lists: readonly { arr: Int32Array; n: number }[], total: number): Generator<void, Int32Array> {
  const out = new Int32Array(total);
  let at = 0;
  let sinceYield = 0;
  for (const p of lists) {
    out.set(p.arr.subarray(0, p.n), at);
    at += p.n;
    if ((sinceYield += p.n + 64) >= 1 << 19) {
      sinceYield = 0;
      yield;
    }
  }
  return out;
}

/** JSON.stringify(items), a slice at a time. */
function* jsonArraySteps(items: readonly unknown[], per = 2000): Generator<void, string> {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i += per) {
    parts.push(JSON.stringify(items.slice(i, i + per)).slice(1, -1));
    yield;
  }
  return `[${parts.join(',')}]`;
}

/** JSON.stringify(record) for a record of JSON values, some entries at a time. */
function* jsonObjectSteps(record: Record<string, unknown>, per = 2000): Generator<void, string> {
  const entries = Object.entries(record);
  const parts: string[] = [];
  for (let i = 0; i < entries.length; i += per) {
    parts.push(JSON.stringify(Object.fromEntries(entries.slice(i, i + per))).slice(1, -1));
    yield;
  }
  return `{${parts.join(',')}}`;
}

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function pad8(n: number): number {
  return (n + 7) & ~7;
}
