import * as assert from 'assert';
import { exportBrat, parseBrat } from '../../../src/core/interchange/brat';
import { exportConll, parseConll } from '../../../src/core/interchange/conll';
import { exportDoccano, parseDoccano } from '../../../src/core/interchange/doccano';
import { exportLabelStudio } from '../../../src/core/interchange/labelstudio';
import { exportSpacy, parseSpacy } from '../../../src/core/interchange/spacy';
import { exportW3c } from '../../../src/core/interchange/w3c';
import { planImport, type ExportDocument, type ImportTarget } from '../../../src/core/interchange';
import { makeAnchor } from '../../../src/core/anchoring/anchor';
import type { EntityAnnotation } from '../../../src/core/model';
import { CodePointIndex } from '../../../src/core/text/codepoints';
import { normalizeText } from '../../../src/core/text/normalize';
import { REGISTRY, tagText, TRICKY_RAW, trickyDocuments, TYPES } from '../../support/interchangeFixtures';

const ctx = { types: TYPES, registry: REGISTRY };

function entity(text: string, quote: string, type: string, extra: Partial<EntityAnnotation> = {}, nth = 0): EntityAnnotation {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(quote, i + 1);
  assert.ok(i >= 0, `${quote} in text`);
  const index = new CodePointIndex(text);
  const s = index.toCodePoint(i);
  return { id: `e-${type}-${s}`, type, ...makeAnchor(index, s, s + [...quote].length), ...extra };
}

function target(docs: { path: string; text: string; entities?: EntityAnnotation[]; writable?: boolean }[]): ImportTarget {
  return { documents: docs.map((d) => ({ path: d.path, text: d.text, entities: d.entities ?? [], facts: [], writable: d.writable ?? true })), types: TYPES, registry: REGISTRY };
}

/** The entities a plan adds, in document order. */
function adds(plan: ReturnType<typeof planImport>): EntityAnnotation[] {
  return plan.documents.flatMap((d) => d.changes.flatMap((c) => (c.kind === 'add' && c.collection === 'entities' ? [c.annotation] : []))).sort((a, b) => a.start - b.start || a.end - b.end);
}

