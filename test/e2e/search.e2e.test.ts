import * as assert from 'assert';
import { cursorStatus, runCommand, useWorkbench } from './workbench';

describe('e2e: fact search from the command palette', function () {
  this.timeout(180_000);
  const workbench = useWorkbench();

  it('runs Search Facts by its title, finds a sentence despite a typo, and opens it', async () => {
    const wb = workbench();
    const { page } = wb;
    await runCommand(page, 'Corpus: Search Facts…');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Search Facts' }).waitFor({ state: 'visible' });
    await page.keyboard.type('Line 22 sheild machine');
    const top = page.locator('.quick-input-list .monaco-list-row').first();
    // The rows of the whole query, not of a prefix typed on the way (those mark ‹shield› alone).
    await top.filter({ hasText: 'Xietong' }).filter({ hasText: /‹machine›|shield machine/ }).waitFor({ timeout: 30_000 });
    assert.match(await top.innerText(), /‹shield› ‹machine›|shield machine/);
    await wb.screenshot('search');
    await page.keyboard.press('Enter');
    // Wait for the accepted result's own editor (pinned, not italic), not only the preview the active row
    // opened: that editor takes the focus when it opens, and would close the next test's command palette.
    await page.locator('.tab[aria-label*="000_ad486b33f2fde1b8.txt"] .monaco-icon-label:not(.italic)').first().waitFor();
    const deadline = Date.now() + 15_000;
    let status = '';
    while (Date.now() < deadline) {
      status = await cursorStatus(page);
      if (/^Ln 19, Col \d+ \(\d+ selected\)/.test(status)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(status, /^Ln 19, Col \d+ \(\d+ selected\)/, 'the editor is at the sentence, on line 19, with it selected');
  });

  it('says what is wrong with a query under the search box as it is typed', async () => {
    const wb = workbench();
    const { page } = wb;
    await runCommand(page, 'Corpus: Search Facts…');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Search Facts' }).waitFor({ state: 'visible' });
    await page.keyboard.type('colour:red Tongzhou');
    const message = page.locator('.quick-input-widget .quick-input-message', { hasText: 'Unknown filter "colour:"' });
    await message.waitFor({ state: 'visible', timeout: 30_000 });
    // The rest of the query is still searched.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Tongzhou' }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('search-problem');
    // Fixed, the query says nothing more.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Tongzhou');
    await message.waitFor({ state: 'hidden', timeout: 30_000 });
    await page.keyboard.press('Escape');
  });
});
