import * as assert from 'assert';
import { curationChanges, findDisagreements } from '../../../src/core/agreement';
import type { EntityAnnotation } from '../../../src/core/model';

const TEXT = 'Li Wei visited Beijing and Tianjin in 2023.';
const e = (id: string, start: number, end: number, type: string, author?: string): EntityAnnotation => ({ id, type, start, end, text: Array.from(TEXT).slice(start, end).join(''), prefix: '', suffix: '', author });

describe('agreement: disagreements and curation', () => {
  const A = [e('e-a1', 0, 6, 'person', 'wang'), e('e-a2', 15, 22, 'location', 'wang'), e('e-a3', 27, 34, 'location', 'wang')];
  const B = [e('e-b1', 0, 6, 'person', 'li'), e('e-b2', 15, 22, 'organization', 'li'), e('e-b3', 27, 37, 'location', 'li'), e('e-b4', 38, 42, 'date', 'li')];

  it('finds agreements and every kind of disagreement', () => {
    const d = findDisagreements({ document: 'd', text: TEXT, entities: A }, { document: 'd', text: TEXT, entities: B });
    assert.deepStrictEqual(d.agreements.map((p) => [p.a.id, p.b.id]), [['e-a1', 'e-b1']]);
    assert.deepStrictEqual(d.disagreements.map((x) => [x.kind, x.a?.id, x.b?.id]), [
      ['type', 'e-a2', 'e-b2'],
      ['boundaries', 'e-a3', 'e-b3'],
      ['onlyB', undefined, 'e-b4'],
    ]);
  });

  it('re-anchors B onto A when the texts differ', () => {
    const bText = 'Mr ' + TEXT;
    const moved = B.map((x) => ({ ...x, start: x.start + 3, end: x.end + 3, prefix: '', suffix: '' }));
    const d = findDisagreements({ document: 'd', text: TEXT, entities: A }, { document: 'd', text: bText, entities: moved });
    assert.deepStrictEqual(d.agreements.map((p) => p.b.start), [0]);
  });

  it('accept A on a working tree holding both versions removes B and keeps A', () => {
    const changes = curationChanges([...A, ...B], [A[1]], [B[1]], () => 'e-new');
    assert.deepStrictEqual(changes, [{ kind: 'remove', id: 'e-b2' }]);
  });

  it('accept B into a working tree without either adds B with its author; accept both of one base entry adds a second id', () => {
    assert.deepStrictEqual(curationChanges([], [B[1]], [A[1]], () => 'e-new'), [{ kind: 'add', collection: 'entities', annotation: B[1] }]);
    const sameId = { ...B[1], id: 'e-a2' };
    const changes = curationChanges([A[1]], [A[1], sameId], [], () => 'e-new');
    assert.deepStrictEqual(changes, [{ kind: 'add', collection: 'entities', annotation: { ...sameId, id: 'e-new' } }]);
  });

  it('accept B of an entry both sides edited (same id) updates it in place', () => {
    const theirs = { ...A[1], type: 'organization', author: 'li' };
    assert.deepStrictEqual(curationChanges([A[1]], [theirs], [A[1]], () => 'e-new'), [{ kind: 'update', id: 'e-a2', set: { type: 'organization', author: 'li' } }]);
  });

  it('reject both removes whichever version is present', () => {
    assert.deepStrictEqual(curationChanges([A[0], B[3]], [], [B[3]], () => 'e-new'), [{ kind: 'remove', id: 'e-b4' }]);
  });
});
