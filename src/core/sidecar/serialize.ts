/** Canonical, deterministic sidecar text. */
import type { EntityAnnotation, FactAnnotation } from '../model';
import { compareAnnotations, keysOf, SIDECAR_FORMAT, SIDECAR_VERSION, type Collection, type SidecarData, type SidecarHeader } from './format';
import { storedValue } from './entryRules';
import { emitScalar } from './scalar';

export const HEADER_COMMENT = [
  '# Corpus Annotator sidecar, format version 1 (see docs/sidecar-format.md). Safe to edit by hand:',
  '# offsets count Unicode code points in the document text with any BOM removed and LF line endings.',
];

type AnyAnnotation = EntityAnnotation | FactAnnotation;

/**
 * One entry as a block: `- key: value` lines in the collection's fixed key order. `dash` is the
 * column of the `-`, `keyCol` the column of the keys; absent optional keys and `status: exact`
 * are omitted. Keys not part of the format are ignored here (the writer keeps them on disk).
 */
export function renderEntry(annotation: AnyAnnotation, collection: Collection, dash = 2, keyCol = dash + 2, eol = '\n'): string {
  const rec = annotation as unknown as Record<string, unknown>;
  const first = ' '.repeat(dash) + '-' + ' '.repeat(Math.max(1, keyCol - dash - 1));
  const indent = ' '.repeat(keyCol);
  let out = '';
  let firstLine = true;
  for (const key of keysOf(collection)) {
    const v = storedValue(key, rec[key]);
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    out += (firstLine ? first : indent) + key + ': ' + emitScalar(v) + eol;
    firstLine = false;
  }
  return out;
}

export function renderHeader(header: SidecarHeader, eol = '\n'): string {
  return (
    `format: ${emitScalar(header.format || SIDECAR_FORMAT)}${eol}` +
    `version: ${emitScalar(header.version ?? SIDECAR_VERSION)}${eol}` +
    `document: ${emitScalar(header.document ?? '')}${eol}` +
    `textHash: ${emitScalar(header.textHash ?? '')}${eol}` +
    `offsets: codepoint${eol}`
  );
}

/** Deterministic canonical text: header comment, header, then entries sorted by start, end, type, id. */
export function serializeSidecar(data: SidecarData): string {
  const parts: string[] = [...HEADER_COMMENT.map((l) => l + '\n'), renderHeader(data.header)];
  for (const collection of ['entities', 'facts'] as const) {
    const list = [...(data[collection] as AnyAnnotation[])].sort(compareAnnotations);
    if (list.length === 0) {
      parts.push(`${collection}: []\n`);
      continue;
    }
    parts.push(`${collection}:\n`);
    for (const a of list) parts.push(renderEntry(a, collection));
  }
  return parts.join('');
}
