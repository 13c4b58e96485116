import * as assert from 'assert';
import fc from 'fast-check';
import { inverseOf } from '../../../src/core/annotations/inverse';
import type { EntityAnnotation, FactAnnotation } from '../../../src/core/model';
import { makeAnchor, serializeSidecar, SidecarWriter, type SidecarChange, type SidecarData, type WriteResult } from '../../../src/core/sidecar';
import { generateAnnotations, seed } from '../sidecar/helpers';

const CONTEXT = { documentName: '000.txt', textHash: 'sha256:' + 'a'.repeat(64) };
const DOC = seed(0);

function ok(r: WriteResult): Extract<WriteResult, { ok: true }> {
  if (!r.ok) assert.fail(JSON.stringify(r.problems));
  return r;
}

function entity(id: string, start: number, end: number, extra: Partial<EntityAnnotation> = {}): EntityAnnotation {
  return { id, type: 'location', ...makeAnchor(DOC, start, end), ...extra };
}

/** Applies `changes` through the real writer, then their inverse: the data must be what it was. */
function roundTrip(before: SidecarData, changes: SidecarChange[]): { after: SidecarData; restored: SidecarData } {
  const text = serializeSidecar(before);
  const inverse = inverseOf(before.entities, before.facts, changes);
  const writer = new SidecarWriter();
  const forward = ok(writer.apply(text, changes, CONTEXT));
  const back = ok(writer.apply(forward.text, inverse, CONTEXT));
  return { after: forward.data, restored: back.data };
}

/** The writer keeps entries in document order; the generator does not: compare as sets. */
function byId<T extends EntityAnnotation | FactAnnotation>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe('annotations: the inverse of a change (undo)', () => {
  const base = generateAnnotations(DOC, 12, 7, 0.25);

  it('removes what was added', () => {
    const added = entity('e-added00001', 0, 5);
    assert.deepStrictEqual(inverseOf(base.entities, base.facts, [{ kind: 'add', collection: 'entities', annotation: added }]), [{ kind: 'remove', id: 'e-added00001' }]);
  });

  it('adds back a removed entity or fact whole, into the collection it came from', () => {
    const e = base.entities[0];
    const f = base.facts[0];
    assert.ok(f, 'the generated sidecar has facts');
    const inverse = inverseOf(base.entities, base.facts, [{ kind: 'remove', id: e.id }, { kind: 'remove', id: f.id }]);
    assert.deepStrictEqual(inverse, [
      { kind: 'add', collection: 'facts', annotation: f },
      { kind: 'add', collection: 'entities', annotation: e },
    ]);
    assert.notStrictEqual((inverse[1] as { annotation: EntityAnnotation }).annotation, e, 'a copy, not the live object');
  });

  it('restores the previous values of updated fields, and absent fields as undefined', () => {
    const e = { ...base.entities[1], note: undefined, entity: 'beijing' };
    const inverse = inverseOf([e], [], [{ kind: 'update', id: e.id, set: { type: 'person', note: 'new', entity: undefined } }]);
    assert.deepStrictEqual(inverse, [{ kind: 'update', id: e.id, set: { type: e.type, note: undefined, entity: 'beijing' } }]);
  });

  it('undoes in reverse order, and skips ids and headers it cannot invert', () => {
    const e = base.entities[2];
    const inverse = inverseOf(base.entities, base.facts, [
      { kind: 'update', id: e.id, set: { note: 'first' } },
      { kind: 'remove', id: 'e-notthere01' },
      { kind: 'header', textHash: CONTEXT.textHash },
      { kind: 'add', collection: 'entities', annotation: entity('e-added00002', 3, 9) },
    ]);
    assert.deepStrictEqual(inverse, [
      { kind: 'remove', id: 'e-added00002' },
      { kind: 'update', id: e.id, set: { note: e.note } },
    ]);
  });

  it('through the real sidecar writer, any sequence of changes followed by its inverse gives the data back', () => {
    const ids = base.entities.map((a) => a.id);
    const factIds = base.facts.map((a) => a.id);
    const change = fc.oneof(
      fc.record({ kind: fc.constant('remove' as const), id: fc.constantFrom(...ids, ...factIds) }),
      fc.record({ kind: fc.constant('update' as const), id: fc.constantFrom(...ids), set: fc.record({ note: fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: undefined }), type: fc.constantFrom('person', 'location', 'event') }, { requiredKeys: [] }) }),
      fc.nat({ max: DOC.length - 20 }).map((s) => ({ kind: 'add' as const, collection: 'entities' as const, annotation: entity(`e-new${s.toString(36).padStart(7, '0')}`, s, s + 6) })),
    );
    fc.assert(
      fc.property(fc.uniqueArray(change, { minLength: 1, maxLength: 6, selector: (c) => ('id' in c ? c.id : c.annotation.id) }), (changes) => {
        const { restored } = roundTrip(base, changes as SidecarChange[]);
        assert.deepStrictEqual(byId(restored.entities), byId(base.entities));
        assert.deepStrictEqual(byId(restored.facts), byId(base.facts));
      }),
      { numRuns: 60 },
    );
  });
});
