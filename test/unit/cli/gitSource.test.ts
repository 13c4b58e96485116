/** The asynchronous git reader shared by `agree` and the VS Code layer, on a real temporary repository. */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GitError, isGitRef, listGitRefs, loadGitRef, runGit } from '../../../src/cli/gitSource';

describe('cli/gitSource (asynchronous git reads)', function () {
  this.timeout(30000);
  let repo: string;
  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-gitsource-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'T');
    git('config', 'user.email', 't@example.com');
    fs.mkdirSync(path.join(repo, 'news'));
    fs.writeFileSync(path.join(repo, 'news', 'a.txt'), 'Beijing is in China.\n');
    fs.writeFileSync(
      path.join(repo, 'news', 'a.txt.yaml'),
      'format: corpus-annotator\nversion: 1\ndocument: a.txt\noffsets: codepoint\nentities:\n  - id: e-00000001\n    type: location\n    text: Beijing\n    start: 0\n    end: 7\n',
    );
    fs.writeFileSync(path.join(repo, 'news', 'b.txt'), 'No entities.\n');
    git('add', '.');
    git('commit', '-q', '-m', 'one');
    git('tag', 'v1');
  });
  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('reads the documents at a ref from a subfolder, telling its steps', async () => {
    const steps: string[] = [];
    const r = await loadGitRef(path.join(repo, 'news'), 'v1', { onStep: (m) => steps.push(m) });
    assert.deepStrictEqual(r.documents.map((d) => d.document.document), ['a.txt', 'b.txt']);
    assert.deepStrictEqual(r.documents[0].document.entities.map((e) => [e.type, e.text, e.start, e.end]), [['location', 'Beijing', 0, 7]]);
    assert.deepStrictEqual(r.documents[1].document.entities, []);
    assert.ok(steps.some((s) => /reading 2 documents at v1/.test(s)), steps.join('; '));
  });

  it('tells refs from other names, and lists branches and tags', async () => {
    assert.strictEqual(await isGitRef(repo, 'main'), true);
    assert.strictEqual(await isGitRef(repo, 'no-such-branch'), false);
    assert.deepStrictEqual((await listGitRefs(repo)).sort(), ['main', 'v1']);
    assert.deepStrictEqual(await listGitRefs(os.tmpdir() + '/no-such-dir-corpus'), []);
  });

  it('rejects with git\'s message when git fails', async () => {
    await assert.rejects(runGit(repo, ['ls-tree', 'no-such-ref']), (e: unknown) => e instanceof GitError && /not a tree object|Not a valid object/i.test(e.message));
  });

  it('is ended by an abort signal, before it starts and once git runs', async () => {
    const before = new AbortController();
    before.abort();
    await assert.rejects(loadGitRef(repo, 'main', { signal: before.signal }), { name: 'AbortError' });
    // Aborted once the process is started: it is killed, and its exit does not count as a result.
    const during = new AbortController();
    const running = runGit(repo, ['log', '--all'], { signal: during.signal });
    during.abort();
    await assert.rejects(running, { name: 'AbortError' });
  });
});
