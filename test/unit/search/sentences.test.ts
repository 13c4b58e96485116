import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { detectLanguage, splitSentences, type Sentence } from '../../../src/core/facts/sentences';
import { CodePointIndex } from '../../../src/core/text/codepoints';
import { normalizeText } from '../../../src/core/text/normalize';

const SEEDS = path.resolve(__dirname, '../../../../seeds');

function seed(prefix: string): string {
  const f = fs.readdirSync(SEEDS).find((x) => x.startsWith(prefix))!;
  return normalizeText(fs.readFileSync(path.join(SEEDS, f), 'utf8'));
}

function texts(text: string): string[] {
  return splitSentences(text).map((s) => s.text);
}

function containing(list: Sentence[], needle: string): Sentence {
  const hits = list.filter((s) => s.text.includes(needle));
  assert.strictEqual(hits.length, 1, `expected one sentence with ${JSON.stringify(needle)}, got ${hits.length}`);
  return hits[0];
}

/** Offsets are code points into the text, sentences are trimmed, ordered and do not overlap. */
function checkInvariants(text: string, list: Sentence[]): void {
  const cps = new CodePointIndex(text);
  const lines = text.split('\n');
  let prevEnd = 0;
  for (const s of list) {
    assert.ok(s.start >= prevEnd && s.end > s.start, `order at ${s.start}`);
    assert.strictEqual(cps.slice(s.start, s.end), s.text);
    assert.strictEqual(s.text, s.text.trim());
    const before = text.slice(0, cps.toUtf16(s.start));
    assert.strictEqual(s.line, before.split('\n').length);
    assert.ok(lines[s.line - 1].includes(s.text.split('\n')[0]));
    prevEnd = s.end;
  }
}

describe('sentence splitting: seed documents', () => {
  for (const f of fs.readdirSync(SEEDS).filter((x) => x.endsWith('.txt'))) {
    it(`${f}: offsets, lines, no sentence starts with a closing quote`, () => {
      const text = seed(f.slice(0, 3));
      const list = splitSentences(text);
      assert.ok(list.length > 50);
      checkInvariants(text, list);
      for (const s of list) assert.ok(!/^[»”)\]]/.test(s.text), `starts with a closer: ${s.text.slice(0, 60)}`);
      // A sentence only starts in lower case where its line does.
      for (const s of list) if (/^\p{Ll}/u.test(s.text)) assert.ok(text.split('\n')[s.line - 1].trimStart().startsWith(s.text.slice(0, 20)), s.text.slice(0, 60));
    });
  }

  it('000 (English): headlines, captions, decimals, quotations, several sentences on a line', () => {
    const text = seed('000');
    const list = splitSentences(text);
    // A headline line without a full stop is one sentence.
    assert.strictEqual(list[0].text, 'Anchored in the deepening of modernization reforms丨Beijing Tongzhou and Langfang\'s northern three counties: Both sides of the river work together towards "integration"');
    assert.strictEqual(list[0].line, 2);
    // A caption after a sentence on the same line.
    assert.ok(list.some((s) => s.text === 'Photo by Zhao Yonghui, a reporter from Hebei Daily' && s.line === 7));
    // `11.9 kilometers` and `Co., Ltd.` do not end the quoted sentence; the attribution stays with the quote.
    const quote = containing(list, '11.9 kilometers');
    assert.ok(quote.text.startsWith('"The Hebei section has accumulated'));
    assert.ok(quote.text.endsWith('First Highway Engineering Group Co., Ltd.'));
    // The shield machine sentence is whole, with its decimal.
    const shield = containing(list, '8.29-meter-diameter');
    assert.ok(shield.text.startsWith('In recent days, in the underground tunnel'));
    assert.ok(shield.text.endsWith('like a giant dragon.'));
    assert.strictEqual(shield.line, 19);
    // Question, then the next sentence on the same line.
    assert.ok(list.some((s) => s.text === 'How to promote coordinated development and achieve new breakthroughs?'));
    // A quotation the sentence carries on after is not split inside.
    const chen = containing(list, 'said Chen Lian');
    assert.ok(chen.text.startsWith('"It\'s close to Beijing'));
    assert.ok(chen.text.includes("to see a doctor. Beijing medical insurance cards"));
    // An ellipsis followed by a capital ends a sentence.
    assert.ok(list.some((s) => s.text === 'Changed the way of fighting alone and brought about greater investment promotion efficiency.'));
    assert.deepStrictEqual(
      list.filter((s) => s.line === 11).map((s) => s.text.slice(0, 30)),
      ['Build a collaborative bridge w', 'The Changtong Bridge was joint', 'After the construction started'],
    );
  });

  it('003 (French): guillemets, decimal commas, `citoyens.Photo`, spaced question marks', () => {
    const text = seed('003');
    assert.strictEqual(detectLanguage(text), 'fr');
    const list = splitSentences(text, 'fr');
    // No space after the full stop, still two sentences.
    const first = containing(list, 'consultations de citoyens');
    assert.ok(first.text.endsWith('consultations de citoyens.'));
    assert.strictEqual(list[list.indexOf(first) + 1].text, 'Photo prise par Zhao Yonghui, journaliste du Hebei Daily');
    // `?` after a space (French typography) ends a sentence.
    assert.ok(list.some((s) => s.text === 'Comment promouvoir un développement coordonné et réaliser de nouvelles percées ?'));
    // « … », a déclaré … : one sentence; the decimal comma does not split.
    const liu = containing(list, '11,9 kilomètres');
    assert.ok(liu.text.startsWith('« La section Hebei a été creusée'));
    assert.ok(liu.text.includes('», a déclaré Liu Junchao'));
    assert.ok(liu.text.endsWith('Group Co., Ltd.'));
    const shield = containing(list, '8,29 mètres');
    assert.ok(shield.text.startsWith('Ces derniers jours'));
    assert.ok(shield.text.endsWith('comme un dragon géant.'));
    // A quotation followed by a new sentence: the closing guillemet stays with it.
    const canal = containing(list, 'Grâce à l\'interconnexion');
    assert.ok(canal.text.endsWith('6 milliards de yuans. »'));
    assert.ok(list[list.indexOf(canal) + 1].text.startsWith('Introduction à la culture'));
    // Headline and date lines.
    assert.ok(list.some((s) => s.text === '2024-08-07' && s.line === 5));
  });

  it('004: `!` with no space, curly quotes', () => {
    const list = splitSentences(seed('004'));
    assert.ok(list.some((s) => s.text === 'date 2022-10-21 Collaborative development, create a new chapter!'));
    assert.ok(list.some((s) => s.text.startsWith('Representatives from Beijing, Tianjin and Hebei talked')));
    assert.ok(list.some((s) => s.text === '“The air is cleaner, the water is cleaner, the species is richer, and the development is more coordinated.”'));
  });
});

