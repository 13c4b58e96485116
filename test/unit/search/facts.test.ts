import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { extractFacts } from '../../../src/core/facts/extract';
import { extractDates, extractNumbers } from '../../../src/core/facts/numbers';
import { summarizeDocument } from '../../../src/core/search/entities';
import type { CanonicalEntity, EntityAnnotation, FactAnnotation } from '../../../src/core/model';
import { CodePointIndex } from '../../../src/core/text/codepoints';
import { normalizeText } from '../../../src/core/text/normalize';

const SEEDS = path.resolve(__dirname, '../../../../seeds');

function ann(text: string, needle: string, type: string, entity?: string, nth = 0): EntityAnnotation {
  const cps = new CodePointIndex(text);
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  const start = cps.toCodePoint(at);
  const a: EntityAnnotation = { id: `a-${start}`, type, text: needle, start, end: start + [...needle].length, prefix: '', suffix: '' };
  if (entity) a.entity = entity;
  return a;
}

describe('facts: numbers and dates', () => {
  it('numbers with units, English and French separators, scales', () => {
    const en = extractNumbers('It has accumulated 11.9 kilometers and 1,146 companies, 95% done, 150 billion yuan.', 'en');
    assert.deepStrictEqual(en.map((n) => [n.text, n.value, n.unit]), [
      ['11.9', 11.9, 'kilometers'],
      ['1,146', 1146, 'companies'],
      ['95%', 95, '%'],
      ['150 billion', 150e9, 'yuan'],
    ]);
    const fr = extractNumbers("d'environ 7,9 kilomètres, 250 000 mètres carrés, 45 % et 6 milliards de yuans", 'fr');
    assert.deepStrictEqual(fr.map((n) => [n.text, n.value, n.unit]), [
      ['7,9', 7.9, 'kilomètres'],
      ['250 000', 250000, 'mètres'],
      ['45 %', 45, '%'],
      ['6 milliards', 6e9, 'yuans'],
    ]);
    assert.deepStrictEqual(extractNumbers('the 8.29-meter-diameter machine').map((n) => [n.value, n.unit]), [[8.29, 'meter']]);
  });

  it('dates: month-day, month-year, full dates, ISO, French, bare years', () => {
    const d = extractDates('On July 29, work began; in December 2022 and on May 15, 2023 it went on; 2024-08-07; since 2019.');
    assert.deepStrictEqual(d.map((x) => [x.text, x.iso ?? null, x.month ?? null, x.day ?? null]), [
      ['July 29', null, 7, 29],
      ['December 2022', '2022-12', 12, null],
      ['May 15, 2023', '2023-05-15', 5, 15],
      ['2024-08-07', '2024-08-07', 8, 7],
      ['2019', '2019', null, null],
    ]);
    const fr = extractDates('Le 29 juillet, en décembre 2022, le 1er mai 2024.', 'fr');
    assert.deepStrictEqual(fr.map((x) => [x.text, x.iso ?? null]), [
      ['29 juillet', null],
      ['décembre 2022', '2022-12'],
      ['1er mai 2024', '2024-05-01'],
    ]);
    assert.deepStrictEqual(extractDates('It may 5 times rise by 1,2023 or 20234.'), []);
  });

  it('numbers inside dates are not numbers', () => {
    assert.deepStrictEqual(extractNumbers('On July 22, 2023, 45 workers came.').map((n) => n.value), [45]);
  });
});

