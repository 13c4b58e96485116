/** Turning the raw model into annotations plus problems, one entry at a time. */
import type { EntityAnnotation, FactAnnotation } from '../model';
import type { Problem } from '../problems';
import { CodePointIndex, cpLength } from '../text/codepoints';
import {
  HASH_RE,
  OPTIONAL_STRING_KEYS,
  SIDECAR_FORMAT,
  SIDECAR_VERSION,
  type ParsedSidecar,
  type SidecarHeader,
} from './format';
import { DEFAULT_CONTEXT_LENGTH } from '../anchoring/anchor';
import { LineIndex } from '../text/lineIndex';
import { MAX_PROBLEMS } from '../yaml/limits';
import type { PosProblem, RawDoc, RawField, RawItem } from './raw';

export type AnyAnnotation = EntityAnnotation | FactAnnotation;

export interface ItemCheck {
  ann?: AnyAnnotation;
  id?: string;
  problems: PosProblem[];
}

export interface CheckOptions {
  knownTypes?: ReadonlySet<string>;
  doc?: CodePointIndex;
}


function describe(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)?.slice(0, 40)}`;
}

const OPTIONAL_ENTITY = new Set(OPTIONAL_STRING_KEYS.entities);
const OPTIONAL_FACT = new Set(OPTIONAL_STRING_KEYS.facts);

/** The required fields, in the order their problems are reported (`type` for entities only). */
const REQUIRED_KEYS = ['id', 'type', 'text', 'start', 'end'] as const;

function present(f: RawField | undefined): f is RawField & { value: NonNullable<unknown> } {
  return f !== undefined && f.value !== null && f.value !== undefined;
}

const DECIMAL_INT = /^(?:0|[1-9][0-9]*)$/;

function isOffset(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** Structural and (with `opts.doc`) textual checks of one entry. Never throws. */
export function checkItem(item: RawItem, opts: CheckOptions = {}): ItemCheck {
  const problems: PosProblem[] = [];
  if (!item.isMap) {
    problems.push({ message: `Each entry in ${item.collection} must be a mapping (id, text, start, end, …).`, severity: 'error', code: 'wrong-type', offset: item.start + item.offset });
    return { problems };
  }
  const isEntity = item.collection === 'entities';
  const optional = isEntity ? OPTIONAL_ENTITY : OPTIONAL_FACT;
  let idF: RawField | undefined;
  let typeF: RawField | undefined;
  let textF: RawField | undefined;
  let startF: RawField | undefined;
  let endF: RawField | undefined;
  let prefixF: RawField | undefined;
  let suffixF: RawField | undefined;
  let statusF: RawField | undefined;
  let extras: RawField[] | undefined;
  let valueErrors: RawField[] | undefined;
  for (const f of item.fields) {
    switch (f.key) {
      case 'id': idF = f; break;
      case 'type': if (isEntity) typeF = f; break;
      case 'text': textF = f; break;
      case 'start': startF = f; break;
      case 'end': endF = f; break;
      case 'prefix': prefixF = f; break;
      case 'suffix': suffixF = f; break;
      case 'status': statusF = f; break;
      default: if (optional.has(f.key)) (extras ??= []).push(f);
    }
    if (f.valueError !== undefined) (valueErrors ??= []).push(f);
  }
  const id = idF && typeof idF.value === 'string' && idF.value.trim() !== '' ? idF.value : undefined;
  const keyAt = (f: RawField | undefined) => item.start + (f ? f.keyOffset : item.offset);
  const valueAt = (f: RawField | undefined) => item.start + (f ? f.valueOffset : item.offset);
  const push = (p: PosProblem) => problems.push(id === undefined ? p : { ...p, annotationId: id });
  let ok = true;
  if (valueErrors) for (const f of valueErrors) push({ message: `Cannot read "${f.key}": ${f.valueError}`, severity: 'error', code: 'yaml-alias', offset: valueAt(f) });
  // Without a per-entry array of [key, field] pairs: this runs for every entry of every sidecar read.
  for (let r = 0; r < 5; r++) {
    if (r === 1 && !isEntity) continue;
    const key = REQUIRED_KEYS[r];
    const f = r === 0 ? idF : r === 1 ? typeF : r === 2 ? textF : r === 3 ? startF : endF;
    if (!present(f)) {
      if ((f as RawField | undefined)?.valueError === undefined) push({ message: `Missing required field "${key}".`, severity: 'error', code: 'missing-field', offset: keyAt(f) });
      ok = false;
    }
  }
  if (present(idF) && id === undefined) {
    push({ message: `"id" must be a non-empty string, not ${describe(idF.value)}.`, severity: 'error', code: 'wrong-type', offset: valueAt(idF) });
    ok = false;
  }
  const str = (key: string, f: RawField | undefined): string | undefined => {
    if (!present(f)) return undefined;
    if (typeof f.value === 'string') return f.value;
    push({ message: `"${key}" must be a string, not ${describe(f.value)}.`, severity: 'error', code: 'wrong-type', offset: valueAt(f) });
    ok = false;
    return undefined;
  };
  const int = (key: string, f: RawField | undefined): number | undefined => {
    if (!present(f)) return undefined;
    // Written as decimal digits: `1.0`, `12.9999999999999999` (13 as a double), `1e-400` are not offsets.
    const written = f.numberText;
    if (isOffset(f.value) && (written === undefined || DECIMAL_INT.test(written))) return f.value;
    const what = written !== undefined ? `"${written.length > 40 ? written.slice(0, 40) + '…' : written}"` : describe(f.value);
    push({ message: `"${key}" must be a non-negative integer (a code point offset) written in digits, not ${what}.`, severity: 'error', code: 'wrong-type', offset: valueAt(f) });
    ok = false;
    return undefined;
  };
  const type = isEntity ? str('type', typeF) : undefined;
  if (type !== undefined && type.trim() === '') {
    push({ message: '"type" must not be empty.', severity: 'error', code: 'wrong-type', offset: valueAt(typeF) });
    ok = false;
  }
  const text = str('text', textF);
  const start = int('start', startF);
  const end = int('end', endF);
  let prefix = str('prefix', prefixF);
  let suffix = str('suffix', suffixF);
  if (start !== undefined && end !== undefined && start > end) {
    push({ message: `"start" (${start}) is after "end" (${end}).`, severity: 'error', code: 'bad-range', offset: valueAt(startF) });
    ok = false;
  }
  let status: 'moved' | 'orphaned' | undefined;
  if (present(statusF)) {
    const v = statusF.value;
    if (v === 'moved' || v === 'orphaned') status = v;
    else if (v !== 'exact') push({ message: `"status" must be exact, moved or orphaned, not ${describe(v)}; ignored.`, severity: 'warning', code: 'wrong-type', offset: valueAt(statusF) });
  }
  if (!ok || id === undefined || text === undefined || start === undefined || end === undefined || (isEntity && type === undefined)) {
    if (extras) for (const f of extras) checkOptional(f, push, valueAt);
    return { id, problems };
  }
  if (type !== undefined && opts.knownTypes && !opts.knownTypes.has(type)) {
    push({ message: `Unknown entity type "${type}" (not in corpus.yaml's types).`, severity: 'warning', code: 'unknown-type', offset: valueAt(typeF) });
  }
  const doc = opts.doc;
  if (doc) {
    if (status === 'orphaned') {
      push({ message: `Orphaned annotation: "${text.slice(0, 60)}" was not found in the document; fix its offsets or remove it.`, severity: 'warning', code: 'orphaned', offset: keyAt(statusF) });
    } else if (end > doc.length) {
      push({ message: `Offsets ${start}–${end} are outside the document (${doc.length} code points).`, severity: 'warning', code: 'out-of-range', offset: valueAt(endF) });
    } else {
      const actual = doc.slice(start, end);
      if (actual !== text) {
        push({ message: `Quote mismatch: the document has "${actual.slice(0, 60)}" at ${start}–${end}, not "${text.slice(0, 60)}".`, severity: 'warning', code: 'quote-mismatch', offset: valueAt(textF) });
      } else if (prefix === undefined || suffix === undefined) {
        if (prefix === undefined) prefix = doc.slice(Math.max(0, start - DEFAULT_CONTEXT_LENGTH), start);
        if (suffix === undefined) suffix = doc.slice(end, Math.min(doc.length, end + DEFAULT_CONTEXT_LENGTH));
      }
    }
    if (status === 'moved') push({ message: 'Moved by re-anchoring: check that it still marks the right text, then remove "status: moved".', severity: 'info', code: 'moved', offset: keyAt(statusF) });
  } else if (text.length !== end - start && cpLength(text) !== end - start) {
    push({ message: `"text" has ${cpLength(text)} code points but end − start is ${end - start}.`, severity: 'warning', code: 'quote-mismatch', offset: valueAt(textF) });
  }
  if (!prefixF) push({ message: 'Missing "prefix" (the text before the quote, used to re-anchor after edits).', severity: 'info', code: 'missing-field', offset: keyAt(undefined) });
  if (!suffixF) push({ message: 'Missing "suffix" (the text after the quote, used to re-anchor after edits).', severity: 'info', code: 'missing-field', offset: keyAt(undefined) });
  const ann: Record<string, unknown> =
    type !== undefined ? { id, type, text, start, end, prefix: prefix ?? '', suffix: suffix ?? '' } : { id, text, start, end, prefix: prefix ?? '', suffix: suffix ?? '' };
  if (extras) {
    for (const f of extras) {
      const v = checkOptional(f, push, valueAt);
      if (v !== undefined) ann[f.key] = v;
    }
  }
  if (status) ann.status = status;
  return { ann: ann as unknown as AnyAnnotation, id, problems };
}

