import { CorpusIndex } from '../src/core/corpus/corpusIndex';
import { describeDocument, DocumentInfo } from '../src/core/corpus/documentInfo';
import type { CanonicalEntity, EntityAnnotation } from '../src/core/model';
import { CorpusTaggedCounts, DecisionIndex, netChanges, TaggedCounts, type TaggedChange, type TaggedText } from '../src/core/suggest';
import { mulberry32, seedTexts } from '../test/support/fixtures';
import { heapUsed, mb, ms, summarize, table, time, Timing } from './stats';


/** Integers in [0, n), deterministic. */
function intRng(seed: number): (n: number) => number {
  const r = mulberry32(seed);
  return (n: number) => Math.floor(r() * n);
}

/**
 * The Corpus views' core at the scale of issue 5: a generated corpus of 10,000 documents of seed
 * size (perturbed seed texts, in memory), each with ~30 entity annotations as a sidecar would give
 * them (fresh strings, as after YAML parsing). Measures the cold scan (describeDocument +
 * CorpusIndex.setDocument for every document), the incremental update after one document's
 * annotations change, the view queries, and the heap the index holds. Reading files and parsing
 * sidecars are the VS Code layer's work and are not measured here.
 */
const DOCS = 10_000;
const ANNOTATIONS_PER_DOC = 30;
const COLD_RUNS = 5;
const UPDATE_RUNS = 200;


/** A fresh flat copy of a string, sharing nothing with the text it was cut from (like a YAML parse). */
const fresh = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const VOCAB: { text: string; type: string; entity?: string }[] = [
  { text: 'Beijing', type: 'location', entity: 'beijing' },
  { text: 'Pékin', type: 'location', entity: 'beijing' },
  { text: 'Tianjin', type: 'location', entity: 'tianjin' },
  { text: 'Hebei', type: 'location', entity: 'hebei' },
  { text: 'Tongzhou', type: 'location', entity: 'tongzhou' },
  { text: "Xiong'an", type: 'location', entity: 'xiongan' },
  { text: 'Langfang', type: 'location' },
  { text: 'Xianghe', type: 'location' },
  { text: 'Dachang', type: 'location' },
  { text: 'Sanhe', type: 'location' },
  { text: 'Chaobai River', type: 'location' },
  { text: 'Hebei Daily', type: 'organization' },
  { text: 'Xinhua News Agency', type: 'organization' },
  { text: 'Communist Party of China', type: 'organization' },
  { text: 'Zhao Yonghui', type: 'person' },
  { text: 'Tang Hong', type: 'person' },
  { text: 'Xi Jinping', type: 'person', entity: 'xi-jinping' },
  { text: 'Cangzhou', type: 'location' },
  { text: 'Yanjiao', type: 'location' },
];
const REGISTRY: CanonicalEntity[] = [
  { id: 'beijing', name: 'Beijing', type: 'location', aliases: ['Pékin', 'Peking'] },
  { id: 'tianjin', name: 'Tianjin', type: 'location', aliases: [] },
  { id: 'hebei', name: 'Hebei', type: 'location', aliases: ['Hebei Province'] },
  { id: 'tongzhou', name: 'Tongzhou District', type: 'location', aliases: ['Tongzhou'] },
  { id: 'xiongan', name: "Xiong'an New Area", type: 'location', aliases: ["Xiong'an"] },
  { id: 'xi-jinping', name: 'Xi Jinping', type: 'person', aliases: [] },
];

interface GeneratedDoc {
  key: string;
  name: string;
  text: string;
}


/** A seed with its body paragraphs shuffled and some numbers changed; header lines stay on top. */
function perturb(seed: string, r: (n: number) => number, i: number): string {
  const paras = seed.split('\n');
  const headLen = Math.min(6, paras.length);
  const body = paras.slice(headLen);
  for (let k = body.length - 1; k > 0; k--) {
    const j = r(k + 1);
    [body[k], body[j]] = [body[j], body[k]];
  }
  const text = [...paras.slice(0, headLen), ...body].join('\n').replace(/\d+/g, (d) => (r(4) === 0 ? String(r(10 ** Math.min(d.length, 6))) : d));
  return `${text}\nDocument ${i}.\n`;
}

