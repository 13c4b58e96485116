import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Frame } from 'playwright-core';
import { runCommand, useWorkbench } from './workbench';

const DOC = '001_b03c6ba473a52724.txt';

/** One sidecar in which Wang and Li annotated the same document: one agreement, one type disagreement, one annotation each alone. */
function writeSidecar(workspace: string): void {
  const text = fs.readFileSync(path.join(workspace, DOC), 'utf8');
  const entry = (id: string, quote: string, type: string, author: string) => {
    const at = text.indexOf(quote);
    const start = Array.from(text.slice(0, at)).length;
    return `  - id: ${id}\n    type: ${type}\n    text: ${quote}\n    start: ${start}\n    end: ${start + Array.from(quote).length}\n    author: ${author}\n`;
  };
  fs.writeFileSync(
    path.join(workspace, `${DOC}.yaml`),
    `format: corpus-annotator\nversion: 1\ndocument: ${DOC}\noffsets: codepoint\nentities:\n` +
      entry('e-wang000001', 'Xinhua News Agency', 'organization', 'wang') +
      entry('e-li00000001', 'Xinhua News Agency', 'organization', 'li') +
      entry('e-wang000002', 'Beijing', 'location', 'wang') +
      entry('e-li00000002', 'Beijing', 'organization', 'li') +
      entry('e-wang000003', 'Tianjin', 'location', 'wang') +
      entry('e-li00000003', 'China', 'location', 'li'),
  );
}

describe('e2e: comparing two annotators and curating', function () {
  this.timeout(240_000);
  const workbench = useWorkbench(writeSidecar);

  it('opens the report from the palette, shows the Disagreements view, and accepts one disagreement with the keyboard', async () => {
    const wb = workbench();
    const { page } = wb;
    await page.locator('.activitybar [aria-label^="Corpus"]').first().click();
    await page.locator('.pane-header', { hasText: 'Documents' }).first().waitFor({ timeout: 30_000 });

    await runCommand(page, 'Corpus: Compare Annotations…');
    const pick = async (label: string) => {
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
      await row.waitFor({ timeout: 30_000 });
      await row.click();
    };
    await pick('Author…');
    await pick('wang');
    await pick('Author…');
    await pick('li');

    // The report: a webview (an iframe inside an iframe).
    let report: Frame | undefined;
    const deadline = Date.now() + 30_000;
    while (!report && Date.now() < deadline) {
      for (const f of page.frames()) {
        if ((await f.locator('#overall').count().catch(() => 0)) > 0) report = f;
      }
      if (!report) await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(report, 'the report webview shows the overall figures');
    const overall = await report.locator('#overall').innerText();
    assert.match(overall, /Cohen's κ -?\d\.\d{3}/);
    assert.ok(await report.locator('svg[role="img"] rect').count() >= 2, 'a bar chart per type');
    assert.ok(await report.locator(`button[data-document="${DOC}"]`).count() === 1, 'the document row links to its disagreements');
    await wb.screenshot('agreement-report');

    // The Disagreements view lists the document; keyboard: focus the document row, Down to the first disagreement, Ctrl+Alt+A.
    const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Disagreements' }) });
    const docRow = pane.locator('.monaco-list-row', { hasText: DOC }).first();
    await docRow.waitFor({ timeout: 30_000 });
    await pane.locator('.monaco-list-row', { hasText: 'type differs' }).first().waitFor();
    await wb.screenshot('agreement-disagreements');
    const before = fs.readFileSync(path.join(wb.workspace, `${DOC}.yaml`), 'utf8');
    const rows = pane.locator('.monaco-list-row', { hasText: '«' });
    // The tree renders its rows asynchronously (the document node first, then its children): wait for
    // the count to be reached instead of reading it once.
    const countReaches = async (n: number, ms: number) => {
      const until = Date.now() + ms;
      while ((await rows.count()) !== n && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      return rows.count();
    };
    assert.strictEqual(await countReaches(3, 10_000), 3, 'type differs, only A, only B');
    // Into the view with the keyboard only: a mouse click on the document row would toggle it (collapsed or
    // not depending on when the click lands), which made the next ArrowDown land on nothing. Home focuses
    // the document row, ArrowDown its first disagreement.
    // The view takes the keyboard focus only once the palette has closed and the view has rendered;
    // keys pressed before that go to the report. Focusing, Home and Down are idempotent, so they are
    // repeated until a disagreement row has the focus (at most a few times).
    const focusedRow = pane.locator('.monaco-list-row.focused', { hasText: '«' });
    for (let attempt = 0; attempt < 4 && (await focusedRow.count()) === 0; attempt++) {
      await runCommand(page, 'Focus on Disagreements View');
      await pane.locator('.monaco-list:focus-within, .monaco-list.focused').first().waitFor({ timeout: 5_000 }).catch(() => undefined);
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowDown');
      await focusedRow.first().waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    await focusedRow.first().waitFor({ timeout: 5_000 });
    const focused = await focusedRow.first().innerText();
    assert.match(focused, /«/, 'a disagreement has the focus');
    // Enter selects it and shows both versions in the editor, keeping the focus in the view.
    await page.keyboard.press('Enter');
    await page.locator(`.tab[aria-label*="${DOC}"]`).first().waitFor();
    await wb.screenshot('agreement-disagreement-shown');
    await page.keyboard.press('Control+Alt+A');
    const sidecar = path.join(wb.workspace, `${DOC}.yaml`);
    const until = Date.now() + 20_000;
    // Accept A: Wang's version stays and Li's goes (for "only A", Wang's is already in the file).
    const changes = !/«Tianjin»/.test(focused);
    while (changes && fs.readFileSync(sidecar, 'utf8') === before && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const after = fs.readFileSync(sidecar, 'utf8');
    if (changes) assert.notStrictEqual(after, before, 'the decision is written');
    assert.ok(after.includes('e-wang000003'), focused);
    if (/«Beijing»/.test(focused)) assert.ok(!after.includes('e-li00000002') && after.includes('e-wang000002'), focused);
    if (/«China»/.test(focused)) assert.ok(!after.includes('e-li00000003'), focused);
    assert.strictEqual(await countReaches(2, 10_000), 2, 'one disagreement fewer');
    await wb.screenshot('agreement-after-accept');
  });
});
