import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { launchBrowser, RunningBrowser } from './browser';
import { ensureTestHost } from './install';
import { HostError, step } from './log';
import { repoRoot } from './paths';
import { RunningServer, startServer } from './server';
import { TEST_SETTINGS, writeUserSettings } from './startWorkbench';
import { freshWorkspace } from './workspace';

/**
 * Runs the integration suite inside a real VS Code: the VS Code server with this repository as
 * the extension under development, opened in headless Chromium. The suite's index runs mocha in
 * the extension host and writes its report and results to files named through the environment.
 *
 *   node out/test/host/runIntegration.js [--tests <compiled index without .js>] [--timeout <s>]
 */
export interface IntegrationResults {
  vscodeVersion: string;
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function waitForResults(file: string, log: string, server: RunningServer, timeoutMs: number): Promise<IntegrationResults> {
  const deadline = Date.now() + timeoutMs;
  let printed = 0;
  const flush = () => {
    if (!fs.existsSync(log)) return;
    const text = fs.readFileSync(log, 'utf8');
    if (text.length > printed) {
      process.stdout.write(text.slice(printed));
      printed = text.length;
    }
  };
  while (Date.now() < deadline) {
    flush();
    if (fs.existsSync(file)) {
      flush();
      return JSON.parse(fs.readFileSync(file, 'utf8')) as IntegrationResults;
    }
    if (server.process.exitCode !== null) throw new HostError(`VS Code server exited (code ${server.process.exitCode}) before the tests finished; see ${server.logFile}.`);
    await new Promise((r) => setTimeout(r, 250));
  }
  flush();
  throw new HostError(`Integration tests did not finish within ${timeoutMs / 1000} s.`, `server log: ${server.logFile}`);
}

async function main(): Promise<number> {
  const testsPath = path.resolve(argValue('--tests') ?? path.join(repoRoot, 'out', 'test', 'integration', 'index'));
  const timeoutMs = Number(argValue('--timeout') ?? process.env.CORPUS_ANNOTATOR_TEST_TIMEOUT ?? 600) * 1000;
  if (!fs.existsSync(`${testsPath}.js`)) throw new HostError(`No compiled test index at ${testsPath}.js.`, 'run `npm run build:tests` first');
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new HostError('The extension is not built (dist/extension.js).', 'run `npm run build` first');

  const host = ensureTestHost();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-annotator-run-'));
  const resultsFile = path.join(runDir, 'results.json');
  const logFile = path.join(runDir, 'mocha.log');
  const workspace = freshWorkspace();
  step(`VS Code ${host.vscodeVersion} (code-server), workspace ${workspace}`);

  let server: RunningServer | undefined;
  let browser: RunningBrowser | undefined;
  const cleanup = async () => {
    await browser?.stop();
    await server?.stop();
  };
  const onSignal = () => void cleanup().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    server = await startServer(host, {
      prepare: (stateDir) => writeUserSettings(stateDir, TEST_SETTINGS),
      env: {
        CORPUS_ANNOTATOR_TEST_RESULTS: resultsFile,
        CORPUS_ANNOTATOR_TEST_LOG: logFile,
        CORPUS_ANNOTATOR_TEST_WORKSPACE: workspace,
        CORPUS_ANNOTATOR_TEST_GREP: process.env.CORPUS_ANNOTATOR_TEST_GREP ?? '',
      },
    });
    step(`server on ${server.origin} (pid ${server.process.pid}); opening the workbench in Chromium`);
    const consoleErrors: string[] = [];
    browser = await launchBrowser(host, (text) => {
      if (/ERR|Error/.test(text) && consoleErrors.length < 50) consoleErrors.push(text.slice(0, 500));
    });
    await browser.page.goto(server.workbenchUrl(workspace, { extensionTestsPath: testsPath }));
    const results = await waitForResults(resultsFile, logFile, server, timeoutMs).catch((e: unknown) => {
      if (consoleErrors.length) step(`workbench console errors:\n  ${consoleErrors.join('\n  ')}`);
      throw e;
    });
    step(`VS Code ${results.vscodeVersion}: ${results.passed} passing, ${results.failed} failing, ${results.pending} pending`);
    // The plain closing line CI reads.
    process.stdout.write(`integration: ${results.passed} passed, ${results.failed} failed, ${results.pending} skipped\n`);
    return results.failed > 0 || results.passed === 0 ? 1 : 0;
  } finally {
    await cleanup();
    fs.rmSync(workspace, { recursive: true, force: true });
    if (server) fs.rmSync(server.stateDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`[test-host] ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