describe('sentence splitting: rules', () => {
  it('abbreviations, initials and decimals do not end sentences', () => {
    assert.deepStrictEqual(texts('Mr. Wang met Dr. Li at 3.5 p.m. on Jan. 5. They talked.'), ['Mr. Wang met Dr. Li at 3.5 p.m. on Jan. 5.', 'They talked.']);
    assert.deepStrictEqual(texts('J. K. Rowling visited the U.S. Embassy. It rained.'), ['J. K. Rowling visited the U.S. Embassy.', 'It rained.']);
    assert.deepStrictEqual(texts('Prices rose 11.9 percent, e.g. in Hebei. Next.'), ['Prices rose 11.9 percent, e.g. in Hebei.', 'Next.']);
    assert.deepStrictEqual(texts('M. Dupont et Mme. Durand sont venus. Ils sont partis.', ), ['M. Dupont et Mme. Durand sont venus.', 'Ils sont partis.']);
    assert.deepStrictEqual(texts('1. First item is here'), ['1. First item is here']);
  });

  it('several sentences on one line, quotes, ellipses', () => {
    assert.deepStrictEqual(texts('It works. "Does it?" he asked. Yes! Really… Fine.'), ['It works.', '"Does it?" he asked.', 'Yes!', 'Really…', 'Fine.']);
    assert.deepStrictEqual(texts('“We are done.” She left. ‘Quiet,’ he said.'), ['“We are done.”', 'She left.', '‘Quiet,’ he said.']);
    assert.deepStrictEqual(texts('« C\'est fini. » Il est parti.'), ['« C\'est fini. »', 'Il est parti.']);
    assert.deepStrictEqual(texts('He said "it is late. We go" and left.'), ['He said "it is late. We go" and left.']);
  });

  it('line breaks: headlines stand alone, hard-wrapped lines join', () => {
    const text = 'A headline without stop\nThe body starts here and\ncontinues on the next line. Second one.\n\nLast';
    const list = splitSentences(text);
    assert.deepStrictEqual(list.map((s) => s.text), ['A headline without stop', 'The body starts here and\ncontinues on the next line.', 'Second one.', 'Last']);
    assert.deepStrictEqual(list.map((s) => s.line), [1, 2, 3, 5]);
  });

  it('offsets count code points', () => {
    const text = '😀 Emoji first. Then 𝒜 text.';
    const list = splitSentences(text);
    assert.deepStrictEqual(list.map((s) => [s.start, s.end]), [[0, 14], [15, 27]]);
    assert.strictEqual(new CodePointIndex(text).slice(list[1].start, list[1].end), 'Then 𝒜 text.');
  });
});

describe('sentences: review fixes', () => {
  it('hostile input: 200 KB of `a.` with no spaces splits quickly', function () {
    this.timeout(5000);
    const text = 'a.'.repeat(100_000);
    const list = splitSentences(text);
    assert.ok(list.length >= 1);
  });

  it('German „ … “ quotation that the sentence carries on after is kept whole', () => {
    assert.deepStrictEqual(texts('Er sagte „Das ist gut. Wir gehen“, und ging.'), ['Er sagte „Das ist gut. Wir gehen“, und ging.']);
  });
});
