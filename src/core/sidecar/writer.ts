/**
 * The incremental, read-modify-write sidecar writer.
 *
 * `apply` works on the text as it is on disk now. It keeps the raw model (entry spans and field
 * offsets) of the last text it parsed or produced; when the disk text is that text, a change is
 * applied by splicing only the affected entries' text and shifting the spans after it, so its
 * cost is proportional to the change plus one pass over the span table, not a re-parse and
 * re-serialisation of the file. When the disk text differs (another window, git pull, a hand
 * edit), it is re-read first, so that edit is kept. Layouts it cannot splice safely (flow
 * collections, anchors, multi-line values it would have to replace, …) go through the `yaml`
 * Document API instead, which also preserves comments. Every result is checked by reading the
 * changed entries back; a sidecar that is not valid YAML or not a version this tool understands
 * is never written.
 */
import type { EntityAnnotation, FactAnnotation } from '../model';
import type { Problem } from '../problems';
import { MAX_SIDECAR_SIZE, type ParsedSidecar, type ParseSidecarOptions, type SidecarChange, type SidecarData, type WriteResult } from './format';
import { normalizeLineBreaks, restoreLineBreaks } from './lines';
import { parseRaw, tooLarge } from './parse';
import { readRaw } from './raw';
import { storedValue } from './entryRules';
import { serializeSidecar } from './serialize';
import { emptyData, emptyHeader, type AnyAnnotation } from './validate';
import { AliasRefusal, resolveAliases } from './writeAliases';
import { normalize, precheck } from './writeChecks';
import { slowApply, verifyRewrite } from './writeRewrite';
import { applyFast } from './writeSplice';
import { dataOf, load, problem, refusal, sameData, Slow, type Working } from './writeWorking';

function verify(w: Working, changes: readonly SidecarChange[]): void {
  const expected = new Map<string, Record<string, unknown> | null>();
  for (const ch of changes) {
    if (ch.kind === 'add') expected.set(ch.annotation.id, { ...(normalize(ch.collection, ch.annotation) as unknown as Record<string, unknown>) });
    else if (ch.kind === 'remove') expected.set(ch.id, null);
    else if (ch.kind === 'update') {
      const e = expected.get(ch.id) ?? {};
      for (const [k, v] of Object.entries(ch.set)) e[k] = storedValue(k, v);
      expected.set(ch.id, e);
    }
  }
  for (const [id, exp] of expected) {
    const items = w.ids.get(id);
    if (exp === null) {
      if (items && items.length) throw new Error(`entry ${id} still present after removal`);
      continue;
    }
    if (!items || items.length === 0) throw new Error(`entry ${id} missing after write`);
    for (const item of items) {
      for (const [k, v] of Object.entries(exp)) {
        const f = item.fields.find((x) => x.key === k);
        const actual = f ? f.value : undefined;
        if (v === undefined ? actual !== undefined && actual !== null : actual !== v) throw new Error(`entry ${id}: "${k}" reads back as ${JSON.stringify(actual)}, not ${JSON.stringify(v)}`);
      }
    }
  }
  const hash = [...changes].reverse().find((c) => c.kind === 'header');
  if (hash && hash.kind === 'header' && w.raw.fields.find((f) => f.key === 'textHash')?.value !== hash.textHash) throw new Error('textHash not written');
}

/** Reads the written text from scratch and checks it says what the writer returns. */
function verifyReadBack(text: string, data: SidecarData): void {
  const raw = readRaw(text);
  if (refusal(text, raw)) throw new Error('the written sidecar did not read back');
  const again = dataOf(load(text, raw));
  if (!sameData(again, data)) throw new Error('the written sidecar reads back differently from the data it was written from');
}

export class SidecarWriter {
  private cache: Working | undefined;

  /** Forgets the cached text (the next apply re-reads the disk text). */
  reset(): void {
    this.cache = undefined;
  }

