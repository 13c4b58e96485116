import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { combine, compromiseRaw, modelCandidates, patternCandidates, suggestEntities, type Candidate } from '../../../src/core/suggest';

const texts = (text: string, cs: readonly { start: number; end: number; type: string }[]) => cs.map((c) => `${c.type}:${text.slice(c.start, c.end)}`).sort();

describe('suggest: model and patterns engines (English names)', () => {
  it('model: compromise finds people and places, with edges trimmed to capitalised words', () => {
    const text = 'Wang Liqun, a patient from Hebei, met the Beijing Tianjin Hebei region officials in London.';
    const found = texts(text, modelCandidates(text));
    assert.ok(found.includes('person:Wang Liqun'), found.join(', '));
    assert.ok(found.includes('location:London'), found.join(', '));
    assert.ok(!found.some((f) => / region$/.test(f)), found.join(', '));
    // The raw baseline keeps compromise's own boundaries.
    assert.ok(compromiseRaw(text).length > 0);
  });

  it('loads compromise only when the model first runs, not with the module (which the extension host evaluates before activating)', () => {
    // A fresh process: this one has loaded compromise in the test above.
    const suggest = path.resolve(__dirname, '../../../src/core/suggest/index.js');
    const script = `
      const loaded = () => Object.keys(require.cache).some((k) => k.includes('node_modules/compromise/'));
      const s = require(${JSON.stringify(suggest)});
      const before = loaded();
      const found = s.modelCandidates('Wang Liqun met officials in London.').length;
      console.log(JSON.stringify({ before, after: loaded(), found }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { before: boolean; after: boolean; found: number };
    assert.deepStrictEqual(out, { before: false, after: true, found: out.found });
    assert.ok(out.found > 0, 'the model, loaded late, finds names');
  });

  it('patterns: Chinese names after a cue or before a role, organisations by their head, places by theirs', () => {
    const text =
      '"We mainly provide support," said Yang Dongxu, Deputy General Manager of Fulaite (Beijing) Supply Chain Management Co., Ltd. ' +
      'Mo Zhankun, who used to work for Hebei Guofeng Iron and Steel, visited the Ministry of Human Resources and Social Security in Langfang City, Hebei Province. ' +
      'The Communist Party of China met at the Port of Tianjin.';
    const found = texts(text, patternCandidates(text));
    for (const want of [
      'person:Yang Dongxu',
      'person:Mo Zhankun',
      'organization:Fulaite (Beijing) Supply Chain Management Co., Ltd.',
      'organization:Hebei Guofeng Iron and Steel',
      'organization:Ministry of Human Resources and Social Security',
      'organization:Communist Party of China',
      'location:Langfang City',
      'location:Hebei Province',
      'location:Port of Tianjin',
    ])
      assert.ok(found.includes(want), `${want} in ${found.join(', ')}`);
    assert.ok(!found.some((f) => f.startsWith('person:Deputy') || f.includes('General Manager')), found.join(', '));
  });

  it('patterns: a document\'s places make a gazetteer: compounds, "X, <place>" and lists', () => {
    const text =
      'Tangshan, Shijiazhuang, Baoding and Cangzhou in Hebei Province are hubs. Hebei and Beijing-Tianjin-Hebei grew; ' +
      'Binhai, Tianjin is a port. The Beijing Tianjin Hebei region, Binhai again, and Cangzhou.';
    // The model's places seed the gazetteer (`Tianjin`), as in the pipeline.
    const found = texts(text, patternCandidates(text, modelCandidates(text)));
    for (const want of ['location:Tangshan', 'location:Shijiazhuang', 'location:Baoding', 'location:Cangzhou', 'location:Beijing-Tianjin-Hebei', 'location:Binhai', 'location:Beijing Tianjin Hebei'])
      assert.ok(found.includes(want), `${want} in ${found.join(', ')}`);
    // Every occurrence: Binhai and Cangzhou twice.
    assert.strictEqual(found.filter((f) => f === 'location:Binhai').length, 2);
    assert.strictEqual(found.filter((f) => f === 'location:Cangzhou').length, 2);
    assert.ok(!found.some((f) => f.endsWith(':The')), found.join(', '));
  });

  it('combine: agreeing engines add up, a structural name beats the shorter names inside it, overlaps go', () => {
    const c = (start: number, end: number, type: string, score: number, engine: Candidate['engine']): Candidate => ({ start, end, type, score, engine });
    const out = combine([c(0, 7, 'location', 0.6, 'model'), c(0, 7, 'location', 0.5, 'patterns'), c(10, 31, 'location', 0.8, 'patterns'), c(10, 17, 'location', 1, 'corpus'), c(40, 50, 'person', 0.6, 'model'), c(45, 55, 'organization', 0.7, 'patterns')]);
    assert.deepStrictEqual(
      out.map((x) => [x.start, x.end, x.engine, x.score]),
      [
        [0, 7, 'model', 0.8],
        [10, 31, 'patterns', 0.8],
        [45, 55, 'patterns', 0.7],
      ],
    );
  });

  it('the language decides the engines: French text gets no model or pattern suggestions', () => {
    const fr = "Le président Wang Liqun a visité la Province du Hebei le 29 juillet 2024 avec l'entreprise Yunda Express, pour 12 % de plus.";
    const s = suggestEntities(fr);
    assert.ok(s.length > 0);
    assert.ok(s.every((x) => x.engine === 'rules'), JSON.stringify(s));
    const en = suggestEntities('President Wang Liqun visited Hebei Province on July 29, 2024 with Yunda Express.');
    assert.ok(en.some((x) => x.engine === 'patterns' || x.engine === 'model'));
  });

  it('offsets are code points even after astral characters', () => {
    const text = '🚄🚄 said Yin Li, the founder of the company, in Hebei Province.';
    const s = suggestEntities(text, {}, { engines: ['model', 'patterns'] });
    const chars = Array.from(text);
    for (const x of s) assert.strictEqual(chars.slice(x.start, x.end).join(''), x.text);
    assert.ok(s.some((x) => x.text === 'Yin Li' && x.type === 'person'), JSON.stringify(s));
  });
});
