import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from './paths';
import { HostError, step } from './log';
import { TestHost } from './install';

export interface ServerOptions {
  /** A connection token; without one the server accepts any local connection (tests only). */
  token?: string;
  port?: number;
  /** Extra environment for the server and so for the extension host it forks. */
  env?: NodeJS.ProcessEnv;
  /** Called with the server's fresh state folder before the server starts (user settings, extensions). */
  prepare?: (stateDir: string) => void;
  /** Where the server's logs go; a file in its state directory by default. */
  logFile?: string;
}

export interface WorkbenchExtras {
  extensionTestsPath?: string;
  /** A file the window opens in an editor at start. */
  openFile?: string;
}

export interface RunningServer {
  port: number;
  origin: string;
  /** Server state (user data, extensions): a fresh temporary folder per server. */
  stateDir: string;
  logFile: string;
  process: ChildProcess;
  /** URL that opens `folder` with this repository loaded as the extension under development. */
  workbenchUrl(folder: string, extra?: WorkbenchExtras): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, proc: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new HostError(`VS Code server exited early with code ${proc.exitCode}.`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new HostError(`VS Code server did not answer at ${url} within ${timeoutMs / 1000} s.`);
}

/** Ends a process and everything it started: it runs in its own process group. */
export async function killGroup(proc: ChildProcess, graceMs = 3000): Promise<void> {
  if (proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid!, sig);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    signal('SIGKILL');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
  }
  // Children that outlived the leader (the extension host, file watchers) share its group.
  signal('SIGKILL');
}

export async function startServer(host: TestHost, options: ServerOptions = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-annotator-host-'));
  options.prepare?.(stateDir);
  const logFile = options.logFile ?? path.join(stateDir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const args = [
    host.serverMain,
    '--host', '127.0.0.1',
    '--port', String(port),
    ...(options.token ? ['--connection-token', options.token] : ['--without-connection-token']),
    '--accept-server-license-terms',
    '--server-data-dir', path.join(stateDir, 'server-data'),
    '--user-data-dir', path.join(stateDir, 'user-data'),
    '--extensions-dir', path.join(stateDir, 'extensions'),
    '--telemetry-level', 'off',
    // Lets a built server honour the extension-development payload in the workbench URL.
    '--enable-smoke-test-driver',
    '--disable-workspace-trust',
  ];
  const proc = spawn(host.node, args, {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', log, log],
    detached: true,
  });
  fs.closeSync(log);
  const origin = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    port,
    origin,
    stateDir,
    logFile,
    process: proc,
    workbenchUrl(folder, extra = {}) {
      const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
      const payload: [string, string][] = [['extensionDevelopmentPath', remote(repoRoot)]];
      if (extra.extensionTestsPath) payload.push(['extensionTestsPath', remote(extra.extensionTestsPath)]);
      if (extra.openFile) payload.push(['openFile', remote(extra.openFile)]);
      const query = new URLSearchParams({ folder, payload: JSON.stringify(payload) });
      if (options.token) query.set('tkn', options.token);
      return `${origin}/?${query.toString()}`;
    },
    async stop() {
      await killGroup(proc);
    },
  };
  try {
    await waitForHttp(`${origin}/version`, proc, 60_000);
  } catch (e) {
    await server.stop();
    step(`server log: ${logFile}\n${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-3000) : ''}`);
    throw e;
  }
  return server;
}
