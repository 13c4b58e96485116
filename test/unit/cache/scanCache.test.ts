import * as assert from 'assert';
import { contentHash } from '../../../src/core/cache/contentHash';
import {
  CachedDocument,
  cacheEntryOf,
  configHash,
  documentKey,
  isFresh,
  lineChecksum,
  parseScanCache,
  parseScanCacheSteps,
  RACY_MS,
  SCAN_CACHE_VERSION,
  serializeScanCache,
  serializeScanCacheSteps,
  sidecarKey,
  stampsHold,
} from '../../../src/core/cache/scanCache';
import { readDocumentModel } from '../../../src/core/corpus/documentModel';
import { hashText, makeAnchor, serializeSidecar, SIDECAR_FORMAT, SIDECAR_VERSION } from '../../../src/core/sidecar';

const TEXT = 'Beijing and Hebei signed the plan.\nTongzhou follows.\n';
const TYPES = new Set(['location', 'organization']);
const SIDECAR = serializeSidecar({
  header: { format: SIDECAR_FORMAT, version: SIDECAR_VERSION, document: 'a.txt', textHash: hashText(TEXT), offsets: 'codepoint' },
  entities: [{ id: 'e1', type: 'location', ...makeAnchor(TEXT, 0, 7) }, { id: 'e2', type: 'location', ...makeAnchor(TEXT, 12, 17) }],
  facts: [],
});
const CORPUS = 'file:///corpus';
const CONFIG = configHash('types: [location]\n');
const textStamp = { size: 53, mtime: 1_700_000_000_000 };
const sidecarStamp = { size: SIDECAR.length, mtime: 1_700_000_000_500 };

function entry(): CachedDocument {
  return cacheEntryOf(readDocumentModel('a.txt', TEXT, SIDECAR, TYPES), { text: textStamp, sidecar: sidecarKey(sidecarStamp, SIDECAR) });
}

function cacheText(documents = new Map([['file:///corpus/a.txt', entry()]])): string {
  return serializeScanCache({ corpus: CORPUS, config: CONFIG, documents });
}

const expect = { corpus: CORPUS, config: CONFIG };

