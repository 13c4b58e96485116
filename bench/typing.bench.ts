import { annotatedSeeds } from './annotatedSeeds';
import { changedRegion, EditTracker } from '../src/core/anchoring';
import { planHighlights } from '../src/core/anchoring/highlightRanges';
import { CorpusIndex } from '../src/core/corpus/corpusIndex';
import { overlapsAny } from '../src/core/corpus/suggestions';
import { describeDocument } from '../src/core/corpus/documentInfo';
import { anchorCounts } from '../src/core/corpus/documentModel';
import type { EntityAnnotation } from '../src/core/model';
import { DecisionIndex, RejectionSet, suggestEntities } from '../src/core/suggest';
import { packSpans } from '../src/features/suggestions/packedSpans';
import { LineIndex } from '../src/core/text/lineIndex';
import { normalizeText } from '../src/core/text/normalize';
import { ms, summarize, table } from './stats';

/**
 * Issue 14's typing cost: what the extension host computes per change in a document with 10,000
 * annotations, step by step as the editor path does it (the same core calls; the VS Code layer's
 * own glue is not in plain Node):
 *  1. EditorSync.queueEdit, at every editor event, only queues the event's changes;
 *  2. EditorSync.flush, at a pause of 60 ms in typing (at typing speed, after every key): the
 *     editor's text normalised, the event through the document's EditTracker (which takes the
 *     editor's text once it has checked it), the result checked against the editor's text, the
 *     ids whose anchors differ from the sidecar's;
 *  3. EditorFollow: the line index updated around the edit, the document's info read again;
 *  4. the corpus index;
 *  5. the Highlighter, 30 ms after the flush: the highlight ranges, then the suggestions on screen
 *     as SuggestionSource.suggest computes them while the worker's result for the whole document is
 *     for an older text (always so while typing): is that result for this text (the length, else
 *     the text it was computed for), the document's annotated spans sorted, the corpus's decisions
 *     matched in the visible lines with a margin of 100 lines (250 lines);
 *  6. the status bar (counts per type) and the Problems panel (annotations to review);
 *  and, apart, two messages to workers: the search service's re-index message, sent 300 ms after
 *  the last keystroke, and the suggestion worker's job for the new text (one at a time, sent when
 *  the previous one is back). Not included: VS Code's own work (getText, setDecorations, the event).
 * A change is one character typed (then one deleted) at a random place in the document.
 */
export async function main(): Promise<void> {
  const { text: text0, entities: entities0 } = annotatedSeeds(10_000);
  const index = new CorpusIndex();
  const info = describeDocument('typing.txt', text0);
  index.setDocument('doc', info, entities0, { problems: 0, moved: 0, orphaned: 0 });
  const decisions = new DecisionIndex(entities0.slice(0, 500).map((a) => ({ text: a.text, type: a.type })));
  const context = { decisions, registry: [], rejections: new RejectionSet([]) };
  const steps = [
    'the edit through the edit tracker (flush)',
    'line index and document info',
    'corpus index',
    'highlight ranges',
    'suggestions on screen',
    'status bar and Problems',
    'search re-index message (clone, 300 ms after the last key)',
    "suggestion worker's job (clone, when its last job is back)",
  ];
  const samples = new Map<string, number[]>(steps.map((s) => [s, []]));
  const totals: number[] = [];
  const tracker = new EditTracker<EntityAnnotation>(text0, entities0);
  let lines = new LineIndex(text0);
  let entities: readonly EntityAnnotation[] = entities0;
  const facts: EntityAnnotation[] = [];
  // The suggestion worker's last result: for the original text.
  const resultLength = text0.length;
  const resultText = text0;
  let seed = 1;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const runs = 200;
  for (let run = 0; run < runs + 5; run++) {
    const text = tracker.text;
    const at = Math.floor(rand() * (text.length - 1));
    const change = run % 2 === 0 ? { rangeOffset: at, rangeLength: 0, text: 'x' } : { rangeOffset: at, rangeLength: 1, text: '' };
    // What the editor holds after the change (VS Code's own text, built outside the measured steps).
    const editorText = text.slice(0, at) + change.text + text.slice(at + change.rangeLength);
    editorText.charCodeAt(0);
    const t: number[] = [performance.now()];
    const actual = normalizeText(editorText);
    tracker.apply([change], { text: actual });
    if (tracker.text !== actual) throw new Error('the tracker lost step');
    const list = tracker.annotations;
    const changed = list.some((a, i) => a !== entities[i]);
    if (changed) tracker.unsaved();
    t.push(performance.now());
    lines = lines.afterEdit(tracker.text, changedRegion(tracker.text, [change]));
    const nextInfo = describeDocument('typing.txt', tracker.text);
    entities = list;
    t.push(performance.now());
    index.setDocument('doc', nextInfo, entities, { problems: 0, ...anchorCounts(entities) });
    t.push(performance.now());
    planHighlights(lines, [...entities, ...facts.filter((f) => f.status === 'moved')]);
    t.push(performance.now());
    // SuggestionSource.fresh: the length, then the text the result was computed for (still held).
    const fresh = resultLength === tracker.text.length && resultText === tracker.text;
    // SuggestionSource.annotated: the spans, sorted once per list of entities.
    const spans = entities.filter((a) => a.status !== 'orphaned').sort((a, b) => a.start - b.start);
    const mid = lines.lineAtUtf16(at);
    const window = { start: lines.lineStart(mid - 100), end: lines.lineStart(mid + 150) };
    if (!fresh) {
      const quick = suggestEntities(tracker.text, context, { engines: ['corpus', 'registry'], window, cps: lines.cp, annotated: spans });
      // SuggestionSource.current: what was annotated or rejected since.
      quick.filter((s) => !overlapsAny(spans, s.start, s.end) && !context.rejections.has(s.text, s.type));
    }
    t.push(performance.now());
    // AnnotationStatus.update: counts per type, annotations to review; Diagnostics.update: the review entries.
    const counts = new Map<string, number>();
    for (const a of entities) counts.set(a.type, (counts.get(a.type) ?? 0) + 1);
    entities.filter((a) => a.status && a.status !== 'exact').length;
    [...entities, ...facts].filter((a) => a.status === 'moved' || a.status === 'orphaned');
    t.push(performance.now());
    structuredClone({ id: 'doc', title: info.title, text: tracker.text, entities, facts: [], lang: 'en' });
    t.push(performance.now());
    structuredClone({ id: 'doc', text: tracker.text, annotated: packSpans(spans), engines: ['corpus', 'registry', 'model', 'patterns', 'rules'] });
    t.push(performance.now());
    if (run < 5) continue;
    steps.forEach((s, i) => samples.get(s)!.push(t[i + 1] - t[i]));
    totals.push(t[t.length - 3] - t[0]);
  }
  const rows = steps.map((s) => {
    const x = summarize(samples.get(s)!);
    return [s, ms(x.median), ms(x.p95)];
  });
  const total = summarize(totals);
  rows.push(['**per change, without the two messages**', ms(total.median), ms(total.p95)]);
  console.log(table([`one change in a document with 10,000 annotations (${(text0.length / 1024).toFixed(0)} KiB), ${runs} changes`, 'median', 'p95'], rows));
}
