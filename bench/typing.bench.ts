import { annotatedSeeds } from './annotatedSeeds';
import { EditTracker } from '../src/core/anchoring/editTracking';
import { planHighlights } from '../src/core/anchoring/highlightRanges';
import { CorpusIndex } from '../src/core/corpus/corpusIndex';
import { describeDocument } from '../src/core/corpus/documentInfo';
import { anchorCounts } from '../src/core/corpus/documentModel';
import { findSuggestions, prepareSources, suggestionSources } from '../src/core/corpus/suggestions';
import type { EntityAnnotation } from '../src/core/model';
import { LineIndex } from '../src/core/text/lineIndex';
import { ms, summarize, table } from './stats';

/**
 * Issue 14's typing cost: what the extension host computes per change in a document with 10,000
 * annotations, step by step as it does it: the editor's content change through the document's
 * EditTracker (EditorSync), the state's text, line index and description (EditorFollow), the
 * corpus index, the highlighter's ranges and the suggestions on screen; and, apart, the search
 * service's re-index message, sent 300 ms after the last keystroke. VS Code's own setDecorations is
 * not included. A change is one character typed (then deleted) at a random place in the document.
 */
export async function main(): Promise<void> {
  const { text: text0, entities: entities0 } = annotatedSeeds(10_000);
  const index = new CorpusIndex();
  const info = describeDocument('typing.txt', text0);
  index.setDocument('doc', info, entities0, { problems: 0, moved: 0, orphaned: 0 });
  const sources = suggestionSources(entities0.slice(0, 500), []);
  const prepared = prepareSources(sources);
  const steps = ['the edit through the edit tracker', 'text, line index and document info', 'corpus index', 'highlight ranges', 'suggestions on screen', 'search re-index message (clone, 300 ms after the last key)'];
  const samples = new Map<string, number[]>(steps.map((s) => [s, []]));
  const totals: number[] = [];
  const tracker = new EditTracker<EntityAnnotation>(text0, entities0);
  let lines = new LineIndex(text0);
  let seed = 1;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const runs = 200;
  for (let run = 0; run < runs + 5; run++) {
    const text = tracker.text;
    const at = Math.floor(rand() * (text.length - 1));
    const change = run % 2 === 0 ? { rangeOffset: at, rangeLength: 0, text: 'x' } : { rangeOffset: at, rangeLength: 1, text: '' };
    const t: number[] = [performance.now()];
    tracker.apply([change]);
    t.push(performance.now());
    lines = new LineIndex(tracker.text);
    const nextInfo = describeDocument('typing.txt', tracker.text);
    t.push(performance.now());
    const entities = tracker.annotations;
    index.setDocument('doc', nextInfo, entities, { problems: 0, ...anchorCounts(entities) });
    t.push(performance.now());
    planHighlights(lines, entities);
    t.push(performance.now());
    const mid = lines.lineAtUtf16(at);
    findSuggestions(tracker.text, prepared, entities, { window: { start: lines.lineStart(mid - 100), end: lines.lineStart(mid + 150) }, cps: lines.cp });
    t.push(performance.now());
    structuredClone({ id: 'doc', title: info.title, text: tracker.text, entities, facts: [], lang: 'en' });
    t.push(performance.now());
    if (run < 5) continue;
    steps.forEach((s, i) => samples.get(s)!.push(t[i + 1] - t[i]));
    totals.push(t[t.length - 2] - t[0]);
  }
  const rows = steps.map((s) => {
    const x = summarize(samples.get(s)!);
    return [s, ms(x.median), ms(x.p95)];
  });
  const total = summarize(totals);
  rows.push(['**per change, without the search message**', ms(total.median), ms(total.p95)]);
  console.log(table([`one change in a document with 10,000 annotations (${(text0.length / 1024).toFixed(0)} KiB), ${runs} changes`, 'median', 'p95'], rows));
}