describe('scan cache', () => {
  it('reads back what it wrote: descriptions, parsed sidecars, keys', () => {
    const read = parseScanCache(cacheText(), expect);
    assert.deepStrictEqual(read.discarded, []);
    const got = read.value!.documents.get('file:///corpus/a.txt')!;
    assert.deepStrictEqual(got, JSON.parse(JSON.stringify(entry())));
    assert.deepStrictEqual(got.entities.map((e) => e.text), ['Beijing', 'Hebei']);
    assert.strictEqual(got.info.title, 'Beijing and Hebei signed the plan.');
    assert.strictEqual(got.textHash, hashText(TEXT));
    assert.strictEqual(got.length, [...TEXT].length);
  });

  describe('keys: an entry holds only while the files are as they were', () => {
    const key = entry().key;
    it('same document stamp, same sidecar stamp and content: fresh', () => {
      assert.ok(isFresh(key, { ...textStamp }, sidecarKey({ ...sidecarStamp }, SIDECAR)));
    });
    it('the document file changed size or modification time: stale', () => {
      assert.ok(!isFresh(key, { ...textStamp, size: 54 }, sidecarKey(sidecarStamp, SIDECAR)));
      assert.ok(!isFresh(key, { ...textStamp, mtime: textStamp.mtime + 1 }, sidecarKey(sidecarStamp, SIDECAR)));
    });
    it('the sidecar changed size, modification time or content: stale', () => {
      assert.ok(!isFresh(key, textStamp, sidecarKey({ ...sidecarStamp, size: sidecarStamp.size + 1 }, SIDECAR)));
      assert.ok(!isFresh(key, textStamp, sidecarKey({ ...sidecarStamp, mtime: 0 }, SIDECAR)));
      // Same size and time (a checkout within the same second), other content: the hash tells.
      const edited = SIDECAR.replace('type: location', 'type: locatiox');
      assert.strictEqual(edited.length, SIDECAR.length);
      assert.notStrictEqual(edited, SIDECAR);
      assert.ok(!isFresh(key, textStamp, sidecarKey(sidecarStamp, edited)));
    });
    it('a sidecar appeared or disappeared: stale', () => {
      assert.ok(!isFresh(key, textStamp, undefined));
      assert.ok(!isFresh({ text: textStamp }, textStamp, sidecarKey(sidecarStamp, SIDECAR)));
      assert.ok(isFresh({ text: textStamp }, textStamp, undefined));
    });
    it('content hashes differ for one changed character and are stable', () => {
      assert.strictEqual(contentHash('abc'), contentHash('abc'));
      assert.notStrictEqual(contentHash('abc'), contentHash('abd'));
      assert.match(contentHash(SIDECAR), /^[0-9a-f]{16}$/);
    });
  });

  describe('a cache that cannot be trusted is discarded, never used', () => {
    const discardedWhole = (text: string | undefined, why: RegExp, exp = expect) => {
      const read = parseScanCache(text, exp);
      assert.strictEqual(read.value, undefined, `kept: ${read.discarded.join('; ')}`);
      assert.match(read.discarded.join('; '), why);
    };
    it('missing or empty', () => {
      discardedWhole(undefined, /no cache/);
      discardedWhole('', /no cache/);
    });
    it('not a cache at all, or a header that is not JSON', () => {
      discardedWhole('hello', /no header/);
      discardedWhole('{"format": \n{}', /not JSON/);
      discardedWhole('{"format":"something-else","version":1}\n{}', /not a scan cache/);
    });
    it('another version of the format', () => {
      discardedWhole(cacheText().replace(`"version":${SCAN_CACHE_VERSION}`, `"version":${SCAN_CACHE_VERSION + 1}`), /version/);
    });
    it('made for another corpus or before corpus.yaml changed', () => {
      discardedWhole(cacheText(), /another corpus/, { corpus: 'file:///other', config: CONFIG });
      discardedWhole(cacheText(), /corpus.yaml changed/, { corpus: CORPUS, config: configHash('types: [person]\n') });
    });
    it('a version 1 cache (one JSON body) is another version', () => {
      const body = JSON.stringify({ 'file:///corpus/a.txt': entry() });
      const header = { format: 'corpus-annotator-scan-cache', version: 1, corpus: CORPUS, config: CONFIG, checksum: contentHash(body), documents: 1 };
      discardedWhole(`${JSON.stringify(header)}\n${body}`, /cache version 1, expected/);
    });
  });

  describe('a line that cannot be trusted is dropped on its own; the others are kept', () => {
    const three = () => cacheText(new Map([['file:///corpus/a.txt', entry()], ['file:///corpus/b.txt', entry()], ['file:///corpus/c.txt', entry()]]));
    it('truncated: the cut line is dropped, and the header count says the cache is short', () => {
      const full = three();
      const lastLine = full.lastIndexOf('\n');
      for (const cut of [full.length - 1, full.length - 40, lastLine + 10]) {
        const read = parseScanCache(full.slice(0, cut), expect);
        assert.deepStrictEqual([...read.value!.documents.keys()], ['file:///corpus/a.txt', 'file:///corpus/b.txt']);
        assert.match(read.discarded.join('; '), /line 4: checksum does not match/);
      }
      const read = parseScanCache(full.slice(0, lastLine), expect);
      assert.deepStrictEqual([...read.value!.documents.keys()], ['file:///corpus/a.txt', 'file:///corpus/b.txt']);
      assert.match(read.discarded.join('; '), /header counts 3 documents, the cache holds 2/);
    });
    it('damaged in a way that still parses (a changed offset): that line is dropped', () => {
      const full = three();
      const lines = full.split('\n');
      lines[2] = lines[2].replace('"start":[0,12]', '"start":[0,13]');
      assert.notStrictEqual(lines.join('\n'), full);
      const read = parseScanCache(lines.join('\n'), expect);
      assert.deepStrictEqual([...read.value!.documents.keys()], ['file:///corpus/a.txt', 'file:///corpus/c.txt']);
      assert.deepStrictEqual(read.discarded, ['line 3: checksum does not match (damaged)']);
    });
    it('a line that is not JSON, or not an entry, even though its checksum matches', () => {
      const header = JSON.stringify({ format: 'corpus-annotator-scan-cache', version: SCAN_CACHE_VERSION, corpus: CORPUS, config: CONFIG, documents: 3 });
      const line = (json: string) => `${lineChecksum(json)} ${json}`;
      const text = [header, line('["file:///corpus/a.txt", '), line('{"file:///corpus/b.txt": 1}'), three().split('\n')[1]].join('\n');
      const read = parseScanCache(text, expect);
      assert.deepStrictEqual([...read.value!.documents.keys()], ['file:///corpus/a.txt']);
      assert.deepStrictEqual(read.discarded, ['line 2: not JSON', 'line 3: not an entry']);
    });
  });

  it('reads the file\'s UTF-8 bytes as it reads its text, a line at a time (multi-byte names, a cut line, a damaged line)', () => {
    const full = cacheText(new Map([['file:///corpus/P%C3%A9kin.txt', entry()], ['file:///corpus/Pékin é 北京.txt', entry()], ['file:///corpus/c.txt', entry()]]));
    const lines = full.split('\n');
    const damaged = [...lines.slice(0, 2), lines[2].replace('"start":[0,12]', '"start":[0,13]'), ...lines.slice(3)].join('\n');
    const cutInName = full.indexOf('北') + 1;
    for (const text of [full, full.slice(0, full.length - 40), full.slice(0, cutInName), damaged]) {
      const fromBytes = parseScanCache(new TextEncoder().encode(text), expect);
      assert.deepStrictEqual(fromBytes, parseScanCache(text, expect));
    }
    const read = parseScanCache(new TextEncoder().encode(full), expect);
    assert.deepStrictEqual(read.discarded, []);
    assert.deepStrictEqual([...read.value!.documents.keys()], ['file:///corpus/P%C3%A9kin.txt', 'file:///corpus/Pékin é 北京.txt', 'file:///corpus/c.txt']);
    assert.deepStrictEqual(parseScanCache(new TextEncoder().encode(damaged), expect).discarded, ['line 3: checksum does not match (damaged)']);
    assert.deepStrictEqual(parseScanCache(new Uint8Array(0), expect).discarded, ['no cache']);
  });

  it('checks a line longer than its encoding buffer, and one written after it, alike', () => {
    // 30,000 characters: at up to 3 UTF-8 bytes each, more than the reused 64 KiB buffer is sure to hold.
    const long = { ...entry(), info: { ...entry().info, title: 'Pékin 北京 '.repeat(3_000) } };
    const documents = new Map([['file:///corpus/long.txt', long], ['file:///corpus/a.txt', entry()]]);
    const text = cacheText(documents);
    const read = parseScanCache(new TextEncoder().encode(text), expect);
    assert.deepStrictEqual(read.discarded, []);
    assert.deepStrictEqual(read.value!.documents.get('file:///corpus/long.txt'), JSON.parse(JSON.stringify(long)));
    assert.deepStrictEqual(read.value!.documents.get('file:///corpus/a.txt'), JSON.parse(JSON.stringify(entry())));
    // Its checksum is of all of its bytes: a change at the end of the long title is caught.
    const damaged = text.replace('北京 "', '北京!"');
    assert.notStrictEqual(damaged, text);
    assert.deepStrictEqual(parseScanCache(damaged, expect).discarded, ['line 2: checksum does not match (damaged)']);
  });

  it('reads and writes in steps, yielding between chunks, to the same result', () => {
    const documents = new Map(Array.from({ length: 7 }, (_, i) => [`file:///corpus/${i}.txt`, entry()] as const));
    const cache = { corpus: CORPUS, config: CONFIG, documents: new Map(documents) };
    const writing = serializeScanCacheSteps(cache, 3);
    let yields = 0;
    let written: IteratorResult<void, string[]>;
    while (!(written = writing.next()).done) yields++;
    assert.ok(yields >= 2, `yields: ${yields}`);
    assert.ok(written.value.length >= 3, `pieces: ${written.value.length}`);
    const text = written.value.join('');
    assert.strictEqual(text, serializeScanCache(cache));
    const reading = parseScanCacheSteps(text, expect, 3);
    yields = 0;
    let read: IteratorResult<void, ReturnType<typeof parseScanCache>>;
    while (!(read = reading.next()).done) yields++;
    assert.strictEqual(yields, 2);
    assert.deepStrictEqual(read.value, parseScanCache(text, expect));
    assert.strictEqual(read.value.value!.documents.size, 7);
  });

  describe('trusting an entry on its stamps alone (no file read)', () => {
    const stampedAt = sidecarStamp.mtime + 60_000;
    const key = documentKey(textStamp, sidecarKey(sidecarStamp, SIDECAR), stampedAt);
    it('files as they were: fresh', () => {
      assert.strictEqual(key.racy, undefined);
      assert.strictEqual(stampsHold(key, { ...textStamp }, { ...sidecarStamp }), true);
      assert.strictEqual(stampsHold(documentKey(textStamp, undefined, stampedAt), textStamp, undefined), true);
    });
    it('a size or time changed, a sidecar came or went, the document is gone: not fresh', () => {
      assert.strictEqual(stampsHold(key, { ...textStamp, mtime: textStamp.mtime + 1 }, sidecarStamp), false);
      assert.strictEqual(stampsHold(key, { ...textStamp, size: 0 }, sidecarStamp), false);
      assert.strictEqual(stampsHold(key, textStamp, { ...sidecarStamp, size: sidecarStamp.size - 1 }), false);
      assert.strictEqual(stampsHold(key, textStamp, { ...sidecarStamp, mtime: sidecarStamp.mtime + 1 }), false);
      assert.strictEqual(stampsHold(key, textStamp, undefined), false);
      assert.strictEqual(stampsHold(documentKey(textStamp, undefined, stampedAt), textStamp, sidecarStamp), false);
      assert.strictEqual(stampsHold(key, undefined, sidecarStamp), false);
    });
    it('a file modified within RACY_MS of its stamp is never trusted on its stamps', () => {
      const racySidecar = documentKey(textStamp, sidecarKey(sidecarStamp, SIDECAR), sidecarStamp.mtime + RACY_MS - 1);
      const racyText = documentKey(textStamp, sidecarKey(sidecarStamp, SIDECAR), textStamp.mtime + 10);
      const future = documentKey({ ...textStamp, mtime: stampedAt + 5_000 }, undefined, stampedAt);
      for (const k of [racySidecar, racyText, future]) {
        assert.strictEqual(k.racy, true);
        assert.strictEqual(stampsHold(k, k.text, k.sidecar), false);
      }
      assert.strictEqual(documentKey(textStamp, sidecarKey(sidecarStamp, SIDECAR), sidecarStamp.mtime + RACY_MS + 1).racy, undefined);
    });
    it('a racy key survives the cache; a racy flag of another type is a malformed entry', () => {
      const racy = { ...entry(), key: documentKey(textStamp, sidecarKey(sidecarStamp, SIDECAR), sidecarStamp.mtime) };
      const read = parseScanCache(cacheText(new Map([['file:///corpus/a.txt', racy]])), expect);
      assert.strictEqual(read.value!.documents.get('file:///corpus/a.txt')!.key.racy, true);
      const odd = { ...entry(), key: { ...entry().key, racy: 'yes' } } as unknown as CachedDocument;
      const bad = parseScanCache(cacheText(new Map([['file:///corpus/a.txt', odd]])), expect);
      assert.deepStrictEqual(bad.discarded, ['line 2: malformed entry for file:///corpus/a.txt']);
    });
  });

  it('keeps every field of an entity annotation: links, notes, authors, dates and statuses, on the annotations that have them', () => {
    const e = entry();
    e.entities = [
      { ...e.entities[0], entity: 'beijing', note: 'capital', author: 'ann', created: '2026-12-01T10:00:00Z' },
      { ...e.entities[1], type: 'organization', status: 'moved' },
      { id: 'e3', type: 'location', text: 'Tongzhou', start: 35, end: 43, prefix: 'plan.\n', suffix: ' follows' },
    ];
    const text = cacheText(new Map([['file:///corpus/a.txt', e]]));
    const got = parseScanCache(text, expect).value!.documents.get('file:///corpus/a.txt')!;
    assert.deepStrictEqual(got.entities, e.entities);
    assert.deepStrictEqual(got, JSON.parse(JSON.stringify(e)));
    // Written as columns: each field name once, each type once.
    assert.strictEqual(text.split('"prefix"').length - 1, 1);
    assert.match(text, /"types":\["location","organization"\],"type":\[0,1,0\]/);
  });

  it('drops an entry whose columns do not make annotations', () => {
    const good = cacheText();
    const [header, line] = good.split('\n');
    const json = line.slice(line.indexOf(' ') + 1);
    const damaged = (from: string, to: string) => {
      assert.ok(json.includes(from), from);
      const j = json.replace(from, to);
      return parseScanCache(`${header}\n${lineChecksum(j)} ${j}`, expect).discarded;
    };
    const malformed = ['line 2: malformed entry for file:///corpus/a.txt'];
    assert.deepStrictEqual(damaged('"type":[0,0]', '"type":[0,1]'), malformed, 'a type index out of range');
    assert.deepStrictEqual(damaged('"type":[0,0]', '"type":[0]'), malformed, 'a column shorter than the ids');
    assert.deepStrictEqual(damaged('"start":[0,12]', '"start":[0,-1]'), malformed, 'a negative start');
    assert.deepStrictEqual(damaged('"end":[7,17]', '"end":[7,11]'), malformed, 'an end before its start');
    assert.deepStrictEqual(damaged('"suffix":[', '"moreAt":[5],"more":[{"note":"x"}],"suffix":['), malformed, 'extra fields for an annotation that is not there');
    assert.deepStrictEqual(damaged('"suffix":[', '"moreAt":[0],"more":[{"status":"lost"}],"suffix":['), malformed, 'a status that does not exist');
    assert.deepStrictEqual(damaged('"suffix":[', '"moreAt":[0],"more":[{"note":3}],"suffix":['), malformed, 'a field that is not a string');
    assert.deepStrictEqual(damaged('"suffix":[', '"moreAt":[0],"more":[{"start":"9"}],"suffix":['), malformed, 'a column\'s field among the others');
    assert.deepStrictEqual(damaged('"suffix":[', '"moreAt":[0],"more":[{"note":"x"}],"suffix":['), [], 'well-formed extra fields are kept');
  });

  it('an entry of the wrong shape is dropped on its own; the others are kept', () => {
    const bad = { ...entry(), entities: [{ id: 'e1', type: 'location', text: 'Beijing', start: 'zero', end: 7, prefix: '', suffix: '' }] } as unknown as CachedDocument;
    const noKey = { ...entry(), key: { text: { size: -1, mtime: 0 } } };
    const read = parseScanCache(cacheText(new Map([['file:///corpus/a.txt', entry()], ['file:///corpus/b.txt', bad], ['file:///corpus/c.txt', noKey]])), expect);
    assert.deepStrictEqual([...read.value!.documents.keys()], ['file:///corpus/a.txt']);
    assert.deepStrictEqual(read.discarded, ['line 3: malformed entry for file:///corpus/b.txt', 'line 4: malformed entry for file:///corpus/c.txt']);
  });

  it('a document without a sidecar is cached with no sidecar key', () => {
    const e = cacheEntryOf(readDocumentModel('b.txt', TEXT, undefined, TYPES), { text: textStamp });
    const read = parseScanCache(cacheText(new Map([['file:///corpus/b.txt', e]])), expect);
    const got = read.value!.documents.get('file:///corpus/b.txt')!;
    assert.strictEqual(got.hasSidecar, false);
    assert.ok(isFresh(got.key, textStamp, undefined));
    // An entry claiming a sidecar without a sidecar key (or the reverse) is not trusted.
    const lying = cacheText(new Map([['file:///corpus/b.txt', { ...e, hasSidecar: true }]]));
    assert.deepStrictEqual([...parseScanCache(lying, expect).value!.documents.keys()], []);
  });
});
