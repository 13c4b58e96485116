import { annotatedSeeds } from './annotatedSeeds';
import { EditTracker, reanchor } from '../src/core/anchoring';
import { ms, table, time } from './stats';

/**
 * What one keystroke in a corpus document costs the edit tracker (the editor's content change
 * applied to every annotation, the new text, its fingerprint for undo, and the rewritten anchors),
 * next to what re-anchoring by similarity cost for the same keystroke before it. Documents are the
 * seeds repeated to size; annotations are capitalised words.
 */

export async function main(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const count of [200, 1_000, 10_000]) {
    const { text, entities } = annotatedSeeds(count, ['location']);
    const tracker = new EditTracker(text, entities);
    let n = 0;
    // Alternately type an `x` at offset 100 and delete it (the deletion returns to the sidecar's text).
    const tracked = await time(() => {
      tracker.apply([n++ % 2 === 0 ? { rangeOffset: 100, rangeLength: 0, text: 'x' } : { rangeOffset: 100, rangeLength: 1, text: '' }]);
    }, 200, 10);
    // Typing a word away from the baseline: every keystroke a new text.
    const away = new EditTracker(text, entities);
    let at = 100;
    const typing = await time(() => {
      away.apply([{ rangeOffset: at++, rangeLength: 0, text: 'x' }]);
    }, 200, 10);
    let current = text;
    let anchored = entities;
    let k = 0;
    const similarity = await time(() => {
      const next = k++ % 2 === 0 ? current.slice(0, 100) + 'x' + current.slice(100) : current.slice(0, 100) + current.slice(101);
      anchored = reanchor(next, anchored, { oldText: current }).annotations;
      current = next;
    }, 50, 2);
    const size = `${(text.length / 1024).toFixed(0)} KiB`;
    rows.push(
      [count.toLocaleString('en'), size, 'edit tracker: keystroke, then Backspace back to the sidecar text', ms(tracked.median), ms(tracked.p95)],
      [count.toLocaleString('en'), size, 'edit tracker: typing away from the sidecar text', ms(typing.median), ms(typing.p95)],
      [count.toLocaleString('en'), size, 're-anchoring by similarity, same keystroke (before)', ms(similarity.median), ms(similarity.p95)],
    );
  }
  console.log(table(['annotations', 'document', 'work per keystroke', 'median', 'p95'], rows));
}
