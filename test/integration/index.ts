import * as fs from 'fs';
import { format } from 'util';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/**
 * Entry point the workbench calls inside the extension host (extensionTestsPath). It runs every
 * compiled `*.test.js` beside it with mocha and writes mocha's report and a results summary to
 * the files the runner named through the environment, since the runner cannot see this process's
 * stdout (it goes to the browser console).
 */
export function run(): Promise<void> {
  return runSuite(__dirname);
}

/** Runs the `*.test.js` files of one folder; the runner's own tests use it with a deliberately failing suite. */
export async function runSuite(dir: string): Promise<void> {
  const logFile = process.env.CORPUS_ANNOTATOR_TEST_LOG;
  const resultsFile = process.env.CORPUS_ANNOTATOR_TEST_RESULTS;
  const write = (line: string) => {
    if (logFile) fs.appendFileSync(logFile, `${line}\n`);
  };
  const Base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void; useColors: boolean };
  const consoleLog = Base.consoleLog;
  Base.useColors = false;
  // The spec reporter logs with util.format-style placeholders.
  Base.consoleLog = (...args: unknown[]) => {
    const text = format(...args);
    write(text);
    consoleLog(text);
  };

  write(`Running inside VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI), extension host Node ${process.version}`);

  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, reporter: 'spec', color: false });
  const grep = process.env.CORPUS_ANNOTATOR_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, f));

  const failures: { title: string; error: string }[] = [];
  const summary = await new Promise<{ passed: number; failed: number; pending: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 }));
    runner.on('fail', (test, err: Error) => failures.push({ title: test.fullTitle(), error: String(err?.stack ?? err) }));
  });
  if (resultsFile) {
    fs.writeFileSync(resultsFile + '.tmp', JSON.stringify({ vscodeVersion: vscode.version, ...summary, failures }, null, 2));
    fs.renameSync(resultsFile + '.tmp', resultsFile);
  }
  if (summary.failed > 0) throw new Error(`${summary.failed} integration test(s) failed`);
}