describe('interchange: offsets in each format’s unit', () => {
  const astral = trickyDocuments().find((d) => d.path === 'emoji/astral.txt')!;
  const beijing = astral.entities.find((a) => a.text === 'Beijing')!;
  const utf16 = astral.text.indexOf('Beijing');

  it('the fixture puts astral characters before the span (code points and UTF-16 differ)', () => {
    assert.notStrictEqual(beijing.start, utf16);
  });
  it('spaCy, Label Studio, W3C and brat count code points; doccano counts UTF-16 code units', () => {
    const spacy = JSON.parse(exportSpacy([astral], ctx).files[0].content.split('\n').find((l) => l.includes('astral'))!);
    assert.deepStrictEqual(spacy.spans.find((s: { text: string }) => s.text === 'Beijing'), { start: beijing.start, end: beijing.end, label: 'location', text: 'Beijing', kb_id: 'Q956' });
    assert.strictEqual([...spacy.text].slice(beijing.start, beijing.end).join(''), 'Beijing');
    const doccano = JSON.parse(exportDoccano([astral], ctx).files[0].content);
    assert.deepStrictEqual(doccano.label[0], [utf16, utf16 + 7, 'location']);
    assert.strictEqual(doccano.text.slice(utf16, utf16 + 7), 'Beijing');
    assert.strictEqual(doccano.source, 'emoji/astral.txt');
    const ls = JSON.parse(exportLabelStudio([astral], ctx).files[0].content);
    assert.deepStrictEqual(ls[0].annotations[0].result[0].value, { start: beijing.start, end: beijing.end, text: 'Beijing', labels: ['location'] });
    const w3c = JSON.parse(exportW3c([astral], ctx).files[0].content);
    const item = w3c.first.items[0];
    assert.deepStrictEqual(item.target.selector[1], { type: 'TextPositionSelector', start: beijing.start, end: beijing.end });
    assert.strictEqual(item.target.selector[0].exact, 'Beijing');
    assert.deepStrictEqual(item.body[1], { type: 'SpecificResource', purpose: 'identifying', source: 'http://www.wikidata.org/entity/Q956' });
    const ann = exportBrat([astral], ctx).files.find((f) => f.path === 'emoji/astral.ann')!.content;
    assert.match(ann, new RegExp(`^T1\\tlocation ${beijing.start} ${beijing.end}\\tBeijing$`, 'm'));
    assert.match(ann, /^N1\tReference T1 Wikidata:Q956\tBeijing$/m);
  });
  it('doccano import reads UTF-16 offsets back onto code points', () => {
    const line = JSON.stringify({ text: astral.text, label: [[utf16, utf16 + 7, 'location']] });
    const plan = planImport(parseDoccano([{ path: 'x.jsonl', content: line }]), target([{ path: astral.path, text: astral.text }]));
    assert.deepStrictEqual(adds(plan).map((a) => [a.start, a.end, a.text]), [[beijing.start, beijing.end, 'Beijing']]);
  });
  it('brat import counts a BOM and \\r as Python reads the .txt, and maps them away', () => {
    const raw = TRICKY_RAW['bom-crlf.txt'];
    const cps = [...raw];
    const at = (q: string) => cps.join('').indexOf(q) === -1 ? -1 : [...raw.slice(0, raw.indexOf(q))].length;
    const ann = `T1\tlocation ${at('Hebei')} ${at('Hebei') + 5}\tHebei\nT2\tLocation ${at('Beijing')} ${at('Beijing') + 7}\tBeijing\n`;
    const text = normalizeText(raw);
    const plan = planImport(parseBrat([{ path: 'bom-crlf.ann', content: ann }, { path: 'bom-crlf.txt', content: raw }]), target([{ path: 'bom-crlf.txt', text }]));
    const got = adds(plan).map((a) => [a.text, a.type, a.start]);
    assert.deepStrictEqual(got, [
      ['Beijing', 'location', [...text.slice(0, text.indexOf('Beijing'))].length],
      ['Hebei', 'location', [...text.slice(0, text.indexOf('Hebei'))].length],
    ]);
    assert.strictEqual(plan.summary.moved + plan.summary.orphaned, 0);
  });
  it('brat: exported .txt is normalised (no BOM, LF) so .ann offsets slice it in code points', () => {
    const docs = trickyDocuments();
    const files = exportBrat(docs, ctx).files;
    for (const d of docs) {
      const txt = files.find((f) => f.path === d.path.replace(/\.txt$/, '.txt'))!.content;
      assert.ok(!txt.includes('\r') && txt.charCodeAt(0) !== 0xfeff);
      const ann = files.find((f) => f.path === d.path.replace(/\.txt$/, '.ann'))!.content;
      for (const m of ann.matchAll(/^T\d+\t\S+ (\d+) (\d+)\t(.*)$/gm)) assert.strictEqual([...txt].slice(+m[1], +m[2]).join(''), m[3]);
    }
    assert.match(files.find((f) => f.path === 'annotation.conf')!.content, /^\[entities\]\nperson\norganization\n/m);
    assert.match(files.find((f) => f.path === 'visual.conf')!.content, /^person \| Person$/m);
    assert.match(files.find((f) => f.path === 'visual.conf')!.content, /^person\tbgColor:#ff8a80$/m);
  });
});

describe('interchange: brat specifics', () => {
  const text = 'New York and\nLos Angeles are cities.\n';
  it('a span across a line break is written as fragments and read back as one annotation', () => {
    const a = entity(text, 'and\nLos', 'location');
    const ann = exportBrat([{ path: 'a.txt', text, entities: [a], facts: [] }], ctx).files.find((f) => f.path === 'a.ann')!.content;
    assert.strictEqual(ann, 'T1\tlocation 9 12;13 16\tand Los\n');
    const parsed = parseBrat([{ path: 'a.ann', content: ann }, { path: 'a.txt', content: text }]);
    assert.deepStrictEqual(parsed.notes, []);
    assert.deepStrictEqual(parsed.documents[0].spans.map((s) => [s.start, s.end]), [[9, 16]]);
  });
  it('a discontinuous span becomes one annotation per fragment, reported', () => {
    const parsed = parseBrat([{ path: 'a.ann', content: 'T1\tlocation 0 3;13 16\tNew Los\nR1\tRel Arg1:T1 Arg2:T1\n' }, { path: 'a.txt', content: text }]);
    assert.deepStrictEqual(parsed.documents[0].spans.map((s) => [s.start, s.end]), [[0, 3], [13, 16]]);
    assert.ok(parsed.notes.some((n) => /discontinuous annotation T1 imported as 2 annotations/.test(n)));
    assert.ok(parsed.notes.some((n) => /1 relation, event or attribute line/.test(n)));
  });
  it('types match by id or label ignoring case; unknown types are added with a colour; links and notes come in', () => {
    const ann = 'T1\tOrganization 0 8\tNew York\nT2\tVehicle 13 24\tLos Angeles\nN1\tReference T2 Wikidata:Q65\tLos Angeles\n#1\tAnnotatorNotes T2\tcity, not a vehicle\n#2\tAnnotatorNotes T2\tauthor: bo\nT3\tLOCATION 13 16\tLos\nN2\tReference T3 Corpus:beijing\tBeijing\n';
    const plan = planImport(parseBrat([{ path: 'a.ann', content: ann }, { path: 'a.txt', content: text }]), target([{ path: 'a.txt', text }]));
    const got = adds(plan);
    assert.deepStrictEqual(got.map((a) => [a.text, a.type, a.entity, a.note, a.author]), [
      ['New York', 'organization', undefined, undefined, undefined],
      ['Los', 'location', 'beijing', undefined, undefined],
      ['Los Angeles', 'vehicle', 'los-angeles', 'city, not a vehicle', 'bo'],
    ]);
    assert.deepStrictEqual(plan.summary.addedTypes, ['vehicle']);
    const addType = plan.config.find((c) => c.kind === 'addType');
    assert.ok(addType && addType.kind === 'addType');
    assert.strictEqual(addType.type.label, 'Vehicle');
    assert.match(addType.type.color.light, /^#[0-9a-f]{6}$/);
    assert.ok(!TYPES.some((t) => t.color.light === addType.type.color.light), 'a colour no type uses');
    assert.deepStrictEqual(plan.config.filter((c) => c.kind === 'addEntity'), [{ kind: 'addEntity', entity: { id: 'los-angeles', name: 'Los Angeles', type: 'vehicle', aliases: [], externalId: 'Q65' } }]);
  });
  it('a line that is not brat is reported with its place', () => {
    const parsed = parseBrat([{ path: 'a.ann', content: 'T1\tlocation x y\tNew\nhello\n' }, { path: 'a.txt', content: text }]);
    assert.deepStrictEqual(parsed.skipped.map((s) => s.file), ['a.ann:1', 'a.ann:2']);
  });
});

describe('interchange: CoNLL specifics', () => {
  const text = 'Mr. Smith went to New York City. He met the New York Times there.\n\nBye.';
  it('IOB2 tags, sentences separated by a blank line, -DOCSTART- before each document', () => {
    const ents = [entity(text, 'Smith', 'person'), entity(text, 'New York City', 'location'), entity(text, 'New York Times', 'organization')];
    const out = exportConll([{ path: 'a.txt', text, entities: ents, facts: [] }], ctx).files[0].content;
    assert.strictEqual(
      out,
      '-DOCSTART- -X- O O\n\nMr O\n. O\nSmith B-person\nwent O\nto O\nNew B-location\nYork I-location\nCity I-location\n. O\n\nHe O\nmet O\nthe O\nNew B-organization\nYork I-organization\nTimes I-organization\nthere O\n. O\n\nBye O\n. O\n\n',
    );
  });
  it('of overlapping annotations the longest wins, the others are reported', () => {
    const ents = [entity(text, 'New York', 'location'), entity(text, 'New York City', 'location'), entity(text, 'York', 'location', {}, 1)];
    const r = exportConll([{ path: 'a.txt', text, entities: ents, facts: [] }], ctx);
    assert.match(r.files[0].content, /New B-location\nYork I-location\nCity I-location/);
    assert.deepStrictEqual(r.dropped.map((d) => d.text), ['New York']);
    assert.match(r.dropped[0].reason, /overlaps "New York City"/);
    assert.strictEqual(r.annotations, 2);
  });
  it('blocks are matched to documents by their tokens; a block that matches none is reported', () => {
    const other = 'Paris is in France.';
    const conll = `-DOCSTART- -X- O O\n\nParis B-LOC\nis O\nin O\nFrance B-LOC\n. O\n\n-DOCSTART- -X- O O\n\nUnknown B-PER\n\n`;
    const plan = planImport(parseConll([{ path: 'x.conll', content: conll }]), target([{ path: 'a.txt', text }, { path: 'b.txt', text: other }]));
    assert.deepStrictEqual(adds(plan).map((a) => [a.text, a.type]), [['Paris', 'loc'], ['France', 'loc']]);
    assert.deepStrictEqual(plan.summary.skipped, [{ file: 'x.conll document 2 (line 9)', reason: 'no corpus document has these tokens in this order' }]);
    assert.deepStrictEqual(plan.summary.addedTypes, ['loc']);
  });
  it('reads BIOES and IOB1 tags too', () => {
    const conll = 'Paris S-LOC\nis O\nin O\nFrance I-LOC\n. O\n';
    const plan = planImport(parseConll([{ path: 'x.conll', content: conll }]), target([{ path: 'b.txt', text: 'Paris is in France.' }]));
    assert.deepStrictEqual(adds(plan).map((a) => a.text), ['Paris', 'France']);
  });
});

describe('interchange: import placement and merge', () => {
  const text = normalizeText(TRICKY_RAW['french.txt']);
  const doc: ExportDocument = { path: 'french.txt', text, entities: tagText(text), facts: [] };
  const line = exportSpacy([doc], ctx).files[0].content;

  it('when the imported text differs, annotations are placed by quote and context: exact, moved or orphaned', () => {
    const edited = 'Un titre ajouté.\n' + text.replace('Tianjin', 'Tianjim').replace('À Pékin, c’est dit.', 'Fin.');
    const plan = planImport(parseSpacy([{ path: 'x.jsonl', content: line }]), target([{ path: 'french.txt', text: edited }]));
    const got = adds(plan);
    const byText = (q: string) => got.find((a) => a.text === q || a.text.startsWith(q))!;
    assert.strictEqual(byText('Hebei').start, [...edited.slice(0, edited.indexOf('Hebei'))].length);
    assert.strictEqual(byText('Hebei').status, undefined);
    assert.strictEqual(byText('Tianji').status, 'moved');
    assert.strictEqual(plan.summary.moved, 1);
    assert.strictEqual(plan.summary.orphaned, 1);
    assert.strictEqual(got.filter((a) => a.status === 'orphaned').map((a) => a.text).join(), 'Pékin');
  });
  it('the same span and type is not added twice; a duplicate brings a missing link', () => {
    const existing = doc.entities.map((a) => ({ ...a, entity: undefined }));
    const plan = planImport(parseSpacy([{ path: 'x.jsonl', content: line }]), target([{ path: 'french.txt', text, entities: existing }]));
    assert.strictEqual(plan.summary.added, 0);
    assert.strictEqual(plan.summary.duplicates, doc.entities.length);
    const updates = plan.documents[0].changes.filter((c) => c.kind === 'update');
    assert.strictEqual(updates.length, doc.entities.filter((a) => a.entity).length);
    assert.deepStrictEqual(updates.map((u) => u.kind === 'update' && u.set.entity), doc.entities.filter((a) => a.entity).map((a) => a.entity));
  });
  it('a document whose sidecar cannot be parsed is skipped and reported', () => {
    const plan = planImport(parseSpacy([{ path: 'x.jsonl', content: line }]), { ...target([]), documents: [{ path: 'french.txt', text, entities: [], facts: [], writable: false, sidecar: 'french.txt.yaml' }] });
    assert.deepStrictEqual(plan.documents, []);
    assert.strictEqual(plan.summary.skipped[0].file, 'french.txt.yaml');
    assert.match(plan.summary.skipped[0].reason, /cannot be parsed/);
  });
  it('a document is found by its text when the path is unknown; an unknown one is reported', () => {
    const moved = line.replace('"source":"french.txt"', '"source":"elsewhere/renamed.txt"');
    const plan = planImport(parseSpacy([{ path: 'x.jsonl', content: moved + JSON.stringify({ text: 'nothing like it', spans: [{ start: 0, end: 7, label: 'x' }], meta: { source: 'gone.txt' } }) }]), target([{ path: 'french.txt', text }]));
    assert.strictEqual(plan.summary.added, doc.entities.length);
    assert.deepStrictEqual(plan.summary.skipped, [{ file: 'x.jsonl:2', reason: 'no corpus document "gone.txt" and none with the same text' }]);
  });
  it('kb_ids: a known QID links to its entity, an unknown QID makes a new entity keeping it', () => {
    const t = 'Paris and Beijing.';
    const l = JSON.stringify({ text: t, spans: [{ start: 0, end: 5, label: 'location', kb_id: 'Q90' }, { start: 10, end: 17, label: 'location', kb_id: 'Q956' }] });
    const plan = planImport(parseSpacy([{ path: 'x.jsonl', content: l }]), target([{ path: 'p.txt', text: t }]));
    assert.deepStrictEqual(adds(plan).map((a) => a.entity), ['paris', 'beijing']);
    assert.deepStrictEqual(plan.config, [{ kind: 'addEntity', entity: { id: 'paris', name: 'Paris', type: 'location', aliases: [], externalId: 'Q90' } }]);
  });
  it('bad spans and bad lines are reported with their place, the rest is read', () => {
    const content = `${JSON.stringify({ text: 'abc', spans: [{ start: 0, end: 9, label: 'x' }, { start: 0, end: 1, label: 'x' }] })}\nnot json\n`;
    const parsed = parseSpacy([{ path: 'x.jsonl', content }]);
    assert.deepStrictEqual(parsed.skipped.map((s) => s.file), ['x.jsonl:2', 'x.jsonl:1']);
    assert.match(parsed.skipped[1].reason, /span 1: end 9 is past the end of the text \(3\)/);
    assert.strictEqual(parsed.documents[0].spans.length, 1);
  });
});
