import { annotatedSeeds } from './annotatedSeeds';
import { planHighlights } from '../src/core/anchoring/highlightRanges';
import { reanchor } from '../src/core/anchoring';
import { findSuggestions, suggestionSources } from '../src/core/corpus/suggestions';
import { LineIndex } from '../src/core/text/lineIndex';
import { ms, table, time } from './stats';

/**
 * Issue 4's target: highlighting a document with 10,000 annotations under 16 ms per update after
 * the first. An update is what the highlighter computes before handing ranges to VS Code: the
 * editor ranges per type (and moved ones) and the suggestions; on a keystroke it is preceded by
 * re-anchoring the annotations to the new text, measured here too.
 */


export async function main(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const count of [1_000, 10_000]) {
    const { text, entities } = annotatedSeeds(count);
    const lines = new LineIndex(text);
    const sources = suggestionSources(entities.slice(0, 500), []);
    const first = await time(() => planHighlights(new LineIndex(text), entities), 10, 0);
    const update = await time(() => planHighlights(lines, entities), 50);
    // What the highlighter does: suggestions for the visible lines and 100 lines either side.
    const mid = Math.floor(lines.lineCount / 2);
    const window = { start: lines.lineStart(mid - 100), end: lines.lineStart(mid + 150) };
    const withSuggestions = await time(() => {
      planHighlights(lines, entities);
      findSuggestions(text, sources, entities, { window, cps: lines.cp });
    }, 50);
    const wholeDocument = await time(() => findSuggestions(text, sources, entities, { cps: lines.cp }), 10);
    // A keystroke near the top: every annotation after it shifts.
    let current = text;
    let anchored = entities;
    let n = 0;
    const keystroke = await time(() => {
      // Alternately type an `x` at offset 100 and delete it again.
      const next = n++ % 2 === 0 ? current.slice(0, 100) + 'x' + current.slice(100) : current.slice(0, 100) + current.slice(101);
      const r = reanchor(next, anchored, { oldText: current });
      current = next;
      anchored = r.annotations;
      planHighlights(new LineIndex(current), anchored);
    }, 50);
    rows.push(
      [count.toLocaleString('en'), `${(text.length / 1024).toFixed(0)} KiB`, 'first draw (line index + ranges)', ms(first.median), ms(first.p95)],
      [count.toLocaleString('en'), '', 'update: ranges per type', ms(update.median), ms(update.p95)],
      [count.toLocaleString('en'), '', 'update: ranges + suggestions on screen (250 lines)', ms(withSuggestions.median), ms(withSuggestions.p95)],
      [count.toLocaleString('en'), '', '(suggestions over the whole document, not done per redraw)', ms(wholeDocument.median), ms(wholeDocument.p95)],
      [count.toLocaleString('en'), '', 'keystroke: re-anchor + line index + ranges', ms(keystroke.median), ms(keystroke.p95)],
    );
  }
  console.log(table(['annotations', 'document', 'work per redraw', 'median', 'p95'], rows));
  console.log('\nsetDecorations itself runs in VS Code and is not part of these figures.');
}
