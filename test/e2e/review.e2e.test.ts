/// <reference lib="dom" />
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { quickOpen, runCommand, type SidecarOnDisk, useWorkbench, waitForSidecar } from './workbench';

const DOC = '001_b03c6ba473a52724.txt';

describe('e2e: reviewing suggestions from the keyboard', function () {
  this.timeout(180_000);
  const workbench = useWorkbench();

  it('runs Review Suggestions from the palette: Enter accepts, Backspace rejects, Space skips, Escape stops', async () => {
    const wb = workbench();
    const { page } = wb;
    await quickOpen(page, DOC);
    await page.locator('#status\\.editor\\.mode', { hasText: 'Corpus Text' }).waitFor({ timeout: 30_000 });
    await runCommand(page, 'Corpus: Review Suggestions');
    const counter = page.locator('.statusbar-item', { hasText: 'left' }).first();
    await counter.waitFor({ timeout: 30_000 });
    const before = Number(/(\d+) left/.exec(await counter.innerText())![1]);
    assert.ok(before > 10, `suggestions to review: ${before}`);
    await page.locator('.monaco-editor.focused').first().waitFor();

    const sidecar = path.join(wb.workspace, `${DOC}.yaml`);
    await page.keyboard.press('Enter');
    await waitForSidecar(sidecar, (s) => (s.entities?.length ?? 0) === 1, 'one entity accepted');
    await page.keyboard.press('Backspace');
    const afterReject = await waitForSidecar(sidecar, (s) => (s.rejections?.length ?? 0) === 1, 'one rejection');
    await page.keyboard.press('Space');
    // The status bar redraws after the walk moves on: read it until it shows the three keys' effect.
    let after = before;
    for (const deadline = Date.now() + 15_000; Date.now() < deadline && after >= before - 2; ) {
      await new Promise((r) => setTimeout(r, 100));
      after = Number(/(\d+) left/.exec(await counter.innerText())?.[1] ?? before);
    }
    assert.ok(after < before - 2, `${after} left after three keys (from ${before})`);
    // The keys acted on the walk, not on the text: nothing was typed or deleted in the document.
    assert.strictEqual(fs.readFileSync(path.join(wb.workspace, DOC), 'utf8'), fs.readFileSync(path.resolve(__dirname, '../../../seeds', DOC), 'utf8'));
    await wb.screenshot('review-suggestions');
    await page.keyboard.press('Escape');
    await counter.waitFor({ state: 'hidden' });
    const final = parse(fs.readFileSync(sidecar, 'utf8')) as SidecarOnDisk;
    assert.strictEqual(final.entities?.length, 1);
    assert.deepStrictEqual(final.rejections, afterReject.rejections);
  });
});
