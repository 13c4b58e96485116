/**
 * The merge driver with real git in a temporary repository: what plain `git merge` turns into a
 * conflict merges cleanly with the driver; a both-sides edit gives the documented conflict.
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { EntityAnnotation } from '../../../src/core/model';
import { hashText, makeAnchor, parseSidecar, serializeSidecar } from '../../../src/core/sidecar';
import { seedFiles } from '../../support/fixtures';

const CLI = path.resolve(__dirname, '../../../src/cli/main.js');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function tryGit(cwd: string, ...args: string[]) {
  return spawnSync('git', args, { cwd, encoding: 'utf8' });
}

describe('merge driver with real git', function () {
  this.timeout(60000);
  const seed = seedFiles()[0];
  const text = seed.text;
  const header = { format: 'corpus-annotator', version: 1, document: seed.file, textHash: hashText(text), offsets: 'codepoint' as const };
  /** An entity on a capitalised word found in the seed (at its UTF-16 index). */
  const on = (id: string, word: RegExpMatchArray, type: string, extra: Partial<EntityAnnotation> = {}): EntityAnnotation => {
    const at = Array.from(text.slice(0, word.index)).length;
    return { id, type, ...makeAnchor(text, at, at + Array.from(word[0]).length), ...extra };
  };
  const write = (dir: string, entities: EntityAnnotation[]) => fs.writeFileSync(path.join(dir, seed.file + '.yaml'), serializeSidecar({ header, entities, facts: [] }));
  const words = [...text.matchAll(/\b[A-Z][a-z]{3,}\b/g)];
  const first = on('e-first00000', words[0], 'location');
  const last = on('e-last000000', words[words.length - 1], 'location');
  const middle = [words[Math.floor(words.length / 3)], words[Math.floor(words.length / 2)], words[Math.floor((2 * words.length) / 3)]];
  let repo: string;

  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-merge-'));
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.name', 'Test');
    git(repo, 'config', 'user.email', 'test@example.com');
    fs.writeFileSync(path.join(repo, seed.file), text);
    write(repo, [first, last]);
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'checkout', '-q', '-b', 'wang');
    write(repo, [first, on('e-wang000001', middle[0], 'person', { author: 'wang' }), on('e-wang000002', middle[2], 'event', { author: 'wang' }), last]);
    git(repo, 'commit', '-q', '-am', 'wang annotates');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'checkout', '-q', '-b', 'li');
    write(repo, [first, on('e-li00000001', middle[1], 'organization', { author: 'li' }), last]);
    git(repo, 'commit', '-q', '-am', 'li annotates');
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  const useDriver = () => {
    git(repo, 'config', 'merge.corpus-annotator.driver', `"${process.execPath}" "${CLI}" merge-driver %O %A %B %P`);
    fs.writeFileSync(path.join(repo, '.gitattributes'), '*.txt.yaml merge=corpus-annotator\n');
    git(repo, 'add', '.gitattributes');
    git(repo, 'commit', '-q', '-m', 'merge driver');
  };
  const sidecarText = () => fs.readFileSync(path.join(repo, seed.file + '.yaml'), 'utf8');

  it('plain git merge conflicts on annotations added between the same neighbours', () => {
    const r = tryGit(repo, 'merge', '--no-edit', 'wang');
    assert.notStrictEqual(r.status, 0, 'git should report a conflict without the driver');
    assert.match(sidecarText(), /^<<<<<<< /m);
  });

  it('with the driver the same merge succeeds into the union of both branches', () => {
    useDriver();
    const r = tryGit(repo, 'merge', '--no-edit', 'wang');
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    const merged = sidecarText();
    assert.ok(!/^(<<<<<<<|=======|>>>>>>>)/m.test(merged));
    const parsed = parseSidecar(merged, { documentText: text });
    assert.deepStrictEqual(parsed.problems, []);
    assert.deepStrictEqual(parsed.value.entities.map((e) => e.id).sort(), ['e-first00000', 'e-last000000', 'e-li00000001', 'e-wang000001', 'e-wang000002'].sort());
    // Sorted as the tool writes, so the result is what the extension would write for the union.
    assert.strictEqual(merged, serializeSidecar(parsed.value));
    assert.strictEqual(git(repo, 'status', '--porcelain'), '');
  });

  it('an entry edited differently on both branches gives the documented conflict and loses nothing', () => {
    useDriver();
    git(repo, 'merge', '-q', '--no-edit', 'wang');
    const union = parseSidecar(sidecarText()).value.entities;
    git(repo, 'checkout', '-q', '-b', 'wang2');
    write(repo, union.map((e) => (e.id === 'e-li00000001' ? { ...e, type: 'facility', note: 'a building, says Wang' } : e)));
    git(repo, 'commit', '-q', '-am', 'wang retypes');
    git(repo, 'checkout', '-q', 'li');
    write(repo, union.map((e) => (e.id === 'e-li00000001' ? { ...e, type: 'policy' } : e)));
    git(repo, 'commit', '-q', '-am', 'li retypes');
    const r = tryGit(repo, 'merge', '--no-edit', 'wang2');
    assert.notStrictEqual(r.status, 0, 'git must report the conflict');
    assert.match(r.stdout + r.stderr, /e-li00000001/);
    assert.match(git(repo, 'status', '--porcelain'), /^UU .*\.txt\.yaml$/m);
    const merged = sidecarText();
    assert.ok(!/^(<<<<<<<|=======|>>>>>>>)/m.test(merged));
    const parsed = parseSidecar(merged, { documentText: text });
    assert.ok(parsed.writable);
    assert.deepStrictEqual(parsed.value.entities.map((e) => e.id).sort(), union.map((e) => e.id).sort());
    assert.deepStrictEqual(parsed.problems.map((p) => [p.code, p.annotationId]), [['merge-conflict', 'e-li00000001']]);
    // Both versions are in the file.
    assert.match(merged, /    ours:\n(      .*\n)*      type: policy\n/);
    assert.match(merged, /    theirs:\n(      .*\n)*      type: facility\n(      .*\n)*      note: a building, says Wang\n/);
  });
});
