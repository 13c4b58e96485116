/**
 * doccano JSONL for sequence labelling: `{"text", "label": [[start, end, "TYPE"], …], "source"}` per
 * line, offsets in UTF-16 code units, which is what doccano's annotation UI counts (doccano issue
 * 2484). Extra keys such as `source` become the example's metadata in doccano. See docs/interchange.md.
 */
import { CodePointIndex } from '../text/codepoints';
import { exportableEntities, exportableFacts, isRecord, jsonLines, offsetMapper, optString } from './common';
import { readSpanOffsets } from './spans';
import type { Dropped, ExportContext, ExportDocument, ExportResult, ImportedDocument, InputFile, InterchangeFormat, ParsedImport, Skipped } from './types';

export const DOCCANO_FILE = 'doccano.jsonl';

export function exportDoccano(documents: readonly ExportDocument[], _context: ExportContext): ExportResult {
  const dropped: Dropped[] = [];
  let annotations = 0;
  let out = '';
  for (const doc of documents) {
    const index = new CodePointIndex(doc.text);
    const label: [number, number, string][] = [];
    for (const a of exportableEntities(doc, dropped)) {
      label.push([index.toUtf16(a.start), index.toUtf16(a.end), a.type]);
      if (a.entity) dropped.push({ document: doc.path, text: a.text, reason: `link to "${a.entity}" not exported: doccano spans carry only a label` });
      if (a.note) dropped.push({ document: doc.path, text: a.text, reason: 'note not exported: doccano spans carry only a label' });
    }
    exportableFacts(doc, dropped, 'doccano');
    annotations += label.length;
    out += JSON.stringify({ text: doc.text, label, source: doc.path }) + '\n';
  }
  return { files: [{ path: DOCCANO_FILE, content: out }], documents: documents.length, annotations, dropped };
}

export function parseDoccano(files: readonly InputFile[]): ParsedImport {
  const skipped: Skipped[] = [];
  const documents: ImportedDocument[] = [];
  for (const file of files) {
    for (const { line, value } of jsonLines(file, skipped)) {
      const where = `${file.path}:${line}`;
      const text = isRecord(value) ? (typeof value.text === 'string' ? value.text : value.data) : undefined;
      if (!isRecord(value) || typeof text !== 'string') {
        skipped.push({ file: where, reason: 'not a doccano example: needs a "text" string' });
        continue;
      }
      const m = offsetMapper(text, 'utf16');
      // doccano exports `label` (older versions) or `entities` ([{start_offset, end_offset, label}]).
      const list = Array.isArray(value.label) ? value.label : Array.isArray(value.entities) ? value.entities : Array.isArray(value.labels) ? value.labels : [];
      const source = optString(value.source) ?? (isRecord(value.meta) ? optString(value.meta.source) : undefined);
      const doc: ImportedDocument = { file: where, source, text: m.text, spans: [] };
      list.forEach((s, i) => {
        const r = readSpanOffsets(s, i, m, skipped, where, (x) => (Array.isArray(x) ? x : isRecord(x) ? [x.start_offset, x.end_offset, x.label] : []));
        if (r) doc.spans.push({ kind: 'entity', type: r.label, start: r.start, end: r.end });
      });
      documents.push(doc);
    }
  }
  return { documents, skipped, notes: [] };
}

export const doccanoFormat: InterchangeFormat = {
  id: 'doccano',
  label: 'doccano JSONL',
  description: 'doccano.jsonl: sequence-labelling examples, offsets in UTF-16 code units',
  importsFolder: false,
  extensions: ['.jsonl'],
  exportCorpus: exportDoccano,
  parse: parseDoccano,
};
