import * as assert from 'assert';
import * as fs from 'fs';
import { openWorkbench, Workbench } from './workbench';

describe('e2e: the Corpus view in the activity bar', function () {
  this.timeout(180_000);
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
  });
  after(async () => {
    await wb?.close();
  });

  it('shows the Corpus container with the Documents view listing the seeds', async () => {
    const { page } = wb;
    await page.locator('.activitybar [aria-label^="Corpus"]').first().click();
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Documents' }) });
    await view.waitFor({ timeout: 30_000 });
    const rows = view.locator('.monaco-list-row');
    await rows.first().waitFor({ timeout: 30_000 });
    const text = (await rows.allInnerTexts()).join('\n');
    for (const name of fs.readdirSync(wb.workspace).filter((f) => f.endsWith('.txt'))) {
      assert.ok(text.includes(name.replace(/\.txt$/, '')), `Documents view lists ${name}:\n${text}`);
    }
    const file = await wb.screenshot('corpus-view');
    assert.ok(fs.statSync(file).size > 10_000, 'screenshot written');
  });
});
