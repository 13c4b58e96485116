import * as assert from 'assert';
import { CodePointIndex, cpLength } from '../../src/core/text/codepoints';
import { decodeDocument, normalizeText } from '../../src/core/text/normalize';

describe('text: code points and normalisation', () => {
  it('strips a BOM and normalises CRLF and CR to LF', () => {
    assert.strictEqual(normalizeText('\ufeffa\r\nb\rc\n'), 'a\nb\nc\n');
    assert.strictEqual(decodeDocument(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x0d, 0x0a])), 'h\n');
  });
  it('maps code points to UTF-16 and back around astral characters', () => {
    const text = 'a😀b北京🎉c';
    const idx = new CodePointIndex(text);
    assert.strictEqual(idx.length, 7);
    assert.strictEqual(cpLength(text), 7);
    const chars = Array.from(text);
    for (let cp = 0; cp <= chars.length; cp++) {
      const u = idx.toUtf16(cp);
      assert.strictEqual(text.slice(0, u), chars.slice(0, cp).join(''));
      assert.strictEqual(idx.toCodePoint(u), cp);
    }
    assert.strictEqual(idx.slice(2, 5), 'b北京');
    // An index on a low surrogate rounds down to the character it belongs to.
    assert.strictEqual(idx.toCodePoint(2), 1);
  });
  it('is the identity for BMP-only text', () => {
    const idx = new CodePointIndex('Pékin 北京');
    assert.ok(idx.isBmpOnly);
    assert.strictEqual(idx.toUtf16(6), 6);
  });
});

import { LineIndex } from '../../src/core/text/lineIndex';

describe('text: line index', () => {
  it('maps code points to lines and UTF-16 characters and back', () => {
    const text = 'ab\n😀c\n\nd';
    const idx = new LineIndex(text);
    assert.strictEqual(idx.lineCount, 4);
    assert.deepStrictEqual(idx.positionAt(0), { line: 0, character: 0 });
    assert.deepStrictEqual(idx.positionAt(3), { line: 1, character: 0 });
    assert.deepStrictEqual(idx.positionAt(4), { line: 1, character: 2 }, 'the emoji is two UTF-16 units');
    assert.deepStrictEqual(idx.positionAt(7), { line: 3, character: 0 });
    for (let cp = 0; cp <= 8; cp++) assert.strictEqual(idx.offsetAt(idx.positionAt(cp)), cp);
    assert.strictEqual(idx.lineText(1), '😀c');
    // A character past the line's end clamps to the end of that line.
    assert.strictEqual(idx.offsetAt({ line: 0, character: 99 }), 2);
  });
});
