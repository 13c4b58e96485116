import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { allSeeds, grammarPath, repoRoot, scopesOf, seedLine, spans, tokenizeLine, tokenizeLines } from './tokenize';

/**
 * The corpus-text TextMate grammar, run through vscode-textmate + vscode-oniguruma on real lines
 * of the seeds: each test checks the exact stretches a scope covers, so it also checks that
 * nothing else on the line is marked.
 */
const DATE = 'constant.numeric.date';
const TIME = 'constant.numeric.time';
const PERCENT = 'constant.numeric.percentage';
const MONEY = 'constant.numeric.money';
const QUANTITY = 'constant.numeric.quantity';
const NUMERIC = 'constant.numeric';
const UNIT = 'keyword.other.unit';
const QUOTE = 'string.quoted';
const CREDIT = 'comment.line.credit';
const CAPTION = 'markup.italic';
const HEADER = 'meta.header';
const LABEL = 'keyword.other.header';
const HEADER_VALUE = 'entity.name.section';

async function seed(prefix: string, needle: string) {
  return tokenizeLine(seedLine(prefix, needle));
}

describe('corpus-text grammar', () => {
  it('is a valid grammar for text.corpus', () => {
    const g = JSON.parse(fs.readFileSync(grammarPath, 'utf8'));
    assert.strictEqual(g.scopeName, 'text.corpus');
    assert.strictEqual(typeof g.name, 'string');
  });

  describe('dates', () => {
    it('English month and day, month day year, month year, bare month after a preposition', async () => {
      const l = await seed('000', 'On July 29, the construction');
      assert.deepStrictEqual(spans(l, DATE), ['July 29', 'September']);
      assert.deepStrictEqual(spans(await seed('002', 'Jingxiong Expressway (taken on'), DATE), ['December 28, 2023']);
      assert.deepStrictEqual(spans(await seed('002', 'In June 2015, the Communist'), DATE), ['June 2015']);
      assert.deepStrictEqual(spans(await seed('001', 'On the morning of May'), DATE), ['May']);
      assert.deepStrictEqual(spans(await seed('001', 'In June last year'), DATE), ['June']);
    });
    it('ISO dates, and date with time', async () => {
      assert.deepStrictEqual(spans(await seed('003', '2024-08-07'), DATE), ['2024-08-07']);
      assert.deepStrictEqual(spans(await seed('001', 'Release time'), DATE), ['May 15, 2023 09:24']);
    });
    it('French dates: le 29 juillet, month and year, bare month after en', async () => {
      const l = await seed('003', 'Le 29 juillet');
      assert.deepStrictEqual(spans(l, DATE), ['29 juillet', 'septembre']);
      assert.deepStrictEqual(spans(await seed('003', 'en décembre 2022'), DATE), ['décembre 2022']);
      assert.deepStrictEqual(spans(await seed('003', 'En août 2021'), DATE), ['août 2021']);
      assert.deepStrictEqual(spans(await tokenizeLine('Publié le 29 juillet 2024 à 9h30, puis le 1er mai.'), DATE), ['29 juillet 2024 à 9h30', '1er mai']);
    });
    it('a year after a preposition, a time of day', async () => {
      assert.deepStrictEqual(spans(await seed('001', 'In 2021, the annual container'), DATE), ['2021', '2022']);
      assert.deepStrictEqual(spans(await seed('001', 'At 6:56 every day'), TIME), ['6:56']);
    });
    it('does not take a name or a modal verb for a month', async () => {
      const l = await tokenizeLine('The Long March rocket may arrive; Augusta May said they march in August.');
      assert.deepStrictEqual(spans(l, DATE), ['August']);
    });
  });

  describe('numbers with units, percentages, money', () => {
    it('quantities keep their unit', async () => {
      const l = await seed('000', 'Xietong');
      assert.deepStrictEqual(spans(l, QUANTITY), ['8.29-meter', '11.9 kilometers']);
      assert.deepStrictEqual(spans(l, PERCENT), ['45%']);
      assert.ok(scopesOf(l, 'kilometers').has('keyword.other.unit.corpus'));
      assert.deepStrictEqual(spans(await seed('000', 'On July 29'), QUANTITY), ['7.9 kilometers']);
      assert.deepStrictEqual(spans(await seed('001', '216000 square'), QUANTITY), ['216000 square kilometers', '100 million']);
      assert.deepStrictEqual(spans(await seed('004', '9.51 million kilowatts'), QUANTITY), ['9.51 million kilowatts', '10.4 million mu', '360,000 tons']);
    });
    it('percentages, English and French', async () => {
      assert.deepStrictEqual(spans(await seed('000', 'On July 29'), PERCENT), ['95%']);
      assert.deepStrictEqual(spans(await seed('003', 'Le 29 juillet'), PERCENT), ['95 %']);
      assert.deepStrictEqual(spans(await seed('002', '15 percent of'), PERCENT), ['15 percent']);
    });
    it('money', async () => {
      assert.deepStrictEqual(spans(await seed('000', '150 billion yuan'), MONEY), ['150 billion yuan']);
      assert.deepStrictEqual(spans(await seed('001', '1.23 trillion yuan'), MONEY), ['10 trillion yuan', '1.23 trillion yuan']);
      assert.deepStrictEqual(spans(await seed('003', '150 milliards de yuans'), MONEY), ['150 milliards de yuans']);
      const l = await tokenizeLine('Un fonds de 1,5 milliard de yuans, soit RMB 200 million ou 1 000 yuans.');
      assert.deepStrictEqual(spans(l, MONEY), ['1,5 milliard de yuans', 'RMB 200 million', '1 000 yuans']);
      assert.ok(scopesOf(l, 'yuans').has('keyword.other.unit.currency.corpus'));
    });
    it('French decimal commas and space-grouped thousands', async () => {
      assert.deepStrictEqual(spans(await seed('003', '7,9 kilomètres'), QUANTITY), ['7,9 kilomètres']);
      // The seed groups thousands with a no-break space.
      assert.deepStrictEqual(spans(await seed('003', '250\u00a0000 mètres carrés'), QUANTITY), ['250\u00a0000 mètres carrés']);
      assert.deepStrictEqual(spans(await tokenizeLine('soit 12 300 kilomètres'), QUANTITY), ['12 300 kilomètres']);
    });
    it('leaves bare numbers, ordinals and numbers inside words alone', async () => {
      const l = await seed('004', 'Representative of the 20th National Congress');
      assert.deepStrictEqual(spans(l, NUMERIC), []);
      const m = await tokenizeLine('The 20th congress had 32 institutes, G20 and 3+2 classes.');
      assert.deepStrictEqual(spans(m, NUMERIC), []);
      assert.deepStrictEqual(spans(m, UNIT), []);
    });
  });

  describe('quotations', () => {
    it('straight quotes', async () => {
      const l = await seed('000', 'On July 29');
      assert.deepStrictEqual(spans(l, QUOTE).map((s) => s.slice(0, 20)), ['"The construction pr', '"one-hour commuting ']);
      assert.ok(scopesOf(l, '"one-hour commuting circle"').has('string.quoted.double.straight.corpus'));
      // A date inside a quotation keeps both scopes.
      const sept = scopesOf(l, 'September');
      assert.ok(sept.has('string.quoted.double.straight.corpus') && sept.has('constant.numeric.date.month.corpus'));
    });
    it('curly quotes', async () => {
      const l = await seed('004', 'Phoenix Spreads its Wings');
      assert.deepStrictEqual(spans(l, QUOTE), ['“Phoenix Spreads its Wings”']);
      assert.ok(scopesOf(l, '“Phoenix').has('string.quoted.double.curly.corpus'));
    });
    it('French guillemets', async () => {
      const l = await seed('003', 'Ancrer');
      assert.deepStrictEqual(spans(l, QUOTE), ["« l'intégration »"]);
      assert.ok(scopesOf(l, 'intégration').has('string.quoted.other.guillemets.corpus'));
    });
    it('an apostrophe is not a quote, and an unclosed quote stops at the end of its line', async () => {
      const [a, b] = await tokenizeLines([`Xiong'an and Beijing's and Cangzhou’s "open`, 'next paragraph']);
      assert.deepStrictEqual(spans(a, QUOTE), ['"open']);
      assert.deepStrictEqual(spans(b, QUOTE), []);
    });
  });

  describe('photo credits and captions', () => {
    it('Photo by …, with the caption line in italics', async () => {
      const l = await seed('000', 'answering inquiries from citizens');
      assert.deepStrictEqual(spans(l, CREDIT), ['Photo by Zhao Yonghui, a reporter from Hebei Daily']);
      assert.deepStrictEqual(spans(l, CAPTION), [l.line.trim()]);
    });
    it('(photo taken on …) and (taken on …)', async () => {
      const l = await seed('002', 'Shijia Hutong Primary School');
      assert.deepStrictEqual(spans(l, CREDIT), ['(photo taken on September 13, 2023)', 'Photo by Zhu Xudong.']);
      assert.deepStrictEqual(spans(l, DATE), ['September 13, 2023']);
      assert.deepStrictEqual(spans(await seed('002', 'Jingxiong Expressway (taken on'), CREDIT), ['(taken on December 28, 2023)', 'Photo by Ju Huanzong.']);
    });
    it('French Photo prise par …', async () => {
      const l = await seed('003', 'des consultations de citoyens');
      assert.deepStrictEqual(spans(l, CREDIT), ['Photo prise par Zhao Yonghui, journaliste du Hebei Daily']);
    });
    it('(Photo by …) inside prose does not turn the paragraph into a caption', async () => {
      const l = await tokenizeLine('The bridge opened (Photo by Xinhua) and traffic flowed on July 1.');
      assert.deepStrictEqual(spans(l, CREDIT), ['(Photo by Xinhua)']);
      assert.deepStrictEqual(spans(l, CAPTION), []);
      assert.deepStrictEqual(spans(l, DATE), ['July 1']);
    });
    it('a word like photoresist is not a credit', async () => {
      assert.deepStrictEqual(spans(await seed('002', 'photoresist'), CREDIT), []);
    });
  });

  describe('header lines', () => {
    it('Article source: … Release time: …', async () => {
      const l = await seed('001', 'Article source');
      assert.deepStrictEqual(spans(l, LABEL), ['Article source', 'Release time']);
      assert.deepStrictEqual(spans(l, HEADER_VALUE), ['Xinhua News Agency', 'May 15, 2023 09:24']);
      assert.deepStrictEqual(spans(l, HEADER), [l.line.trim()]);
    });
    it('" date 2022-10-21 Title…" marks the label, the date and the title', async () => {
      const l = await tokenizeLine(seedLine('004', 'date 2022-10-21'));
      assert.deepStrictEqual(spans(l, LABEL), ['date']);
      assert.deepStrictEqual(spans(l, DATE), ['2022-10-21']);
      assert.ok(spans(l, 'markup.heading')[0].startsWith('Collaborative development, create a new chapter!'));
    });
    it('a bare date line is a header', async () => {
      assert.deepStrictEqual(spans(await seed('003', '2024-08-07'), HEADER), ['2024-08-07']);
    });
    it('the language-switcher banner is boilerplate', async () => {
      const l = await seed('000', 'EnglishFrançais');
      assert.deepStrictEqual(spans(l, 'comment.line.boilerplate'), [l.line.trim()]);
      assert.deepStrictEqual(spans(l, QUOTE), []);
    });
    it('a sentence that mentions a source is not a header', async () => {
      const l = await seed('004', 'Being the source of water');
      assert.deepStrictEqual(spans(l, HEADER), []);
      assert.deepStrictEqual(spans(l, LABEL), []);
    });
  });

  it('plain prose stays plain', async () => {
    for (const [p, n] of [
      ['001', 'Broad minded and ambitious'],
      ['001', 'Different valves, concentric valves'],
      ['003', 'La rivière Chaobai est la frontière'],
      ['003', 'Une carte unifiée pour réaliser'],
    ] as const) {
      const l = await seed(p, n);
      assert.deepStrictEqual(
        l.tokens.filter((t) => t.scopes.length > 1).map((t) => t.text),
        [],
        `${n}: ${JSON.stringify(l.tokens.filter((t) => t.scopes.length > 1))}`,
      );
    }
  });

  it('tokenises every seed with no rule left open at the end of any line', async () => {
    for (const s of allSeeds()) {
      const lines = await tokenizeLines(s.lines);
      const open = lines.map((l, i) => (l.depth === 1 ? -1 : i + 1)).filter((i) => i > 0);
      assert.deepStrictEqual(open, [], `${s.name}: lines ${open.join(', ')} leave a rule open`);
    }
  });
});

