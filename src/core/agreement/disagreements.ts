/**
 * Curation: the differences between two annotators on one document, and the sidecar changes that
 * write a curator's decision into the working tree. Pure.
 */
import { reanchor } from '../anchoring/reanchor';
import type { EntityAnnotation } from '../model';
import type { SidecarChange } from '../sidecar/format';
import type { SourceDocument } from './inputs';

export type DisagreementKind = 'onlyA' | 'onlyB' | 'type' | 'boundaries';

export interface Disagreement {
  document: string;
  kind: DisagreementKind;
  a?: EntityAnnotation;
  b?: EntityAnnotation;
  /** The stretch both versions cover (code points). */
  start: number;
  end: number;
}

export interface DocumentDifferences {
  document: string;
  /** Pairs with the same boundaries and type. */
  agreements: { a: EntityAnnotation; b: EntityAnnotation }[];
  disagreements: Disagreement[];
}

const overlap = (x: EntityAnnotation, y: EntityAnnotation) => x.start < y.end && y.start < x.end;

/** A's and B's entities on one document (B re-anchored onto A's text when the texts differ). */
export function findDisagreements(a: SourceDocument, b: SourceDocument): DocumentDifferences {
  const bs = b.text === a.text ? [...b.entities] : reanchor(a.text, b.entities, { oldText: b.text }).annotations.filter((e) => e.status !== 'orphaned');
  const as = [...a.entities].sort((x, y) => x.start - y.start || x.end - y.end);
  bs.sort((x, y) => x.start - y.start || x.end - y.end);
  const usedA = new Uint8Array(as.length);
  const usedB = new Uint8Array(bs.length);
  const agreements: DocumentDifferences['agreements'] = [];
  const disagreements: Disagreement[] = [];
  const pass = (test: (x: EntityAnnotation, y: EntityAnnotation) => boolean, take: (x: EntityAnnotation, y: EntityAnnotation) => void) => {
    for (let i = 0; i < as.length; i++) {
      if (usedA[i]) continue;
      for (let j = 0; j < bs.length; j++) {
        if (usedB[j] || !test(as[i], bs[j])) continue;
        usedA[i] = usedB[j] = 1;
        take(as[i], bs[j]);
        break;
      }
    }
  };
  const same = (x: EntityAnnotation, y: EntityAnnotation) => x.start === y.start && x.end === y.end;
  const pair = (kind: DisagreementKind) => (x: EntityAnnotation, y: EntityAnnotation) =>
    disagreements.push({ document: a.document, kind, a: x, b: y, start: Math.min(x.start, y.start), end: Math.max(x.end, y.end) });
  pass((x, y) => same(x, y) && x.type === y.type, (x, y) => agreements.push({ a: x, b: y }));
  pass(same, pair('type'));
  pass(overlap, pair('boundaries'));
  as.forEach((x, i) => usedA[i] || disagreements.push({ document: a.document, kind: 'onlyA', a: x, start: x.start, end: x.end }));
  bs.forEach((y, j) => usedB[j] || disagreements.push({ document: a.document, kind: 'onlyB', b: y, start: y.start, end: y.end }));
  disagreements.sort((x, y) => x.start - y.start || x.end - y.end);
  return { document: a.document, agreements, disagreements };
}

const sameSpan = (x: EntityAnnotation, y: EntityAnnotation) => x.start === y.start && x.end === y.end && x.type === y.type;

/**
 * The changes that make the working tree's entities hold `keep` and not `drop`: an entity with the
 * same id is updated to the kept version (or removed), one with the same span and type counts as
 * present; a kept version not present is added with its author, under a new id if its id is taken.
 */
export function curationChanges(working: readonly EntityAnnotation[], keep: readonly EntityAnnotation[], drop: readonly EntityAnnotation[], newId: () => string): SidecarChange[] {
  const changes: SidecarChange[] = [];
  const byId = new Map(working.map((e) => [e.id, e]));
  const keptIds = new Set<string>();
  const removed = new Set<string>();
  for (const k of keep) {
    const w = byId.get(k.id);
    if (w && !keptIds.has(k.id)) {
      keptIds.add(k.id);
      const { id: _id, ...fields } = k;
      void _id;
      const set: Record<string, unknown> = {};
      for (const key of ['type', 'text', 'start', 'end', 'prefix', 'suffix', 'entity', 'note', 'author', 'created', 'status'] as const) {
        if ((w as unknown as Record<string, unknown>)[key] !== (fields as Record<string, unknown>)[key]) set[key] = (fields as Record<string, unknown>)[key];
      }
      if (Object.keys(set).length) changes.push({ kind: 'update', id: w.id, set });
      continue;
    }
    const present = working.find((e) => sameSpan(e, k) && !removed.has(e.id));
    if (present) {
      keptIds.add(present.id);
      continue;
    }
    const id = byId.has(k.id) || keptIds.has(k.id) ? newId() : k.id;
    keptIds.add(id);
    changes.push({ kind: 'add', collection: 'entities', annotation: { ...k, id } });
  }
  for (const d of drop) {
    for (const w of working) {
      if (keptIds.has(w.id) || removed.has(w.id)) continue;
      if (w.id === d.id || sameSpan(w, d)) {
        removed.add(w.id);
        changes.push({ kind: 'remove', id: w.id });
      }
    }
  }
  return changes;
}
