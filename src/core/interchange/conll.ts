/**
 * CoNLL-2003-style NER: one `TOKEN TAG` line per token (the corpus tokenisation, src/core/text/tokens.ts,
 * the same one the agreement measures count), IOB2 tags from the type ids (`B-person`, `I-person`), a
 * blank line between sentences (src/core/facts/sentences.ts), and a `-DOCSTART- -X- O O` line before
 * each document, which `python -m spacy convert --converter ner` takes as a document boundary.
 * Tokens tag whole: an annotation that starts or ends inside a token is widened to it, and of
 * overlapping annotations the longest wins; both are reported. See docs/interchange.md.
 */
import { detectLanguage, splitSentences } from '../facts/sentences';
import type { EntityAnnotation } from '../model';
import { tokenize, type Token } from '../text/tokens';
import { exportableEntities, exportableFacts } from './common';
import type { Dropped, ExportContext, ExportDocument, ExportResult, ImportedDocument, ImportedSpan, InputFile, InterchangeFormat, ParsedImport, Skipped } from './types';

export const CONLL_FILE = 'corpus.conll';
export const DOCSTART = '-DOCSTART- -X- O O';

/** Index of the first token whose end is after `cp` (binary search). */
function firstTokenEndingAfter(tokens: readonly Token[], cp: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= cp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Token range [first, last) an annotation covers, widened to whole tokens; empty when none. */
export function tokenRange(tokens: readonly Token[], start: number, end: number): [number, number] {
  const first = firstTokenEndingAfter(tokens, start);
  let last = first;
  while (last < tokens.length && tokens[last].start < end) last++;
  return [first, last];
}

/** One document's tag per token, with what could not be carried reported. */
export function iobTags(doc: ExportDocument, tokens: readonly Token[], dropped: Dropped[]): { tags: string[]; tagged: number } {
  const tags = new Array<string>(tokens.length).fill('O');
  const ranked = exportableEntities(doc, dropped)
    .map((a) => ({ a, r: tokenRange(tokens, a.start, a.end) }))
    .sort((x, y) => y.a.end - y.a.start - (x.a.end - x.a.start) || x.a.start - y.a.start);
  const owner = new Array<EntityAnnotation | undefined>(tokens.length);
  let tagged = 0;
  for (const { a, r } of ranked) {
    const [s, e] = r;
    if (s >= e) {
      dropped.push({ document: doc.path, text: a.text, reason: 'covers no token' });
      continue;
    }
    const clash = owner.slice(s, e).find((x) => x !== undefined);
    if (clash) {
      dropped.push({ document: doc.path, text: a.text, reason: `overlaps "${clash.text}" (${clash.type}), which is longer or earlier: CoNLL tags each token once` });
      continue;
    }
    for (let i = s; i < e; i++) {
      owner[i] = a;
      tags[i] = (i === s ? 'B-' : 'I-') + a.type;
    }
    tagged++;
    if (tokens[s].start !== a.start || tokens[e - 1].end !== a.end) {
      dropped.push({ document: doc.path, text: a.text, reason: `widened to whole tokens (${tokens.slice(s, e).map((t) => t.text).join(' ')}): CoNLL tags tokens, not characters` });
    }
  }
  return { tags, tagged };
}

export function exportConll(documents: readonly ExportDocument[], _context: ExportContext): ExportResult {
  const dropped: Dropped[] = [];
  const parts: string[] = [];
  let annotations = 0;
  for (const doc of documents) {
    const tokens = tokenize(doc.text);
    const { tags, tagged } = iobTags(doc, tokens, dropped);
    exportableFacts(doc, dropped, 'CoNLL');
    annotations += tagged;
    parts.push(DOCSTART + '\n\n');
    // Sentence starts as token indices; a sentence break inside an entity is not one.
    const breaks = new Set<number>();
    for (const s of splitSentences(doc.text, detectLanguage(doc.text))) {
      const i = firstTokenEndingAfter(tokens, s.start);
      if (i > 0 && i < tokens.length && !tags[i].startsWith('I-')) breaks.add(i);
    }
    let out = '';
    for (let i = 0; i < tokens.length; i++) {
      if (breaks.has(i)) out += '\n';
      out += `${tokens[i].text} ${tags[i]}\n`;
    }
    if (tokens.length) parts.push(out + '\n');
  }
  return { files: [{ path: CONLL_FILE, content: parts.join('') }], documents: documents.length, annotations, dropped };
}

/** Reads IOB1, IOB2, BIOES or BILOU tags into spans over token indices. */
function spansFromTags(tags: readonly string[]): ImportedSpan[] {
  const out: ImportedSpan[] = [];
  let open: ImportedSpan | undefined;
  const close = (at: number) => {
    if (open) {
      open.tokenEnd = at;
      out.push(open);
      open = undefined;
    }
  };
  tags.forEach((tag, i) => {
    const m = /^([BIESLU])[-_](.+)$/.exec(tag);
    if (!m) {
      close(i);
      return;
    }
    const [, p, type] = m;
    const continues = (p === 'I' || p === 'E' || p === 'L') && open && open.type === type;
    if (!continues) {
      close(i);
      open = { kind: 'entity', type, start: 0, end: 0, tokenStart: i };
    }
    if (p === 'E' || p === 'L' || p === 'S' || p === 'U') close(i + 1);
  });
  close(tags.length);
  return out;
}

export function parseConll(files: readonly InputFile[]): ParsedImport {
  const skipped: Skipped[] = [];
  const documents: ImportedDocument[] = [];
  for (const file of files) {
    let tokens: string[] = [];
    let tags: string[] = [];
    let startLine = 1;
    let block = 0;
    const flush = () => {
      if (tokens.length) documents.push({ file: `${file.path} document ${block} (line ${startLine})`, tokens, spans: spansFromTags(tags) });
      tokens = [];
      tags = [];
    };
    file.content
      .replace(/^\ufeff/, '')
      .split(/\r?\n/)
      .forEach((line, i) => {
        const cols = line.trim().split(/\s+/);
        if (cols[0] === '-DOCSTART-') {
          flush();
          block++;
          startLine = i + 1;
          return;
        }
        if (line.trim() === '' || line.startsWith('# ')) return;
        if (block === 0) {
          block = 1;
          startLine = i + 1;
        }
        if (cols.length < 2) {
          skipped.push({ file: `${file.path}:${i + 1}`, reason: 'a token line needs a token and a tag' });
          tokens.push(cols[0]);
          tags.push('O');
          return;
        }
        tokens.push(cols[0]);
        tags.push(cols[cols.length - 1]);
      });
    flush();
  }
  return { documents, skipped, notes: [] };
}

export const conllFormat: InterchangeFormat = {
  id: 'conll',
  label: 'CoNLL-2003 (IOB2)',
  description: 'corpus.conll: token and IOB2 tag per line, blank line between sentences, -DOCSTART- between documents',
  importsFolder: false,
  extensions: ['.conll', '.txt', '.iob', '.bio'],
  exportCorpus: exportConll,
  parse: parseConll,
};
