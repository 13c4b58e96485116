import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * What the .vsix carries (`vsce ls`, the same rules `npm run package` applies): every script the
 * extension loads at run time (its main and the worker threads, found in the sources by the
 * `dist/…Worker.js` paths they are started from), and every file the packaged README links to.
 * A worker left out of the package fails only in an installed extension, never in the tests.
 */
const ROOT = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Scripts the extension starts, from `['dist', 'a', 'bWorker.js']` arrays and `'dist/…Worker.js'` strings in src/. */
function runtimeScripts(): string[] {
  const found = new Set<string>([JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).main.replace(/^\.\//, '')]);
  for (const file of sources(path.join(ROOT, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\[\s*'dist'((?:\s*,\s*'[^']+')+)\s*\]/g)) {
      found.add(['dist', ...[...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1])].join('/'));
    }
    for (const m of text.matchAll(/asAbsolutePath\('(dist\/[^']+\.js)'\)/g)) found.add(m[1]);
  }
  return [...found].sort();
}

describe('the packaged extension (.vsix)', function () {
  this.timeout(60_000);
  let listed: Set<string>;
  before(function () {
    const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
    if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) this.skip();
    listed = new Set(execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' }).split('\n').map((l) => l.trim()).filter(Boolean));
  });

  it('carries the main script and every worker the extension starts', () => {
    const scripts = runtimeScripts();
    assert.ok(scripts.length >= 4, `main and the three workers found in the sources: ${scripts.join(', ')}`);
    for (const s of scripts) {
      assert.ok(fs.existsSync(path.join(ROOT, s)), `${s} is built`);
      assert.ok(listed.has(s), `${s} is in the package (see .vscodeignore)`);
    }
  });

  it('carries every local file the README links to, and no sources, tests or source maps', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\((?!https?:|#)([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]);
    assert.ok(links.length > 0, 'the README links to local files');
    for (const link of links) assert.ok(listed.has(link), `${link}, linked from the README, is in the package`);
    for (const f of listed) assert.doesNotMatch(f, /^(src|test|bench|seeds)\/|\.map$/, `${f} should not be packaged`);
  });
});
