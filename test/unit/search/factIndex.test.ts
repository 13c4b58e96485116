import { seedFiles } from '../../support/fixtures';
import * as assert from 'assert';
import { extractFacts, type FactRecord } from '../../../src/core/facts/extract';
import type { CanonicalEntity, EntityAnnotation, FactAnnotation } from '../../../src/core/model';
import { FactIndex } from '../../../src/core/search/factIndex';
import { FILTERS } from '../../../src/core/search/filters';
import type { SearchResult } from '../../../src/core/search/types';
import { CodePointIndex } from '../../../src/core/text/codepoints';


const REGISTRY: CanonicalEntity[] = [
  { id: 'beijing', name: 'Beijing', type: 'place', aliases: ['Pékin', 'Peking'] },
  { id: 'xiongan', name: "Xiong'an New Area", type: 'place', aliases: ["Xiong'an", 'Xiongan'] },
  { id: 'tongzhou', name: 'Tongzhou', type: 'place', aliases: ['Tongzhou District'] },
  { id: 'liu-junchao', name: 'Liu Junchao', type: 'person', aliases: [] },
  { id: 'chen-lian', name: 'Chen Lian', type: 'person', aliases: [] },
];

interface Seed {
  file: string;
  uri: string;
  text: string;
  title: string;
  entities: EntityAnnotation[];
}

/** Tags every registry name and alias by string match (longest first). */
function tag(text: string): EntityAnnotation[] {
  const cps = new CodePointIndex(text);
  const forms = REGISTRY.flatMap((c) => [c.name, ...c.aliases].map((f) => ({ f, c }))).sort((a, b) => b.f.length - a.f.length);
  const taken: [number, number][] = [];
  const out: EntityAnnotation[] = [];
  for (const { f, c } of forms) {
    for (let i = text.indexOf(f); i >= 0; i = text.indexOf(f, i + 1)) {
      if (taken.some(([a, b]) => i < b && i + f.length > a) || /\p{L}/u.test(text[i + f.length] ?? '')) continue;
      taken.push([i, i + f.length]);
      const start = cps.toCodePoint(i);
      out.push({ id: `e${out.length}`, type: c.type, entity: c.id, text: f, start, end: start + [...f].length, prefix: '', suffix: '' });
    }
  }
  return out;
}

function loadSeeds(): Seed[] {
  return seedFiles().map(({ file, text }) => ({ file, uri: `file:///corpus/${file}`, text, title: text.split('\n').find((l) => l.trim())!.trim(), entities: tag(text) }));
}

function records(s: Seed, facts: FactAnnotation[] = [], text = s.text): FactRecord[] {
  return extractFacts({ id: s.uri, title: s.title, text, entities: text === s.text ? s.entities : tag(text), facts }, REGISTRY);
}

function build(seeds: Seed[]): FactIndex {
  const index = new FactIndex();
  index.setRegistry(REGISTRY);
  for (const s of seeds) index.setDocument(s.uri, records(s));
  return index;
}

function highlighted(r: SearchResult): string[] {
  const cps = new CodePointIndex(r.text);
  return r.matches.map(([a, b]) => cps.slice(a, b));
}

function factOn(s: Seed, quote: string, fields: Partial<FactAnnotation>): FactAnnotation {
  const cps = new CodePointIndex(s.text);
  const at = s.text.indexOf(quote);
  assert.ok(at >= 0, quote);
  const start = cps.toCodePoint(at);
  return { id: 'fact-1', text: quote, start, end: start + [...quote].length, prefix: '', suffix: '', ...fields };
}

