import * as assert from 'assert';
import * as fs from 'fs';
import { useWorkbench } from './workbench';

describe('e2e: the Corpus view in the activity bar', function () {
  this.timeout(180_000);
  const workbench = useWorkbench();

  it('shows the Corpus container with the Documents view listing the seeds', async () => {
    const wb = workbench();
    const { page } = wb;
    await page.locator('.activitybar [aria-label^="Corpus"]').first().click();
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Documents' }) });
    await view.waitFor({ timeout: 30_000 });
    const rows = view.locator('.monaco-list-row');
    await rows.first().waitFor({ timeout: 30_000 });
    // Documents are listed by a short title (the seeds' titles are long: cut), with their
    // language, date and annotation count in view at the default sidebar width.
    await view.locator('.monaco-list-row', { hasText: 'Ancrer' }).first().waitFor({ timeout: 30_000 });
    // The scan lists documents as it finds them, so the view can hold fewer rows for a moment:
    // wait for all of them, and say how many there were if they never come.
    const expected = fs.readdirSync(wb.workspace).filter((f) => f.endsWith('.txt')).length;
    const deadline = Date.now() + 20_000;
    while ((await rows.count()) !== expected && Date.now() < deadline) await page.waitForTimeout(100);
    const text = (await rows.allInnerTexts()).join('\n');
    assert.strictEqual(await rows.count(), expected, `the Documents view lists every seed:\n${text}`);
    assert.match(text, /A Chronicle of…\s*en · 2023-05-15 · 0/);
    assert.match(text, /Ancrer l'approfon…\s*fr · 2024-08-07 · 0/);
    const file = await wb.screenshot('corpus-view');
    const rowBox = await rows.first().boundingBox();
    for (const row of await rows.all()) {
      const description = await row.locator('.label-description').boundingBox();
      assert.ok(rowBox && description && description.x + description.width <= rowBox.x + rowBox.width, `${await row.innerText()}: the description ends within the row, not cut off (${JSON.stringify([rowBox, description])})`);
    }
    assert.ok(fs.statSync(file).size > 10_000, 'screenshot written');
  });
});