describe('facts: extraction', () => {
  const registry: CanonicalEntity[] = [
    { id: 'beijing', name: 'Beijing', type: 'place', aliases: ['Pékin', 'Peking'] },
    { id: 'liu-junchao', name: 'Liu Junchao', type: 'person', aliases: [] },
  ];

  it('every sentence of a seed document becomes a fact with code point offsets, line, entities, numbers and years', () => {
    const file = fs.readdirSync(SEEDS).find((f) => f.startsWith('000'))!;
    const text = normalizeText(fs.readFileSync(path.join(SEEDS, file), 'utf8'));
    const entities = [ann(text, 'Liu Junchao', 'person', 'liu-junchao'), ann(text, 'Beijing Rail Transit', 'organization'), ann(text, 'Beijing', 'place', 'beijing', 3)];
    const facts = extractFacts({ id: 'file:///c/000.txt', title: 'Anchored', text, entities }, registry);
    const cps = new CodePointIndex(text);
    assert.ok(facts.length > 60);
    for (const f of facts) {
      assert.strictEqual(f.kind, 'sentence');
      assert.strictEqual(cps.slice(f.start, f.end), f.text);
      assert.strictEqual(f.docId, 'file:///c/000.txt');
      assert.strictEqual(f.lang, 'en');
    }
    const liu = facts.find((f) => f.text.includes('11.9 kilometers'))!;
    assert.strictEqual(liu.line, 19);
    assert.deepStrictEqual(liu.entities.map((e) => [e.name, e.type, e.entity]), [['Liu Junchao', 'person', 'liu-junchao']]);
    assert.deepStrictEqual(liu.numbers.map((n) => [n.value, n.unit]), [[11.9, 'kilometers'], [45, '%'], [22, undefined]]);
    const km = liu.numbers[0];
    assert.strictEqual(cps.slice(km.start, km.end), '11.9');
    const shield = facts.find((f) => f.text.includes('8.29-meter'))!;
    assert.deepStrictEqual(shield.entities.map((e) => e.name), ['Beijing Rail Transit']);
    const beijing = facts.find((f) => f.entities.some((e) => e.entity === 'beijing'))!;
    assert.deepStrictEqual(beijing.entities.find((e) => e.entity === 'beijing')!.aliases, ['Pékin', 'Peking']);
    const dated = facts.find((f) => f.text.startsWith('In September 2023'))!;
    assert.deepStrictEqual(dated.years, [2023]);
    assert.strictEqual(dated.dates[0].iso, '2023-09');
  });

  it('French seed: language detected, decimal commas read', () => {
    const file = fs.readdirSync(SEEDS).find((f) => f.startsWith('003'))!;
    const text = normalizeText(fs.readFileSync(path.join(SEEDS, file), 'utf8'));
    const facts = extractFacts({ id: 'x', title: 't', text });
    assert.ok(facts.every((f) => f.lang === 'fr'));
    const f = facts.find((x) => x.text.includes('8,29 mètres'))!;
    assert.deepStrictEqual(f.numbers.map((n) => [n.value, n.unit]), [[22, undefined], [8.29, 'mètres']]);
    const g = facts.find((x) => x.text.includes('1 146 entreprises'))!;
    assert.deepStrictEqual(g.numbers.map((n) => [n.text, n.value]), [['150', 150], ['31', 31], ['1 146', 1146], ['56%', 56]]);
  });

  it('recorded facts carry their fields; orphaned annotations are left out; CRLF and BOM are normalised', () => {
    const raw = '\ufeffHeadline\r\n\r\nIn 2023, Hebei GDP grew. Beijing grew too.\r\n';
    const text = normalizeText(raw);
    const beijing = ann(text, 'Beijing', 'place', 'beijing');
    const orphan: EntityAnnotation = { ...ann(text, 'Hebei', 'place'), status: 'orphaned' };
    const quote = 'Hebei GDP grew';
    const start = text.indexOf(quote);
    const fact: FactAnnotation = { id: 'f1', text: quote, start, end: start + quote.length, prefix: '', suffix: '', subject: 'beijing', predicate: 'GDP growth', value: '5.5%', date: '2023-12-31' };
    const facts = extractFacts({ id: 'doc', title: 'Headline', text: raw, entities: [beijing, orphan], facts: [fact] }, registry);
    assert.deepStrictEqual(facts.map((f) => [f.kind, f.text, f.line]), [
      ['sentence', 'Headline', 1],
      ['sentence', 'In 2023, Hebei GDP grew.', 3],
      ['sentence', 'Beijing grew too.', 3],
      ['fact', 'Hebei GDP grew', 3],
    ]);
    assert.deepStrictEqual(facts[1].entities, []);
    const rec = facts[3];
    assert.strictEqual(rec.id, 'f:f1');
    assert.deepStrictEqual(rec.fact, { id: 'f1', subject: 'beijing', subjectName: 'Beijing', predicate: 'GDP growth', value: '5.5%', date: '2023-12-31' });
    assert.deepStrictEqual(rec.years, [2023]);
    // The subject counts as one of the fact's entities.
    assert.deepStrictEqual(rec.entities.map((e) => [e.entity, e.name]), [['beijing', 'Beijing']]);
    // Plain data all the way.
    assert.deepStrictEqual(JSON.parse(JSON.stringify(facts)), facts);
  });
});

describe('facts: review fixes', () => {
  it('entity occurrence line is right after astral characters in a multi-line sentence', () => {
    const text = 'Title\n😀😀😀😀 x\nbob here.';
    const a = ann(text, 'bob', 'person');
    const facts = extractFacts({ id: 'd', title: 'T', text, entities: [a] });
    const rec = facts.find((f) => f.entities.some((e) => e.text === 'bob'))!;
    const sum = summarizeDocument('d', facts);
    const occ = [...sum.groups.values()].flatMap((g) => g.occurrences);
    assert.strictEqual(occ.length, 1);
    assert.strictEqual(occ[0].line, 3, JSON.stringify(rec));
  });

  it('accepts the registry as a Map as well as an array', () => {
    const text = 'Beijing is big.';
    const reg: CanonicalEntity[] = [{ id: 'beijing', name: 'Beijing', type: 'place', aliases: ['Pékin'] } as CanonicalEntity];
    const doc = { id: 'd', title: 'T', text, entities: [ann(text, 'Beijing', 'place', 'beijing')] };
    const a = extractFacts(doc, reg);
    const m = extractFacts(doc, new Map(reg.map((c) => [c.id, c])));
    assert.deepStrictEqual(m, a);
    assert.deepStrictEqual(a[0].entities.map((e) => e.aliases), [['Pékin']]);
  });
});