describe('search: fact index over the seed documents', function () {
  this.timeout(20000);
  const seeds = loadSeeds();
  const index = build(seeds);
  const f000 = seeds.find((s) => s.file.startsWith('000'))!;
  const f003 = seeds.find((s) => s.file.startsWith('003'))!;

  it('indexes every sentence', () => {
    assert.strictEqual(index.size, seeds.reduce((n, s) => n + records(s).length, 0));
    assert.strictEqual(index.documentCount, 5);
  });

  it('`Line 22 sheild machine` (typo) finds the 8.29-meter shield machine sentence of 000 first', () => {
    const [top] = index.search('Line 22 sheild machine');
    assert.strictEqual(top.docId, f000.uri);
    assert.ok(top.text.includes('8.29-meter-diameter "Xietong" shield machine'), top.text);
    assert.strictEqual(top.kind, 'sentence');
    assert.strictEqual(top.line, 19);
    assert.strictEqual(new CodePointIndex(f000.text).slice(top.start, top.end), top.text);
    const h = highlighted(top);
    for (const w of ['Line', '22', 'shield', 'machine']) assert.ok(h.includes(w), `${w} highlighted in ${h}`);
  });

  it('`Tongzou` finds sentences about Tongzhou', () => {
    const res = index.search('Tongzou', 10);
    assert.strictEqual(res.length, 10);
    for (const r of res) {
      assert.ok(/Tongzhou/.test(r.text), r.text);
      assert.ok(highlighted(r).every((h) => /^Tongzhou/.test(h)));
    }
  });

  it('`Pékin` also finds English sentences tagged with Beijing, whose alias it is', () => {
    const res = index.search('Pékin', 200);
    assert.ok(res[0].text.includes('Pékin') && res[0].exact);
    const english = res.filter((r) => r.docId === f000.uri);
    assert.ok(english.length > 5);
    assert.ok(english.every((r) => r.entities.includes('Beijing') && !r.text.includes('Pékin')));
  });

  it('French and numbers: `machine à bouclier 8,29` finds the French sentence', () => {
    const [top] = index.search('machine à bouclier 8,29');
    assert.strictEqual(top.docId, f003.uri);
    assert.ok(top.text.includes('8,29 mètres'));
  });

  it('filters: type, entity, doc, year, kind', () => {
    const persons = index.search('type:person');
    assert.ok(persons.length > 0);
    assert.ok(persons.every((r) => r.entityTypes.includes('person')));
    const xa = index.search('entity:xiongan', 500);
    assert.ok(xa.length > 10 && xa.every((r) => r.entities.includes("Xiong'an New Area")));
    const pekin = index.search('entity:pekin', 1000);
    assert.ok(pekin.some((r) => r.docId === f000.uri), 'an alias selects the entity');
    const doc = index.search('doc:003 ligne 22');
    assert.ok(doc.length > 0 && doc.every((r) => r.docId === f003.uri));
    assert.ok(index.search('doc:Anchored shield').length > 0, 'title words select documents');
    const y = index.search('year:2023 Hebei', 100);
    assert.ok(y.length > 0 && y.every((r) => r.text.includes('2023')));
    const range = index.search('year:2014-2015', 100);
    assert.ok(range.length > 0 && range.every((r) => /201[45]/.test(r.text)));
    assert.deepStrictEqual(index.search('kind:fact'), []);
    assert.deepStrictEqual(index.search('entity:nowhere Beijing'), []);
  });

  it('an exact phrase: quoted phrases must match, and exact matches rank above fuzzy ones', () => {
    const q = index.search('"one meeting and three letters"');
    assert.ok(q.length >= 2 && q.every((r) => r.exact && /one meeting and three letters/i.test(r.text)));
    assert.ok(index.search('"three letters and one meeting"').length === 0);
    const res = index.search('shield machine', 20);
    const firstFuzzy = res.findIndex((r) => !r.exact);
    assert.ok(firstFuzzy > 0, 'exact matches first');
    assert.ok(res.slice(firstFuzzy).every((r) => !r.exact), 'then fuzzy');
    assert.ok(res.slice(0, firstFuzzy).every((r) => /shield machine/i.test(r.text)));
  });

  it('results are plain data with the fields the commands need', () => {
    const res = index.search('Xiongan', 5);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(res)), res);
    for (const r of res) {
      for (const k of ['id', 'docId', 'title', 'kind', 'text', 'start', 'end', 'line', 'score', 'matches', 'entities', 'exact']) assert.ok(k in r, k);
      assert.ok(r.matches.every(([a, b]) => a >= 0 && b <= [...r.text].length && a < b));
    }
  });

  it('a result carries its record as extracted: the index keeps records column by column and rebuilds them', () => {
    const byKey = new Map(seeds.flatMap((s) => records(s).map((r) => [`${r.docId} ${r.id}`, r] as const)));
    let checked = 0;
    for (const q of ['Beijing', 'Tongzhou subway', 'Pékin', 'machine', 'Xiongan 2035', 'kind:sentence Hebei']) {
      for (const r of index.search(q, 50)) {
        const rec = byKey.get(`${r.docId} ${r.id}`);
        assert.ok(rec, `${q}: ${r.docId} ${r.id}`);
        assert.deepStrictEqual(
          { title: r.title, kind: r.kind, text: r.text, start: r.start, end: r.end, line: r.line },
          { title: rec.title, kind: rec.kind, text: rec.text, start: rec.start, end: rec.end, line: rec.line },
        );
        assert.deepStrictEqual(r.entities, [...new Set(rec.entities.map((e) => e.name))]);
        checked++;
      }
    }
    assert.ok(checked > 100, `${checked} results checked`);
  });

  it('searchEntities: canonical entities by name or alias, type filter, tagged mentions', () => {
    const [b] = index.searchEntities('Pekin');
    assert.strictEqual(b.id, 'beijing');
    assert.strictEqual(b.kind, 'entity');
    assert.ok(b.matchedAlias === 'Pékin' || b.matchedAlias === 'Peking');
    assert.ok(b.mentionCount > 50 && b.documentCount === 5);
    assert.ok(b.occurrences.length > 0 && b.occurrences[0].sentence.length > 0);
    const persons = index.searchEntities('type:person');
    assert.deepStrictEqual(persons.map((p) => p.id).sort(), ['chen-lian', 'liu-junchao']);
    const [liu] = index.searchEntities('Liu Junchau');
    assert.strictEqual(liu.id, 'liu-junchao');
    assert.deepStrictEqual(new Set(liu.occurrences.map((o) => o.docId)), new Set([f000.uri, f003.uri]));
  });
});

