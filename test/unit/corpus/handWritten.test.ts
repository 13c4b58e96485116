import * as assert from 'assert';
import { readDocumentModel } from '../../../src/core/corpus/documentModel';

/**
 * A sidecar entry written by hand carries only id, type, text and offsets: where its text is at its
 * offsets it is exact, and its context is taken from the text (docs/sidecar-format.md), not marked
 * as moved for review.
 */
const TEXT = 'Officials in Tongzhou said the Changtong Bridge opens in September. Tongzhou is in Beijing.\n';

function sidecar(entries: string): string {
  return `format: corpus-annotator\nversion: 1\ndocument: doc.txt\noffsets: codepoint\nentities:\n${entries}`;
}

describe('corpus: hand-written sidecar entries', () => {
  it('an entry without prefix, suffix or textHash whose text is at its offsets is exact, with its context filled in', () => {
    const start = TEXT.indexOf('Changtong Bridge');
    const model = readDocumentModel('doc.txt', TEXT, sidecar(`  - id: e-1\n    type: location\n    text: Changtong Bridge\n    start: ${start}\n    end: ${start + 16}\n`), new Set(['location']));
    const [a] = model.entities;
    assert.deepStrictEqual([a.start, a.end, a.text, a.status], [start, start + 16, 'Changtong Bridge', undefined]);
    assert.strictEqual(a.prefix, TEXT.slice(Math.max(0, start - 32), start));
    assert.ok(a.suffix && TEXT.slice(start + 16).startsWith(a.suffix));
  });

  it('the offsets decide between two copies of the quote', () => {
    const second = TEXT.lastIndexOf('Tongzhou');
    const model = readDocumentModel('doc.txt', TEXT, sidecar(`  - id: e-2\n    type: location\n    text: Tongzhou\n    start: ${second}\n    end: ${second + 8}\n`), new Set(['location']));
    assert.deepStrictEqual([model.entities[0].start, model.entities[0].status], [second, undefined]);
  });

  it('an entry whose text is not at its offsets is still found and marked for review', () => {
    const start = TEXT.indexOf('Changtong Bridge');
    const model = readDocumentModel('doc.txt', TEXT, sidecar(`  - id: e-3\n    type: location\n    text: Changtong Bridge\n    start: ${start + 3}\n    end: ${start + 19}\n`), new Set(['location']));
    assert.deepStrictEqual([model.entities[0].start, model.entities[0].status], [start, 'moved']);
  });
});
