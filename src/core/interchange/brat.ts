/**
 * brat standoff: per document `NAME.txt` (the normalised text: UTF-8, no BOM, LF) and `NAME.ann`
 * under the document's relative path, with `annotation.conf`, `visual.conf` and `tools.conf` at the
 * root. Entities are `T` lines, links `N` lines (`Wikidata:Q956`, else `Corpus:<registry id>`), notes
 * and authors `#` AnnotatorNotes, facts `Fact` spans whose note is the fact as JSON. Offsets count
 * characters of the `.txt` as Python reads it (a BOM and `\r` count on import). See docs/interchange.md.
 */
import { CodePointIndex } from '../text/codepoints';
import { exportableEntities, exportableFacts, isQid, linkOf, offsetMapper, oneLine, registryMap } from './common';
import type { Dropped, ExportContext, ExportDocument, ExportResult, ImportedDocument, ImportedLink, ImportedSpan, InputFile, InterchangeFormat, OutputFile, ParsedImport, Skipped } from './types';
import { plural } from '../text/plural';

export const FACT_TYPE = 'Fact';
export const CORPUS_DB = 'Corpus';
export const WIKIDATA_DB = 'Wikidata';
const AUTHOR_PREFIX = 'author: ';

/** brat type names: letters, digits, `_` and `-`, starting with a letter. */
export function bratTypeName(id: string): string {
  const s = id.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z]/.test(s) ? s : `T_${s}`;
}

/** `news/a.txt` → `news/a`; a document not ending in .txt keeps its name (`notes/a.md` → `notes/a.md`.txt/.ann). */
export function bratBaseName(path: string): string {
  return path.endsWith('.txt') ? path.slice(0, -4) : path;
}

function bratColor(c: string): string | undefined {
  return /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(c) || /^[A-Za-z]+$/.test(c) ? c : undefined;
}

interface FactNote {
  subject?: string;
  predicate?: string;
  value?: string;
  date?: string;
  note?: string;
}

export function exportBrat(documents: readonly ExportDocument[], context: ExportContext): ExportResult {
  const registry = registryMap(context.registry);
  const dropped: Dropped[] = [];
  const files: OutputFile[] = [];
  const used = new Set<string>();
  let annotations = 0;
  let anyFact = false;
  for (const doc of documents) {
    const base = bratBaseName(doc.path);
    const index = new CodePointIndex(doc.text);
    const lines: string[] = [];
    let t = 0;
    let n = 0;
    let c = 0;
    const span = (start: number, end: number): { offsets: string; text: string } => {
      // brat keeps an annotation's text on one line: a span across line breaks becomes fragments.
      const quote = index.slice(start, end);
      const parts: string[] = [];
      let at = start;
      for (const piece of quote.split('\n')) {
        const len = [...piece].length;
        if (len > 0) parts.push(`${at} ${at + len}`);
        at += len + 1;
      }
      return { offsets: parts.length ? parts.join(';') : `${start} ${end}`, text: oneLine(quote) };
    };
    for (const a of exportableEntities(doc, dropped)) {
      const id = `T${++t}`;
      const type = bratTypeName(a.type);
      used.add(a.type);
      const s = span(a.start, a.end);
      lines.push(`${id}\t${type} ${s.offsets}\t${s.text}`);
      const link = linkOf(a, registry);
      if (link) {
        const ref = isQid(link.externalId) ? `${WIKIDATA_DB}:${link.externalId}` : `${CORPUS_DB}:${link.id}`;
        lines.push(`N${++n}\tReference ${id} ${ref}\t${oneLine(link.name ?? link.id)}`);
      }
      if (a.note) lines.push(`#${++c}\tAnnotatorNotes ${id}\t${oneLine(a.note)}`);
      if (a.author) lines.push(`#${++c}\tAnnotatorNotes ${id}\t${AUTHOR_PREFIX}${oneLine(a.author)}`);
      annotations++;
    }
    for (const f of exportableFacts(doc, dropped, undefined)) {
      const id = `T${++t}`;
      const s = span(f.start, f.end);
      lines.push(`${id}\t${FACT_TYPE} ${s.offsets}\t${s.text}`);
      const note: FactNote = {};
      for (const k of ['subject', 'predicate', 'value', 'date', 'note'] as const) if (f[k] !== undefined) note[k] = f[k];
      lines.push(`#${++c}\tAnnotatorNotes ${id}\t${JSON.stringify(note)}`);
      if (f.author) lines.push(`#${++c}\tAnnotatorNotes ${id}\t${AUTHOR_PREFIX}${oneLine(f.author)}`);
      anyFact = true;
      annotations++;
    }
    files.push({ path: `${base}.txt`, content: doc.text }, { path: `${base}.ann`, content: lines.map((l) => l + '\n').join('') });
  }
  const types = context.types.map((x) => ({ id: x.id, label: x.label, color: x.color.dark }));
  for (const id of used) if (!types.some((x) => x.id === id)) types.push({ id, label: id, color: '#bdbdbd' });
  if (anyFact || types.length === 0) types.push({ id: FACT_TYPE, label: 'Fact', color: '#e0e0e0' });
  const conf =
    '# Written by Corpus Annotator: the corpus types, and Fact for recorded facts (the fact is its note, as JSON).\n' +
    `[entities]\n${types.map((x) => bratTypeName(x.id) + '\n').join('')}` +
    '[relations]\n# Annotations may overlap, as they may in the corpus.\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n' +
    '[events]\n[attributes]\n';
  const visual =
    `[labels]\n${types.map((x) => `${bratTypeName(x.id)} | ${oneLine(x.label).replace(/\|/g, '/')}\n`).join('')}` +
    `[drawing]\n${types.flatMap((x) => (bratColor(x.color) ? [`${bratTypeName(x.id)}\tbgColor:${x.color}\n`] : [])).join('')}`;
  const tools = '[normalization]\nWikidata\t<URL>:https://www.wikidata.org/wiki/%s\n';
  files.push({ path: 'annotation.conf', content: conf }, { path: 'visual.conf', content: visual }, { path: 'tools.conf', content: tools });
  return { files, documents: documents.length, annotations, dropped };
}

