/**
 * Turning what an importer read into changes to the corpus, without touching a file: which corpus
 * document each imported document is, where each annotation goes in it, which types and canonical
 * entities corpus.yaml needs, and what is a duplicate.
 *
 * - A document is matched by the relative path the file gives; else by identical normalised text;
 *   a CoNLL block by the document whose tokens it reproduces in order. Unmatched ones are skipped.
 * - Annotations are placed with the sidecar store's re-anchoring rules (src/core/anchoring): when
 *   the imported text is the corpus text they land where they are; when it differs they are found
 *   by quote and context, `moved` when only approximately, `orphaned` (kept, never placed on a
 *   lookalike) when not at all.
 * - A type matches a corpus type by id or label, ignoring case; an unknown one is added.
 * - Links become canonical entities: by registry id, else by external id, else a new entity.
 * - The same span with the same type (facts: the same span, predicate and value) is a duplicate:
 *   not added again; a duplicate that brings a link or note the existing annotation lacks fills it in.
 */
import { makeAnchor } from '../anchoring/anchor';
import { reanchor } from '../anchoring/reanchor';
import type { CorpusConfigChange } from '../corpus/config';
import type { Anchor, AnchorStatus, CanonicalEntity, EntityAnnotation, EntityType, FactAnnotation } from '../model';
import { newAnnotationId } from '../sidecar/ids';
import type { SidecarChange } from '../sidecar/format';
import { CodePointIndex } from '../text/codepoints';
import { slugify } from '../text/slug';
import { tokenize, type Token } from '../text/tokens';
import { bratTypeName } from './brat';
import { colorForNewType, typeIdFor } from './common';
import type { ImportedDocument, ImportedLink, ImportedSpan, ParsedImport, Skipped } from './types';

/** A corpus document as the importer sees it. */
export interface TargetDocument {
  path: string;
  /** Normalised text. */
  text: string;
  entities: readonly EntityAnnotation[];
  facts: readonly FactAnnotation[];
  /** False when its sidecar cannot be parsed: it is then never written. */
  writable: boolean;
  /** For reports: where its sidecar is. */
  sidecar?: string;
}

export interface ImportTarget {
  documents: readonly TargetDocument[];
  types: readonly EntityType[];
  registry: readonly CanonicalEntity[];
}

export interface ImportOptions {
  /** Written as `created` on annotations whose file gives none. */
  created?: string;
  newId?: (kind: 'entity' | 'fact') => string;
}

export interface DocumentImport {
  path: string;
  changes: SidecarChange[];
  added: number;
  duplicates: number;
  moved: number;
  orphaned: number;
}

export interface ImportSummary {
  documents: number;
  added: number;
  duplicates: number;
  moved: number;
  orphaned: number;
  skipped: Skipped[];
  notes: string[];
  addedTypes: string[];
  addedEntities: string[];
}

export interface ImportPlan {
  documents: DocumentImport[];
  /** corpus.yaml changes (types, canonical entities), to apply before the sidecars. */
  config: CorpusConfigChange[];
  summary: ImportSummary;
}

const fold = (s: string) => s.toLowerCase();

class TypeResolver {
  private readonly byName = new Map<string, string>();
  readonly added: EntityType[] = [];
  constructor(private readonly types: EntityType[]) {
    for (const t of types) this.remember(t);
  }
  private remember(t: EntityType): void {
    for (const k of [t.id, t.label, bratTypeName(t.id)]) if (!this.byName.has(fold(k))) this.byName.set(fold(k), t.id);
  }
  resolve(name: string): string {
    const hit = this.byName.get(fold(name.trim()));
    if (hit) return hit;
    let id = typeIdFor(name);
    for (let n = 2; this.types.some((t) => t.id === id); n++) id = `${typeIdFor(name)}-${n}`;
    const t: EntityType = { id, label: name.trim(), color: colorForNewType(this.types) };
    this.types.push(t);
    this.added.push(t);
    this.remember(t);
    this.byName.set(fold(name.trim()), id);
    return id;
  }
}