function generateDocs(seeds: string[]): GeneratedDoc[] {
  const r = intRng(1);
  return Array.from({ length: DOCS }, (_, i) => ({
    key: `file:///corpus/${String(i).padStart(5, '0')}.txt`,
    name: `${String(i).padStart(5, '0')}.txt`,
    text: perturb(seeds[i % seeds.length], r, i),
  }));
}

/** ~30 annotations on real occurrences of the vocabulary, some on per-document names; 1% retyped. */
function generateAnnotations(doc: GeneratedDoc, r: (n: number) => number, n = ANNOTATIONS_PER_DOC): EntityAnnotation[] {
  const out: EntityAnnotation[] = [];
  const { text } = doc;
  let from = r(Math.max(1, text.length >> 2));
  let id = 0;
  const mk = (start: number, len: number, type: string, entity?: string): EntityAnnotation => ({
    id: `${doc.name}-${++id}-${r(1e9).toString(36)}`,
    text: text.slice(start, start + len),
    type,
    start,
    end: start + len,
    prefix: text.slice(Math.max(0, start - 32), start),
    suffix: text.slice(start + len, start + len + 32),
    ...(entity ? { entity } : {}),
    author: 'bench',
    created: '2025-01-01T00:00:00.000Z',
  });
  while (out.length < n - 4) {
    const v = VOCAB[r(VOCAB.length)];
    let at = text.indexOf(v.text, from);
    if (at < 0) at = text.indexOf(v.text);
    if (at < 0) continue;
    from = at + v.text.length;
    out.push(mk(at, v.text.length, r(100) === 0 ? 'organization' : v.type, v.entity));
  }
  // A few names of their own, drawn from a pool of 20,000, so the corpus has many small groups.
  for (let k = 0; k < 4; k++) {
    const words = /[A-Z][a-z]+(?: [A-Z][a-z]+)?/g;
    words.lastIndex = r(text.length);
    const m = words.exec(text);
    if (m) out.push({ ...mk(m.index, m[0].length, 'person'), text: `${m[0]} ${r(20_000)}` });
  }
  return fresh(out);
}

function build(docs: GeneratedDoc[], sidecars: EntityAnnotation[][], infos?: DocumentInfo[]): CorpusIndex {
  const index = new CorpusIndex();
  index.setRegistry(REGISTRY);
  for (let i = 0; i < docs.length; i++) {
    const info = infos ? infos[i] : describeDocument(docs[i].name, docs[i].text);
    index.setDocument(docs[i].key, info, sidecars[i], { problems: 0, moved: i % 97 === 0 ? 1 : 0, orphaned: 0 });
  }
  return index;
}

const row = (name: string, t: Timing, per?: number) => [name, ms(t.median), ms(t.p95), t.runs, per ? `${((t.median * 1000) / per).toFixed(1)} µs` : ''];

