import * as assert from 'assert';
import fc from 'fast-check';
import type { EntityAnnotation, FactAnnotation } from '../../../src/core/model';
import { makeAnchor, parseSidecar, serializeSidecar, SidecarWriter, type SidecarChange, type SidecarData, type WriteResult } from '../../../src/core/sidecar';
import { generateAnnotations, seed } from './helpers';

const CONTEXT = { documentName: '000.txt', textHash: 'sha256:' + 'a'.repeat(64) };
const DOC = seed(0);

function ok(r: WriteResult): Extract<WriteResult, { ok: true }> {
  if (!r.ok) assert.fail(JSON.stringify(r.problems));
  return r;
}

function entity(id: string, start: number, end: number, type = 'location', extra: Partial<EntityAnnotation> = {}): EntityAnnotation {
  return { id, type, ...makeAnchor(DOC, start, end), ...extra };
}

const HAND_EDITED = `# Sidecar for 000 — reviewed by Alice.
# Please keep the notes.
format: corpus-annotator
version: 1
document: 000_ad486b33f2fde1b8.txt
textHash: sha256:${'0'.repeat(64)}
offsets: codepoint
reviewer: alice   # a key the tool does not know
entities:
  # Places first.
  - id: e-00000place
    type: location
    text: ${JSON.stringify(DOC.slice(0, 8))}
    start: 0
    end: 8
    confidence: high        # unknown key, kept
    note: checked against the map
  - id: e-0000second
    type: person
    # a comment inside an entry
    text: ${JSON.stringify(DOC.slice(10, 19))}
    start: 10
    end: 19
    tags: [a, b]
facts: []
# trailing comment
`;

