/**
 * The re-anchoring probe of issue 10: random edit scripts over documents with many annotations,
 * with each annotation's true place tracked through the edits, and `reanchor`'s answers sorted
 * into outcomes. Used by the unit suite (few trials, fixed seed) and `npm run bench -- reanchor`
 * (the full run and its table).
 *
 * The seeds hold no astral characters and the inserted text is ASCII, so UTF-16 indices are code
 * point offsets throughout.
 */
import { makeAnchor, reanchor } from '../../src/core/anchoring';
import type { EntityAnnotation } from '../../src/core/model';
import { normalizeText } from '../../src/core/text/normalize';
import { mulberry32, seedTexts } from './fixtures';

export type Mode = 'without the old text' | 'old text, one edit at a time' | 'old text, whole script at once';
export const MODES: Mode[] = ['without the old text', 'old text, one edit at a time', 'old text, whole script at once'];

export const OUTCOMES = [
  'exact at the true place',
  'orphaned, its text was changed',
  'marked moved onto its changed text',
  'marked moved, at the true place',
  'marked moved elsewhere (for review)',
  'unmarked, identical context (documented)',
  'LOST: orphaned although its text is intact',
  'WRONG: unmarked move within 64 code points',
  'WRONG: unmarked move farther away',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The outcomes a property test accepts (everything but the losses and the unmarked wrong moves). */
export function isFailure(o: Outcome): boolean {
  return o.startsWith('LOST') || o.startsWith('WRONG');
}

interface Truth {
  start: number;
  end: number;
  /** The quote is unchanged at [start, end). */
  intact: boolean;
  /** The quote's text was destroyed (edited across an edge, or deleted): no true place. */
  destroyed: boolean;
  /**
   * Where it is if an edit is read at another place that gives the very same text (a paragraph
   * pasted next to itself, a deletion that ends where the same words begin again): no tool can
   * tell these apart, see `slides`.
   */
  alts?: Truth[];
}

interface Edit {
  at: number;
  del: number;
  ins: string;
  kind: string;
}

const WORDS = 'the plan bridge river of and new Beijing district said officials in to for zone demonstration promotion a'.split(' ');

function randomText(r: () => number, maxWords: number): string {
  const n = 1 + Math.floor(r() * maxWords);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]);
  return (r() < 0.5 ? ' ' : '') + out.join(' ') + (r() < 0.3 ? '. ' : ' ');
}

function paragraphs(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push([m.index, m.index + m[0].length]);
  return out;
}

function randomEdit(text: string, r: () => number, anns: readonly { start: number; end: number }[]): Edit {
  const p = r();
  const pos = () => Math.floor(r() * (text.length + 1));
  if (p < 0.3) return { at: pos(), del: 0, ins: randomText(r, 6), kind: 'insert' };
  if (p < 0.5) {
    const at = pos();
    return { at, del: Math.min(text.length - at, 1 + Math.floor(r() * 40)), ins: '', kind: 'delete' };
  }
  if (p < 0.65) {
    const at = pos();
    return { at, del: Math.min(text.length - at, 1 + Math.floor(r() * 20)), ins: randomText(r, 4), kind: 'replace' };
  }
  if (p < 0.75 && anns.length) {
    // A typo inside an annotated quote.
    const a = anns[Math.floor(r() * anns.length)];
    if (a.end - a.start >= 3) {
      const at = a.start + 1 + Math.floor(r() * (a.end - a.start - 2));
      return { at, del: 1, ins: String.fromCharCode(97 + Math.floor(r() * 26)), kind: 'typo' };
    }
  }
  const paras = paragraphs(text);
  if (paras.length === 0) return { at: pos(), del: 0, ins: randomText(r, 6), kind: 'insert' };
  const [ps, pe] = paras[Math.floor(r() * paras.length)];
  if (p < 0.87) {
    // A paragraph pasted again, next to itself or elsewhere.
    const copy = text.slice(ps, pe) + '\n';
    const at = r() < 0.5 ? ps : (paras[Math.floor(r() * paras.length)][0]);
    return { at, del: 0, ins: copy, kind: 'paste paragraph' };
  }
  return { at: ps, del: Math.min(text.length - ps, pe - ps + 1), ins: '', kind: 'delete paragraph' };
}

function applyEdit(text: string, e: Edit): string {
  return text.slice(0, e.at) + e.ins + text.slice(e.at + e.del);
}