export async function main(): Promise<void> {
  const seeds = seedTexts();
  const h0 = heapUsed();
  let docs: GeneratedDoc[] | undefined = generateDocs(seeds);
  const textChars = docs.reduce((n, d) => n + d.text.length, 0);
  const h1 = heapUsed();
  const r = intRng(2);
  const sidecars = docs.map((d) => generateAnnotations(d, r));
  const annotations = sidecars.reduce((n, s) => n + s.length, 0);
  const h2 = heapUsed();
  console.log(
    `${DOCS.toLocaleString('en')} documents, ${(textChars / DOCS / 1024).toFixed(1)} KiB of text each on average (UTF-16 units), ${annotations.toLocaleString('en')} entity annotations. ` +
      'Reading files and parsing sidecars belong to the VS Code layer and are not measured.\n',
  );

  // Cold scan, and its two halves.
  const all = docs;
  let infos: DocumentInfo[] = [];
  const cold = await time(() => build(all, sidecars), COLD_RUNS, 1);
  const describeOnly = await time(() => (infos = all.map((d) => describeDocument(d.name, d.text))), COLD_RUNS, 0);
  const indexOnly = await time(() => build(all, sidecars, infos), COLD_RUNS, 0);

  // Incremental: one document's annotations change (one retyped, one added), then its text too.
  const index = build(all, sidecars, infos);
  const ur = intRng(3);
  const update = await time(() => {
    const i = ur(DOCS);
    const next = sidecars[i].map((a, k) => (k === 0 ? { ...a, type: a.type === 'person' ? 'organization' : 'person' } : a));
    next.push(generateAnnotations(all[i], ur, 5)[0]);
    index.setDocument(all[i].key, infos[i], next, { problems: 0, moved: 0, orphaned: 0 });
    sidecars[i] = next;
  }, UPDATE_RUNS, 5);
  const updateWithText = await time(() => {
    const i = ur(DOCS);
    index.setDocument(all[i].key, describeDocument(all[i].name, all[i].text), sidecars[i], { problems: 0, moved: 0, orphaned: 0 });
  }, UPDATE_RUNS, 5);
  const remove = summarize(
    Array.from({ length: 60 }, () => {
      const i = ur(DOCS);
      const t0 = performance.now();
      index.removeDocument(all[i].key);
      const dt = performance.now() - t0;
      index.setDocument(all[i].key, infos[i], sidecars[i], { problems: 0, moved: 0, orphaned: 0 });
      return dt;
    }),
  );

  console.log(
    table(
      ['operation', 'median', 'p95', 'runs', 'per document'],
      [
        row(`cold scan: describeDocument + setDocument × ${DOCS}`, cold, DOCS),
        row(`  describeDocument × ${DOCS}`, describeOnly, DOCS),
        row(`  setDocument × ${DOCS} (new index)`, indexOnly, DOCS),
        row('incremental: one sidecar changed (setDocument)', update),
        row('incremental: one text and sidecar changed (describe + set)', updateWithText),
        row('removeDocument', remove),
      ],
    ),
  );

  // What the views ask for.
  const biggest = index.corpusEntities()[0];
  const someDoc = all[1234].key;
  const q = async (fn: () => unknown) => time(fn, 20, 2);
  console.log(
    '\n' +
      table(
        ['query (10,000 documents)', 'median', 'p95', 'runs', 'result'],
        [
          [...row('documents()', await q(() => index.documents())).slice(0, 4), `${index.documents().length} summaries`],
          [...row('corpusTypes()', await q(() => index.corpusTypes())).slice(0, 4), `${index.corpusTypes().length} types`],
          [...row('corpusEntities()', await q(() => index.corpusEntities())).slice(0, 4), `${index.corpusEntities().length} entities`],
          [...row("corpusEntities('location')", await q(() => index.corpusEntities('location'))).slice(0, 4), `${index.corpusEntities('location').length} entities`],
          [...row(`corpusMentions(${biggest.key})`, await q(() => index.corpusMentions(biggest.key))).slice(0, 4), `${biggest.mentionCount} mentions`],
          [...row('inconsistencies()', await q(() => index.inconsistencies())).slice(0, 4), `${index.inconsistencies().length} texts`],
          [...row('entitiesOf(doc) + typesOf(doc)', await q(() => (index.entitiesOf(someDoc), index.typesOf(someDoc)))).slice(0, 4), `${index.entitiesOf(someDoc).length} entities`],
        ],
      ),
  );

  // The suggestion engines' context after a tag: the corpus's tagged strings counted (recounted
  // from every annotation before, kept up to date per document now), the decisions built from
  // them, and the clone the suggestion worker is sent. In a block: none of it is held for the heap rows.
  {
    const keyed = all.map((d, i) => ({ key: d.key, entities: sidecars[i] as readonly EntityAnnotation[] }));
    // A start that shows the whole corpus from the scan cache counts every annotation once.
    const firstSync = await time(() => new CorpusTaggedCounts().sync(keyed), 5, 1);
    const tally = new CorpusTaggedCounts();
    tally.sync(keyed);
    const tr = intRng(4);
    const retag = () => {
      const i = tr(DOCS);
      keyed[i] = { key: keyed[i].key, entities: [...keyed[i].entities, generateAnnotations(all[i], tr, 5)[0]] };
    };
    // What followed the counting before: the decisions built whole, prepared for matching (the
    // editor's quick suggestions), and every distinct string cloned for the worker.
    const decide = (tagged: TaggedText[]) => {
      new DecisionIndex(tagged).prepared();
      structuredClone(tagged);
    };
    const recount = await time(() => {
      retag();
      const counts = new TaggedCounts();
      for (const d of keyed) for (const a of d.entities) if (a.status !== 'orphaned') counts.add(a.text, a.type, a.entity);
      decide(counts.list());
    }, 30, 3);
    const synced = await time(() => {
      retag();
      tally.sync(keyed);
      decide(tally.list());
    }, 30, 3);
    const syncOnly = await time(() => {
      retag();
      tally.sync(keyed);
    }, 30, 3);
    // Now (src/features/suggestions/source.ts): the counts' changes applied to the decisions in
    // place, the prepared sources brought up to date string by string, and only the changes cloned.
    const live = new DecisionIndex(tally.list());
    live.prepared();
    const applied = await time(() => {
      retag();
      const changes: TaggedChange[] = [];
      tally.sync(keyed, changes, 40_000);
      const net = netChanges(changes);
      for (const c of net) live.apply(c);
      live.prepared();
      structuredClone(net);
    }, 30, 3);
    console.log(
      '\n' +
        table(
          [`suggestion context after one tag (10,000 documents, ${tally.list().length.toLocaleString('en')} distinct tagged strings)`, 'median', 'p95', 'runs'],
          [
            row('recount every annotation, decisions, clone for the worker', recount).slice(0, 4),
            row('CorpusTaggedCounts.sync, decisions, clone for the worker', synced).slice(0, 4),
            row('CorpusTaggedCounts.sync with its changes, applied to the decisions, clone of the changes', applied).slice(0, 4),
            row('  CorpusTaggedCounts.sync alone', syncOnly).slice(0, 4),
            row(`the first CorpusTaggedCounts.sync (${annotations.toLocaleString('en')} annotations)`, firstSync).slice(0, 4),
          ],
        ),
    );
  }

  // Heap. The annotations are what the sidecars hold (the VS Code layer keeps them anyway); the
  // index adds the document infos and its maps; the texts are not held by the index.
  const h3 = heapUsed();
  docs = undefined;
  all.length = 0;
  const h4 = heapUsed();
  console.log(
    '\n' +
      table(
        ['heap after gc', 'MB', 'per document'],
        [
          ['generated texts (not held by the index)', mb(h1 - h0), `${((h1 - h0) / DOCS / 1024).toFixed(1)} KiB`],
          [`annotations (${annotations.toLocaleString('en')}, as parsed from sidecars)`, mb(h2 - h1), `${((h2 - h1) / DOCS / 1024).toFixed(1)} KiB`],
          ['index: infos + maps (on top of the annotations)', mb(h3 - h2), `${((h3 - h2) / DOCS / 1024).toFixed(2)} KiB`],
          ['held once the texts are dropped (annotations + index)', mb(h4 - h0), `${((h4 - h0) / DOCS / 1024).toFixed(1)} KiB`],
        ],
      ),
  );
  if (!(globalThis as { gc?: unknown }).gc) console.log('\n(no --expose-gc: heap figures include garbage)');
  // Keep the index alive until the last measurement.
  if (index.size !== DOCS) throw new Error('index lost documents');
}
