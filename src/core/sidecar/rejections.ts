/**
 * The sidecar's optional `rejections` list: suggestions a person turned down, so that a team
 * shares them through git and they are never suggested again (src/core/suggest). An entry is the
 * rejected quote, its type and a short context:
 *
 *   rejections:
 *     - text: Beijing Daxing
 *       type: organization
 *       context: "the airport economic zone of Beijing Daxing International Airport across"
 *
 * The sidecar reader and writer keep unknown top-level keys as they are, so this list lives beside
 * `entities` and `facts` without them knowing: it is read here, and added to by splicing text
 * (nothing else in the file moves).
 */
import { parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import type { Parsed, Problem } from '../problems';
import type { Rejection } from '../suggest/types';
import { MAX_ALIAS_COUNT } from './format';
import type { PosProblem } from './raw';
import { emitScalar } from './scalar';
import { toProblems } from './validate';

const KEY = /(?:^|\n)rejections:/;

/** The rejections of a sidecar; entries that are not a `text` and `type` mapping are reported and skipped. */
export function readRejections(sidecarText: string): Parsed<Rejection[]> {
  if (!KEY.test(sidecarText)) return { value: [], problems: [] };
  const found: PosProblem[] = [];
  const at = (offset: number, message: string) => found.push({ message, severity: 'warning', code: 'bad-rejection', offset });
  const problems = (): Problem[] => toProblems(sidecarText, found);
  let doc;
  try {
    doc = parseDocument(sidecarText, { uniqueKeys: false });
  } catch {
    return { value: [], problems: problems() };
  }
  if (!isMap(doc.contents)) return { value: [], problems: problems() };
  const list = doc.contents.get('rejections', true) as Node | undefined;
  if (!list || (isScalar(list) && list.value === null)) return { value: [], problems: problems() };
  if (!isSeq(list)) {
    at(list.range?.[0] ?? 0, '"rejections" must be a list of entries with text and type; ignored.');
    return { value: [], problems: problems() };
  }
  const out: Rejection[] = [];
  for (const item of list.items as Node[]) {
    const js = isMap(item) ? (item.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>) : undefined;
    if (!js || typeof js.text !== 'string' || typeof js.type !== 'string' || js.text.length === 0) {
      at(item?.range?.[0] ?? list.range?.[0] ?? 0, 'A rejection needs a "text" and a "type" (strings); this entry is ignored.');
      continue;
    }
    const r: Rejection = { text: js.text, type: js.type };
    if (typeof js.context === 'string') r.context = js.context;
    out.push(r);
  }
  return { value: out, problems: problems() };
}

/** The entry's YAML lines at `indent`. */
function renderRejection(r: Rejection, indent: string): string {
  const lines = [`${indent}- text: ${emitScalar(r.text)}`, `${indent}  type: ${emitScalar(r.type)}`];
  if (r.context !== undefined) lines.push(`${indent}  context: ${emitScalar(r.context)}`);
  return lines.join('\n') + '\n';
}

/**
 * `sidecarText` with `r` added at the end of its `rejections` list (created at the end of the file
 * when absent). Unchanged when the same text and type are already rejected. Returns undefined when
 * the existing `rejections` value is not a list (a person's hand edit is not overwritten).
 */
export function addRejection(sidecarText: string, r: Rejection): string | undefined {
  const existing = readRejections(sidecarText);
  if (existing.value.some((x) => x.text === r.text && x.type === r.type)) return sidecarText;
  const body = sidecarText.length === 0 || sidecarText.endsWith('\n') ? sidecarText : sidecarText + '\n';
  if (!KEY.test(body)) return `${body}rejections:\n${renderRejection(r, '  ')}`;
  const doc = parseDocument(body, { uniqueKeys: false });
  if (!isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'rejections');
  const value = pair?.value as Node | undefined;
  const keyEnd = (pair?.key as Node | undefined)?.range?.[1];
  if (keyEnd === undefined) return undefined;
  const lineAfter = (pos: number) => {
    const nl = body.indexOf('\n', pos);
    return nl < 0 ? body.length : nl + 1;
  };
  if (!value || (isScalar(value) && value.value === null) || (isSeq(value) && value.items.length === 0 && value.flow)) {
    // `rejections:` with nothing, or `rejections: []`: the list starts on the next line.
    const from = value?.range ? value.range[0] : keyEnd + 1;
    const to = value?.range ? lineAfter(value.range[1]) : lineAfter(keyEnd);
    return `${body.slice(0, Math.min(from, lineAfter(keyEnd) - 1)).replace(/ +$/, '')}\n${renderRejection(r, '  ')}${body.slice(to)}`;
  }
  if (!isSeq(value) || value.flow) return undefined;
  const first = value.items[0] as Node | undefined;
  const firstStart = first?.range?.[0] ?? value.range![0];
  const lineStart = body.lastIndexOf('\n', firstStart - 1) + 1;
  const indent = /^ */.exec(body.slice(lineStart))![0];
  // After the list's last line of content.
  let end = value.range![1];
  while (end > 0 && /\s/.test(body[end - 1])) end--;
  const insertAt = lineAfter(end);
  return body.slice(0, insertAt) + renderRejection(r, indent) + body.slice(insertAt);
}