describe('search: recorded facts and incremental updates', function () {
  this.timeout(30000);
  const seeds = loadSeeds();
  const f000 = seeds.find((s) => s.file.startsWith('000'))!;
  const f003 = seeds.find((s) => s.file.startsWith('003'))!;

  it('a recorded fact ranks above the sentences and carries its fields', () => {
    const index = build(seeds);
    const fact = factOn(f000, 'The Hebei section has accumulated 11.9 kilometers of excavation so far', { subject: 'beijing', predicate: 'excavated length', value: '11.9 km', date: '2024-07-22' });
    index.setDocument(f000.uri, records(f000, [fact]));
    const res = index.search('Hebei section excavation kilometers');
    assert.strictEqual(res[0].kind, 'fact');
    assert.strictEqual(res[0].id, 'f:fact-1');
    assert.deepStrictEqual(res[0].fact, { id: 'fact-1', subject: 'beijing', subjectName: 'Beijing', predicate: 'excavated length', value: '11.9 km', date: '2024-07-22' });
    assert.ok(res[1].kind === 'sentence' && res[1].text.includes(fact.text));
    // Its structured fields are searchable too, and `kind:` / `year:` see it.
    assert.strictEqual(index.search('excavated length')[0].id, 'f:fact-1');
    assert.deepStrictEqual(index.search('kind:fact').map((r) => r.id), ['f:fact-1']);
    assert.ok(index.search('year:2024 excavation').some((r) => r.id === 'f:fact-1'));
    // Also when the query also matches the sentence exactly.
    assert.strictEqual(index.search('11.9 kilometers of excavation')[0].kind, 'fact');
  });

  it('every described filter narrows the results through its facet (none is silently ignored)', () => {
    const index = build(seeds);
    const fact = factOn(f000, 'The Hebei section has accumulated 11.9 kilometers of excavation so far', { predicate: 'excavated length', date: '2024-07-22' });
    index.setDocument(f000.uri, records(f000, [fact]));
    for (const f of FILTERS) {
      const n = index.search(f.example, 1_000_000).length;
      assert.ok(n > 0 && n < index.size, `${f.example}: ${n} of ${index.size} facts`);
      const r = index.searchQuery(f.example, 5);
      assert.deepStrictEqual(r.problems, [], f.example);
    }
  });

  it('searchQuery returns the problems of the query beside the results', () => {
    const index = build(seeds.slice(0, 1));
    const r = index.searchQuery('colour:red Tongzhou year:20x3', 5);
    assert.ok(r.value.length > 0);
    assert.deepStrictEqual(r.problems.map((p) => [p.code, p.column]), [['unknown-filter', 1], ['bad-filter-value', 21]]);
    assert.deepStrictEqual(r.value, index.search('colour:red Tongzhou year:20x3', 5));
  });

  it('clear() keeps the registry: entities are still found, with their mentions once documents return', () => {
    const index = build(seeds);
    index.clear();
    assert.deepStrictEqual([index.size, index.documentCount, index.stats().words], [0, 0, 0]);
    const [b] = index.searchEntities('Pekin');
    assert.deepStrictEqual([b.id, b.mentionCount], ['beijing', 0]);
    index.setDocument(f000.uri, records(f000));
    assert.ok(index.searchEntities('Pekin')[0].mentionCount > 0);
    assert.ok(index.search('Pékin').some((r) => r.docId === f000.uri), 'aliases still index with the facts');
  });

  it('replacing and removing a document updates results without a rebuild', () => {
    const index = build(seeds);
    const size = index.size;
    const exactDocs = (q: string) => new Set(index.search(q, 50).filter((r) => r.exact).map((r) => r.docId));
    assert.deepStrictEqual(exactDocs('dragon'), new Set([f000.uri, f003.uri]));
    const changed = f000.text.replace('like a giant dragon', 'like a giant serpent');
    index.setDocument(f000.uri, records(f000, [], changed));
    assert.strictEqual(index.size, size);
    assert.deepStrictEqual(exactDocs('dragon'), new Set([f003.uri]));
    const [serpent] = index.search('serpent');
    assert.strictEqual(serpent.docId, f000.uri);
    assert.ok(serpent.text.includes('giant serpent'));
    index.removeDocument(f003.uri);
    assert.deepStrictEqual(exactDocs('dragon'), new Set());
    assert.ok(index.search('dragon', 50).every((r) => r.docId !== f003.uri));
    assert.deepStrictEqual(index.search('doc:003'), []);
    assert.strictEqual(index.size, size - records(f003).length);
    assert.strictEqual(index.documentCount, 4);
    index.removeDocument('file:///not/indexed.txt');
    assert.strictEqual(index.documentCount, 4);
  });

  it('after many updates (compaction included) it answers like a fresh index', () => {
    const index = build(seeds);
    for (let i = 0; i < 40; i++) {
      const s = seeds[i % seeds.length];
      index.setDocument(s.uri, records(s, [], s.text.replace(/Beijing/g, i % 2 ? 'Beijing' : 'Peking')));
    }
    for (const s of seeds) index.setDocument(s.uri, records(s));
    assert.ok(index.stats().deadSlots <= index.size);
    const fresh = build(seeds);
    assert.strictEqual(index.size, fresh.size);
    for (const q of ['Line 22 sheild machine', 'Tongzou', 'Pékin', 'type:person', 'doc:003 ligne', 'year:2023 GDP', '"one meeting"']) {
      // Same results in the same order (scores move a little: document frequencies count dead slots until compaction).
      const a = index.search(q, 20).map((r) => [r.docId, r.id, r.entities, r.entityTypes]);
      const b = fresh.search(q, 20).map((r) => [r.docId, r.id, r.entities, r.entityTypes]);
      assert.deepStrictEqual(a, b, q);
    }
    // Entity mentions survive compaction too: results carry them, entity search groups them.
    assert.ok(fresh.search('Tongzhou', 20).some((r) => r.entities.length > 0), 'the seeds are tagged');
    for (const q of ['Beijing', 'Tongzhou', 'type:location', 'Xiong']) assert.deepStrictEqual(index.searchEntities(q, 10), fresh.searchEntities(q, 10), q);
  });

  it('clear() empties the index; an empty query returns nothing', () => {
    const index = build(seeds.slice(0, 1));
    assert.deepStrictEqual(index.search(''), []);
    assert.deepStrictEqual(index.search('the of'), []);
    index.clear();
    assert.strictEqual(index.size, 0);
    assert.deepStrictEqual(index.search('Tongzhou'), []);
    index.setDocument(f000.uri, records(f000));
    assert.ok(index.search('Tongzhou').length > 0);
  });
});

