/**
 * Checking a batch of changes against the sidecar before touching anything, so a batch is
 * applied whole or not at all; and the form an added annotation is written in.
 */
import type { Problem } from '../problems';
import { keysOf, REQUIRED_ENTITY_KEYS, REQUIRED_FACT_KEYS, type Collection, type SidecarChange } from './format';
import { isWritten } from './entryRules';
import { toProblems, type AnyAnnotation } from './validate';
import { COLLECTIONS, problem, STATUSES, type Working } from './writeWorking';

function checkValue(collection: Collection, key: string, v: unknown): string | undefined {
  if (!keysOf(collection).includes(key) || key === 'id') return `"${key}" is not a field of ${collection}`;
  const required: readonly string[] = collection === 'entities' ? REQUIRED_ENTITY_KEYS : REQUIRED_FACT_KEYS;
  if (v === undefined) return required.includes(key) ? `"${key}" is required and cannot be removed` : undefined;
  if (key === 'start' || key === 'end') return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? undefined : `"${key}" must be a non-negative integer`;
  if (key === 'status') return typeof v === 'string' && STATUSES.has(v) ? undefined : '"status" must be exact, moved or orphaned';
  if (typeof v !== 'string') return `"${key}" must be a string`;
  if (key === 'type' && v.trim() === '') return '"type" must not be empty';
  return undefined;
}

function checkAnnotation(collection: Collection, a: AnyAnnotation): string | undefined {
  if (!a || typeof a !== 'object') return 'the annotation must be an object';
  if (typeof a.id !== 'string' || a.id.trim() === '') return '"id" must be a non-empty string';
  const rec = a as unknown as Record<string, unknown>;
  const required: readonly string[] = collection === 'entities' ? REQUIRED_ENTITY_KEYS : REQUIRED_FACT_KEYS;
  for (const key of required) if (rec[key] === undefined || rec[key] === null) return `missing "${key}"`;
  for (const key of keysOf(collection)) {
    if (key === 'id' || rec[key] === undefined) continue;
    const err = checkValue(collection, key, rec[key]);
    if (err) return err;
  }
  if (a.start > a.end) return '"start" is after "end"';
  return undefined;
}

/** The annotation with only the format's keys, `status: exact` dropped. */
export function normalize(collection: Collection, a: AnyAnnotation): AnyAnnotation {
  const rec = a as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keysOf(collection)) {
    const v = rec[key];
    if (!isWritten(key, v)) continue;
    out[key] = v;
  }
  return out as unknown as AnyAnnotation;
}

export function precheck(w: Working, changes: readonly SidecarChange[]): Problem[] {
  const problems: Problem[] = [];
  const sim = new Map<string, { collection: Collection; start?: number; end?: number }>();
  for (const [id, items] of w.ids) sim.set(id, { collection: items[0].collection, start: items[0].ann?.start, end: items[0].ann?.end });
  changes.forEach((ch, i) => {
    const where = `change ${i + 1}`;
    if (!ch || typeof ch !== 'object') {
      problems.push(problem(`${where}: not a change`, 'invalid-change'));
      return;
    }
    switch (ch.kind) {
      case 'add': {
        if (!COLLECTIONS.includes(ch.collection)) {
          problems.push(problem(`${where}: unknown collection ${String(ch.collection)}`, 'invalid-change'));
          return;
        }
        const err = checkAnnotation(ch.collection, ch.annotation);
        if (err) {
          problems.push(problem(`${where}: invalid annotation: ${err}`, 'invalid-change', 1, 1, ch.annotation?.id));
          return;
        }
        const coll = w.raw.collections[ch.collection];
        if (coll?.kind === 'other') {
          const [p] = toProblems(w.text, [{ message: `Not written: "${ch.collection}" is not a list; fix it by hand first.`, severity: 'error', code: 'wrong-type', offset: coll.valueOffset }]);
          problems.push(p);
          return;
        }
        if (sim.has(ch.annotation.id)) {
          problems.push(problem(`${where}: an annotation with id "${ch.annotation.id}" already exists`, 'duplicate-id', 1, 1, ch.annotation.id));
          return;
        }
        sim.set(ch.annotation.id, { collection: ch.collection, start: ch.annotation.start, end: ch.annotation.end });
        return;
      }
      case 'remove':
        sim.delete(ch.id);
        return;
      case 'update': {
        const cur = sim.get(ch.id);
        if (!cur) {
          problems.push(problem(`${where}: no annotation with id "${ch.id}" in the sidecar (it may have been removed on disk)`, 'unknown-id', 1, 1, ch.id));
          return;
        }
        const set = (ch.set ?? {}) as Record<string, unknown>;
        for (const key of Object.keys(set)) {
          const err = checkValue(cur.collection, key, set[key]);
          if (err) {
            problems.push(problem(`${where}: ${err}`, 'invalid-change', 1, 1, ch.id));
            return;
          }
        }
        const start = 'start' in set ? (set.start as number) : cur.start;
        const end = 'end' in set ? (set.end as number) : cur.end;
        if (start !== undefined && end !== undefined && start > end) {
          problems.push(problem(`${where}: "start" would be after "end"`, 'invalid-change', 1, 1, ch.id));
          return;
        }
        cur.start = start;
        cur.end = end;
        return;
      }
      case 'header': {
        if (typeof ch.textHash !== 'string') {
          problems.push(problem(`${where}: textHash must be a string`, 'invalid-change'));
          return;
        }
        const f = w.raw.fields.find((x) => x.key === 'textHash');
        if (f && !f.replaceable) {
          const [p] = toProblems(w.text, [{ message: 'Not written: "textHash" is not a plain value; fix it by hand first.', severity: 'error', code: 'wrong-type', offset: f.keyOffset }]);
          problems.push(p);
        }
        return;
      }
      default:
        problems.push(problem(`${where}: unknown change kind`, 'invalid-change'));
    }
  });
  return problems;
}
