import { annotatedSeeds } from './annotatedSeeds';
import { planHighlights } from '../src/core/anchoring/highlightRanges';
import { CorpusIndex } from '../src/core/corpus/corpusIndex';
import { describeDocument } from '../src/core/corpus/documentInfo';
import { anchorCounts, AnchoredText, followText } from '../src/core/corpus/documentModel';
import { findSuggestions, prepareSources, suggestionSources } from '../src/core/corpus/suggestions';
import type { FactAnnotation } from '../src/core/model';
import { LineIndex } from '../src/core/text/lineIndex';
import { ms, summarize, table } from './stats';

/**
 * Issue 14's typing cost: what the extension host computes per change in a document with 10,000
 * annotations, step by step as CorpusService.syncToText, the highlighter's redraw and the search
 * service's re-index request do it (VS Code's own setDecorations is not included). A change is one
 * character typed (then deleted) at a random place in the document.
 */


export async function main(): Promise<void> {
  const { text: text0, entities: entities0 } = annotatedSeeds(10_000);
  const facts0: FactAnnotation[] = [];
  const index = new CorpusIndex();
  const info = describeDocument('typing.txt', text0);
  index.setDocument('doc', info, entities0, { problems: 0, moved: 0, orphaned: 0 });
  const sources = suggestionSources(entities0.slice(0, 500), []);
  const prepared = prepareSources(sources);
  const steps = ['follow the text (edit, line index, re-anchor)', 'document info (title, date, language)', 'corpus index', 'highlight ranges', 'suggestions on screen', 'search re-index message (clone)'];
  const samples = new Map<string, number[]>(steps.map((s) => [s, []]));
  const totals: number[] = [];
  let doc: AnchoredText = { text: text0, lines: new LineIndex(text0), entities: entities0, facts: facts0 };
  const reanchored = new Set<string>();
  let seed = 1;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const runs = 60;
  for (let run = 0; run < runs + 5; run++) {
    const text = doc.text;
    const at = Math.floor(rand() * (text.length - 1));
    const raw = run % 2 === 0 ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    const t: number[] = [performance.now()];
    const next = followText(doc, raw, reanchored)!;
    t.push(performance.now());
    const nextInfo = describeDocument('typing.txt', next.text);
    t.push(performance.now());
    index.setDocument('doc', nextInfo, next.entities, { problems: 0, ...anchorCounts(next.entities, next.facts) });
    t.push(performance.now());
    planHighlights(next.lines, [...next.entities, ...next.facts.filter((f) => f.status === 'moved')]);
    t.push(performance.now());
    const mid = next.lines.lineAtUtf16(at);
    findSuggestions(next.text, prepared, next.entities, { window: { start: next.lines.lineStart(mid - 100), end: next.lines.lineStart(mid + 150) }, cps: next.lines.cp });
    t.push(performance.now());
    structuredClone({ id: 'doc', title: info.title, text: next.text, entities: next.entities, facts: next.facts, lang: 'en' });
    t.push(performance.now());
    doc = next;
    if (run < 5) continue;
    steps.forEach((s, i) => samples.get(s)!.push(t[i + 1] - t[i]));
    totals.push(t[t.length - 1] - t[0]);
  }
  const rows = steps.map((s) => {
    const x = summarize(samples.get(s)!);
    return [s, ms(x.median), ms(x.p95)];
  });
  const total = summarize(totals);
  rows.push(['**total per change**', ms(total.median), ms(total.p95)]);
  const core = summarize(totals.map((x, i) => x - samples.get(steps[5])![i]));
  rows.push(['total without the search message', ms(core.median), ms(core.p95)]);
  console.log(table([`one change in a document with 10,000 annotations (${(text0.length / 1024).toFixed(0)} KiB), ${runs} changes`, 'median', 'p95'], rows));
}