class LinkResolver {
  private readonly byId: Map<string, CanonicalEntity>;
  private readonly byExternal = new Map<string, CanonicalEntity>();
  readonly added: CanonicalEntity[] = [];
  constructor(registry: readonly CanonicalEntity[]) {
    this.byId = new Map(registry.map((e) => [e.id, e]));
    for (const e of registry) if (e.externalId && !this.byExternal.has(e.externalId)) this.byExternal.set(e.externalId, e);
  }
  resolve(link: ImportedLink, quote: string, type: string): string {
    if (link.id && this.byId.has(link.id)) return link.id;
    const ext = link.externalId ?? link.id;
    const known = ext ? this.byExternal.get(ext) : undefined;
    if (known) return known.id;
    const name = link.name?.trim() || quote;
    const base = link.id ?? slugify(name);
    let id = base;
    for (let n = 2; this.byId.has(id); n++) id = `${base}-${n}`;
    const e: CanonicalEntity = { id, name, type, aliases: quote !== name && quote.trim() ? [quote] : [] };
    if (link.externalId) e.externalId = link.externalId;
    this.byId.set(id, e);
    if (link.externalId) this.byExternal.set(link.externalId, e);
    this.added.push(e);
    return id;
  }
}

interface Target {
  doc: TargetDocument;
  index: CodePointIndex;
  keys: Map<string, EntityAnnotation | FactAnnotation>;
  result: DocumentImport;
  /** Fill-ins already planned for existing annotations. */
  updates: Map<string, Record<string, string>>;
}

function keyOf(a: { start: number; end: number; status?: AnchorStatus; text: string }, tail: string): string {
  return a.status === 'orphaned' ? `orphan:${a.text}:${tail}` : `${a.start}:${a.end}:${tail}`;
}
const entityKey = (a: { start: number; end: number; status?: AnchorStatus; text: string; type: string }) => keyOf(a, a.type);
const factKey = (a: { start: number; end: number; status?: AnchorStatus; text: string; predicate?: string; value?: string }) => keyOf(a, `fact:${a.predicate ?? ''}:${a.value ?? ''}`);

