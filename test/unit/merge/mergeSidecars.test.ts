import * as assert from 'assert';
import fc from 'fast-check';
import { mergeSidecars } from '../../../src/core/merge';
import type { EntityAnnotation } from '../../../src/core/model';
import { parseSidecar, serializeSidecar } from '../../../src/core/sidecar';

const HASH = 'sha256:' + 'a'.repeat(64);

function ent(id: string, start: number, type = 'person', extra: Partial<EntityAnnotation> = {}): EntityAnnotation {
  return { id, type, text: 'x'.repeat(3), start, end: start + 3, prefix: '', suffix: '', ...extra };
}

function sidecar(entities: EntityAnnotation[], textHash = HASH): string {
  return serializeSidecar({ header: { format: 'corpus-annotator', version: 1, document: 'd.txt', textHash, offsets: 'codepoint' }, entities, facts: [] });
}

const ids = (text: string) => parseSidecar(text).value.entities.map((e) => e.id);

describe('mergeSidecars', () => {
  const base = sidecar([ent('e-a', 0), ent('e-z', 100)]);

  it('keeps entries both sides added between the same neighbours, in sorted order', () => {
    const ours = sidecar([ent('e-a', 0), ent('e-o', 40), ent('e-z', 100)]);
    const theirs = sidecar([ent('e-a', 0), ent('e-t', 20), ent('e-t2', 60), ent('e-z', 100)]);
    const r = mergeSidecars(base, ours, theirs);
    assert.ok(r.ok);
    assert.deepStrictEqual(r.conflicts, []);
    assert.deepStrictEqual(ids(r.text), ['e-a', 'e-t', 'e-o', 'e-t2', 'e-z']);
    // The same as the canonical writer would write for the union.
    assert.strictEqual(r.text, sidecar([ent('e-a', 0), ent('e-t', 20), ent('e-o', 40), ent('e-t2', 60), ent('e-z', 100)]));
    assert.deepStrictEqual(parseSidecar(r.text).problems, []);
  });

  it('removes an entry removed on one side and unchanged on the other; takes a one-sided change', () => {
    const ours = sidecar([ent('e-z', 100)]);
    const theirs = sidecar([ent('e-a', 0), ent('e-z', 100, 'location')]);
    const r = mergeSidecars(base, ours, theirs);
    assert.deepStrictEqual(parseSidecar(r.text).value.entities.map((e) => [e.id, e.type]), [['e-z', 'location']]);
    assert.deepStrictEqual(r.conflicts, []);
  });

  it('moves an entry whose offsets one side changed to its sorted place', () => {
    const theirs = sidecar([ent('e-a', 200), ent('e-z', 100)]);
    const r = mergeSidecars(base, base, theirs);
    assert.deepStrictEqual(ids(r.text), ['e-z', 'e-a']);
  });

  it('records an entry changed differently on both sides as a parseable conflict, keeping both versions', () => {
    const ours = sidecar([ent('e-a', 0, 'organization'), ent('e-z', 100)]);
    const theirs = sidecar([ent('e-a', 0, 'location', { note: 'a city' }), ent('e-z', 100)]);
    const r = mergeSidecars(base, ours, theirs);
    assert.ok(r.ok);
    assert.strictEqual(r.conflicts.length, 1);
    assert.ok(!/^(<<<<<<<|=======|>>>>>>>)/m.test(r.text));
    const parsed = parseSidecar(r.text);
    assert.ok(parsed.writable);
    assert.deepStrictEqual(parsed.value.entities.map((e) => [e.id, e.type]), [['e-a', 'organization'], ['e-z', 'person']]);
    const problems = parsed.problems.filter((p) => p.code === 'merge-conflict');
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].annotationId, 'e-a');
    assert.match(r.text.split('\n')[problems[0].line - 1], /- id: e-a/);
    assert.match(r.text, /conflicts:\n  - id: e-a\n    collection: entities\n    kept: ours\n    ours:\n      id: e-a\n      type: organization\n[\s\S]*    theirs:\n      id: e-a\n      type: location\n[\s\S]*      note: a city\n/);
  });

  it('keeps an entry changed on one side and removed on the other, as a conflict', () => {
    const ours = sidecar([ent('e-z', 100)]);
    const theirs = sidecar([ent('e-a', 0, 'date'), ent('e-z', 100)]);
    const r = mergeSidecars(base, ours, theirs);
    assert.deepStrictEqual(ids(r.text), ['e-a', 'e-z']);
    assert.deepStrictEqual([r.conflicts[0].kept, r.conflicts[0].ours], ['theirs', undefined]);
    assert.match(r.text, /    ours: deleted\n/);
  });

  it('keeps comments and unknown keys from both sides', () => {
    const ours = sidecar([ent('e-a', 0), ent('e-z', 100)])
      .replace('  - id: e-z\n', '  # checked by Wang\n  - id: e-z\n    reviewed: yes\n')
      .replace('offsets: codepoint\n', 'offsets: codepoint\nproject: jjj # our project\n');
    const theirs = sidecar([ent('e-a', 0), ent('e-m', 50), ent('e-z', 100)]).replace('  - id: e-m\n', '  # unsure about this one\n  - id: e-m\n    confidence: 0.5\n');
    const r = mergeSidecars(base, ours, theirs);
    for (const s of ['# checked by Wang', 'reviewed: yes', 'project: jjj # our project', '# unsure about this one', 'confidence: 0.5']) assert.ok(r.text.includes(s), s);
    assert.deepStrictEqual(ids(r.text), ['e-a', 'e-m', 'e-z']);
    assert.ok(r.text.indexOf('# unsure about this one') < r.text.indexOf('- id: e-m'));
    assert.ok(r.text.indexOf('- id: e-m') < r.text.indexOf('# checked by Wang'));
  });

  it('takes a header change made on one side', () => {
    const theirs = sidecar([ent('e-a', 0), ent('e-z', 100)], 'sha256:' + 'b'.repeat(64));
    assert.strictEqual(parseSidecar(mergeSidecars(base, base, theirs).text).value.header.textHash, 'sha256:' + 'b'.repeat(64));
  });

  it('merges a file both sides created (empty base), and keeps CRLF line breaks', () => {
    const ours = sidecar([ent('e-o', 10)]).replace(/\n/g, '\r\n');
    const theirs = sidecar([ent('e-t', 5)]);
    const r = mergeSidecars('', ours, theirs);
    assert.deepStrictEqual(ids(r.text), ['e-t', 'e-o']);
    assert.ok(!/[^\r]\n/.test(r.text), 'only CRLF');
  });

  it('is deterministic and returns ours unchanged when nothing differs', () => {
    const ours = sidecar([ent('e-a', 0), ent('e-o', 40), ent('e-z', 100)]);
    const theirs = sidecar([ent('e-a', 0, 'date'), ent('e-t', 20), ent('e-z', 100)]);
    assert.strictEqual(mergeSidecars(base, ours, theirs).text, mergeSidecars(base, ours, theirs).text);
    assert.strictEqual(mergeSidecars(base, ours, ours).text, ours);
  });

  it('refuses, leaving ours, when a side is not valid YAML', () => {
    const r = mergeSidecars(base, base, 'entities: [\n');
    assert.strictEqual(r.ok, false);
    assert.strictEqual(r.text, base);
    assert.match(r.reason!, /theirs/);
  });

  it('adds to the conflicts an earlier merge left', () => {
    const ours = sidecar([ent('e-a', 0, 'organization'), ent('e-z', 100, 'date')]);
    const theirs = sidecar([ent('e-a', 0, 'location'), ent('e-z', 100, 'event')]);
    const first = mergeSidecars(base, ours, theirs.replace(/e-z\n    type: event/, 'e-z\n    type: date'));
    assert.strictEqual(first.conflicts.length, 1);
    // Merging the other branch again: e-a is still in conflict (not listed twice), e-z now is too.
    const second = mergeSidecars(base, first.text, theirs);
    assert.deepStrictEqual(second.conflicts.map((c) => c.id), ['e-z']);
    const codes = parseSidecar(second.text).problems.filter((p) => p.code === 'merge-conflict');
    assert.deepStrictEqual(codes.map((p) => p.annotationId), ['e-a', 'e-z']);
  });

  it('never loses an entry: random edits on both sides (property)', () => {
    const arbEdit = fc.constantFrom('keep', 'remove', 'retype', 'move');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.array(arbEdit, { minLength: 8, maxLength: 8 }), fc.array(arbEdit, { minLength: 8, maxLength: 8 }), fc.nat(4), fc.nat(4), (n, ea, eb, addA, addB) => {
        const b0 = Array.from({ length: n }, (_, i) => ent(`e-b${i}`, i * 10));
        const edit = (edits: string[], add: number, tag: string) => {
          const out: EntityAnnotation[] = [];
          b0.forEach((e, i) => {
            if (edits[i] === 'remove') return;
            if (edits[i] === 'retype') out.push({ ...e, type: `t-${tag}` });
            else if (edits[i] === 'move') out.push({ ...e, start: e.start + (tag === 'a' ? 1 : 2), end: e.end + (tag === 'a' ? 1 : 2) });
            else out.push(e);
          });
          for (let k = 0; k < add; k++) out.push(ent(`e-new${tag}${k}`, k * 10 + 5));
          return out;
        };
        const A = edit(ea, addA, 'a');
        const B = edit(eb, addB, 'b');
        const r = mergeSidecars(sidecar(b0), sidecar(A), sidecar(B));
        assert.ok(r.ok);
        const parsed = parseSidecar(r.text);
        assert.ok(parsed.writable);
        assert.deepStrictEqual(parsed.problems.filter((p) => p.code !== 'merge-conflict'), []);
        const got = new Map(parsed.value.entities.map((e) => [e.id, e]));
        const inA = new Map(A.map((e) => [e.id, e]));
        const inB = new Map(B.map((e) => [e.id, e]));
        for (const id of new Set([...inA.keys(), ...inB.keys()])) {
          const i = b0.findIndex((e) => e.id === id);
          const removedCleanly = i >= 0 && ((!inA.has(id) && eb[i] === 'keep') || (!inB.has(id) && ea[i] === 'keep'));
          assert.strictEqual(got.has(id), !removedCleanly, id);
          if (got.has(id)) assert.ok([inA.get(id), inB.get(id)].some((v) => v && JSON.stringify({ ...v, prefix: '', suffix: '' }) === JSON.stringify({ ...got.get(id), prefix: '', suffix: '' })), id);
        }
        const bothChanged = b0.filter((_, i) => ea[i] !== 'keep' && eb[i] !== 'keep' && !(ea[i] === 'remove' && eb[i] === 'remove') && ea[i] !== eb[i]).length;
        const sameChange = b0.filter((_, i) => ea[i] === eb[i] && ea[i] === 'retype').length;
        // A retype on both sides gives different types (t-a, t-b): also a conflict.
        assert.strictEqual(r.conflicts.length, bothChanged + sameChange + b0.filter((_, i) => ea[i] === 'move' && eb[i] === 'move').length);
      }),
    );
  });
});
