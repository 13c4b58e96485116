import * as assert from 'assert';
import { resizeSpan } from '../../../src/core/anchoring/resize';

const TEXT = 'said Tang Hong, Party Secretary of the Project.';
const span = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });
const quote = (r: { start: number; end: number } | undefined) => (r ? TEXT.slice(r.start, r.end) : undefined);

describe('anchoring: resizing a span by a word or a character', () => {
  it('grows and shrinks the end by a word, punctuation being a word', () => {
    const { start, end } = span('Tang');
    assert.strictEqual(quote(resizeSpan(TEXT, start, end, 'end', 'word', 'grow')), 'Tang Hong');
    const th = span('Tang Hong');
    assert.strictEqual(quote(resizeSpan(TEXT, th.start, th.end, 'end', 'word', 'grow')), 'Tang Hong,');
    assert.strictEqual(quote(resizeSpan(TEXT, th.start, th.end, 'end', 'word', 'shrink')), 'Tang');
    assert.strictEqual(resizeSpan(TEXT, start, end, 'end', 'word', 'shrink'), undefined, 'never empty');
  });
  it('grows and shrinks the start by a word', () => {
    const th = span('Tang Hong');
    assert.strictEqual(quote(resizeSpan(TEXT, th.start, th.end, 'start', 'word', 'grow')), 'said Tang Hong');
    assert.strictEqual(quote(resizeSpan(TEXT, th.start, th.end, 'start', 'word', 'shrink')), 'Hong');
    const said = span('said');
    assert.strictEqual(resizeSpan(TEXT, said.start, said.end, 'start', 'word', 'grow'), undefined, 'not past the start of the text');
  });
  it('a span that ends inside a word grows to the end of that word', () => {
    const r = resizeSpan(TEXT, TEXT.indexOf('Secretary'), TEXT.indexOf('Secretary') + 4, 'end', 'word', 'grow');
    assert.strictEqual(quote(r), 'Secretary');
  });
  it('moves an edge by one character (code points)', () => {
    const th = span('Tang Hon');
    assert.strictEqual(quote(resizeSpan(TEXT, th.start, th.end, 'end', 'character', 'grow')), 'Tang Hong');
    assert.strictEqual(quote(resizeSpan(TEXT, th.start, th.end, 'start', 'character', 'shrink')), 'ang Hon');
    assert.deepStrictEqual(resizeSpan('a🙂b', 0, 1, 'end', 'character', 'grow'), { start: 0, end: 2 });
    assert.strictEqual(resizeSpan(TEXT, 0, 1, 'end', 'character', 'shrink'), undefined);
  });
});
