import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateCorpus, generatedName } from '../support/generatedCorpus';
import { launchBrowser, RunningBrowser } from './browser';
import { ensureTestHost } from './install';
import { HostError, step } from './log';
import { repoRoot } from './paths';
import type { IntegrationResults } from './runIntegration';
import { RunningServer, startServer } from './server';
import { TEST_SETTINGS, writeUserSettings } from './startWorkbench';

/**
 * Large corpora in a real VS Code (issue 14): generates a corpus of `--docs` documents with
 * sidecars into a temporary folder, opens it as the workspace and runs the suite in
 * out/test/scale twice against the same VS Code server, so the second window finds what the first
 * left in the extension's workspace storage. Between the two starts one document and one sidecar
 * are changed on disk. Each start is told what it is through a control file.
 *
 *   node out/test/host/runScale.js [--docs 1200] [--bench] [--config] [--timeout <s>]
 *
 * With `--config`, the corpus also has a corpus.yaml at its root (its documents pattern; the
 * defaults otherwise). With `--bench`, the suite also writes its measurements, and this prints them
 * as a table. With CORPUS_ANNOTATOR_SCALE_PROFILE=<folder>, each start also leaves a CPU profile of the extension
 * host's thread there (start-1.cpuprofile, start-2.cpuprofile). With CORPUS_ANNOTATOR_SCALE_HEAP=<folder>,
 * each start leaves a heap snapshot of the extension host's thread there once the search worker is
 * renewed (start-1.heapsnapshot, start-2.heapsnapshot). With CORPUS_ANNOTATOR_KEEP_HOST_STATE=1,
 * the server's state folder (its logs: when each extension host started and what it activated) is
 * kept, and its path printed.
 */
