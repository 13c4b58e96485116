import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import { loadCorpus } from '../../../src/cli/corpusLoader';
import { FORMATS } from '../../../src/core/interchange';
import { parseSidecar, serializeSidecar, hashText, SIDECAR_FORMAT, SIDECAR_VERSION } from '../../../src/core/sidecar';
import { parseCorpusConfig } from '../../../src/core/corpus/config';
import { TRICKY_RAW, trickyDocuments } from '../../support/interchangeFixtures';

const CONFIG = '# the test corpus\nexclude:\n  - "export/**"\nentities:\n  - id: beijing\n    name: Beijing\n    type: location\n    aliases: [Pékin]\n    externalId: Q956\n  - id: hebei\n    name: Hebei\n    type: location\n    aliases: []\n    externalId: Q21208\n  - id: tongzhou\n    name: Tongzhou\n    type: location\n    aliases: []\n  - id: cpc\n    name: Communist Party of China\n    type: organization\n    aliases: []\n    externalId: Q17427\n';
const BROKEN = 'format: corpus-annotator\nversion: 1\nentities: [\n  - oops\n';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), cwd: os.tmpdir() });
  return { code, out, err };
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** A corpus on disk: the tricky documents (BOM, CRLF, emoji) with sidecars, one of them unparseable. */
function makeCorpus(withSidecars: boolean): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-cli-'));
  write(path.join(root, 'corpus.yaml'), CONFIG);
  for (const [p, raw] of Object.entries(TRICKY_RAW)) write(path.join(root, p), raw);
  write(path.join(root, 'broken.txt'), 'Beijing is here.\n');
  if (withSidecars) {
    for (const d of trickyDocuments()) {
      const text = serializeSidecar({ header: { format: SIDECAR_FORMAT, version: SIDECAR_VERSION, document: path.basename(d.path), textHash: hashText(d.text), offsets: 'codepoint' }, entities: [...d.entities], facts: [] });
      write(path.join(root, d.path + '.yaml'), text.replace('entities:', '# kept by every write\nentities:'));
    }
    write(path.join(root, 'broken.txt.yaml'), BROKEN);
  }
  return root;
}

function inputOf(format: string, out: string): string {
  const files: Record<string, string> = { brat: '', conll: 'corpus.conll', spacy: 'spacy.jsonl', doccano: 'doccano.jsonl', labelstudio: 'label-studio-tasks.json', w3c: 'annotations.jsonld' };
  return path.join(out, files[format]);
}

