/**
 * The exports checked by the tools they are for, in Python (test/python/check_exports.py): spaCy
 * (`char_span` and `spacy convert --converter ner`), rdflib (the JSON-LD as RDF) and Python's own
 * reading of brat's .txt. `.ci/run` installs the packages in .venv; elsewhere the suite is skipped,
 * saying so, when they are missing. Python: $CORPUS_ANNOTATOR_PYTHON, else .venv/bin/python, else python3.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FORMATS, type ExportDocument } from '../../../src/core/interchange';
import { iobTags } from '../../../src/core/interchange/conll';
import { tokenize } from '../../../src/core/text/tokens';
import { annotatedSeeds, REGISTRY, trickyDocuments, TYPES } from '../../support/interchangeFixtures';

const ROOT = [path.resolve(__dirname, '../../..'), path.resolve(__dirname, '../../../..')].find((d) => fs.existsSync(path.join(d, 'test/python/check_exports.py')))!;
const SCRIPT = path.join(ROOT, 'test/python/check_exports.py');
const PACKAGES = ['spacy', 'rdflib'];

function findPython(): string | undefined {
  const candidates = [process.env.CORPUS_ANNOTATOR_PYTHON, path.join(ROOT, '.venv/bin/python'), 'python3'].filter((c): c is string => !!c);
  return candidates.find((c) => spawnSync(c, ['-c', `import ${PACKAGES.join(', ')}`], { stdio: 'ignore' }).status === 0);
}

function check(python: string, ...args: string[]): { checked: number; failures: string[] } {
  const r = spawnSync(python, [SCRIPT, ...args], { encoding: 'utf8', timeout: 300_000 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  let result: { checked: number; failures: string[] };
  try {
    result = JSON.parse(last);
  } catch {
    throw new Error(`check_exports.py ${args[0]} failed (exit ${r.status}): ${r.stderr}${r.stdout}`);
  }
  return result;
}

/** Per document with tokens, what spaCy's converter must read: token count and [start, end, label, text] per entity. */
function expectedConll(docs: readonly ExportDocument[]): { tokens: number; entities: [number, number, string, string][] }[] {
  return docs.flatMap((d) => {
    const tokens = tokenize(d.text);
    if (tokens.length === 0) return [];
    const { tags } = iobTags(d, tokens, []);
    const entities: [number, number, string, string][] = [];
    tags.forEach((t, i) => {
      if (t.startsWith('B-')) entities.push([i, i + 1, t.slice(2), tokens[i].text]);
      else if (t.startsWith('I-')) {
        const e = entities[entities.length - 1];
        e[1] = i + 1;
        e[3] += ' ' + tokens[i].text;
      }
    });
    return [{ tokens: tokens.length, entities }];
  });
}

describe('interchange: the exports in the real tools (Python)', function () {
  this.timeout(600_000);
  let python: string | undefined;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-python-'));
  const docs = [...annotatedSeeds(), ...trickyDocuments()];

  before(function () {
    python = findPython();
    if (!python) {
      console.log(`    SKIPPED: no Python with ${PACKAGES.join(', ')} (set CORPUS_ANNOTATOR_PYTHON, or run .ci/run's pip step: python3 -m venv .venv && .venv/bin/pip install spacy==3.8.16 rdflib==7.6.0)`);
      this.skip();
    }
    for (const format of FORMATS) {
      for (const f of format.exportCorpus(docs, { types: TYPES, registry: REGISTRY }).files) {
        const file = path.join(out, format.id, ...f.path.split('/'));
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, f.content);
      }
    }
  });
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it('spaCy: nlp.make_doc(text).char_span(start, end, label, kb_id) finds every span of the JSONL', () => {
    const r = check(python!, 'spacy', path.join(out, 'spacy', 'spacy.jsonl'));
    assert.deepStrictEqual(r.failures, []);
    assert.strictEqual(r.checked, docs.reduce((n, d) => n + d.entities.length, 0));
  });
  it('CoNLL: `python -m spacy convert --converter ner` gives the same entities per document', () => {
    const expected = path.join(out, 'conll-expected.json');
    const want = expectedConll(docs);
    fs.writeFileSync(expected, JSON.stringify(want));
    const r = check(python!, 'conll', path.join(out, 'conll', 'corpus.conll'), expected);
    assert.deepStrictEqual(r.failures, []);
    assert.strictEqual(r.checked, want.reduce((n, d) => n + d.entities.length, 0));
    assert.ok(r.checked > 300);
  });
  it('W3C: rdflib parses the JSON-LD (context mapped to a local copy) into the same annotations', () => {
    const r = check(python!, 'w3c', path.join(out, 'w3c', 'annotations.jsonld'), path.join(ROOT, 'test/fixtures/interchange/anno-context.jsonld'));
    assert.deepStrictEqual(r.failures, []);
    assert.strictEqual(r.checked, docs.reduce((n, d) => n + d.entities.length, 0));
  });
  it('brat: each .ann line’s text equals the .txt slice as Python reads it', () => {
    const r = check(python!, 'brat', path.join(out, 'brat'));
    assert.deepStrictEqual(r.failures, []);
    assert.strictEqual(r.checked, docs.reduce((n, d) => n + d.entities.length + d.facts.length, 0));
  });
});
