import * as assert from 'assert';
import { type ContentChange, EditTracker, makeAnchor, reanchor } from '../../../src/core/anchoring';
import type { EntityAnnotation } from '../../../src/core/model';
import { CodePointIndex } from '../../../src/core/text/codepoints';
import { seedFiles } from '../../support/fixtures';

const SEED = seedFiles().find((f) => f.file === '000_ad486b33f2fde1b8.txt')!.text;

function tag(text: string, quote: string, id = quote, nth = 0): EntityAnnotation {
  let u = -1;
  for (let i = 0; i <= nth; i++) u = text.indexOf(quote, u + 1);
  assert.ok(u >= 0, quote);
  const s = new CodePointIndex(text).toCodePoint(u);
  return { id, type: 'person', ...makeAnchor(text, s, s + [...quote].length) };
}

/** Typing `keys` one at a time over [from, to), as over a selection. */
function typing(from: number, to: number, keys: string): ContentChange[][] {
  return [...keys].map((k, i) => [{ rangeOffset: from + i, rangeLength: i === 0 ? to - from : 0, text: k }]);
}

function run(tracker: EditTracker<EntityAnnotation>, events: ContentChange[][]): void {
  for (const e of events) tracker.apply(e);
}

describe('anchoring: edit tracking', () => {
  it('typing "Tang Hongg" over "Tang Hong" one key at a time makes it the span; Backspace restores the sidecar exactly', () => {
    const a = tag(SEED, 'Tang Hong');
    const t = new EditTracker(SEED, [a]);
    const u = SEED.indexOf('Tang Hong');
    run(t, typing(u, u + 9, 'Tang Hongg'));
    const [after] = t.annotations;
    assert.strictEqual(after.text, 'Tang Hongg');
    assert.deepStrictEqual([after.start, after.end], [a.start, a.start + 10]);
    assert.strictEqual(after.status, undefined, 'a deliberate retype is not a move');
    assert.deepStrictEqual([...t.unsaved()], ['Tang Hong']);
    const r = t.apply([{ rangeOffset: u + 9, rangeLength: 1, text: '' }]);
    assert.strictEqual(r.restored, 'baseline');
    assert.strictEqual(t.annotations[0], a);
    assert.strictEqual(t.unsaved().size, 0);
  });

  it('retyping "China Communications Construction" over itself leaves it exactly as it was', () => {
    const quote = 'China Communications Construction';
    const a = tag(SEED, quote);
    const b = tag(SEED, 'Changtong Bridge', 'bridge');
    const t = new EditTracker(SEED, [b, a]);
    const u = SEED.indexOf(quote);
    const events = typing(u, u + quote.length, quote);
    run(t, events.slice(0, -1));
    assert.strictEqual(t.annotations[1].text, quote.slice(0, -1), 'half-way, the span is what was typed so far');
    run(t, events.slice(-1));
    assert.strictEqual(t.text, SEED);
    assert.strictEqual(t.annotations[0], b);
    assert.strictEqual(t.annotations[1], a);
  });

  it('an insertion inside grows, a deletion inside shrinks, text typed at an edge stays outside', () => {
    const text = 'Mayor Chen Jining spoke.';
    const a = tag(text, 'Chen Jining');
    const t = new EditTracker(text, [a]);
    t.apply([{ rangeOffset: 10, rangeLength: 0, text: ' X.' }]);
    assert.strictEqual(t.annotations[0].text, 'Chen X. Jining');
    t.apply([{ rangeOffset: 10, rangeLength: 3, text: '' }]);
    assert.strictEqual(t.annotations[0], a, 'back to the original text');
    t.apply([{ rangeOffset: 17, rangeLength: 0, text: ',' }]);
    t.apply([{ rangeOffset: 6, rangeLength: 0, text: '"' }]);
    assert.strictEqual(t.annotations[0].text, 'Chen Jining');
    assert.strictEqual(t.annotations[0].start, 7);
  });

  it('an edit across a boundary clips the span and marks it for review; deleting it orphans it, even with a lookalike left', () => {
    const text = 'Tang Hong met Tang Hong.';
    const first = tag(text, 'Tang Hong', 'first');
    const t = new EditTracker(text, [first]);
    t.apply([{ rangeOffset: 5, rangeLength: 8, text: 'Li met' }]);
    assert.strictEqual(t.text, 'Tang Li met Tang Hong.');
    assert.deepStrictEqual([t.annotations[0].text, t.annotations[0].status], ['Tang ', 'moved']);
    t.apply([{ rangeOffset: 0, rangeLength: 8, text: '' }]);
    assert.strictEqual(t.annotations[0].status, 'orphaned');
    assert.strictEqual(t.annotations[0].text, 'Tang ', 'an orphan keeps its last known quote');
  });

  it('undo brings back where every annotation was for that text', () => {
    const text = 'Tang Hong met Li Wei in Beijing.';
    const a = tag(text, 'Li Wei');
    const t = new EditTracker(text, [a]);
    t.apply([{ rangeOffset: 0, rangeLength: 0, text: 'Then ' }]); // not the sidecar's text any more
    t.apply([{ rangeOffset: 19, rangeLength: 11, text: '' }]); // deletes "Li Wei in B" from "Then Tang Hong met Li Wei in Beijing."
    assert.strictEqual(t.annotations[0].status, 'orphaned');
    t.apply([{ rangeOffset: 19, rangeLength: 0, text: 'Li Wei in B' }], { reason: 'undo' });
    assert.deepStrictEqual([t.annotations[0].text, t.annotations[0].start, t.annotations[0].status], ['Li Wei', a.start + 5, undefined]);
  });

  it('multi-cursor changes in descending order move every span', () => {
    const text = 'Beijing, Tianjin, Hebei';
    const anns = [tag(text, 'Beijing'), tag(text, 'Tianjin'), tag(text, 'Hebei')];
    const t = new EditTracker(text, anns);
    t.apply([
      { rangeOffset: 18, rangeLength: 0, text: '>' },
      { rangeOffset: 9, rangeLength: 0, text: '>' },
      { rangeOffset: 0, rangeLength: 0, text: '>' },
    ]);
    assert.deepStrictEqual(
      t.annotations.map((a) => [a.text, a.start]),
      [
        ['Beijing', 1],
        ['Tianjin', 11],
        ['Hebei', 21],
      ],
    );
  });

  it('offsets stay in code points around astral characters', () => {
    const text = '🙂 Tang Hong 🙂 Li';
    const a = tag(text, 'Li');
    const t = new EditTracker(text, [a]);
    t.apply([{ rangeOffset: 0, rangeLength: 0, text: '🙂' }]);
    assert.deepStrictEqual([t.annotations[0].start, t.annotations[0].text], [a.start + 1, 'Li']);
  });

  it('a change nobody described is re-anchored by the caller; the sidecar text still restores exactly', () => {
    const text = 'Tang Hong met Li Wei.';
    const a = tag(text, 'Li Wei');
    const t = new EditTracker(text, [a]);
    const onDisk = 'Yesterday Tang Hong met Li Wei.';
    t.replace(onDisk, reanchor(onDisk, t.annotations, { oldText: t.text }).annotations);
    assert.strictEqual(t.annotations[0].start, a.start + 10);
    t.replace(text, reanchor(text, t.annotations, { oldText: t.text }).annotations);
    assert.strictEqual(t.annotations[0], a);
  });

  it('after a write, the new sidecar contents are the baseline', () => {
    const text = 'Tang Hong met Li Wei.';
    const a = tag(text, 'Li Wei');
    const t = new EditTracker(text, [a]);
    t.apply([{ rangeOffset: 0, rangeLength: 0, text: 'So ' }]);
    const written = [...t.annotations, tag(t.text, 'Tang Hong', 'th')];
    t.setBaseline(t.text, written);
    assert.strictEqual(t.unsaved().size, 0);
    t.apply([{ rangeOffset: 0, rangeLength: 3, text: '' }]);
    assert.deepStrictEqual(t.annotations.map((x) => x.text), ['Li Wei', 'Tang Hong']);
    assert.deepStrictEqual([...t.unsaved()].sort(), ['Li Wei', 'th']);
  });

  it('moving the cursor away ends retyping: text typed after it later stays outside', () => {
    const text = 'Tang Hong said.';
    const t = new EditTracker(text, [tag(text, 'Tang Hong')]);
    run(t, typing(0, 9, 'Tang Hongg'));
    t.endRetyping([10]);
    t.apply([{ rangeOffset: 10, rangeLength: 0, text: 'x' }]);
    assert.strictEqual(t.annotations[0].text, 'Tang Honggx', 'the cursor was still at its end');
    t.endRetyping([]);
    t.apply([{ rangeOffset: 11, rangeLength: 0, text: 'y' }]);
    assert.strictEqual(t.annotations[0].text, 'Tang Honggx');
  });
});
