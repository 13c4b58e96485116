import * as assert from 'assert';
import * as crypto from 'crypto';
import fc from 'fast-check';
import { parse as yamlParse } from 'yaml';
import { emitScalar, hashText, isPlainSafe, newAnnotationId, parseSidecar, serializeSidecar, sha256, useNativeSha256 } from '../../../src/core/sidecar';
import { mulberry32 } from '../../support/fixtures';
import { readScalar } from '../../../src/core/sidecar/scalar';
import { fastRead, yamlRead } from '../../../src/core/sidecar/raw';
import { generateAnnotations, seed } from './helpers';

describe('sidecar: scalars, hash, ids', () => {
  it('emitted scalars read back unchanged with yaml (core schema) and with the fast reader', () => {
    const charset = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('', 'null', 'true', 'False', '~', '2023', '1.5', '-', '- x', 'a: b', 'a #b', 'a#b', 'x:', ' lead', 'trail ', '"q"', "'", 'a\u2028b', 'a\u0085b', '\ufeffx', 'Pékin', '北京', '😀', 'e-7k2m9q4x1a', 'sha256:ab', '@x', '%x', '!x', '*x', '&x', '|', '>', '#', '[a]', '{a}', 'a\tb', 'a\\nb'),
    );
    fc.assert(
      fc.property(charset, (s) => {
        const text = `k: ${emitScalar(s)}\n`;
        assert.strictEqual(yamlParse(text, { schema: 'core' }).k, s, text);
        const tok = readScalar(text, 3, text.length - 1);
        assert.ok(tok, `fast reader refused ${JSON.stringify(text)}`);
        assert.strictEqual(tok.value, s);
      }),
      { numRuns: 3000 },
    );
  });

  it('the fast reader accepts only what yaml reads the same way', () => {
    const arb = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.stringMatching(/^["'a-z0-9 #:\\\-]{0,10}$/));
    fc.assert(
      fc.property(arb, (s) => {
        const text = `k: ${s}\n`;
        const tok = readScalar(text, 3, text.length - 1);
        if (!tok) return;
        let expected: unknown;
        try {
          expected = yamlParse(text, { schema: 'core', uniqueKeys: true }).k;
        } catch {
          assert.fail(`fast reader accepted ${JSON.stringify(s)} which yaml rejects`);
        }
        assert.strictEqual(tok.value, expected, JSON.stringify(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('plain scalars are used only when unambiguous', () => {
    assert.ok(isPlainSafe('Tongzhou'));
    assert.ok(isPlainSafe('北京'));
    assert.ok(isPlainSafe('sha256:abc'));
    for (const s of ['2023', 'true', 'null', 'a: b', 'x #y', ' a', 'a ', '-a', '"a"', '', 'a\nb']) assert.ok(!isPlainSafe(s), s);
  });

  it('sha256 matches node:crypto, and hashText hashes UTF-8', () => {
    for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'a'.repeat(1000), '北京 😀 Pékin', seed(3)]) {
      const want = crypto.createHash('sha256').update(Buffer.from(s, 'utf8')).digest('hex');
      assert.strictEqual(Buffer.from(sha256(new TextEncoder().encode(s))).toString('hex'), want);
      assert.strictEqual(hashText(s), 'sha256:' + want);
    }
    // Every length around the block and padding boundaries, and random bytes.
    const rnd = mulberry32(9);
    for (let n = 0; n <= 300; n++) {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
      assert.strictEqual(Buffer.from(sha256(bytes)).toString('hex'), crypto.createHash('sha256').update(bytes).digest('hex'), `${n} bytes`);
    }
  });

  it('hashText gives the same hash with the host\'s sha256 as with the plain one, lone surrogates included', () => {
    const texts = ['', 'abc', '北京 😀 Pékin', 'half a pair \ud83d here', '\udc00 at the start', 'x'.repeat(119), seed(0), seed(3)];
    const plain = texts.map((t) => hashText(t));
    let calls = 0;
    useNativeSha256((algorithm) => {
      calls++;
      return crypto.createHash(algorithm);
    });
    try {
      assert.deepStrictEqual(texts.map((t) => hashText(t)), plain);
      assert.strictEqual(calls, texts.length, 'the host\'s hash did the hashing');
    } finally {
      useNativeSha256(undefined);
    }
    hashText('abc');
    assert.strictEqual(calls, texts.length, 'not after it is taken back');
  });

  it('ids are random, not counters', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newAnnotationId()));
    assert.strictEqual(ids.size, 2000);
    for (const id of ids) assert.match(id, /^e-[0-9a-hjkmnp-tv-z]{10}$/);
    assert.match(newAnnotationId('fact'), /^f-/);
  });
});

describe('sidecar: serialisation', () => {
  const text = seed(0);
  it('is deterministic whatever the input order, sorted by start, end, type, id', () => {
    const data = generateAnnotations(text, 200, 7, 0.2);
    const a = serializeSidecar(data);
    const shuffled = { ...data, entities: [...data.entities].reverse(), facts: [...data.facts].reverse() };
    assert.strictEqual(serializeSidecar(shuffled), a);
    const back = parseSidecar(a, { documentText: text });
    const starts = back.value.entities.map((e) => [e.start, e.end, e.type, e.id]);
    const sorted = [...starts].sort((x, y) => (x[0] as number) - (y[0] as number) || (x[1] as number) - (y[1] as number) || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : x[3] < y[3] ? -1 : 1));
    assert.deepStrictEqual(starts, sorted);
  });

  it('round-trips: parse(serialize(data)) gives data back, with no problems', () => {
    const data = generateAnnotations(text, 300, 3, 0.3);
    const yamlText = serializeSidecar(data);
    const back = parseSidecar(yamlText, { documentText: text, knownTypes: new Set(['person', 'organization', 'location', 'date', 'quantity', 'event', 'facility', 'policy']) });
    assert.deepStrictEqual(back.problems, []);
    assert.ok(back.writable);
    const byId = <T extends { id: string }>(l: T[]) => [...l].sort((x, y) => (x.id < y.id ? -1 : 1));
    assert.deepStrictEqual(byId(back.value.entities), byId(data.entities));
    assert.deepStrictEqual(byId(back.value.facts), byId(data.facts));
    assert.deepStrictEqual(back.value.header, data.header);
    assert.strictEqual(serializeSidecar(back.value), yamlText);
  });

  it('canonical output is read by the fast reader, and both readers agree', () => {
    const yamlText = serializeSidecar(generateAnnotations(text, 150, 5, 0.3));
    const f = fastRead(yamlText);
    assert.ok(f, 'fast reader should accept canonical output');
    const y = yamlRead(yamlText);
    const strip = (d: ReturnType<typeof yamlRead>) => ({
      fields: d.fields.map((x) => [x.key, x.value, x.keyOffset, x.valueOffset, x.valueEnd, x.lineStart, x.lineEnd]),
      colls: Object.values(d.collections).map((c) => [c.name, c.kind, c.dash, c.keyCol, c.afterColon, c.items.map((i) => [i.start, i.end, i.keyCol, i.fields.map((x) => [x.key, x.value, x.keyOffset, x.valueOffset, x.valueEnd, x.lineStart, x.lineEnd, x.ownLine])])]),
    });
    assert.deepStrictEqual(strip(f), strip(y));
  });

  it('whenever the fast reader accepts a damaged or hand-edited text, yaml reads it the same way', () => {
    const base = serializeSidecar(generateAnnotations(text, 8, 6, 0.3));
    const noise = fc.constantFrom('"', "'", ':', ': ', '- ', '-', '\n', '\r\n', '  ', ' ', '\t', '#', ' #', '[', ']', '{', '}', ',', '&a ', '*a', '!', '\\', '😀', 'x', '1', '-1', '0', 'null', 'true', '~', '|', '>', '%', '@', '`', '?', 'é', '\u00a0', '""', "''");
    const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 4 }), ins: fc.array(noise, { maxLength: 3 }).map((a) => a.join('')) });
    const view = (d: NonNullable<ReturnType<typeof fastRead>>) => ({
      kind: d.kind,
      fields: d.fields.map((x) => [x.key, x.value, x.keyOffset, x.valueOffset, x.valueEnd, x.lineStart, x.lineEnd]),
      colls: Object.values(d.collections).map((c) => [c.name, c.kind, c.items.map((i) => [i.start, i.end, i.fields.map((x) => [x.key, x.value, x.keyOffset, x.valueOffset, x.valueEnd, x.lineStart, x.lineEnd])])]),
    });
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let t = base;
        for (const e of edits) {
          const at = e.at % (t.length + 1);
          t = t.slice(0, at) + e.ins + t.slice(at + e.del);
        }
        const f = fastRead(t);
        if (!f) return;
        accepted++;
        const y = yamlRead(t);
        assert.deepStrictEqual(y.errors.filter((p) => p.severity === 'error'), [], `fast reader accepted what yaml rejects: ${JSON.stringify(t)}`);
        assert.deepStrictEqual(view(f), view(y), JSON.stringify(t));
      }),
      { numRuns: 3000 },
    );
    assert.ok(accepted > 300, `only ${accepted} accepted`);
  });
});
