import * as assert from 'assert';
import { ruleCandidates } from '../../../src/core/suggest';

function found(text: string, lang: 'en' | 'fr'): string[] {
  return ruleCandidates(text, lang).map((c) => `${c.kind}:${text.slice(c.start, c.end)}:${c.type}`);
}

describe('suggest: rules engine (dates, times, money, percentages, quantities)', () => {
  it('finds English dates, times, money, percentages and measures, and leaves bare counts alone', () => {
    const text = 'On May 15, 2023 at 09:24 and 6:56 pm, $5 million, 10 trillion yuan, 9.3%, 216000 square kilometers, 26 million kilowatts, 37 micrograms and 1,146 companies in 2022.';
    assert.deepStrictEqual(found(text, 'en'), [
      'date:May 15, 2023:date',
      'time:09:24:date',
      'time:6:56 pm:date',
      'money:$5 million:quantity',
      'money:10 trillion yuan:quantity',
      'percent:9.3%:quantity',
      'quantity:216000 square kilometers:quantity',
      'quantity:26 million kilowatts:quantity',
      'quantity:37 micrograms:quantity',
      'date:2022:date',
    ]);
  });

  it('finds French dates, times, money, percentages and measures', () => {
    const text = "Le 29 juillet 2024 à 8h30, 1,5 milliard d'euros, 12 %, 250 000 mètres carrés et 7,9 kilomètres.";
    assert.deepStrictEqual(found(text, 'fr'), [
      'date:29 juillet 2024:date',
      'time:8h30:date',
      "money:1,5 milliard d'euros:quantity",
      'percent:12 %:quantity',
      'quantity:250 000 mètres carrés:quantity',
      'quantity:7,9 kilomètres:quantity',
    ]);
  });

  it('scores a bare year lower than a full date', () => {
    const [year, date] = ruleCandidates('In 2014, then on 3 March 2015.', 'en');
    assert.ok(year.score < date.score, `${year.score} < ${date.score}`);
  });
});
