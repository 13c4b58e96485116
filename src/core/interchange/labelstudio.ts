/**
 * Label Studio: a JSON array of tasks, `{"data": {"text", "source"}, "annotations": [{"result": [...]}]}`
 * with `labels` regions (offsets in code points), plus the labelling config
 * (label-studio-config.xml) that names every type. See docs/interchange.md.
 */
import { CodePointIndex } from '../text/codepoints';
import { jsonFile, exportableEntities, exportableFacts, isRecord, offsetMapper, optString } from './common';
import { readSpanOffsets } from './spans';
import type { Dropped, ExportContext, ExportDocument, ExportResult, ImportedDocument, ImportedSpan, InputFile, InterchangeFormat, ParsedImport, Skipped } from './types';

export const LABEL_STUDIO_TASKS = 'label-studio-tasks.json';
export const LABEL_STUDIO_CONFIG = 'label-studio-config.xml';

function xmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function labelStudioConfig(types: readonly { id: string; color: { light: string; dark: string } }[]): string {
  const labels = types.map((t) => `    <Label value="${xmlAttr(t.id)}" background="${xmlAttr(t.color.dark)}"/>\n`).join('');
  return `<View>\n  <Labels name="label" toName="text">\n${labels}  </Labels>\n  <Text name="text" value="$text"/>\n</View>\n`;
}

export function exportLabelStudio(documents: readonly ExportDocument[], context: ExportContext): ExportResult {
  const dropped: Dropped[] = [];
  let annotations = 0;
  const tasks: unknown[] = [];
  const used = new Set<string>();
  for (const doc of documents) {
    const index = new CodePointIndex(doc.text);
    const result = exportableEntities(doc, dropped).map((a) => {
      used.add(a.type);
      if (a.entity) dropped.push({ document: doc.path, text: a.text, reason: `link to "${a.entity}" not exported: Label Studio labels regions carry no link` });
      return {
        id: a.id,
        from_name: 'label',
        to_name: 'text',
        type: 'labels',
        value: { start: a.start, end: a.end, text: index.slice(a.start, a.end), labels: [a.type] },
        ...(a.note ? { meta: { text: [a.note] } } : {}),
      };
    });
    exportableFacts(doc, dropped, 'Label Studio');
    annotations += result.length;
    tasks.push({ data: { text: doc.text, source: doc.path }, annotations: [{ result }] });
  }
  const types = [...context.types];
  for (const id of used) if (!types.some((t) => t.id === id)) types.push({ id, label: id, color: { light: '#595959', dark: '#bdbdbd' } });
  return {
    files: [
      { path: LABEL_STUDIO_TASKS, content: JSON.stringify(tasks, null, 1) + '\n' },
      { path: LABEL_STUDIO_CONFIG, content: labelStudioConfig(types) },
    ],
    documents: documents.length,
    annotations,
    dropped,
  };
}

function readTask(task: unknown, where: string, skipped: Skipped[]): ImportedDocument | undefined {
  if (!isRecord(task) || !isRecord(task.data) || typeof task.data.text !== 'string') {
    skipped.push({ file: where, reason: 'not a Label Studio text task: needs data.text' });
    return undefined;
  }
  const m = offsetMapper(task.data.text, 'codepoint');
  const doc: ImportedDocument = { file: where, source: optString(task.data.source), text: m.text, spans: [] };
  // Completed annotations, then predictions when a task has none.
  const lists = [task.annotations, task.completions, task.predictions].filter(Array.isArray) as unknown[][];
  const groups = lists.find((l) => l.length > 0) ?? [];
  let i = 0;
  for (const g of groups) {
    if (!isRecord(g) || !Array.isArray(g.result) || g.was_cancelled === true) continue;
    const author = isRecord(g.completed_by) ? optString(g.completed_by.email) : undefined;
    for (const r of g.result) {
      if (!isRecord(r) || !isRecord(r.value)) continue;
      const v = r.value;
      const labels = Array.isArray(v.labels) ? v.labels : Array.isArray(v.hypertextlabels) ? v.hypertextlabels : undefined;
      if (!labels) continue; // other result types (choices, textarea) carry no span
      for (const label of labels) {
        const s = readSpanOffsets(v, i++, m, skipped, where, (x) => (isRecord(x) ? [x.start, x.end, label] : []));
        if (!s) continue;
        const meta = isRecord(r.meta) && Array.isArray(r.meta.text) ? r.meta.text.filter((t): t is string => typeof t === 'string').join('\n') : undefined;
        const span: ImportedSpan = { kind: 'entity', type: s.label, start: s.start, end: s.end, quote: optString(v.text) };
        if (meta) span.note = meta;
        if (author) span.author = author;
        const created = optString(g.created_at);
        if (created) span.created = created;
        doc.spans.push(span);
      }
    }
  }
  return doc;
}

export function parseLabelStudio(files: readonly InputFile[]): ParsedImport {
  const skipped: Skipped[] = [];
  const documents: ImportedDocument[] = [];
  for (const file of files) {
    if (file.path.endsWith('.xml')) continue; // the labelling config
    const value = jsonFile(file, skipped);
    if (value === undefined) continue;
    const tasks = Array.isArray(value) ? value : [value];
    tasks.forEach((t, i) => {
      const doc = readTask(t, `${file.path} task ${i + 1}`, skipped);
      if (doc) documents.push(doc);
    });
  }
  return { documents, skipped, notes: [] };
}

export const labelStudioFormat: InterchangeFormat = {
  id: 'labelstudio',
  label: 'Label Studio JSON',
  description: 'label-studio-tasks.json and label-studio-config.xml: text tasks with labels regions (code points)',
  importsFolder: false,
  extensions: ['.json'],
  exportCorpus: exportLabelStudio,
  parse: parseLabelStudio,
};