function checkOptional(f: RawField, push: (p: PosProblem) => void, valueAt: (f: RawField) => number): string | undefined {
  const v = f.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') {
    push({ message: `"${f.key}" should be a string; quote it ("${String(v)}") to keep it exactly as written.`, severity: 'warning', code: 'wrong-type', offset: valueAt(f) });
    return String(v);
  }
  push({ message: `"${f.key}" must be a string, not ${describe(v)}; ignored.`, severity: 'warning', code: 'wrong-type', offset: valueAt(f) });
  return undefined;
}

export interface HeaderCheck {
  header: SidecarHeader;
  problems: PosProblem[];
  /** False when the header says this is not a sidecar version we understand. */
  understood: boolean;
}

export function checkHeader(raw: RawDoc): HeaderCheck {
  const problems: PosProblem[] = [];
  const header = emptyHeader();
  if (raw.kind === 'empty') {
    problems.push({ message: 'Empty sidecar: no header and no annotations yet.', severity: 'info', code: 'empty', offset: 0 });
    return { header, problems, understood: true };
  }
  if (raw.kind === 'unread') return { header, problems, understood: false };
  if (raw.kind === 'not-map') {
    problems.push({ message: 'A sidecar must be a YAML mapping (format, version, document, textHash, offsets, entities, facts).', severity: 'error', code: 'not-a-mapping', offset: raw.contentOffset });
    return { header, problems, understood: false };
  }
  const fields = new Map<string, RawField>();
  for (const f of raw.fields) fields.set(f.key, f);
  let understood = true;
  const fmt = fields.get('format');
  if (!fmt) {
    problems.push({ message: `Missing "format: ${SIDECAR_FORMAT}": not a sidecar this tool understands, so it will not be changed.`, severity: 'error', code: 'missing-field', offset: raw.contentOffset });
    understood = false;
  } else if (fmt.value !== SIDECAR_FORMAT) {
    problems.push({ message: `Unknown format ${describe(fmt.value)} (expected ${SIDECAR_FORMAT}): this file will not be changed.`, severity: 'error', code: 'unknown-format', offset: fmt.valueOffset });
    understood = false;
  }
  const ver = fields.get('version');
  if (!ver) {
    problems.push({ message: `Missing "version: ${SIDECAR_VERSION}": this file will not be changed.`, severity: 'error', code: 'missing-field', offset: raw.contentOffset });
    understood = false;
  } else if (ver.value !== SIDECAR_VERSION) {
    problems.push({ message: `Unsupported sidecar version ${describe(ver.value)} (this tool understands version ${SIDECAR_VERSION}): this file will not be changed.`, severity: 'error', code: 'unknown-version', offset: ver.valueOffset });
    understood = false;
  }
  const off = fields.get('offsets');
  if (!off) problems.push({ message: 'Missing "offsets: codepoint"; assuming code point offsets.', severity: 'warning', code: 'missing-field', offset: raw.contentOffset });
  else if (off.value !== 'codepoint') {
    problems.push({ message: `Unsupported offsets ${describe(off.value)} (only "codepoint"): this file will not be changed.`, severity: 'error', code: 'unknown-offsets', offset: off.valueOffset });
    understood = false;
  }
  const docf = fields.get('document');
  if (!docf) problems.push({ message: 'Missing "document" (the document\'s file name).', severity: 'warning', code: 'missing-field', offset: raw.contentOffset });
  else if (typeof docf.value !== 'string') problems.push({ message: '"document" must be a string.', severity: 'warning', code: 'wrong-type', offset: docf.valueOffset });
  else {
    header.document = docf.value;
    if (/[/\\]/.test(docf.value)) problems.push({ message: '"document" should be the document\'s file name; it is informational and never used to find a file.', severity: 'warning', code: 'document-name', offset: docf.valueOffset });
  }
  const hash = fields.get('textHash');
  if (!hash) problems.push({ message: 'Missing "textHash".', severity: 'warning', code: 'missing-field', offset: raw.contentOffset });
  else if (typeof hash.value !== 'string' || !HASH_RE.test(hash.value)) problems.push({ message: '"textHash" must look like sha256:<64 hex digits>.', severity: 'warning', code: 'bad-hash', offset: hash.valueOffset });
  else header.textHash = hash.value;
  return { header, problems, understood };
}