function trackOne(t: Truth, e: Edit): Truth {
  const d = e.ins.length - e.del;
  const b = e.at + e.del;
  if (t.destroyed) return t;
  // A pure insertion at an annotation's edge leaves it as it was (the tool's own convention for typing next to it).
  if (e.del === 0 && (e.at <= t.start || e.at >= t.end)) return e.at <= t.start ? { ...t, start: t.start + d, end: t.end + d } : t;
  if (b <= t.start) return { ...t, start: t.start + d, end: t.end + d };
  if (e.at >= t.end) return t;
  // Inside the quote (not across an edge): the quote was changed in place.
  if (e.at > t.start && b < t.end && t.end + d > t.start) return { start: t.start, end: t.end + d, intact: false, destroyed: false };
  return { start: e.at, end: e.at, intact: false, destroyed: true };
}

/**
 * The other places a pure insertion or deletion could be read at with the same resulting text:
 * it slides while the characters it passes are the same (the leftmost and rightmost readings).
 */
function slides(text: string, e: Edit): Edit[] {
  const out: Edit[] = [];
  if (e.del === 0 && e.ins.length > 0) {
    const n = e.ins.length;
    let l = 0;
    while (e.at - l > 0 && text[e.at - l - 1] === e.ins[(n - 1 - (l % n) + n) % n]) l++;
    let r = 0;
    while (e.at + r < text.length && text[e.at + r] === e.ins[r % n]) r++;
    const rot = (k: number) => e.ins.slice(((k % n) + n) % n) + e.ins.slice(0, ((k % n) + n) % n);
    if (l > 0) out.push({ ...e, at: e.at - l, ins: rot(-l) });
    if (r > 0) out.push({ ...e, at: e.at + r, ins: rot(r) });
  } else if (e.ins.length === 0 && e.del > 0) {
    let l = 0;
    while (e.at - l > 0 && text[e.at - l - 1] === text[e.at + e.del - l - 1]) l++;
    let r = 0;
    while (e.at + e.del + r < text.length && text[e.at + r] === text[e.at + e.del + r]) r++;
    if (l > 0) out.push({ ...e, at: e.at - l });
    if (r > 0) out.push({ ...e, at: e.at + r });
  }
  return out;
}

const same = (x: Truth, y: Truth) => x.start === y.start && x.end === y.end && x.intact === y.intact && x.destroyed === y.destroyed;

/** The truth after edit `e` of `text`, with the places equivalent readings of the edits give. */
function track(t: Truth, e: Edit, text: string): Truth {
  const main = trackOne(t, e);
  const alts: Truth[] = [];
  const add = (x: Truth) => {
    if (!x.destroyed && !same(x, main) && !alts.some((y) => same(x, y)) && alts.length < 4) alts.push({ start: x.start, end: x.end, intact: x.intact, destroyed: false });
  };
  const others = slides(text, e);
  for (const from of [t, ...(t.alts ?? [])]) {
    add(trackOne(from, e));
    for (const o of others) add(trackOne(from, o));
  }
  return alts.length ? { ...main, alts } : { ...main, alts: undefined };
}

export interface ProbeOptions {
  seed: number;
  trials: number;
  annotationsPerTrial: number;
  maxEdits: number;
  /** Called with each trial's texts and annotations (to reproduce a case outside the probe). */
  onTrial?: (trial: number, texts: readonly string[], final: string, annotations: readonly EntityAnnotation[]) => void;
}

export interface ProbeResult {
  counts: Record<Mode, Record<Outcome, number>>;
  /** A few failing cases per mode, to reproduce. */
  examples: { mode: Mode; outcome: Outcome; trial: number; id: string; quote: string; truth: Truth; got: { start: number; end: number; status?: string }; edits: string[]; stored: string[]; atGot: string[]; before: string; after: string }[];
  annotations: number;
}

function classify(text: string, stored: EntityAnnotation, t: Truth, got: EntityAnnotation): Outcome {
  const status = got.status === 'exact' ? undefined : got.status;
  if (status === 'orphaned') return t.intact ? 'LOST: orphaned although its text is intact' : 'orphaned, its text was changed';
  const at = got.start === t.start && got.end === t.end;
  if (status === 'moved') {
    if (t.intact) return at ? 'marked moved, at the true place' : 'marked moved elsewhere (for review)';
    if (!t.destroyed && got.start < t.end && got.end > t.start) return 'marked moved onto its changed text';
    return 'marked moved elsewhere (for review)';
  }
  if (t.intact && at) return 'exact at the true place';
  // Where an equally valid reading of the edits puts it, with the quote intact: the same text either way.
  if (t.alts?.some((x) => x.intact && x.start === got.start && x.end === got.end)) return 'unmarked, identical context (documented)';
  // Unmarked and not at the true place.
  const ctx = 32;
  const around = (s: number, e: number) => text.slice(Math.max(0, s - ctx), Math.min(text.length, e + ctx));
  if (t.intact && around(got.start, got.end) === around(t.start, t.end)) return 'unmarked, identical context (documented)';
  // Its full stored context at the new place: indistinguishable from a passage moved there.
  if (text.slice(Math.max(0, got.start - stored.prefix.length), got.end + stored.suffix.length) === stored.prefix + stored.text + stored.suffix) return 'unmarked, identical context (documented)';
  return Math.abs(got.start - t.start) <= 64 ? 'WRONG: unmarked move within 64 code points' : 'WRONG: unmarked move farther away';
}