function linkFromRef(ref: string, name: string | undefined): ImportedLink {
  const i = ref.indexOf(':');
  const db = i < 0 ? '' : ref.slice(0, i);
  const id = i < 0 ? ref : ref.slice(i + 1);
  const link: ImportedLink = db === CORPUS_DB ? { id } : db === WIKIDATA_DB || (db === '' && isQid(id)) ? { externalId: id } : { externalId: ref };
  if (name) link.name = name;
  return link;
}

/** Parses one `.ann` against its `.txt` (raw, as on disk; undefined when missing). */
export function parseAnn(annPath: string, ann: string, rawTxt: string | undefined, skipped: Skipped[], notes: string[]): ImportedDocument {
  const m = rawTxt !== undefined ? offsetMapper(rawTxt, 'codepoint') : undefined;
  const text = m?.text;
  const index = text !== undefined ? new CodePointIndex(text) : undefined;
  const spans = new Map<string, ImportedSpan[]>();
  const pending: { kind: 'N' | '#'; target: string; value: string; name?: string }[] = [];
  let ignored = 0;
  ann.replace(/^\ufeff/, '').split(/\r?\n/).forEach((line, li) => {
    if (line.trim() === '') return;
    const where = `${annPath}:${li + 1}`;
    const cols = line.split('\t');
    const id = cols[0];
    if (/^T\d+$/.test(id)) {
      const mm = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(cols[1] ?? '');
      if (!mm) {
        skipped.push({ file: where, reason: `cannot read the text-bound annotation "${line.slice(0, 60)}"` });
        return;
      }
      let frags = mm[2].split(';').map((p) => p.split(' ').map(Number) as [number, number]);
      if (frags.some(([s, e]) => e < s || (m && e > m.units))) {
        skipped.push({ file: where, reason: `offsets ${mm[2]} are not within the text${m ? ` (${m.units} characters)` : ''}` });
        return;
      }
      const mapped = frags.map(([s, e]) => (m ? [m.map(s), m.map(e)] : [s, e]) as [number, number]);
      // Fragments separated only by line breaks and spaces are how brat writes a span across lines.
      const joined: [number, number][] = [];
      for (const f of mapped) {
        const last = joined[joined.length - 1];
        if (last && index && /^\s*$/.test(index.slice(last[1], f[0])) && index.slice(last[1], f[0]).includes('\n')) last[1] = f[1];
        else joined.push([...f]);
      }
      if (joined.length > 1) notes.push(`${where}: discontinuous annotation ${id} imported as ${plural(joined.length, 'annotation')}, one per fragment`);
      frags = joined;
      const quoteWhole = cols.slice(2).join('\t');
      spans.set(
        id,
        frags.map(([s, e]) => ({ kind: mm[1] === FACT_TYPE ? 'fact' : 'entity', type: mm[1], start: s, end: e, ...(frags.length === 1 && !index ? { quote: quoteWhole } : {}) })),
      );
    } else if (/^N\d+$/.test(id)) {
      const mm = /^Reference (T\d+) (\S+)$/.exec(cols[1] ?? '');
      if (!mm) skipped.push({ file: where, reason: `cannot read the normalization "${line.slice(0, 60)}"` });
      else pending.push({ kind: 'N', target: mm[1], value: mm[2], name: cols[2] });
    } else if (/^#\d*$/.test(id)) {
      const mm = /^AnnotatorNotes (T\d+)$/.exec(cols[1] ?? '');
      if (mm) pending.push({ kind: '#', target: mm[1], value: cols.slice(2).join('\t') });
    } else if (/^[RAEM*]\d*$/.test(id)) ignored++;
    else skipped.push({ file: where, reason: `not a brat annotation line: "${line.slice(0, 60)}"` });
  });
  if (ignored) notes.push(`${annPath}: ${ignored} relation, event or attribute line(s) ignored (the corpus has no place for them)`);
  for (const p of pending) {
    const targets = spans.get(p.target);
    if (!targets) {
      skipped.push({ file: annPath, reason: `${p.kind === 'N' ? 'normalization' : 'note'} refers to ${p.target}, which is not in the file` });
      continue;
    }
    for (const s of targets) {
      if (p.kind === 'N') s.link = linkFromRef(p.value, p.name);
      else if (p.value.startsWith(AUTHOR_PREFIX)) s.author = p.value.slice(AUTHOR_PREFIX.length);
      else if (s.kind === 'fact' && p.value.startsWith('{')) {
        try {
          const f = JSON.parse(p.value) as FactNote;
          for (const k of ['subject', 'predicate', 'value', 'date', 'note'] as const) if (typeof f[k] === 'string') s[k] = f[k];
        } catch {
          s.note = p.value;
        }
      } else s.note = s.note ? `${s.note}\n${p.value}` : p.value;
    }
  }
  return { file: annPath, source: annPath.replace(/\.ann$/, '') + '.txt', text, spans: [...spans.values()].flat() };
}

export function parseBrat(files: readonly InputFile[]): ParsedImport {
  const skipped: Skipped[] = [];
  const notes: string[] = [];
  const texts = new Map(files.filter((f) => f.path.endsWith('.txt')).map((f) => [f.path, f.content]));
  const documents: ImportedDocument[] = [];
  for (const f of files) {
    if (!f.path.endsWith('.ann')) continue;
    const txtPath = f.path.slice(0, -4) + '.txt';
    const raw = texts.get(txtPath);
    if (raw === undefined) notes.push(`${f.path}: no ${txtPath} beside it; annotations are placed by their quotes`);
    documents.push(parseAnn(f.path, f.content, raw, skipped, notes));
  }
  if (documents.length === 0) skipped.push({ file: files.length ? files[0].path.split('/')[0] : '.', reason: 'no .ann files found' });
  return { documents, skipped, notes };
}

export const bratFormat: InterchangeFormat = {
  id: 'brat',
  label: 'brat standoff',
  description: 'a folder of NAME.txt / NAME.ann pairs with annotation.conf and visual.conf',
  importsFolder: true,
  extensions: ['.ann', '.txt'],
  exportCorpus: exportBrat,
  parse: parseBrat,
};
