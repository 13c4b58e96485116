/**
 * W3C Web Annotation Data Model, JSON-LD: one `AnnotationCollection` whose page holds every
 * annotation; each targets its document (the relative path as an IRI) with a TextQuoteSelector
 * (exact, prefix, suffix) and a TextPositionSelector (code points, as the model requires), a
 * `tagging` body for the type, an `identifying` body for a linked entity (its Wikidata IRI when it
 * has a QID), a `commenting` body for a note, and `creator` and `created` where known. See
 * docs/interchange.md.
 */
import { CodePointIndex } from '../text/codepoints';
import { makeAnchor } from '../anchoring/anchor';
import { jsonFile, exportableEntities, exportableFacts, iriToPath, isQid, isRecord, linkOf, optString, pathToIri, registryMap, WIKIDATA_ENTITY } from './common';
import type { Dropped, ExportContext, ExportDocument, ExportResult, ImportedDocument, ImportedLink, ImportedSpan, InputFile, InterchangeFormat, ParsedImport, Skipped } from './types';

export const W3C_FILE = 'annotations.jsonld';
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const ENTITY_URN = 'urn:corpus-annotator:entity:';
export const ANNOTATION_URN = 'urn:corpus-annotator:annotation:';

export function exportW3c(documents: readonly ExportDocument[], context: ExportContext): ExportResult {
  const registry = registryMap(context.registry);
  const dropped: Dropped[] = [];
  const items: unknown[] = [];
  for (const doc of documents) {
    const index = new CodePointIndex(doc.text);
    const source = pathToIri(doc.path);
    for (const a of exportableEntities(doc, dropped)) {
      const anchor = makeAnchor(index, a.start, a.end);
      const body: unknown[] = [{ type: 'TextualBody', purpose: 'tagging', value: a.type }];
      const link = linkOf(a, registry);
      if (link) body.push({ type: 'SpecificResource', purpose: 'identifying', source: isQid(link.externalId) ? WIKIDATA_ENTITY + link.externalId : ENTITY_URN + encodeURIComponent(link.id) });
      if (a.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: a.note });
      items.push({
        id: ANNOTATION_URN + encodeURIComponent(a.id),
        type: 'Annotation',
        motivation: 'tagging',
        ...(a.author ? { creator: { type: 'Person', name: a.author } } : {}),
        ...(a.created ? { created: a.created } : {}),
        body,
        target: {
          source,
          selector: [
            { type: 'TextQuoteSelector', exact: anchor.text, prefix: anchor.prefix, suffix: anchor.suffix },
            { type: 'TextPositionSelector', start: a.start, end: a.end },
          ],
        },
      });
    }
    exportableFacts(doc, dropped, 'W3C Web Annotation export');
  }
  const collection = {
    '@context': ANNO_CONTEXT,
    id: 'urn:corpus-annotator:export',
    type: 'AnnotationCollection',
    label: 'Corpus Annotator export',
    total: items.length,
    first: { id: 'urn:corpus-annotator:export:page1', type: 'AnnotationPage', startIndex: 0, items },
    last: 'urn:corpus-annotator:export:page1',
  };
  return { files: [{ path: W3C_FILE, content: JSON.stringify(collection, null, 1) + '\n' }], documents: documents.length, annotations: items.length, dropped };
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

function typeIs(v: Record<string, unknown>, name: string): boolean {
  return asList(v.type ?? v['@type']).includes(name);
}

