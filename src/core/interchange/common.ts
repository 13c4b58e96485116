/** Helpers the exporters and importers share: what is exported, links, type names, colours. */
import type { CanonicalEntity, EntityAnnotation, EntityType, FactAnnotation } from '../model';
import { cpLength } from '../text/codepoints';
import { normalizeText } from '../text/normalize';
import type { Dropped, ExportDocument, ImportedLink } from './types';

export const WIKIDATA_ENTITY = 'http://www.wikidata.org/entity/';
const QID_RE = /^Q[1-9][0-9]*$/;

export function isQid(s: string | undefined): s is string {
  return s !== undefined && QID_RE.test(s);
}

function byPosition(a: { start: number; end: number; id: string }, b: { start: number; end: number; id: string }): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The entities an export writes, in document order. Orphaned annotations are left out and
 * reported: their quote is no longer in the text, so their offsets would point at other words.
 */
export function exportableEntities(doc: ExportDocument, dropped: Dropped[]): EntityAnnotation[] {
  const out: EntityAnnotation[] = [];
  for (const a of doc.entities) {
    if (a.status === 'orphaned') dropped.push({ document: doc.path, text: a.text, reason: 'orphaned: its quote is no longer in the document, so it has no place to export' });
    else out.push(a);
  }
  return out.sort(byPosition);
}

/** Facts, for formats that carry them; otherwise each is reported. */
export function exportableFacts(doc: ExportDocument, dropped: Dropped[], format: string | undefined): FactAnnotation[] {
  const out: FactAnnotation[] = [];
  for (const f of doc.facts) {
    if (format !== undefined) dropped.push({ document: doc.path, text: f.text, reason: `a recorded fact: ${format} has no place for facts` });
    else if (f.status === 'orphaned') dropped.push({ document: doc.path, text: f.text, reason: 'orphaned fact: its quote is no longer in the document' });
    else out.push(f);
  }
  return out.sort(byPosition);
}

/** A linked entity's identifiers: its registry id, and its external id when the registry has one. */
export function linkOf(a: EntityAnnotation, registry: ReadonlyMap<string, CanonicalEntity>): { id: string; externalId?: string; name?: string } | undefined {
  if (!a.entity) return undefined;
  const e = registry.get(a.entity);
  return e ? { id: e.id, externalId: e.externalId, name: e.name } : { id: a.entity };
}

export function registryMap(registry: readonly CanonicalEntity[]): Map<string, CanonicalEntity> {
  return new Map(registry.map((e) => [e.id, e]));
}

/** A knowledge-base id as spaCy's entity linker uses it: the external id, else the registry id. */
export function kbIdOf(link: { id: string; externalId?: string } | undefined): string | undefined {
  return link ? (link.externalId ?? link.id) : undefined;
}

/** Reads a knowledge-base id back: a QID is an external id; anything else is resolved on import (registry id, then external id). */
export function linkFromKbId(kb: string): ImportedLink {
  return isQid(kb) ? { externalId: kb } : { id: kb };
}

/** Line breaks and tabs as spaces: for line-based formats. */
export function oneLine(s: string): string {
  return s.replace(/[\t\r\n\u2028\u2029]+/g, ' ');
}

/** A type id for a type name the corpus does not know: letters, digits, `_`, `-`, `.`; lower case. */
export function typeIdFor(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .toLowerCase();
  return id || 'type';
}

/**
 * Colours for types an import adds: light-theme text colours and lighter dark-theme ones, the
 * same contrast rule as the default types (4.5:1 on #ffffff and #1e1e1e).
 */
const NEW_TYPE_COLORS: EntityType['color'][] = [
  { light: '#0b6e79', dark: '#7fd8e0' },
  { light: '#7a4f01', dark: '#f2c66d' },
  { light: '#4a4fa8', dark: '#aeb2ff' },
  { light: '#8e2d6b', dark: '#f4a6d7' },
  { light: '#3d6b1f', dark: '#b5e08c' },
  { light: '#9c3d00', dark: '#ffb38a' },
  { light: '#38598a', dark: '#a8c7fa' },
  { light: '#6b5300', dark: '#e8d36c' },
];

/** The first palette colour no existing type uses (cycling when all are taken). */
export function colorForNewType(existing: readonly EntityType[]): EntityType['color'] {
  const used = new Set(existing.map((t) => t.color.light.toLowerCase()));
  const free = NEW_TYPE_COLORS.find((c) => !used.has(c.light));
  return { ...(free ?? NEW_TYPE_COLORS[existing.length % NEW_TYPE_COLORS.length]) };
}

/** A relative path's parts percent-encoded, for IRIs. */
export function pathToIri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function iriToPath(iri: string): string {
  const noQuery = iri.replace(/[?#].*$/, '').replace(/^file:\/\/[^/]*/, '');
  try {
    return noQuery.split('/').map(decodeURIComponent).join('/');
  } catch {
    return noQuery;
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Offsets counted on a file's own text (a BOM and `\r` count; `utf16` counts UTF-16 code units, as
 * JavaScript does, `codepoint` code points, as Python does) mapped onto the normalised text.
 */
export function offsetMapper(raw: string, unit: 'codepoint' | 'utf16'): { text: string; map(offset: number): number; units: number } {
  const hasBom = raw.charCodeAt(0) === 0xfeff;
  const hasCr = raw.includes('\r');
  let astral = false;
  if (unit === 'utf16') for (let i = 0; i < raw.length && !astral; i++) astral = (raw.charCodeAt(i) & 0xfc00) === 0xd800;
  const text = hasBom || hasCr ? normalizeText(raw) : raw;
  if (!hasBom && !hasCr && !astral) {
    const units = unit === 'utf16' ? raw.length : cpLength(raw);
    return { text, units, map: (o) => Math.max(0, Math.min(o, units)) };
  }
  // table[u] = normalised code point offset of raw unit offset u.
  const table: number[] = [];
  let n = 0;
  for (let i = 0; i < raw.length; ) {
    const c = raw.charCodeAt(i);
    const pair = (c & 0xfc00) === 0xd800 && i + 1 < raw.length && (raw.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const width = unit === 'utf16' && pair ? 2 : 1;
    table.push(n);
    if (width === 2) table.push(n); // an offset inside a surrogate pair rounds down
    const dropped = (i === 0 && c === 0xfeff) || (c === 13 && raw.charCodeAt(i + 1) === 10);
    if (!dropped) n++;
    i += pair ? 2 : 1;
  }
  table.push(n);
  const units = table.length - 1;
  return { text, units, map: (o) => table[Math.max(0, Math.min(o, units))] };
}

/** Each non-blank line of a JSONL file parsed; a line that is not JSON is reported with its number. */
export function jsonLines(file: { path: string; content: string }, skipped: { file: string; reason: string }[]): { line: number; value: unknown }[] {
  const out: { line: number; value: unknown }[] = [];
  const lines = file.content.replace(/^\ufeff/, '').split(/\r?\n/);
  lines.forEach((l, i) => {
    if (l.trim() === '') return;
    try {
      out.push({ line: i + 1, value: JSON.parse(l) });
    } catch (e) {
      skipped.push({ file: `${file.path}:${i + 1}`, reason: `not JSON: ${errorText(e)}` });
    }
  });
  return out;
}

/** A whole-file JSON value; a file that is not JSON is reported. */
export function jsonFile(file: { path: string; content: string }, skipped: { file: string; reason: string }[]): unknown {
  try {
    return JSON.parse(file.content.replace(/^\ufeff/, ''));
  } catch (e) {
    skipped.push({ file: file.path, reason: `not JSON: ${errorText(e)}` });
    return undefined;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function optString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
