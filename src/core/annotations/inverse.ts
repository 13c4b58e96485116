import type { EntityAnnotation, FactAnnotation } from '../model';
import type { SidecarChange } from '../sidecar/format';

/**
 * The changes that undo `changes`, given a document's annotations as they were before them.
 * Applied in order after the forward changes, they restore every annotation they touched: an
 * added one is removed, a removed one is added back whole (to the collection it came from), an
 * updated one gets its previous values back (`undefined` where the field was absent, which
 * removes it). Header changes and changes to ids the document does not hold have no inverse.
 */
export function inverseOf(entities: readonly EntityAnnotation[], facts: readonly FactAnnotation[], changes: readonly SidecarChange[]): SidecarChange[] {
  const entityById = new Map(entities.map((a) => [a.id, a] as const));
  const factById = new Map(facts.map((a) => [a.id, a] as const));
  const inverse: SidecarChange[] = [];
  for (const c of changes) {
    if (c.kind === 'add') inverse.unshift({ kind: 'remove', id: c.annotation.id });
    else if (c.kind === 'remove') {
      const fact = factById.get(c.id);
      const entity = entityById.get(c.id);
      if (fact) inverse.unshift({ kind: 'add', collection: 'facts', annotation: { ...fact } });
      else if (entity) inverse.unshift({ kind: 'add', collection: 'entities', annotation: { ...entity } });
    } else if (c.kind === 'update') {
      const old = (factById.get(c.id) ?? entityById.get(c.id)) as unknown as Record<string, unknown> | undefined;
      if (!old) continue;
      const set: Record<string, unknown> = {};
      for (const k of Object.keys(c.set)) set[k] = old[k];
      inverse.unshift({ kind: 'update', id: c.id, set: set as never });
    }
  }
  return inverse;
}
