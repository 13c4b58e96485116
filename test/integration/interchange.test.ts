import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from '../../src/api';
import { FORMATS } from '../../src/core/interchange';
import { hashText, serializeSidecar, SIDECAR_FORMAT, SIDECAR_VERSION } from '../../src/core/sidecar';
import { normalizeText } from '../../src/core/text/normalize';
import { tagText } from '../support/interchangeFixtures';
import { docPath, docUri, sidecarOnDisk, useCorpus, waitFor } from './helpers';

const DOCS = ['000_ad486b33f2fde1b8.txt', '003_dea812eaf2be9ea4.txt'];
const BROKEN = 'format: corpus-annotator\nversion: 1\nentities: [\n  - oops\n';
const INPUT: Record<string, string> = { brat: '', conll: 'corpus.conll', spacy: 'spacy.jsonl', doccano: 'doccano.jsonl', labelstudio: 'label-studio-tasks.json', w3c: 'annotations.jsonld' };

interface ExportReturn {
  files: string[];
  documents: number;
  annotations: number;
  dropped: { document: string; text: string; reason: string }[];
}
interface ImportReturn {
  documents: number;
  added: number;
  duplicates: number;
  moved: number;
  orphaned: number;
  skipped: { file: string; reason: string }[];
}

/** Sidecars with the fixture's tags on two seeds, written to disk and read by the extension. */
async function annotate(api: CorpusAnnotatorApi): Promise<Map<string, ReturnType<typeof tagText>>> {
  const tags = new Map<string, ReturnType<typeof tagText>>();
  for (const name of DOCS) {
    const text = normalizeText(fs.readFileSync(docPath(name), 'utf8'));
    const entities = tagText(text, name.slice(0, 3));
    tags.set(name, entities);
    fs.writeFileSync(`${docPath(name)}.yaml`, serializeSidecar({ header: { format: SIDECAR_FORMAT, version: SIDECAR_VERSION, document: name, textHash: hashText(text), offsets: 'codepoint' }, entities, facts: [] }));
    await api.reload(docUri(name));
  }
  for (const name of DOCS) await waitFor(`${name} annotated`, () => api.document(docUri(name))?.entities.length === tags.get(name)!.length);
  return tags;
}