describe('corpus-text language configuration', () => {
  const config = JSON.parse(fs.readFileSync(path.join(repoRoot, 'syntaxes/language-configuration.json'), 'utf8'));
  // VS Code compiles a string wordPattern with `new RegExp(pattern)` and adds the g flag.
  const words = (s: string) => s.match(new RegExp(config.wordPattern, 'g')) ?? [];

  it('keeps Xiong\'an and Beijing-Tianjin-Hebei as one word each', () => {
    assert.deepStrictEqual(words("Xiong'an New Area"), ["Xiong'an", 'New', 'Area']);
    assert.deepStrictEqual(words('of Beijing-Tianjin-Hebei.'), ['of', 'Beijing-Tianjin-Hebei']);
    assert.deepStrictEqual(words('Pékin-Tianjin-Hebei, Xiong’an'), ['Pékin-Tianjin-Hebei', 'Xiong’an']);
  });
  it('leaves out possessive s, French elisions and punctuation', () => {
    assert.deepStrictEqual(words("Beijing's relief, Cangzhou’s industry"), ['Beijing', 's', 'relief', 'Cangzhou', 's', 'industry']);
    assert.deepStrictEqual(words("« l'intégration » d’une heure"), ['l', 'intégration', 'd', 'une', 'heure']);
    assert.deepStrictEqual(words('reforms丨Beijing “Tongzhou”'), ['reforms', 'Beijing', 'Tongzhou']);
  });
  it('pairs quotes and guillemets, and has no comments', () => {
    assert.strictEqual(config.comments, undefined);
    const pairs = config.autoClosingPairs.map((p: { open: string; close: string }) => p.open + p.close);
    for (const p of ['""', '“”', '«»', '()']) assert.ok(pairs.includes(p), p);
    assert.ok(config.brackets.some((b: string[]) => b[0] === '«' && b[1] === '»'));
  });
});