describe('sidecar: writer', () => {
  it('creates a sidecar when there is none, with the given header', () => {
    const w = new SidecarWriter();
    const r = ok(w.apply(undefined, [{ kind: 'add', collection: 'entities', annotation: entity('e-1', 118, 126) }], CONTEXT));
    const p = parseSidecar(r.text, { documentText: DOC });
    assert.deepStrictEqual(p.problems, []);
    assert.strictEqual(p.value.header.document, '000.txt');
    assert.strictEqual(p.value.header.textHash, CONTEXT.textHash);
    assert.deepStrictEqual(p.value.entities, [entity('e-1', 118, 126)]);
    assert.strictEqual(r.text, serializeSidecar(r.data));
  });

  it('keeps comments and unknown keys on every kind of change', () => {
    const w = new SidecarWriter();
    const steps: SidecarChange[][] = [
      [{ kind: 'add', collection: 'entities', annotation: entity('e-0000000new', 30, 40) }],
      [{ kind: 'update', id: 'e-00000place', set: { type: 'facility', entity: 'tongzhou', note: undefined, status: 'moved' } }],
      [{ kind: 'update', id: 'e-0000second', set: { type: 'organization', author: 'bob' } }],
      [{ kind: 'add', collection: 'facts', annotation: { id: 'f-1', ...makeAnchor(DOC, 50, 60), subject: 'hebei', predicate: 'gdp', value: '4.4 trillion', date: '2023' } }],
      [{ kind: 'remove', id: 'e-0000000new' }],
      [{ kind: 'header', textHash: 'sha256:' + 'b'.repeat(64) }],
    ];
    let text = HAND_EDITED;
    for (const changes of steps) text = ok(w.apply(text, changes, CONTEXT)).text;
    for (const kept of [
      '# Sidecar for 000 — reviewed by Alice.',
      '# Please keep the notes.',
      'reviewer: alice   # a key the tool does not know',
      '  # Places first.',
      '    confidence: high        # unknown key, kept',
      '    # a comment inside an entry',
      '    tags: [a, b]',
      '# trailing comment',
    ]) {
      assert.ok(text.includes(kept + '\n'), `lost: ${kept}\n${text}`);
    }
    const p = parseSidecar(text, { documentText: DOC });
    const place = p.value.entities.find((e) => e.id === 'e-00000place')!;
    assert.strictEqual(place.type, 'facility');
    assert.strictEqual(place.entity, 'tongzhou');
    assert.strictEqual(place.note, undefined);
    assert.strictEqual(place.status, 'moved');
    assert.strictEqual(p.value.entities.find((e) => e.id === 'e-0000second')!.author, 'bob');
    assert.deepStrictEqual(p.value.entities.map((e) => e.id), ['e-00000place', 'e-0000second']);
    assert.strictEqual(p.value.facts.length, 1);
    assert.strictEqual(p.value.header.textHash, 'sha256:' + 'b'.repeat(64));
    assert.ok(!text.includes('note: checked'));
  });

  it('a write racing an external change keeps both', () => {
    const w = new SidecarWriter();
    const base = serializeSidecar(generateAnnotations(DOC, 20, 4));
    const a = ok(w.apply(base, [{ kind: 'add', collection: 'entities', annotation: entity('e-aaaaaaaaaa', 200, 210) }], CONTEXT));
    // Meanwhile someone else (a person, git pull, another window) edits the file on disk.
    const external = a.text
      .replace('entities:\n', 'entities:\n  # added by hand while the tool was running\n')
      .replace('facts: []\n', `facts:\n  - id: f-byhand0001\n    text: ${JSON.stringify(DOC.slice(300, 320))}\n    start: 300\n    end: 320\n    predicate: population\n`);
    const b = ok(w.apply(external, [{ kind: 'add', collection: 'entities', annotation: entity('e-bbbbbbbbbb', 400, 410) }, { kind: 'update', id: 'e-aaaaaaaaaa', set: { type: 'event' } }], CONTEXT));
    assert.ok(b.text.includes('  # added by hand while the tool was running\n'));
    const p = parseSidecar(b.text, { documentText: DOC });
    const ids = new Set([...p.value.entities, ...p.value.facts].map((x) => x.id));
    for (const id of ['e-aaaaaaaaaa', 'e-bbbbbbbbbb', 'f-byhand0001']) assert.ok(ids.has(id), id);
    assert.strictEqual(p.value.entities.find((e) => e.id === 'e-aaaaaaaaaa')!.type, 'event');
    assert.strictEqual(p.value.entities.length, 22);
    // And an external removal of an entry we then try to update is reported, not resurrected.
    const removed = b.text.replace(/ {2}- id: e-bbbbbbbbbb\n( {4}.*\n)+/, '');
    const c = w.apply(removed, [{ kind: 'update', id: 'e-bbbbbbbbbb', set: { type: 'person' } }], CONTEXT);
    assert.ok(!c.ok && c.problems[0].code === 'unknown-id');
  });

  it('refuses to write a sidecar that became unparseable on disk, saying where', () => {
    const w = new SidecarWriter();
    const good = ok(w.apply(undefined, [{ kind: 'add', collection: 'entities', annotation: entity('e-1', 0, 5) }], CONTEXT)).text;
    const broken = good.replace('type: location', 'type: "location');
    const r = w.apply(broken, [{ kind: 'remove', id: 'e-1' }], CONTEXT);
    assert.ok(!r.ok);
    if (!r.ok) {
      assert.ok(r.problems[0].line > 1);
      assert.match(r.problems[0].message, /^Not written/);
    }
    const future = good.replace('version: 1', 'version: 2');
    const r2 = w.apply(future, [{ kind: 'remove', id: 'e-1' }], CONTEXT);
    assert.ok(!r2.ok && r2.problems.some((p) => p.code === 'unknown-version' && p.line === 4));
  });

  it('a batch is applied whole or not at all', () => {
    const w = new SidecarWriter();
    const base = ok(w.apply(undefined, [{ kind: 'add', collection: 'entities', annotation: entity('e-1', 0, 5) }], CONTEXT)).text;
    const bad: SidecarChange[][] = [
      [{ kind: 'add', collection: 'entities', annotation: entity('e-2', 6, 9) }, { kind: 'update', id: 'e-missing', set: { type: 'x' } }],
      [{ kind: 'add', collection: 'entities', annotation: entity('e-1', 6, 9) }],
      [{ kind: 'update', id: 'e-1', set: { start: 50 } }],
      [{ kind: 'update', id: 'e-1', set: { type: undefined } }],
      [{ kind: 'update', id: 'e-1', set: { subject: 'x' } as never }],
      [{ kind: 'add', collection: 'entities', annotation: { ...entity('e-3', 0, 4), start: -1 } }],
    ];
    for (const changes of bad) {
      const r = w.apply(base, changes, CONTEXT);
      assert.ok(!r.ok, JSON.stringify(changes));
    }
    // The cache is intact: the next write still works on the same disk text.
    const r = ok(w.apply(base, [{ kind: 'add', collection: 'entities', annotation: entity('e-2', 6, 9) }], CONTEXT));
    assert.strictEqual(parseSidecar(r.text).value.entities.length, 2);
  });

  it('removing an id that is not there is a no-op', () => {
    const w = new SidecarWriter();
    const base = serializeSidecar(generateAnnotations(DOC, 5, 9));
    assert.strictEqual(ok(w.apply(base, [{ kind: 'remove', id: 'e-nope' }], CONTEXT)).text, base);
  });

  it('keeps CRLF line endings of a sidecar checked out on Windows', () => {
    const crlf = serializeSidecar(generateAnnotations(DOC, 10, 2)).replace(/\n/g, '\r\n');
    const w = new SidecarWriter();
    const r = ok(w.apply(crlf, [{ kind: 'add', collection: 'entities', annotation: entity('e-crlf', 77, 80) }, { kind: 'update', id: 'e-0000000003', set: { note: 'x' } }, { kind: 'header', textHash: 'sha256:' + 'c'.repeat(64) }], CONTEXT));
    assert.ok(!/[^\r]\n/.test(r.text), 'every line ends in CRLF');
    const p = parseSidecar(r.text, { documentText: DOC });
    assert.ok(p.value.entities.some((e) => e.id === 'e-crlf'));
    assert.strictEqual(p.problems.filter((x) => x.severity !== 'info').length, 0, JSON.stringify(p.problems));
  });

  it('an empty or comment-only sidecar gets a header, comments kept', () => {
    const w = new SidecarWriter();
    const r = ok(w.apply('# to do: annotate this one\n', [{ kind: 'add', collection: 'entities', annotation: entity('e-1', 0, 5) }], CONTEXT));
    assert.ok(r.text.startsWith('# to do: annotate this one\n'));
    const p = parseSidecar(r.text, { documentText: DOC });
    assert.ok(p.writable);
    assert.strictEqual(p.value.entities.length, 1);
  });

  it('writes layouts it cannot splice through the yaml Document API, comments kept', () => {
    const flow = `format: corpus-annotator
version: 1
document: x.txt
textHash: sha256:${'0'.repeat(64)}
offsets: codepoint
# flow style, written by another tool
entities: [{id: e-flow, type: location, text: ${JSON.stringify(DOC.slice(0, 8))}, start: 0, end: 8}]
facts:
  - &f1
    id: f-anchor
    text: ${JSON.stringify(DOC.slice(0, 8))}
    start: 0
    end: 8
    note: |
      multi-line
      note
`;
    const w = new SidecarWriter();
    const r = ok(w.apply(flow, [{ kind: 'add', collection: 'entities', annotation: entity('e-new', 10, 19) }, { kind: 'update', id: 'f-anchor', set: { predicate: 'p' } }], CONTEXT));
    assert.ok(r.text.includes('# flow style, written by another tool'));
    const p = parseSidecar(r.text, { documentText: DOC });
    assert.deepStrictEqual(p.value.entities.map((e) => e.id), ['e-flow', 'e-new']);
    assert.strictEqual(p.value.facts[0].predicate, 'p');
    assert.strictEqual(p.value.facts[0].note, 'multi-line\nnote\n');
  });

  it('edits hand-written layouts (other indentation, quoting, block scalars) by splicing', () => {
    const hand = `format: corpus-annotator
version: 1
document: 'x.txt'
textHash: sha256:${'0'.repeat(64)}
offsets: codepoint
entities:
- id: 'e-single'
  type: location
  text: ${JSON.stringify(DOC.slice(0, 8))}
  start: 0
  end: 8
  note: |
    a block
    scalar
  extra:
    nested: map
- id: e-second
  type: person
  text: ${JSON.stringify(DOC.slice(10, 19))}
  start: 10
  end: 19
`;
    const w = new SidecarWriter();
    const r = ok(w.apply(hand, [{ kind: 'update', id: 'e-single', set: { type: 'event', entity: 'x' } }, { kind: 'add', collection: 'entities', annotation: entity('e-third', 30, 40) }, { kind: 'update', id: 'e-second', set: { start: 100, end: 109, text: DOC.slice(100, 109) } }], CONTEXT));
    assert.ok(r.text.includes('  note: |\n    a block\n    scalar\n  extra:\n    nested: map\n'), r.text);
    assert.ok(r.text.includes("- id: 'e-single'\n  type: event\n"), r.text);
    const p = parseSidecar(r.text);
    assert.deepStrictEqual(p.value.entities.map((e) => [e.id, e.start]), [['e-single', 0], ['e-third', 30], ['e-second', 100]]);
    assert.strictEqual(p.value.entities[0].entity, 'x');
  });

  it('on canonical files, every write equals the canonical serialisation (random change sequences)', () => {
    const base = generateAnnotations(DOC, 40, 11, 0.25);
    const words = [...DOC.matchAll(/\p{L}+/gu)].map((m) => [m.index!, m.index! + m[0].length] as const);
    const types = ['person', 'location', 'event', 'date'];
    type Op = { op: 'add' | 'remove' | 'retype' | 'move' | 'note' | 'status'; n: number; m: number };
    const opArb = fc.record({ op: fc.constantFrom<Op['op']>('add', 'remove', 'retype', 'move', 'note', 'status'), n: fc.nat(), m: fc.nat() });
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), fc.boolean(), (ops, reparse) => {
        const w = new SidecarWriter();
        let text = serializeSidecar(base);
        const model: SidecarData = { header: { ...base.header }, entities: [...base.entities], facts: [...base.facts] };
        let k = 0;
        for (const o of ops) {
          const all = [...model.entities, ...model.facts];
          let change: SidecarChange;
          if (o.op === 'add' || all.length === 0) {
            const [s, e] = words[o.n % words.length];
            const isFact = o.m % 3 === 0;
            const a = { id: `x-${k++}`, ...makeAnchor(DOC, s, e) };
            change = isFact ? { kind: 'add', collection: 'facts', annotation: { ...a, predicate: 'p' } as FactAnnotation } : { kind: 'add', collection: 'entities', annotation: { ...a, type: types[o.m % types.length] } };
          } else {
            const target = all[o.n % all.length];
            const isEntity = model.entities.includes(target as EntityAnnotation);
            if (o.op === 'remove') change = { kind: 'remove', id: target.id };
            else if (o.op === 'retype') change = isEntity ? { kind: 'update', id: target.id, set: { type: types[o.m % types.length] } } : { kind: 'update', id: target.id, set: { predicate: `p${o.m % 5}` } };
            else if (o.op === 'move') {
              const [s, e] = words[o.m % words.length];
              const a = makeAnchor(DOC, s, e);
              change = { kind: 'update', id: target.id, set: { start: a.start, end: a.end, text: a.text, prefix: a.prefix, suffix: a.suffix } };
            } else if (o.op === 'note') change = { kind: 'update', id: target.id, set: { note: o.m % 2 ? `n${o.m}: "q" # x` : undefined } };
            else change = { kind: 'update', id: target.id, set: { status: (['exact', 'moved', 'orphaned'] as const)[o.m % 3] } };
          }
          // Expected model.
          if (change.kind === 'add') (model[change.collection] as (EntityAnnotation | FactAnnotation)[]).push(change.annotation);
          else if (change.kind === 'remove') {
            const id = change.id;
            model.entities = model.entities.filter((a) => a.id !== id);
            model.facts = model.facts.filter((a) => a.id !== id);
          } else if (change.kind === 'update') {
            const { id, set } = change;
            const upd = <T extends object>(a: T): T => {
              const r = { ...a } as Record<string, unknown>;
              for (const [key, v] of Object.entries(set)) {
                if (v === undefined || (key === 'status' && v === 'exact')) delete r[key];
                else r[key] = v;
              }
              return r as T;
            };
            model.entities = model.entities.map((a) => (a.id === id ? upd(a) : a));
            model.facts = model.facts.map((a) => (a.id === id ? upd(a) : a));
          }
          // Sometimes the disk text is a fresh copy (forces a re-read), usually it is the same text.
          const disk = reparse ? (' ' + text).slice(1) : text;
          if (reparse) w.reset();
          text = ok(w.apply(disk, [change], CONTEXT)).text;
          assert.strictEqual(text, serializeSidecar(model));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('returns the data of the whole file with each write', () => {
    const w = new SidecarWriter();
    const data = generateAnnotations(DOC, 30, 5, 0.3);
    const r = ok(w.apply(serializeSidecar(data), [{ kind: 'remove', id: data.entities[0].id }], CONTEXT));
    assert.strictEqual(r.data.entities.length + r.data.facts.length, 29);
    assert.deepStrictEqual(r.data, parseSidecar(r.text).value);
  });

  it('parse() primes the cache so the first write does not read the file again', () => {
    const w = new SidecarWriter();
    const text = serializeSidecar(generateAnnotations(DOC, 10, 5));
    const p = w.parse(text, { documentText: DOC });
    assert.ok(p.writable);
    const r = ok(w.apply(text, [{ kind: 'remove', id: p.value.entities[0].id }], CONTEXT));
    assert.strictEqual(parseSidecar(r.text).value.entities.length, 9);
  });
});