describe('search: ranking rules on small documents', () => {
  function doc(id: string, text: string): FactRecord[] {
    return extractFacts({ id, title: id, text });
  }

  it('exact phrase above fuzzy and reordered matches; quoted phrases are required', () => {
    const index = new FactIndex();
    index.setDocument('a', doc('a', 'The machine had a shield.'));
    index.setDocument('b', doc('b', 'A long report said that the shield machine moved slowly under the river all day.'));
    index.setDocument('c', doc('c', 'The sheild machine is a typo.'));
    const res = index.search('shield machine');
    assert.deepStrictEqual(res.map((r) => [r.docId, r.exact]), [['b', true], ['a', false], ['c', false]]);
    assert.deepStrictEqual(index.search('"shield machine"').map((r) => r.docId), ['b']);
    assert.deepStrictEqual(index.search('"machine shield"').map((r) => r.docId), []);
  });

  it('offsets and highlights count code points', () => {
    const index = new FactIndex();
    const text = '😀 Emoji first. Then 𝒜 Tongzhou text.';
    index.setDocument('e', doc('e', text));
    const [r] = index.search('tongzhou');
    assert.deepStrictEqual([r.start, r.end, r.line], [15, 36, 1]);
    assert.strictEqual(new CodePointIndex(text).slice(r.start, r.end), r.text);
    assert.deepStrictEqual(r.matches, [[7, 15]]);
    assert.deepStrictEqual(highlighted(r), ['Tongzhou']);
  });

  it('typing: each prefix of a word finds it', () => {
    const index = new FactIndex();
    index.setDocument('a', doc('a', 'Xianghe Robot Town signed contracts with 150 companies.'));
    index.setDocument('b', doc('b', 'Nothing to see here.'));
    for (const q of ['Xi', 'Xian', 'Xiangh', 'Xianghe Rob', 'Xianghe Robot T']) assert.strictEqual(index.search(q)[0]?.docId, 'a', q);
  });
});

describe('search: document titles', () => {
  it('a query naming only the document title finds its first fact; title words boost its facts', () => {
    const index = new FactIndex();
    index.setDocument('file:///x/report.txt', extractFacts({ id: 'file:///x/report.txt', title: 'Quarterly Zhangjiakou Report', text: 'First line here.\nThe wind farm grew.' }));
    index.setDocument('file:///x/other.txt', extractFacts({ id: 'file:///x/other.txt', title: 'Other', text: 'The wind farm shrank.' }));
    const [r] = index.search('Zhangjiakou');
    assert.deepStrictEqual([r.docId, r.text], ['file:///x/report.txt', 'First line here.']);
    assert.strictEqual(index.search('Zhangjiakou wind farm')[0].docId, 'file:///x/report.txt');
    assert.deepStrictEqual(index.search('doc:quarterly').map((x) => x.text), ['First line here.', 'The wind farm grew.']);
    assert.deepStrictEqual(index.search('doc:report.txt').length, 2);
  });
});
