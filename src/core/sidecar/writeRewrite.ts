/**
 * The writer's general path: the yaml Document API over the whole file, which preserves comments,
 * for layouts splicing cannot handle (flow collections, anchors, multi-line values, ...); and its
 * own check that every comment and everything the changes did not touch is still there.
 */
import { isMap, isScalar, isSeq, Pair, parseDocument, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';
import { compareAnnotations, keysOf, type Collection, type SidecarChange } from './format';
import { YAML_OPTIONS } from './raw';
import { storedValue } from './entryRules';
import { scalarStyle } from './scalar';
import { YamlValues } from '../yaml/values';
import type { AnyAnnotation } from './validate';
import { normalize } from './writeChecks';
import { COLLECTIONS } from './writeWorking';

function scalarNode(v: string | number): Scalar {
  const s = new Scalar(v);
  s.type = scalarStyle(v) === 'plain' ? Scalar.PLAIN : Scalar.QUOTE_DOUBLE;
  return s;
}

function entryNode(collection: Collection, ann: AnyAnnotation): YAMLMap {
  const m = new YAMLMap();
  const rec = ann as unknown as Record<string, unknown>;
  for (const key of keysOf(collection)) {
    const v = storedValue(key, rec[key]);
    if (v === undefined) continue;
    m.items.push(new Pair(new Scalar(key), scalarNode(v as string | number)));
  }
  return m;
}

function sortKeyOf(node: unknown): AnyAnnotation | undefined {
  if (!isMap(node)) return undefined;
  const start = node.get('start');
  const end = node.get('end');
  const id = node.get('id');
  const type = node.get('type');
  if (typeof start !== 'number' || typeof end !== 'number' || typeof id !== 'string') return undefined;
  return { id, start, end, type: typeof type === 'string' ? type : undefined } as unknown as AnyAnnotation;
}

export function slowApply(text: string, changes: readonly SidecarChange[]): string {
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length) throw new Error('the sidecar is not valid YAML');
  if (!isMap(doc.contents)) throw new Error('the sidecar is not a mapping');
  const map = doc.contents as unknown as YAMLMap<unknown, unknown>;
  const seqOf = (c: Collection): YAMLSeq => {
    const v = map.get(c, true);
    if (isSeq(v)) {
      v.flow = false;
      return v;
    }
    if (v === undefined || v === null || (isScalar(v) && v.value === null)) {
      const s = new YAMLSeq();
      map.set(c, s);
      return s;
    }
    throw new Error(`${c} is not a list`);
  };
  const itemsWithId = (id: string) => {
    const out: { seq: YAMLSeq; node: YAMLMap; collection: Collection }[] = [];
    for (const c of COLLECTIONS) {
      const s = map.get(c, true);
      if (!isSeq(s)) continue;
      for (const node of s.items) if (isMap(node) && node.get('id') === id) out.push({ seq: s, node: node as YAMLMap, collection: c });
    }
    return out;
  };
  for (const ch of changes) {
    if (ch.kind === 'add') {
      const seq = seqOf(ch.collection);
      const ann = normalize(ch.collection, ch.annotation);
      let last = -1;
      seq.items.forEach((n, i) => {
        const k = sortKeyOf(n);
        if (k && compareAnnotations(k, ann) <= 0) last = i;
      });
      seq.items.splice(last + 1, 0, entryNode(ch.collection, ann));
    } else if (ch.kind === 'remove') {
      for (const c of COLLECTIONS) {
        const s = map.get(c, true);
        if (isSeq(s)) s.items = s.items.filter((n) => !(isMap(n) && n.get('id') === ch.id));
      }
    } else if (ch.kind === 'update') {
      for (const { node, collection } of itemsWithId(ch.id)) {
        const order = keysOf(collection);
        for (const key of order) {
          if (!(key in ch.set)) continue;
          const v = storedValue(key, (ch.set as Record<string, unknown>)[key]);
          if (v === undefined) {
            const i = node.items.findIndex((p) => isScalar(p.key) && p.key.value === key);
            if (i < 0) continue;
            // Its end-of-line comment stays, on a line of its own (before the next key, or after the entry).
            const comment = (node.items[i].value as { comment?: string | null } | null)?.comment;
            node.items.splice(i, 1);
            if (comment) {
              const next = node.items[i]?.key as { commentBefore?: string | null } | undefined;
              if (next) next.commentBefore = next.commentBefore ? `${comment}\n${next.commentBefore}` : comment;
              else node.comment = node.comment ? `${comment}\n${node.comment}` : comment;
            }
            continue;
          }
          const existing = node.items.find((p) => isScalar(p.key) && p.key.value === key);
          if (existing) {
            existing.value = scalarNode(v as string | number);
            continue;
          }
          const ki = order.indexOf(key);
          let at = 0;
          node.items.forEach((p, i) => {
            const gi = isScalar(p.key) ? order.indexOf(String(p.key.value)) : -1;
            if (gi >= 0 && gi < ki) at = i + 1;
          });
          node.items.splice(at, 0, new Pair(new Scalar(key), scalarNode(v as string | number)));
        }
      }
    } else if (ch.kind === 'header') {
      map.set('textHash', scalarNode(ch.textHash));
    }
  }
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}

/** Comment lines as yaml attaches them, trimmed, sorted (a multiset). */
function commentLines(text: string): string[] {
  const doc = parseDocument(text, YAML_OPTIONS);
  const out: string[] = [];
  const add = (c: string | null | undefined) => {
    if (c) for (const l of c.split(/\r\n|\r|\n/)) if (l.trim()) out.push(l.trim());
  };
  add(doc.commentBefore);
  add(doc.comment);
  visit(doc, {
    Node(_, n) {
      add((n as { commentBefore?: string | null }).commentBefore);
      add((n as { comment?: string | null }).comment);
    },
  });
  return out.sort();
}

/**
 * The general path's own check: every comment is still there and everything the changes did not
 * touch reads back the same. Otherwise the write is refused rather than losing anything.
 */
export function verifyRewrite(before: string, after: string, changes: readonly SidecarChange[]): void {
  const a = commentLines(after);
  let j = 0;
  for (const c of commentLines(before)) {
    while (j < a.length && a[j] < c) j++;
    if (j >= a.length || a[j] !== c) throw new Error(`a comment would be changed: # ${c.slice(0, 60)}`);
    j++;
  }
  const touched = new Set<string>();
  for (const ch of changes) {
    if (ch.kind === 'add') touched.add(ch.annotation.id);
    else if (ch.kind === 'remove' || ch.kind === 'update') touched.add(ch.id);
  }
  const header = changes.some((c) => c.kind === 'header');
  const strip = (text: string): string | undefined => {
    const v = new YamlValues(parseDocument(text, YAML_OPTIONS));
    const js = v.value(v.doc.contents);
    if (js.error !== undefined) return undefined;
    const o = { ...(js.value as Record<string, unknown>) };
    if (header) delete o.textHash;
    for (const c of COLLECTIONS) {
      const v = o[c];
      o[c] = Array.isArray(v) ? v.filter((e) => !(e && typeof e === 'object' && touched.has((e as { id?: string }).id ?? ''))).map((e) => JSON.stringify(e)).sort() : v === null || v === undefined ? [] : v;
    }
    return JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));
  };
  const b = strip(before);
  if (b !== undefined && b !== strip(after)) throw new Error('the rewrite would change content it was not asked to change');
}
