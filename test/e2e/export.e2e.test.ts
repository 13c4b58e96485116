import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { hashText, serializeSidecar, SIDECAR_FORMAT, SIDECAR_VERSION } from '../../src/core/sidecar';
import { normalizeText } from '../../src/core/text/normalize';
import { tagText } from '../support/interchangeFixtures';
import { runCommand, useWorkbench } from './workbench';

const DOC = '000_ad486b33f2fde1b8.txt';
const EXPORT_DIR = 'exported';

describe('e2e: export from the command palette', function () {
  this.timeout(180_000);
  let tagged = 0;
  const workbench = useWorkbench((workspace) => {
    const text = normalizeText(fs.readFileSync(path.join(workspace, DOC), 'utf8'));
    const entities = tagText(text);
    tagged = entities.length;
    fs.writeFileSync(path.join(workspace, `${DOC}.yaml`), serializeSidecar({ header: { format: SIDECAR_FORMAT, version: SIDECAR_VERSION, document: DOC, textHash: hashText(text), offsets: 'codepoint' }, entities, facts: [] }));
    fs.mkdirSync(path.join(workspace, EXPORT_DIR));
  });

  it('picks spaCy JSONL and a folder and ends with an "Open Folder" message; the file is on disk', async () => {
    const wb = workbench();
    const { page } = wb;
    const folder = path.join(wb.workspace, EXPORT_DIR);
    const file = path.join(folder, 'spacy.jsonl');
    // VS Code's own folder dialog in the browser sometimes takes the folder above the typed one when
    // the button is pressed while it is still reading the typed path (the export then lands there):
    // the whole palette flow is tried again, up to three times, until the file is in the typed folder.
    for (let attempt = 0; attempt < 3 && !fs.existsSync(file); attempt++) {
      // The command shows in the palette once the corpus is read (`when: corpusAnnotator.hasCorpus`).
      const title = 'Corpus: Export Annotations…';
      const deadline = Date.now() + 60_000;
      for (;;) {
        await page.keyboard.press('F1');
        await page.locator('.quick-input-widget input:visible').fill(`>${title}`);
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
        if (await row.waitFor({ timeout: 3000 }).then(() => true, () => false)) break;
        await page.keyboard.press('Escape');
        if (Date.now() > deadline) throw new Error(`"${title}" never showed in the command palette`);
      }
      await page.keyboard.press('Enter');
      const input = page.locator('.quick-input-widget input:visible');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'spaCy JSONL' }).first().waitFor();
      await input.fill('spacy');
      await page.keyboard.press('Enter');
      // The folder picker (VS Code's own dialog in the browser): type the folder and accept it.
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Export spaCy JSONL to folder' }).waitFor({ state: 'visible', timeout: 30_000 });
      // The dialog reads the corpus folder it opens on in the background and then sets its input to
      // that folder: typed before, the path was overwritten (the export landed in the folder above).
      // It has settled once it lists the folder's children.
      await page.locator('.quick-input-list .monaco-list-row', { hasText: EXPORT_DIR }).first().waitFor({ timeout: 30_000 });
      // A trailing separator makes the dialog go into the folder as it is typed; Enter is not needed
      // (pressed before the dialog has read the typed path, it accepted the folder above).
      await input.fill(`${folder}/`);
      await page.waitForTimeout(300);
      await wb.screenshot('export-folder-picker');
      const button = page.locator('.quick-input-widget .monaco-button', { hasText: 'Export Here' }).first();
      // The dialog has gone into the folder once it shows the folder's path with a trailing separator:
      // only then does its button mean that folder (pressed earlier, it takes the folder above).
      const inside = async () => ((await input.inputValue().catch(() => '')) as string).replace(/\\/g, '/').endsWith(`/${EXPORT_DIR}/`);
      const deadline2 = Date.now() + 20_000;
      while (!fs.existsSync(file) && Date.now() < deadline2) {
        if ((await button.isVisible()) && (await inside())) await button.click({ timeout: 2_000 }).catch(() => undefined);
        await page.waitForTimeout(200);
      }
    }
    await wb.screenshot('export-after');
    assert.ok(fs.existsSync(file), `${file} written`);
    // The message shows as a toast, or (when toasts are held back) in the notification centre.
    const message = page.locator('.notification-list-item', { hasText: 'Exported' }).first();
    if (!(await message.isVisible())) {
      await page.waitForTimeout(1000);
      if (!(await message.isVisible())) await runCommand(page, 'Notifications: Show Notifications');
    }
    await message.waitFor({ timeout: 30_000 }).catch(async (e) => {
      await wb.screenshot('export-failure');
      throw e;
    });
    assert.match(await message.innerText(), new RegExp(`Exported ${tagged} annotations from 5 documents as spaCy JSONL`));
    await page.locator('.notification-list-item .monaco-button', { hasText: 'Open Folder' }).first().waitFor();
    await wb.screenshot('export');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { spans: unknown[]; meta: { source: string } });
    assert.strictEqual(lines.length, 5);
    assert.strictEqual(lines.find((l) => l.meta.source === DOC)!.spans.length, tagged);
  });
});