/** Collects the valid annotations in file order, reporting duplicate ids (the later ones are dropped). */
export function collectAnnotations(
  raw: RawDoc,
  check: (item: RawItem) => ItemCheck,
  problems: PosProblem[] | undefined,
): { entities: EntityAnnotation[]; facts: FactAnnotation[] } {
  const seen = new Set<string>();
  const out = { entities: [] as EntityAnnotation[], facts: [] as FactAnnotation[] };
  for (const name of ['entities', 'facts'] as const) {
    const coll = raw.collections[name];
    if (!coll) continue;
    if (coll.kind === 'other') {
      problems?.push({ message: `"${name}" must be a list of entries.`, severity: 'error', code: 'wrong-type', offset: coll.valueOffset });
      continue;
    }
    for (const item of coll.items) {
      const r = check(item);
      if (problems) for (const p of r.problems) problems.push(p);
      if (r.id !== undefined) {
        if (seen.has(r.id)) {
          problems?.push({ message: `Duplicate id "${r.id}": ids must be unique in a sidecar; this entry is ignored.`, severity: 'error', code: 'duplicate-id', offset: item.start + item.offset, annotationId: r.id });
          continue;
        }
        seen.add(r.id);
      }
      if (r.ann) (out[name] as AnyAnnotation[]).push(r.ann);
    }
  }
  return out;
}

