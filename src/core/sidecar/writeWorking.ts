/**
 * The writer's working state: a sidecar's text with its raw model (entry spans, field offsets),
 * its entries indexed by id, and whether each collection is in sorted order. Both write paths
 * (splicing and the yaml Document rewrite) and the checks after them work on it.
 */
import { compareAnnotations, type Collection, type SidecarData } from './format';
import type { Problem } from '../problems';
import { restoreLineBreaks, type LineBreak } from './lines';
import type { PosProblem, RawDoc, RawItem } from './raw';
import { checkHeader, checkItem, collectAnnotations, toProblems, type AnyAnnotation } from './validate';

export interface Working {
  /** The text worked on: the file's, with lone CRs read as LFs (same length). */
  text: string;
  /** The text as it is (or will be) on disk, and the line break it is written with. */
  disk: string;
  lineBreak: LineBreak;
  raw: RawDoc;
  ids: Map<string, RawItem[]>;
  sorted: Record<Collection, boolean>;
}

export class Slow extends Error {}

export const STATUSES = new Set(['exact', 'moved', 'orphaned']);
export const COLLECTIONS: Collection[] = ['entities', 'facts'];

export function load(text: string, raw: RawDoc, lineBreak: LineBreak = '\n', disk = restoreLineBreaks(text, lineBreak)): Working {
  const w: Working = { text, disk, lineBreak, raw, ids: new Map(), sorted: { entities: true, facts: true } };
  for (const c of COLLECTIONS) {
    const coll = raw.collections[c];
    if (!coll) continue;
    let prev: AnyAnnotation | undefined;
    for (const item of coll.items) {
      const chk = checkItem(item);
      item.ann = chk.ann;
      item.id = chk.id;
      if (chk.id !== undefined) {
        const list = w.ids.get(chk.id);
        if (list) list.push(item);
        else w.ids.set(chk.id, [item]);
      }
      if (!chk.ann || (prev && compareAnnotations(prev, chk.ann) > 0)) w.sorted[c] = false;
      prev = chk.ann;
    }
  }
  return w;
}

export function dataOf(w: Working): SidecarData {
  const header = checkHeader(w.raw).header;
  const lists = collectAnnotations(w.raw, (item) => ({ ann: item.ann, id: item.id, problems: [] }), undefined);
  return { header, entities: lists.entities, facts: lists.facts };
}

/** Problems that forbid writing this text at all (syntax errors, unknown format/version). */
export function refusal(text: string, raw: RawDoc): Problem[] | undefined {
  const errs: PosProblem[] = raw.errors.filter((p) => p.severity === 'error');
  const head = checkHeader(raw);
  if (!head.understood) errs.push(...head.problems.filter((p) => p.severity === 'error'));
  if (errs.length === 0) return undefined;
  return toProblems(text, errs).map((p) => ({ ...p, message: `Not written: ${p.message}` }));
}

export function problem(message: string, code: string, line = 1, column = 1, annotationId?: string): Problem {
  const p: Problem = { message, severity: 'error', line, column, code };
  if (annotationId !== undefined) p.annotationId = annotationId;
  return p;
}

export function sameData(a: SidecarData, b: SidecarData): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
