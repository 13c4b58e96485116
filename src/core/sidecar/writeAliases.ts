/**
 * Aliases in a sidecar being written: a change must not leave an alias without its anchor, nor
 * point it at another one, so the aliases that depend on changed entries are written out first.
 */
import type { Problem } from '../problems';
import type { SidecarChange } from './format';
import { readRaw } from './raw';
import { emitScalar } from './scalar';
import { toProblems } from './validate';
import { dataOf, load, refusal, sameData, type Working } from './writeWorking';

/** A resolved alias value as YAML text that reads back as the same value in block or flow context. */
function aliasText(v: unknown): string {
  if (typeof v === 'string') return emitScalar(v, true);
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error('an alias stands for a number that has no JSON form');
  return JSON.stringify(v);
}

export class AliasRefusal extends Error {
  constructor(readonly problems: Problem[]) {
    super('alias');
  }
}

/**
 * Before entries change, every alias that depends on them is replaced by the value it stands for:
 * aliases inside a changed entry (it may move above its anchor or be dropped), and aliases whose
 * anchor is in a changed entry or has the name of one defined there. The rest of the file is kept.
 */
export function resolveAliases(w: Working, changes: readonly SidecarChange[]): Working {
  const aliases = w.raw.aliases;
  if (!aliases || aliases.length === 0) return w;
  const spans: [number, number][] = [];
  for (const ch of changes) {
    if (ch.kind === 'remove' || ch.kind === 'update') for (const item of w.ids.get(ch.id) ?? []) spans.push([item.start, item.end]);
    else if (ch.kind === 'header') {
      const f = w.raw.fields.find((x) => x.key === 'textHash');
      if (f) spans.push([f.lineStart, f.lineEnd]);
    }
  }
  if (spans.length === 0) return w;
  const inSpan = (o: number) => spans.some(([a, b]) => o >= a && o < b);
  const names = new Set((w.raw.anchors ?? []).filter((a) => inSpan(a.offset)).map((a) => a.name));
  const chosen = aliases.filter((a) => inSpan(a.start) || inSpan(a.sourceOffset) || names.has(a.name));
  if (chosen.length === 0) return w;
  const bad = chosen.find((a) => a.error !== undefined);
  if (bad) {
    throw new AliasRefusal(toProblems(w.text, [{ message: `Not written: the alias *${bad.name} here cannot be resolved (${bad.error}); write its value out by hand first.`, severity: 'error', code: 'yaml-alias', offset: bad.start }]));
  }
  chosen.sort((a, b) => a.start - b.start);
  let out = '';
  let from = 0;
  for (const a of chosen) {
    out += w.text.slice(from, a.start) + aliasText(a.value);
    from = a.end;
  }
  out += w.text.slice(from);
  const raw = readRaw(out);
  if (refusal(out, raw)) throw new Error('the sidecar did not read back after resolving its aliases');
  const next = load(out, raw, w.lineBreak);
  // Resolving must not change what the file says.
  if (!sameData(dataOf(w), dataOf(next))) throw new Error('resolving aliases would change the data');
  return next;
}