export interface ScaleControl {
  start: 1 | 2;
  documents: number;
  /** Date.now() just before the window was opened. */
  windowOpenedAt: number;
  /** The document the suite opens at once (the last one by name: a naive scan reads it last). */
  openAtOnce: string;
  /** Changed on disk between the two starts: its text, and another one's sidecar. */
  changedText: string;
  changedSidecar: string;
  /** A word appended to changedText, for the second start to find. */
  marker: string;
  bench: boolean;
  /** Where the suite writes its measurements (JSON) when benchmarking. */
  metricsFile: string;
  /** Where the suite writes its results summary (the server's environment is fixed for both starts). */
  resultsFile: string;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function waitForFile(file: string, log: string, server: RunningServer, timeoutMs: number, printed: { n: number }): Promise<IntegrationResults> {
  const deadline = Date.now() + timeoutMs;
  const flush = () => {
    if (!fs.existsSync(log)) return;
    const text = fs.readFileSync(log, 'utf8');
    if (text.length > printed.n) {
      process.stdout.write(text.slice(printed.n));
      printed.n = text.length;
    }
  };
  while (Date.now() < deadline) {
    flush();
    if (fs.existsSync(file)) {
      flush();
      return JSON.parse(fs.readFileSync(file, 'utf8')) as IntegrationResults;
    }
    if (server.process.exitCode !== null) throw new HostError(`VS Code server exited (code ${server.process.exitCode}); see ${server.logFile}.`);
    await new Promise((r) => setTimeout(r, 250));
  }
  flush();
  throw new HostError(`The scale suite did not finish within ${timeoutMs / 1000} s.`, `server log: ${server.logFile}`);
}

async function main(): Promise<number> {
  const docs = Number(argValue('--docs') ?? process.env.CORPUS_ANNOTATOR_SCALE_DOCS ?? 1200);
  const bench = process.argv.includes('--bench');
  const timeoutMs = Number(argValue('--timeout') ?? process.env.CORPUS_ANNOTATOR_TEST_TIMEOUT ?? 900) * 1000;
  const testsPath = path.join(repoRoot, 'out', 'test', 'scale', 'index');
  if (!fs.existsSync(`${testsPath}.js`)) throw new HostError(`No compiled scale suite at ${testsPath}.js.`, 'run `npm run build:tests` first');
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new HostError('The extension is not built (dist/extension.js).', 'run `npm run build` first');

  const host = ensureTestHost();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-annotator-scale-run-'));
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-annotator-scale-'));
  const t0 = Date.now();
  const names = generateCorpus(workspace, docs);
  // A configured corpus: VS Code activates on a root corpus.yaml without searching the folder.
  if (process.argv.includes('--config')) fs.writeFileSync(path.join(workspace, 'corpus.yaml'), 'documents:\n  - "**/*.txt"\n');
  step(`generated ${docs} documents with sidecars in ${workspace} (${Date.now() - t0} ms)`);
  const control: ScaleControl = {
    start: 1,
    documents: docs,
    windowOpenedAt: 0,
    openAtOnce: names[names.length - 1],
    changedText: generatedName(Math.floor(docs / 2)),
    changedSidecar: generatedName(Math.floor(docs / 3)),
    marker: `Zyxwvutsrq${process.pid}`,
    bench,
    metricsFile: path.join(runDir, 'metrics-1.json'),
    resultsFile: path.join(runDir, 'results-1.json'),
  };
  const controlFile = path.join(runDir, 'control.json');
  const logFile = path.join(runDir, 'mocha.log');

  let server: RunningServer | undefined;
  let browser: RunningBrowser | undefined;
  const cleanup = async () => {
    await browser?.stop();
    await server?.stop();
  };
  const onSignal = () => void cleanup().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let failed = 0;
  let passed = 0;
  try {
    server = await startServer(host, {
      prepare: (stateDir) => writeUserSettings(stateDir, TEST_SETTINGS),
      env: {
        CORPUS_ANNOTATOR_TEST_LOG: logFile,
        CORPUS_ANNOTATOR_SCALE_CONTROL: controlFile,
        CORPUS_ANNOTATOR_TEST_GREP: process.env.CORPUS_ANNOTATOR_TEST_GREP ?? '',
        CORPUS_ANNOTATOR_SCALE_PROFILE: process.env.CORPUS_ANNOTATOR_SCALE_PROFILE ?? '',
        CORPUS_ANNOTATOR_SCALE_HEAP: process.env.CORPUS_ANNOTATOR_SCALE_HEAP ?? '',
      },
    });
    const printed = { n: 0 };
    for (const start of [1, 2] as const) {
      if (start === 2) {
        // Between the starts: a document's text and another document's sidecar change on disk.
        fs.appendFileSync(path.join(workspace, control.changedText), `\n${control.marker} joined the board.\n`);
        const sidecar = path.join(workspace, `${control.changedSidecar}.yaml`);
        fs.writeFileSync(sidecar, fs.readFileSync(sidecar, 'utf8').replace(/type: \w+/, 'type: event'));
      }
      control.start = start;
      control.metricsFile = path.join(runDir, `metrics-${start}.json`);
      control.resultsFile = path.join(runDir, `results-${start}.json`);
      // Fresh browser each time: the first window's extension host ends with its tests.
      await browser?.stop();
      browser = await launchBrowser(host);
      control.windowOpenedAt = Date.now();
      fs.writeFileSync(controlFile, JSON.stringify(control));
      step(`start ${start}: opening the workbench on ${docs} documents`);
      await browser.page.goto(server.workbenchUrl(workspace, { extensionTestsPath: testsPath }));
      const results = await waitForFile(control.resultsFile, logFile, server, timeoutMs, printed);
      step(`start ${start}: ${results.passed} passing, ${results.failed} failing, ${results.pending} pending`);
      for (const f of results.failures) step(`  ✗ ${f.title}\n${f.error}`);
      failed += results.failed;
      passed += results.passed;
    }
    if (bench) {
      const m1 = JSON.parse(fs.readFileSync(path.join(runDir, 'metrics-1.json'), 'utf8')) as Record<string, string>;
      const m2 = JSON.parse(fs.readFileSync(path.join(runDir, 'metrics-2.json'), 'utf8')) as Record<string, string>;
      process.stdout.write(`\n| ${docs.toLocaleString('en')} documents | first start | second start (cache) |\n| --- | --- | --- |\n`);
      for (const k of Object.keys(m1)) process.stdout.write(`| ${k} | ${m1[k]} | ${m2[k] ?? ''} |\n`);
    }
    process.stdout.write(`scale: ${passed} passed, ${failed} failed\n`);
    return failed > 0 || passed === 0 ? 1 : 0;
  } finally {
    await cleanup();
    fs.rmSync(workspace, { recursive: true, force: true });
    if (server && process.env.CORPUS_ANNOTATOR_KEEP_HOST_STATE) process.stdout.write(`the server's state (logs under user-data/logs): ${server.stateDir}\n`);
    else if (server) fs.rmSync(server.stateDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`[test-host] ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
