import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as path from 'path';
import { repoRoot } from '../host/paths';

/**
 * Pids of running VS Code servers and Chromium processes on this machine. Zombies are left out:
 * they have exited, and in a container whose PID 1 does not reap them they linger as `<defunct>`.
 */
function hostProcesses(): Set<number> {
  const out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
  const pids = new Set<number>();
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (m && !m[2].startsWith('Z') && /server-main\.js|chromium|chrome_crashpad|playwright_chromiumdev/.test(m[3])) pids.add(Number(m[1]));
  }
  return pids;
}

describe('e2e: the integration runner', function () {
  this.timeout(240_000);

  it('exits non-zero when an integration test fails, and leaves no server or browser running', () => {
    const before = hostProcesses();
    const index = path.join(repoRoot, 'out', 'test', 'e2e', 'fixtures', 'failing', 'index');
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'out', 'test', 'host', 'runIntegration.js'), '--tests', index, '--timeout', '180'], {
      encoding: 'utf8',
    });
    const output = `${r.stdout}\n${r.stderr}`;
    assert.strictEqual(r.status, 1, `runner exit code\n${output}`);
    assert.match(output, /fails on purpose/);
    assert.match(output, /integration: 1 passed, 1 failed/);
    const leftover = [...hostProcesses()].filter((p) => !before.has(p));
    assert.deepStrictEqual(leftover, [], 'processes the runner started are all gone');
  });
});
