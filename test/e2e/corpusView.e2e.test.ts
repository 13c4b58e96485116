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
    // Documents are listed by title, with their language, date and annotation count.
    await view.locator('.monaco-list-row', { hasText: 'Ancrer' }).first().waitFor({ timeout: 30_000 });
    const text = (await rows.allInnerTexts()).join('\n');
    assert.strictEqual(await rows.count(), fs.readdirSync(wb.workspace).filter((f) => f.endsWith('.txt')).length);
    assert.match(text, /A Chronicle of Leading and Promoting the Coordinated Development of Beijing Tianjin Hebei\s*en · 2023-05-15 · 0/);
    assert.match(text, /Ancrer l'approfondissement[^\n]*fr · 2024-08-07 · 0/);
    const file = await wb.screenshot('corpus-view');
    assert.ok(fs.statSync(file).size > 10_000, 'screenshot written');
  });
});