export function runProbe(opts: ProbeOptions): ProbeResult {
  const r = mulberry32(opts.seed);
  const seeds = seedTexts();
  const counts = Object.fromEntries(MODES.map((m) => [m, Object.fromEntries(OUTCOMES.map((o) => [o, 0]))])) as Record<Mode, Record<Outcome, number>>;
  const examples: ProbeResult['examples'] = [];
  let annotations = 0;
  for (let trial = 0; trial < opts.trials; trial++) {
    // A document of two or three seeds (repeated phrases across them are part of the test).
    const k = 2 + Math.floor(r() * 2);
    const parts: string[] = [];
    for (let i = 0; i < k; i++) parts.push(seeds[Math.floor(r() * seeds.length)]);
    const original = parts.join('\n\n');
    const words = [...original.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu)];
    const anns: EntityAnnotation[] = [];
    const used = new Set<number>();
    while (anns.length < opts.annotationsPerTrial && used.size < words.length) {
      const w = words[Math.floor(r() * words.length)];
      if (used.has(w.index!)) continue;
      used.add(w.index!);
      const two = r() < 0.25 ? words[words.indexOf(w) + 1] : undefined;
      const end = two ? two.index! + two[0].length : w.index! + w[0].length;
      anns.push({ id: `e-${anns.length}`, type: 'x', ...makeAnchor(original, w.index!, end) });
    }
    annotations += anns.length;
    const nEdits = 1 + Math.floor(r() * opts.maxEdits);
    const edits: Edit[] = [];
    const texts = [original];
    let truths: Truth[] = anns.map((a) => ({ start: a.start, end: a.end, intact: true, destroyed: false }));
    let text = original;
    for (let i = 0; i < nEdits; i++) {
      const live = truths.filter((t) => !t.destroyed);
      const e = randomEdit(text, r, live);
      edits.push(e);
      const before = text;
      text = applyEdit(text, e);
      texts.push(text);
      truths = truths.map((t) => track(t, e, before));
    }
    // Line endings and a BOM as a checkout or another tool may leave them; the tool normalises.
    let disk = text;
    if (r() < 0.2) disk = disk.replace(/\n/g, '\r\n');
    if (r() < 0.2) disk = '\ufeff' + disk;
    const final = normalizeText(disk);
    opts.onTrial?.(trial, texts, final, anns);
    const results: Record<Mode, EntityAnnotation[]> = {
      'without the old text': reanchor(final, anns).annotations,
      'old text, whole script at once': reanchor(final, anns, { oldText: original }).annotations,
      'old text, one edit at a time': (() => {
        let cur = anns;
        for (let i = 1; i < texts.length; i++) cur = reanchor(texts[i], cur, { oldText: texts[i - 1] }).annotations;
        return cur;
      })(),
    };
    for (const mode of MODES) {
      results[mode].forEach((got, i) => {
        const o = classify(final, anns[i], truths[i], got);
        counts[mode][o]++;
        if (isFailure(o) && examples.filter((x) => x.mode === mode).length < 5) {
          const a = anns[i];
          examples.push({
            mode, outcome: o, trial, id: a.id, quote: a.text, truth: truths[i], got: { start: got.start, end: got.end, status: got.status },
            edits: edits.map((e) => `${e.kind} at ${e.at} del ${e.del} ins ${JSON.stringify(e.ins.slice(0, 40))}`),
            stored: [a.prefix, a.text, a.suffix],
            atGot: [final.slice(Math.max(0, got.start - 32), got.start), final.slice(got.start, got.end), final.slice(got.end, got.end + 32)],
            before: original.slice(Math.max(0, a.start - 60), a.end + 60),
            after: final.slice(Math.max(0, Math.min(got.start, truths[i].start) - 60), Math.max(got.end, truths[i].end) + 60),
          });
        }
      });
    }
  }
  return { counts, examples, annotations };
}

/** The outcome table, one column per mode. */
export function probeTable(res: ProbeResult): string {
  const lines = [`| outcome (${res.annotations.toLocaleString('en')} annotations per mode) | ${MODES.join(' | ')} |`, `| --- | ${MODES.map(() => '---:').join(' | ')} |`];
  for (const o of OUTCOMES) lines.push(`| ${o} | ${MODES.map((m) => res.counts[m][o].toLocaleString('en')).join(' | ')} |`);
  return lines.join('\n');
}
