/**
 * Entity search (`corpusAnnotator.searchEntities`): canonical entities of the registry plus tagged
 * mentions, grouped — linked mentions under their canonical entity, the others by type and folded
 * text. fuse.js ranks the groups on their short fields (name, aliases, id); `type:` filters apply.
 */
import Fuse from 'fuse.js';
import type { CanonicalEntity } from '../model';
import type { IndexedFact } from './indexState';
import type { ParsedQuery } from './query';
import { CodePointIndex } from '../text/codepoints';
import { compactKey, fold } from './tokenize';
import type { EntityOccurrence, EntitySearchResult } from './types';

const MAX_OCCURRENCES = 20;

interface Item {
  kind: 'entity' | 'mention';
  id: string;
  name: string;
  type: string;
  aliases: string[];
  externalId?: string;
  texts: Map<string, number>;
  mentionCount: number;
  docs: Set<string>;
  occurrences: EntityOccurrence[];
}

/** One document's tagged mentions, grouped; kept per document so an update only redoes its document. */
export interface DocEntitySummary {
  docId: string;
  groups: Map<string, { kind: 'entity' | 'mention'; id: string; name: string; type: string; texts: Map<string, number>; count: number; occurrences: EntityOccurrence[] }>;
}

/** Groups the entity annotations of one document's sentence records. */
export function summarizeDocument(docId: string, records: Iterable<IndexedFact>): DocEntitySummary {
  const groups: DocEntitySummary['groups'] = new Map();
  for (const r of records) {
    if (r.kind !== 'sentence') continue;
    let cps: CodePointIndex | undefined;
    for (const e of r.entities) {
      if (e.end <= e.start) continue;
      const id = e.entity ?? `mention:${fold(e.type)}:${compactKey(e.text)}`;
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { kind: e.entity ? 'entity' : 'mention', id, name: e.name, type: e.type, texts: new Map(), count: 0, occurrences: [] }));
      g.texts.set(e.text, (g.texts.get(e.text) ?? 0) + 1);
      g.count++;
      if (g.occurrences.length < MAX_OCCURRENCES) {
        g.occurrences.push({ docId: r.docId, title: r.title, start: e.start, end: e.end, line: r.line + countNewlines(r.text, (cps ??= new CodePointIndex(r.text)).toUtf16(e.start - r.start)), sentence: r.text });
      }
    }
  }
  return { docId, groups };
}

export class EntitySearcher {
  private readonly items: Item[];
  private fuse: Fuse<Item> | undefined;

  constructor(registry: CanonicalEntity[], summaries: Iterable<DocEntitySummary>) {
    const byId = new Map<string, Item>();
    const items: Item[] = [];
    for (const c of registry) {
      const it: Item = { kind: 'entity', id: c.id, name: c.name, type: c.type, aliases: [...c.aliases], texts: new Map(), mentionCount: 0, docs: new Set(), occurrences: [] };
      if (c.externalId) it.externalId = c.externalId;
      byId.set(c.id, it);
      items.push(it);
    }
    for (const sum of summaries) {
      for (const g of sum.groups.values()) {
        let it = byId.get(g.id);
        if (!it) {
          // A linked id missing from the registry, or a group of unlinked mentions.
          it = { kind: g.kind, id: g.id, name: g.name, type: g.type, aliases: [], texts: new Map(), mentionCount: 0, docs: new Set(), occurrences: [] };
          byId.set(g.id, it);
          items.push(it);
        }
        for (const [t, n] of g.texts) it.texts.set(t, (it.texts.get(t) ?? 0) + n);
        it.mentionCount += g.count;
        it.docs.add(sum.docId);
        for (const o of g.occurrences) if (it.occurrences.length < MAX_OCCURRENCES) it.occurrences.push(o);
      }
    }
    for (const it of items) {
      if (it.kind === 'mention') {
        // The most frequent spelling names the group; the others become aliases.
        const forms = [...it.texts.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t);
        it.name = forms[0] ?? it.name;
        it.aliases = forms.slice(1);
      } else {
        for (const t of it.texts.keys()) if (t !== it.name && !it.aliases.includes(t)) it.aliases.push(t);
      }
    }
    this.items = items;
  }

  search(q: ParsedQuery, limit = 50): EntitySearchResult[] {
    const types = q.filters.type;
    const pool = types.length ? this.items.filter((it) => types.some((t) => fold(it.type).startsWith(t))) : this.items;
    const text = [q.text, ...q.phrases].join(' ').trim();
    if (!text) {
      return [...pool]
        .sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name))
        .slice(0, limit)
        .map((it) => this.result(it, 1, [], undefined));
    }
    const fuse =
      pool === this.items && this.fuse
        ? this.fuse
        : new Fuse(pool, {
            keys: [
              { name: 'name', weight: 0.6 },
              { name: 'aliases', weight: 0.3 },
              { name: 'id', weight: 0.1 },
            ],
            includeScore: true,
            includeMatches: true,
            ignoreLocation: true,
            ignoreDiacritics: true,
            threshold: 0.4,
          });
    if (pool === this.items) this.fuse = fuse;
    return fuse.search(text, { limit }).map((r) => {
      const nameMatch = r.matches?.find((m) => m.key === 'name');
      const aliasMatch = r.matches?.find((m) => m.key === 'aliases');
      const cps = new CodePointIndex(r.item.name);
      const ranges: [number, number][] = nameMatch ? nameMatch.indices.map(([a, b]) => [cps.toCodePoint(a), cps.toCodePoint(b + 1)] as [number, number]) : [];
      return this.result(r.item, Math.round((1 - (r.score ?? 1)) * 10000) / 10000 + Math.min(0.2, r.item.mentionCount / 1000), ranges, !nameMatch && aliasMatch ? aliasMatch.value : undefined);
    }).sort((a, b) => b.score - a.score);
  }

  private result(it: Item, score: number, matches: [number, number][], matchedAlias: string | undefined): EntitySearchResult {
    const r: EntitySearchResult = {
      kind: it.kind,
      id: it.id,
      name: it.name,
      type: it.type,
      aliases: [...it.aliases],
      score,
      matches,
      mentionCount: it.mentionCount,
      documentCount: it.docs.size,
      occurrences: it.occurrences.map((o) => ({ ...o })),
    };
    if (it.externalId) r.externalId = it.externalId;
    if (matchedAlias) r.matchedAlias = matchedAlias;
    return r;
  }
}

/** Line breaks in `text` before UTF-16 index `upTo`. */
function countNewlines(text: string, upTo: number): number {
  let n = 0;
  for (let i = 0; i < upTo && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