  /**
   * Parses like `parseSidecar` and keeps the model, so a following `apply` on the same text does
   * not read it again.
   */
  parse(yamlText: string, options: ParseSidecarOptions = {}): ParsedSidecar {
    try {
      if (yamlText.length > MAX_SIDECAR_SIZE) return tooLarge(yamlText);
      const { text, eol } = normalizeLineBreaks(yamlText);
      const raw = readRaw(text);
      const parsed = parseRaw(text, raw, options);
      this.cache = parsed.writable && raw.kind === 'map' ? load(text, raw, eol, yamlText) : undefined;
      return parsed;
    } catch (e) {
      this.cache = undefined;
      return { value: emptyData(), problems: [internal(e)], writable: false };
    }
  }

  apply(diskText: string | undefined, changes: SidecarChange[], context: { documentName: string; textHash: string }): WriteResult {
    try {
      let w: Working;
      if (diskText === undefined) {
        const base = serializeSidecar(emptyData(emptyHeader(context.documentName, context.textHash)));
        w = load(base, readRaw(base));
      } else if (this.cache && this.cache.disk === diskText) {
        w = this.cache;
      } else {
        this.cache = undefined;
        if (diskText.length > MAX_SIDECAR_SIZE) return { ok: false, problems: tooLarge(diskText).problems };
        const { text: norm, eol } = normalizeLineBreaks(diskText);
        let raw = readRaw(norm);
        const refused = refusal(norm, raw);
        if (refused) return { ok: false, problems: refused };
        let text = norm;
        if (raw.kind === 'empty') {
          // Only comments or nothing: keep them and add a header below, in the file's line break.
          const br = eol === '\r\n' ? '\r\n' : '\n';
          const header = serializeSidecar(emptyData(emptyHeader(context.documentName, context.textHash)));
          text = norm + (norm.length && !norm.endsWith('\n') ? br : '') + (br === '\n' ? header : header.replace(/\n/g, br));
          raw = readRaw(text);
        }
        w = load(text, raw, eol);
      }
      const problems = precheck(w, changes);
      if (problems.length) return { ok: false, problems };
      let done = false;
      if (diskText === undefined && changes.every((c) => c.kind === 'add' || c.kind === 'header')) {
        // A new sidecar from additions only (an import): the canonical text at once, rather than
        // one splice per entry; the same checks follow.
        const hash = [...changes].reverse().find((c) => c.kind === 'header');
        const header = emptyHeader(context.documentName, hash && hash.kind === 'header' ? hash.textHash : context.textHash);
        const data = emptyData(header);
        for (const c of changes) if (c.kind === 'add') (data[c.collection] as AnyAnnotation[]).push(normalize(c.collection, c.annotation));
        const text = serializeSidecar(data);
        w = load(text, readRaw(text));
        done = true;
      }
      // Files with anchors or aliases are read back whole after the change (see verifyReadBack).
      const shared = !!(w.raw.aliases?.length || w.raw.anchors?.length);
      w = resolveAliases(w, changes);
      const original = w.text;
      if (!done && w.raw.regular) {
        try {
          applyFast(w, changes);
          done = true;
        } catch (e) {
          if (!(e instanceof Slow)) throw e;
        }
      }
      if (!done) {
        this.cache = undefined;
        const text = slowApply(original, changes);
        verifyRewrite(original, text, changes);
        const raw = readRaw(text);
        if (refusal(text, raw)) throw new Error('the rewritten sidecar did not read back');
        w = load(text, raw, w.lineBreak);
      }
      verify(w, changes);
      const data = dataOf(w);
      // The splice path reads back every entry it changed; that is the whole check for a file with
      // no anchors or aliases, where entries do not depend on each other. Any other file is read
      // again from scratch.
      if (shared) verifyReadBack(w.text, data);
      w.disk = restoreLineBreaks(w.text, w.lineBreak);
      this.cache = w;
      return { ok: true, text: w.disk, data };
    } catch (e) {
      this.cache = undefined;
      if (e instanceof AliasRefusal) return { ok: false, problems: e.problems };
      return { ok: false, problems: [internal(e)] };
    }
  }
}

function internal(e: unknown): Problem {
  return problem(`Not written: internal error (${e instanceof Error ? e.message : String(e)}). The sidecar was left unchanged.`, 'internal-error');
}

export type { EntityAnnotation, FactAnnotation };
