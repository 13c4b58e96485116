import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

/** src/core never imports vscode or the file system: the VS Code layer passes text and bytes in. */
const coreDir = path.resolve(__dirname, '../../../src/core');
const FORBIDDEN = ['vscode', 'fs', 'fs/promises', 'node:fs', 'node:fs/promises', 'child_process', 'node:child_process'];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('core boundary', () => {
  const files = sources(coreDir);
  it('finds the core sources', () => assert.ok(files.length > 0));
  it('no core module imports vscode, fs or child_process', () => {
    const offenders: string[] = [];
    const importRe = /(?:import\s[^'"]*?from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(importRe)) {
        if (FORBIDDEN.includes(m[1])) offenders.push(`${path.relative(coreDir, file)} imports ${m[1]}`);
      }
    }
    assert.deepStrictEqual(offenders, []);
  });
  it('the check itself catches an import', () => {
    const importRe = /(?:import\s[^'"]*?from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g;
    const sample = "import * as vscode from 'vscode';\nconst fs = require('fs');";
    assert.deepStrictEqual([...sample.matchAll(importRe)].map((m) => m[1]), ['vscode', 'fs']);
  });
});