function linkFromIri(iri: string): ImportedLink {
  if (iri.startsWith(WIKIDATA_ENTITY) || iri.startsWith('https://www.wikidata.org/wiki/')) return { externalId: iri.replace(/^.*\//, '') };
  if (iri.startsWith(ENTITY_URN)) return { id: decodeURIComponent(iri.slice(ENTITY_URN.length)) };
  return { externalId: iri };
}

function readAnnotation(a: unknown, where: string, skipped: Skipped[]): { source: string; span: ImportedSpan } | undefined {
  if (!isRecord(a) || !typeIs(a, 'Annotation')) return undefined;
  const target = asList(a.target).find((t) => isRecord(t) && (typeof t.source === 'string' || isRecord(t.source))) as Record<string, unknown> | undefined;
  const source = target ? (typeof target.source === 'string' ? target.source : optString((target.source as Record<string, unknown>).id)) : undefined;
  if (!target || !source) {
    skipped.push({ file: where, reason: 'no target with a source document' });
    return undefined;
  }
  const selectors = asList(target.selector).filter(isRecord);
  const quote = selectors.find((s) => typeIs(s, 'TextQuoteSelector'));
  const pos = selectors.find((s) => typeIs(s, 'TextPositionSelector'));
  const exact = quote ? optString(quote.exact) : undefined;
  const start = pos && Number.isInteger(pos.start) ? (pos.start as number) : undefined;
  const end = pos && Number.isInteger(pos.end) ? (pos.end as number) : undefined;
  if (exact === undefined && (start === undefined || end === undefined)) {
    skipped.push({ file: where, reason: 'no TextQuoteSelector or TextPositionSelector' });
    return undefined;
  }
  const bodies = asList(a.body).filter(isRecord);
  const purpose = (b: Record<string, unknown>) => optString(b.purpose) ?? optString(a.motivation);
  const tag = bodies.find((b) => purpose(b) === 'tagging' && typeof b.value === 'string');
  if (!tag) {
    skipped.push({ file: where, reason: 'no tagging body naming the type' });
    return undefined;
  }
  const span: ImportedSpan = { kind: 'entity', type: tag.value as string, start: start ?? 0, end: end ?? 0 };
  if (exact !== undefined) {
    span.quote = exact;
    span.prefix = quote && typeof quote.prefix === 'string' ? quote.prefix : '';
    span.suffix = quote && typeof quote.suffix === 'string' ? quote.suffix : '';
    if (start === undefined || end === undefined) span.end = [...exact].length;
  }
  const ident = bodies.find((b) => purpose(b) === 'identifying');
  const iri = ident ? (optString(ident.source) ?? optString(ident.id)) : undefined;
  if (iri) span.link = linkFromIri(iri);
  const comment = bodies.find((b) => purpose(b) === 'commenting' && typeof b.value === 'string');
  if (comment) span.note = comment.value as string;
  const creator = asList(a.creator)[0];
  const author = typeof creator === 'string' ? creator : isRecord(creator) ? (optString(creator.name) ?? optString(creator.nickname)) : undefined;
  if (author) span.author = author;
  const created = optString(a.created);
  if (created) span.created = created;
  return { source: iriToPath(source), span };
}

export function parseW3c(files: readonly InputFile[]): ParsedImport {
  const skipped: Skipped[] = [];
  const byDoc = new Map<string, ImportedDocument>();
  for (const file of files) {
    const value = jsonFile(file, skipped);
    if (value === undefined) continue;
    // A collection (pages embedded), a page, a list, or a single annotation.
    // Not push(...list): a page of 300,000 annotations is more arguments than a call takes.
    let items: unknown[] = [];
    const pages = (v: unknown) => {
      for (let p = v, n = 0; isRecord(p) && n < 100_000; p = p.next, n++) items = items.concat(asList(p.items));
    };
    if (Array.isArray(value)) items = value;
    else if (isRecord(value) && typeIs(value, 'AnnotationCollection')) pages(value.first);
    else if (isRecord(value) && typeIs(value, 'AnnotationPage')) pages(value);
    else if (isRecord(value) && Array.isArray(value['@graph'])) items = value['@graph'];
    else items = [value];
    items.forEach((a, i) => {
      const r = readAnnotation(a, `${file.path} item ${i + 1}`, skipped);
      if (!r) return;
      let doc = byDoc.get(r.source);
      if (!doc) byDoc.set(r.source, (doc = { file: file.path, source: r.source, spans: [] }));
      doc.spans.push(r.span);
    });
  }
  return { documents: [...byDoc.values()], skipped, notes: [] };
}

export const w3cFormat: InterchangeFormat = {
  id: 'w3c',
  label: 'W3C Web Annotation (JSON-LD)',
  description: 'annotations.jsonld: an AnnotationCollection with TextQuote and TextPosition selectors',
  importsFolder: false,
  extensions: ['.jsonld', '.json'],
  exportCorpus: exportW3c,
  parse: parseW3c,
};