/** Problems with line and column; at most MAX_PROBLEMS, the rest summed up in one last problem. */
export function toProblems(text: string, all: PosProblem[]): Problem[] {
  if (all.length === 0) return [];
  const lines = new LineIndex(text);
  const list = all.length > MAX_PROBLEMS ? all.slice(0, MAX_PROBLEMS) : all;
  const out = list.map((p) => {
    // UTF-16 offset → 1-based line and column (LineIndex counts lines from 0).
    const offset = Math.max(0, Math.min(p.offset, text.length));
    const line0 = lines.lineAtUtf16(offset);
    const line = line0 + 1;
    const column = offset - lines.lineStart(line0) + 1;
    const out: Problem = { message: p.message, severity: p.severity, line, column, code: p.code };
    if (p.annotationId !== undefined) out.annotationId = p.annotationId;
    return out;
  });
  if (all.length > list.length) {
    const errors = all.slice(MAX_PROBLEMS).filter((p) => p.severity === 'error').length;
    const last = out[out.length - 1];
    out.push({ message: `${(all.length - list.length).toLocaleString('en')} more problems (${errors.toLocaleString('en')} of them errors) after this line are not listed.`, severity: errors ? 'error' : 'warning', line: last.line, column: last.column, code: 'too-many-problems' });
  }
  return out;
}

/** The header of a new, empty sidecar. */
export function emptyHeader(document = '', textHash = ''): SidecarHeader {
  return { format: SIDECAR_FORMAT, version: SIDECAR_VERSION, document, textHash, offsets: 'codepoint' };
}

export function emptyData(header?: SidecarHeader): ParsedSidecar['value'] {
  return { header: header ?? emptyHeader(), entities: [], facts: [] };
}
