import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { launchBrowser, RunningBrowser } from '../host/browser';
import { ensureTestHost } from '../host/install';
import { resultsDir } from '../host/paths';
import { startWorkbench, StartedWorkbench } from '../host/startWorkbench';
import { freshWorkspace } from '../host/workspace';

/** `npm start`'s workbench (test/host/startWorkbench.ts), on a copy of the seeds, with a connection token. */
describe('e2e: the workbench `npm start` opens', function () {
  this.timeout(180_000);
  let started: StartedWorkbench | undefined;
  let browser: RunningBrowser | undefined;
  let workspace: string | undefined;
  after(async () => {
    await browser?.stop();
    await started?.server.stop();
    if (started) fs.rmSync(started.server.stateDir, { recursive: true, force: true });
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('shows the Corpus view and the first document, with no welcome page and no chat panel', async () => {
    const host = ensureTestHost();
    workspace = freshWorkspace('start');
    started = await startWorkbench(host, workspace, { token: 'e2e-start-token' });
    assert.ok(started.url.includes('tkn=e2e-start-token'), 'the URL carries the connection token');
    browser = await launchBrowser(host);
    const { page } = browser;
    await page.goto(started.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });

    fs.mkdirSync(resultsDir, { recursive: true });
    const shot = () => page.screenshot({ path: path.join(resultsDir, 'npm-start.png') });
    await page.locator('.part.editor .tab').first().waitFor({ timeout: 60_000 }).catch(() => undefined);
    await shot();
    const first = path.basename(started.firstDocument!);
    assert.strictEqual(first, fs.readdirSync(workspace).filter((f) => f.endsWith('.txt')).sort()[0]);
    await page.locator(`.tab.active[aria-label*="${first}"]`).waitFor({ timeout: 60_000 });
    await page.locator('#status\\.editor\\.mode', { hasText: 'Corpus Text' }).waitFor({ timeout: 60_000 });
    const documents = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Documents' }) });
    await documents.locator('.monaco-list-row').first().waitFor({ timeout: 60_000 });

    assert.strictEqual(await page.locator('.tab', { hasText: 'Welcome' }).count(), 0, 'no welcome page');
    assert.strictEqual(await page.locator('.part.auxiliarybar:visible').count(), 0, 'no chat panel (the secondary side bar is hidden)');
    assert.strictEqual(await page.locator('.tab').count(), 1, 'one editor: the first document');

    await shot();
  });
});