export function planImport(parsed: ParsedImport, target: ImportTarget, options: ImportOptions = {}): ImportPlan {
  const newId = options.newId ?? newAnnotationId;
  const types = new TypeResolver(target.types.map((t) => ({ ...t })));
  const links = new LinkResolver(target.registry);
  const skipped: Skipped[] = [...parsed.skipped];
  const byPath = new Map(target.documents.map((d) => [d.path, d]));
  let byText: Map<string, TargetDocument> | undefined;
  let byTokens: Map<string, { doc: TargetDocument; tokens: Token[] }> | undefined;
  const targets = new Map<string, Target>();

  const findDoc = (d: ImportedDocument): { doc: TargetDocument; tokens?: Token[] } | undefined => {
    if (d.tokens) {
      if (!byTokens) {
        byTokens = new Map();
        for (const doc of target.documents) {
          const tokens = tokenize(doc.text);
          const key = tokens.map((t) => t.text).join('\n');
          if (!byTokens.has(key)) byTokens.set(key, { doc, tokens });
        }
      }
      return byTokens.get(d.tokens.join('\n'));
    }
    if (d.source !== undefined) {
      const s = d.source.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
      const hit = byPath.get(s) ?? (s.endsWith('.txt') ? byPath.get(s.slice(0, -4)) : undefined);
      if (hit) return { doc: hit };
    }
    if (d.text !== undefined) {
      byText ??= new Map(target.documents.map((x) => [x.text, x]));
      const hit = byText.get(d.text);
      if (hit) return { doc: hit };
    }
    return undefined;
  };

  const targetOf = (doc: TargetDocument): Target => {
    let t = targets.get(doc.path);
    if (!t) {
      const keys = new Map<string, EntityAnnotation | FactAnnotation>();
      for (const a of doc.entities) keys.set(entityKey(a), a);
      for (const f of doc.facts) keys.set(factKey(f), f);
      t = { doc, index: new CodePointIndex(doc.text), keys, result: { path: doc.path, changes: [], added: 0, duplicates: 0, moved: 0, orphaned: 0 }, updates: new Map() };
      targets.set(doc.path, t);
    }
    return t;
  };

  for (const d of parsed.documents) {
    // A document with nothing to import needs no match and no sidecar.
    if (d.spans.length === 0) continue;
    const found = findDoc(d);
    if (!found) {
      const what = d.tokens ? 'no corpus document has these tokens in this order' : d.source !== undefined ? `no corpus document "${d.source}"${d.text !== undefined ? ' and none with the same text' : ''}` : 'no corpus document has this text';
      skipped.push({ file: d.file, reason: what });
      continue;
    }
    const { doc } = found;
    if (!doc.writable) {
      skipped.push({ file: doc.sidecar ?? `${doc.path}.yaml`, reason: 'the sidecar cannot be parsed, so it is left untouched; fix it by hand and import again' });
      continue;
    }
    const t = targetOf(doc);
    // Anchors in the imported text, placed onto the corpus text.
    const imported = d.text !== undefined ? new CodePointIndex(d.text) : undefined;
    const anchors: (Anchor & { id: string; status?: AnchorStatus })[] = d.spans.map((s, i) => {
      if (found.tokens) {
        const tk = found.tokens;
        const a = makeAnchor(t.index, tk[s.tokenStart!].start, tk[s.tokenEnd! - 1].end);
        return { ...a, id: String(i) };
      }
      if (imported) {
        const a = makeAnchor(imported, s.start, s.end);
        if (s.quote !== undefined && s.quote !== a.text) a.text = s.quote;
        return { ...a, id: String(i) };
      }
      return { id: String(i), text: s.quote ?? '', start: s.start, end: s.end, prefix: s.prefix ?? '', suffix: s.suffix ?? '' };
    });
    const sameText = found.tokens !== undefined || d.text === doc.text;
    const placed = sameText && anchors.every((a) => t.index.slice(a.start, a.end) === a.text) ? anchors : reanchor(doc.text, anchors, { oldText: d.text }).annotations;
    d.spans.forEach((s, i) => addSpan(t, s, placed[i]));
  }

  function addSpan(t: Target, s: ImportedSpan, p: Anchor & { status?: AnchorStatus }): void {
    const r = t.result;
    const anchor: Anchor = p.status === 'orphaned' ? { text: p.text, start: p.start, end: p.end, prefix: p.prefix, suffix: p.suffix } : makeAnchor(t.index, p.start, p.end);
    const status = p.status === 'moved' || p.status === 'orphaned' ? p.status : undefined;
    const common = { ...(s.note ? { note: s.note } : {}), ...(s.author ? { author: s.author } : {}), ...((s.created ?? options.created) ? { created: s.created ?? options.created } : {}), ...(status ? { status } : {}) };
    if (s.kind === 'fact') {
      const f: FactAnnotation = { id: newId('fact'), ...anchor, ...(s.subject ? { subject: s.subject } : {}), ...(s.predicate ? { predicate: s.predicate } : {}), ...(s.value ? { value: s.value } : {}), ...(s.date ? { date: s.date } : {}), ...common };
      const key = factKey(f);
      if (t.keys.has(key)) {
        r.duplicates++;
        return;
      }
      t.keys.set(key, f);
      r.changes.push({ kind: 'add', collection: 'facts', annotation: f });
    } else {
      const type = types.resolve(s.type);
      const entity = s.link ? links.resolve(s.link, anchor.text, type) : undefined;
      const a: EntityAnnotation = { id: newId('entity'), type, ...anchor, ...(entity ? { entity } : {}), ...common };
      const key = entityKey(a);
      const existing = t.keys.get(key) as EntityAnnotation | undefined;
      if (existing) {
        r.duplicates++;
        const fill = t.updates.get(existing.id) ?? {};
        if (entity && !existing.entity && !fill.entity) fill.entity = entity;
        if (a.note && !existing.note && !fill.note) fill.note = a.note;
        if (Object.keys(fill).length && !t.updates.has(existing.id)) {
          t.updates.set(existing.id, fill);
          // An annotation added by this import is changed in place; one already there gets an update.
          const pending = r.changes.find((c) => c.kind === 'add' && c.annotation.id === existing.id);
          if (pending && pending.kind === 'add') Object.assign(pending.annotation, fill);
          else r.changes.push({ kind: 'update', id: existing.id, set: fill });
        }
        return;
      }
      t.keys.set(key, a);
      r.changes.push({ kind: 'add', collection: 'entities', annotation: a });
    }
    r.added++;
    if (status === 'moved') r.moved++;
    if (status === 'orphaned') r.orphaned++;
  }

  const documents = [...targets.values()].map((t) => t.result);
  const config: CorpusConfigChange[] = [...types.added.map((type) => ({ kind: 'addType' as const, type })), ...links.added.map((entity) => ({ kind: 'addEntity' as const, entity }))];
  const sum = (k: 'added' | 'duplicates' | 'moved' | 'orphaned') => documents.reduce((n, d) => n + d[k], 0);
  const notes = [...parsed.notes];
  for (const ty of types.added) notes.push(`type "${ty.label}" is new: added to corpus.yaml as "${ty.id}"`);
  for (const e of links.added) notes.push(`canonical entity "${e.name}" is new: added to corpus.yaml as "${e.id}"${e.externalId ? ` (${e.externalId})` : ''}`);
  return {
    documents,
    config,
    summary: {
      documents: documents.length,
      added: sum('added'),
      duplicates: sum('duplicates'),
      moved: sum('moved'),
      orphaned: sum('orphaned'),
      skipped,
      notes,
      addedTypes: types.added.map((x) => x.id),
      addedEntities: links.added.map((x) => x.id),
    },
  };
}