describe('Export and import commands', () => {
  const corpus = useCorpus();
  let api: CorpusAnnotatorApi;
  let out: string;
  beforeEach(() => {
    api = corpus();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-export-'));
  });
  afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

  for (const format of FORMATS) {
    it(`${format.id}: export with arguments writes the files and returns them; import into a corpus without sidecars restores the entities`, async () => {
      const tags = await annotate(api);
      const total = [...tags.values()].reduce((n, t) => n + t.length, 0);
      const r = (await vscode.commands.executeCommand('corpusAnnotator.exportAnnotations', { format: format.id, folder: out })) as ExportReturn;
      assert.ok(r, 'the command returns its result');
      assert.strictEqual(r.documents, 5);
      assert.strictEqual(r.annotations, total);
      assert.ok(r.files.length > 0);
      for (const f of r.files) assert.ok(path.isAbsolute(f) && f.startsWith(out) && fs.existsSync(f), f);
      // Every file has content, but brat's .ann of a document without annotations.
      assert.deepStrictEqual(r.files.filter((f) => fs.statSync(f).size === 0 && !f.endsWith('.ann')), []);
      if (format.id === 'brat') assert.deepStrictEqual(fs.readFileSync(path.join(out, DOCS[0].replace(/\.txt$/, '.txt')), 'utf8'), normalizeText(fs.readFileSync(docPath(DOCS[0]), 'utf8')));
      // Sidecars gone: the import brings the entities back.
      for (const name of DOCS) fs.rmSync(`${docPath(name)}.yaml`);
      await api.service.scan();
      const i = (await vscode.commands.executeCommand('corpusAnnotator.importAnnotations', { format: format.id, path: path.join(out, INPUT[format.id]) })) as ImportReturn;
      assert.ok(i, 'the command returns its summary');
      assert.deepStrictEqual(Object.keys(i).sort(), ['added', 'documents', 'duplicates', 'moved', 'orphaned', 'skipped']);
      assert.strictEqual(i.documents, 2);
      assert.strictEqual(i.added, total);
      assert.deepStrictEqual([i.duplicates, i.moved, i.orphaned, i.skipped.length], [0, 0, 0, 0]);
      for (const name of DOCS) {
        const disk = sidecarOnDisk(name)!;
        assert.ok(disk, `${name}.yaml written`);
        // CoNLL tags whole tokens: `Langfang` in `Langfang's` comes back as the token, so compare types and starts there.
        const fields = (a: { start: number; end: number; type: string; text: string }) => (format.id === 'conll' ? [a.start, a.type] : [a.start, a.end, a.type, a.text]);
        assert.deepStrictEqual(disk.entities.map(fields), tags.get(name)!.map(fields), name);
        assert.strictEqual(api.document(docUri(name))!.entities.length, disk.entities.length);
      }
    });
  }

  it('import merges without duplicates, fills in links, adds unknown types to corpus.yaml and leaves an unparseable sidecar untouched', async () => {
    await annotate(api);
    const broken = '001_b03c6ba473a52724.txt';
    fs.writeFileSync(`${docPath(broken)}.yaml`, BROKEN);
    await api.reload(docUri(broken));
    const r = (await vscode.commands.executeCommand('corpusAnnotator.exportAnnotations', { format: 'spacy', folder: vscode.Uri.file(out).toString(), documents: [DOCS[0]] })) as ExportReturn;
    assert.strictEqual(r.documents, 1);
    const text = normalizeText(fs.readFileSync(docPath(broken), 'utf8'));
    const at = [...text.slice(0, text.indexOf('Xinhua News Agency'))].length;
    fs.appendFileSync(r.files[0], JSON.stringify({ text, spans: [{ start: at, end: at + 18, label: 'Agency' }], meta: { source: broken } }) + '\n');
    const other = normalizeText(fs.readFileSync(docPath('002_0a0484aff5f38808.txt'), 'utf8'));
    const b = [...other.slice(0, other.indexOf('Beijing'))].length;
    fs.appendFileSync(r.files[0], JSON.stringify({ text: other, spans: [{ start: b, end: b + 7, label: 'Newspaper' }], meta: { source: '002_0a0484aff5f38808.txt' } }) + '\n');
    const before = sidecarOnDisk(DOCS[0])!.entities.length;
    const i = (await vscode.commands.executeCommand('corpusAnnotator.importAnnotations', { format: 'spacy', path: r.files[0] })) as ImportReturn;
    assert.strictEqual(i.added, 1);
    assert.strictEqual(i.duplicates, before);
    assert.deepStrictEqual(i.skipped.map((s) => s.file), [`${broken}.yaml`]);
    assert.strictEqual(fs.readFileSync(`${docPath(broken)}.yaml`, 'utf8'), BROKEN);
    assert.strictEqual(sidecarOnDisk(DOCS[0])!.entities.length, before);
    const config = fs.readFileSync(docPath('corpus.yaml'), 'utf8');
    assert.match(config, /- id: newspaper\n\s+label: Newspaper/);
    assert.match(config, /- id: person\n/, 'the default types are written with the new one');
    assert.strictEqual(sidecarOnDisk('002_0a0484aff5f38808.txt')!.entities[0].type, 'newspaper');
  });

  it('bad arguments are refused with a message, not an exception', async () => {
    const r = await vscode.commands.executeCommand('corpusAnnotator.exportAnnotations', { format: 'xml', folder: out });
    assert.strictEqual(r, undefined);
    assert.ok(api.service.recentLog.some((l) => /Unknown export format "xml"/.test(l)));
    assert.deepStrictEqual(fs.readdirSync(out), []);
  });
});
