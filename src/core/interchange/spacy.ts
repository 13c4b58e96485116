/**
 * spaCy JSONL: one JSON object per line and document,
 * `{"text", "spans": [{"start", "end", "label", "text", "kb_id"?}], "meta": {"source"}}`, offsets in
 * code points (Python string indices), so `nlp.make_doc(text).char_span(start, end, label=label)`
 * finds each span wherever spaCy's tokenizer agrees. See docs/interchange.md.
 */
import { CodePointIndex } from '../text/codepoints';
import { exportableEntities, exportableFacts, isRecord, jsonLines, kbIdOf, linkFromKbId, linkOf, offsetMapper, optString, registryMap } from './common';
import { readSpanOffsets } from './spans';
import type { Dropped, ExportContext, ExportDocument, ExportResult, ImportedDocument, InputFile, InterchangeFormat, ParsedImport, Skipped } from './types';

export const SPACY_FILE = 'spacy.jsonl';

export function exportSpacy(documents: readonly ExportDocument[], context: ExportContext): ExportResult {
  const registry = registryMap(context.registry);
  const dropped: Dropped[] = [];
  let annotations = 0;
  const lines: string[] = [];
  for (const doc of documents) {
    const index = new CodePointIndex(doc.text);
    const spans = exportableEntities(doc, dropped).map((a) => {
      const kb = kbIdOf(linkOf(a, registry));
      return { start: a.start, end: a.end, label: a.type, text: index.slice(a.start, a.end), ...(kb ? { kb_id: kb } : {}) };
    });
    exportableFacts(doc, dropped, 'spaCy JSONL');
    annotations += spans.length;
    lines.push(JSON.stringify({ text: doc.text, spans, meta: { source: doc.path } }));
  }
  return { files: [{ path: SPACY_FILE, content: lines.map((l) => l + '\n').join('') }], documents: documents.length, annotations, dropped };
}

export function parseSpacy(files: readonly InputFile[]): ParsedImport {
  const skipped: Skipped[] = [];
  const documents: ImportedDocument[] = [];
  for (const file of files) {
    for (const { line, value } of jsonLines(file, skipped)) {
      const where = `${file.path}:${line}`;
      if (!isRecord(value) || typeof value.text !== 'string') {
        skipped.push({ file: where, reason: 'not a spaCy document: needs a "text" string' });
        continue;
      }
      const raw = value.text;
      const m = offsetMapper(raw, 'codepoint');
      const list = Array.isArray(value.spans) ? value.spans : Array.isArray(value.ents) ? value.ents : [];
      const doc: ImportedDocument = { file: where, source: isRecord(value.meta) ? optString(value.meta.source) : undefined, text: m.text, spans: [] };
      list.forEach((s, i) => {
        const r = readSpanOffsets(s, i, m, skipped, where, (x) => (isRecord(x) ? [x.start, x.end, x.label] : [undefined, undefined, undefined]));
        if (!r || !isRecord(s)) return;
        const kb = optString(s.kb_id);
        doc.spans.push({ kind: 'entity', type: r.label, start: r.start, end: r.end, quote: optString(s.text), ...(kb ? { link: linkFromKbId(kb) } : {}) });
      });
      documents.push(doc);
    }
  }
  return { documents, skipped, notes: [] };
}

export const spacyFormat: InterchangeFormat = {
  id: 'spacy',
  label: 'spaCy JSONL',
  description: 'spacy.jsonl: one document per line with character spans (code points) and kb_id links',
  importsFolder: false,
  extensions: ['.jsonl'],
  exportCorpus: exportSpacy,
  parse: parseSpacy,
};
