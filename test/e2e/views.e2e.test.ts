import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cursorStatus, useWorkbench } from './workbench';

const DOC = '000_ad486b33f2fde1b8.txt';

/** A sidecar with one annotation on "Tang Hong", written before the workbench opens. */
function writeSidecar(workspace: string): { line: number; column: number } {
  const text = fs.readFileSync(path.join(workspace, DOC), 'utf8');
  const at = text.indexOf('Tang Hong');
  const start = Array.from(text.slice(0, at)).length;
  const before = text.slice(0, at).split('\n');
  fs.writeFileSync(
    path.join(workspace, `${DOC}.yaml`),
    `format: corpus-annotator\nversion: 1\ndocument: ${DOC}\noffsets: codepoint\nentities:\n  - id: e-tanghong01\n    type: person\n    text: Tang Hong\n    start: ${start}\n    end: ${start + 9}\n`,
  );
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe('e2e: the Corpus views', function () {
  this.timeout(180_000);
  let where: { line: number; column: number };
  const workbench = useWorkbench((ws) => {
    where = writeSidecar(ws);
  });

  it('expands a document down to a mention, clicks it, and finds the editor at that span', async () => {
    const wb = workbench();
    const { page } = wb;
    await page.locator('.activitybar [aria-label^="Corpus"]').first().click();
    const docs = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Documents' }) });
    const row = (text: string | RegExp) => docs.locator('.monaco-list-row', { hasText: text }).first();
    // The seed's title is long: its row shows it cut.
    await row('Anchored in the…').waitFor({ timeout: 30_000 });
    await row('Anchored in the…').locator('.monaco-tl-twistie').click();
    await row('Person').locator('.monaco-tl-twistie').click();
    await row('Tang Hong').locator('.monaco-tl-twistie').click();
    await row('«Tang Hong»').click();
    await page.locator(`.tab[aria-label*="${DOC}"]`).first().waitFor();
    const deadline = Date.now() + 15_000;
    let status = '';
    while (Date.now() < deadline) {
      status = await cursorStatus(page);
      if (status.includes('9 selected')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(status, /\(9 selected\)/);
    assert.match(status, new RegExp(`Ln ${where.line}, Col (${where.column}|${where.column + 9})`));
    await wb.screenshot('corpus-views');
  });
});
