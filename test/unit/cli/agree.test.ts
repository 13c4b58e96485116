/** `corpus-annotator agree` on folders and on git refs of a real temporary repository. */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import { measureAgreement, type AgreementReport } from '../../../src/core/agreement';
import type { EntityAnnotation } from '../../../src/core/model';
import { hashText, makeAnchor, serializeSidecar } from '../../../src/core/sidecar';
import { tokenize } from '../../../src/core/text/tokens';
import { seedFiles } from '../../support/fixtures';

async function run(cwd: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), cwd });
  return { code, out, err };
}

const seeds = seedFiles().slice(0, 3);
/** Every `step`-th token annotated, the type chosen by `typeOf`. */
function annotate(text: string, step: number, typeOf: (i: number) => string, author: string): EntityAnnotation[] {
  return tokenize(text)
    .filter((_, i) => i % step === 0)
    .map((t, i) => ({ id: `e-${author}${String(i).padStart(6, '0')}`, type: typeOf(i), author, ...makeAnchor(text, t.start, t.end) }));
}

function writeCorpus(dir: string, side: 'a' | 'b') {
  fs.mkdirSync(path.join(dir, 'news'), { recursive: true });
  for (const s of seeds) {
    fs.writeFileSync(path.join(dir, 'news', s.file), s.text);
    const entities = side === 'a' ? annotate(s.text, 7, (i) => (i % 3 ? 'location' : 'person'), 'wang') : annotate(s.text, 7, (i) => (i % 4 ? 'location' : 'person'), 'li').filter((_, i) => i % 5 !== 0);
    const header = { format: 'corpus-annotator', version: 1, document: s.file, textHash: hashText(s.text), offsets: 'codepoint' as const };
    fs.writeFileSync(path.join(dir, 'news', s.file + '.yaml'), serializeSidecar({ header, entities, facts: [] }));
  }
}

describe('corpus-annotator agree', function () {
  this.timeout(60000);
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-agree-'));
    writeCorpus(path.join(tmp, 'A'), 'a');
    writeCorpus(path.join(tmp, 'B'), 'b');
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('compares two folders, and its JSON is the core report on the same documents', async () => {
    const r = await run(tmp, 'agree', 'A', 'B', '--json');
    assert.strictEqual(r.code, 0, r.err);
    const report = JSON.parse(r.out) as AgreementReport;
    assert.deepStrictEqual(report.documents.map((d) => d.document), seeds.map((s) => `news/${s.file}`));
    const spans = (side: string, file: string) => {
      const text = fs.readFileSync(path.join(tmp, side, 'news', file + '.yaml'), 'utf8');
      return [...text.matchAll(/type: (\w+)\n.*\n    start: (\d+)\n    end: (\d+)/g)].map((m) => ({ type: m[1], start: Number(m[2]), end: Number(m[3]) }));
    };
    const expected = measureAgreement(seeds.map((s) => ({ document: `news/${s.file}`, text: s.text, a: spans('A', s.file), b: spans('B', s.file) })));
    assert.ok(expected.overall.strict.counts.correct > 10);
    assert.deepStrictEqual(report, JSON.parse(JSON.stringify(expected)));
    assert.ok(report.overall.cohenKappa! > 0 && report.overall.cohenKappa! < 1);
  });

  it('prints tables for people', async () => {
    const r = await run(tmp, 'agree', 'A', 'A');
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /^overall +\d+ +1\.000 +1\.000 +1\.000/m);
    assert.match(r.out, /^person /m);
  });

  it('compares git refs read with git, from a subfolder of the repository', async () => {
    const repo = path.join(tmp, 'repo');
    fs.mkdirSync(repo);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'T');
    git('config', 'user.email', 't@example.com');
    writeCorpus(path.join(repo, 'corpus'), 'a');
    git('add', '.');
    git('commit', '-q', '-m', 'wang');
    git('checkout', '-q', '-b', 'li');
    writeCorpus(path.join(repo, 'corpus'), 'b');
    git('commit', '-q', '-am', 'li');
    // The working tree holds li's version; main is only in git.
    const fromGit = await run(path.join(repo, 'corpus'), 'agree', 'main', 'li', '--json', '--detail');
    assert.strictEqual(fromGit.code, 0, fromGit.err);
    const fromFolders = await run(tmp, 'agree', 'A', 'B', '--json', '--detail');
    assert.deepStrictEqual(JSON.parse(fromGit.out), JSON.parse(fromFolders.out));
    assert.ok(Array.isArray(JSON.parse(fromGit.out).documents[0].tokens));
  });

  it('says what it cannot read', async () => {
    const r = await run(tmp, 'agree', 'A', 'no-such-thing');
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /neither a folder nor a git ref/);
    assert.strictEqual((await run(tmp, 'agree', 'A')).code, 2);
  });
});