describe('cli: export and import', function () {
  this.timeout(60000);
  const roots: string[] = [];
  after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  it('the loader reads corpus.yaml globs, documents (BOM/CRLF normalised) and sidecars', async () => {
    const root = makeCorpus(true);
    roots.push(root);
    write(path.join(root, 'export', 'x.txt'), 'excluded');
    write(path.join(root, 'node_modules', 'y.txt'), 'never');
    const c = await loadCorpus(root);
    assert.deepStrictEqual(c.documents.map((d) => d.path), ['bom-crlf.txt', 'broken.txt', 'crlf-only.txt', 'emoji/astral.txt', 'french.txt']);
    const bom = c.documents.find((d) => d.path === 'bom-crlf.txt')!;
    assert.ok(!bom.model.text.includes('\r') && bom.model.text.charCodeAt(0) !== 0xfeff);
    assert.deepStrictEqual(bom.model.entities.map((a) => a.text), ['Beijing', 'Hebei', 'Tianjin']);
    assert.strictEqual(c.documents.find((d) => d.path === 'broken.txt')!.model.writable, false);
    assert.strictEqual(c.config.entities.length, 4);
  });

  for (const format of FORMATS) {
    it(`${format.id}: export, then import into a copy without sidecars, gives the same entities`, async () => {
      const root = makeCorpus(true);
      const copy = makeCorpus(false);
      roots.push(root, copy);
      const out = path.join(root, 'export');
      const e = await run('export', '--format', format.id, '--out', out, root);
      assert.strictEqual(e.code, 0, e.err);
      assert.match(e.out, /^Exported \d+ annotations? from 5 documents/);
      assert.ok(fs.readdirSync(out).length > 0);
      // The unparseable sidecar is reported, never rewritten.
      assert.match(e.err, /broken\.txt\.yaml:4:3: /);
      const i = await run('import', '--format', format.id, '--json', inputOf(format.id, out), copy);
      assert.strictEqual(i.code, 0, i.err);
      const summary = JSON.parse(i.out);
      const expected = trickyDocuments().reduce((n, d) => n + d.entities.length, 0);
      assert.strictEqual(summary.added, expected);
      assert.strictEqual(summary.moved + summary.orphaned + summary.duplicates, 0);
      for (const d of trickyDocuments()) {
        const parsed = parseSidecar(fs.readFileSync(path.join(copy, d.path + '.yaml'), 'utf8'));
        assert.deepStrictEqual(parsed.problems.filter((p) => p.severity === 'error'), []);
        assert.strictEqual(parsed.value.header.textHash, hashText(d.text));
        assert.deepStrictEqual(parsed.value.entities.map((a) => [a.start, a.end, a.type, a.text]), d.entities.map((a) => [a.start, a.end, a.type, a.text]), d.path);
      }
      // Linked formats make no new canonical entities: the links resolve to corpus.yaml's registry.
      assert.strictEqual(fs.readFileSync(path.join(copy, 'corpus.yaml'), 'utf8'), CONFIG);
      assert.deepStrictEqual(fs.readdirSync(copy).filter((f) => f.endsWith('.tmp')), []);
    });
  }

  it('importing into the annotated corpus adds nothing, keeps comments, leaves the unparseable sidecar untouched', async () => {
    const root = makeCorpus(true);
    roots.push(root);
    const out = path.join(root, 'export');
    assert.strictEqual((await run('export', '--format', 'spacy', '--out', out, root)).code, 0);
    // The broken document's line goes in too, so the import has something for it.
    fs.appendFileSync(path.join(out, 'spacy.jsonl'), JSON.stringify({ text: 'Beijing is here.\n', spans: [{ start: 0, end: 7, label: 'location' }], meta: { source: 'broken.txt' } }) + '\n');
    const before = fs.readFileSync(path.join(root, 'french.txt.yaml'), 'utf8');
    const i = await run('import', '--format', 'spacy', path.join(out, 'spacy.jsonl'), root);
    assert.strictEqual(i.code, 0, i.err);
    assert.match(i.out, /Imported 0 annotations into 4 documents from spaCy JSONL: \d+ already there, 0 moved \(review them\), 0 orphaned, 1 skipped\./);
    assert.match(i.err, /skipped: broken\.txt\.yaml: the sidecar cannot be parsed/);
    assert.strictEqual(fs.readFileSync(path.join(root, 'broken.txt.yaml'), 'utf8'), BROKEN);
    const after = fs.readFileSync(path.join(root, 'french.txt.yaml'), 'utf8');
    assert.ok(after.includes('# kept by every write'));
    assert.strictEqual(after, before);
  });

  it('unknown types go to corpus.yaml with a colour, keeping its comments', async () => {
    const root = makeCorpus(false);
    roots.push(root);
    const file = path.join(root, 'in.jsonl');
    write(file, JSON.stringify({ text: 'Beijing is here.\n', spans: [{ start: 0, end: 7, label: 'City' }], meta: { source: 'broken.txt' } }) + '\n');
    const i = await run('import', '--format', 'spacy', file, root);
    assert.strictEqual(i.code, 0, i.err);
    assert.match(i.err, /note: type "City" is new: added to corpus.yaml as "city"/);
    const config = fs.readFileSync(path.join(root, 'corpus.yaml'), 'utf8');
    assert.ok(config.startsWith('# the test corpus\n'));
    const parsed = parseCorpusConfig(config).value;
    assert.ok(parsed.types.some((t) => t.id === 'person'), 'the defaults stay');
    assert.deepStrictEqual(parsed.types.find((t) => t.id === 'city')?.label, 'City');
    assert.match(fs.readFileSync(path.join(root, 'broken.txt.yaml'), 'utf8'), /type: city/);
  });

  it('command-line errors exit 2 with the usage; --help exits 0; a missing corpus exits 1', async () => {
    const noFormat = await run('export', '--out', '/tmp/x');
    assert.strictEqual(noFormat.code, 2);
    assert.match(noFormat.err, /--format is required[\s\S]*Usage: corpus-annotator export/);
    const bad = await run('import', '--format', 'xml', 'a');
    assert.strictEqual(bad.code, 2);
    assert.match(bad.err, /unknown format 'xml' \(one of brat, conll, spacy, doccano, labelstudio, w3c\)/);
    const help = await run('import', '--help');
    assert.strictEqual(help.code, 0);
    assert.match(help.out, /Usage: corpus-annotator import --format FORMAT PATH \[CORPUS_DIR\]/);
    const missing = await run('export', '--format', 'spacy', '--out', '/tmp/x', '/nonexistent/corpus');
    assert.strictEqual(missing.code, 1);
    assert.match(missing.err, /\/nonexistent\/corpus is not a folder/);
  });
});
