/// <reference lib="dom" />
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { hashText, makeAnchor, serializeSidecar, SIDECAR_FORMAT, SIDECAR_VERSION } from '../../src/core/sidecar';
import { normalizeText } from '../../src/core/text/normalize';
import { DEFAULT_ENTITY_TYPES } from '../../src/core/corpus/config';
import { resultsDir } from '../host/paths';
import { quickOpen, selectInEditor, setWorkspaceSetting, useWorkbench } from './workbench';

/**
 * The README's screenshots of the real UI (test-results/readme-*.png, copied to media/screenshots/
 * by hand when the UI changes): two seeds carrying the hand-made gold annotations of
 * test/fixtures/gold as sidecars, the Corpus views, the type picker, inline labels and the legend.
 */
const DOCS = ['000_ad486b33f2fde1b8.txt', '001_b03c6ba473a52724.txt'];
const GOLD = path.resolve(__dirname, '../../../test/fixtures/gold');

interface Gold {
  annotations: { start: number; end: number; type: string; text: string }[];
}

function goldOf(doc: string): Gold {
  return JSON.parse(fs.readFileSync(path.join(GOLD, doc.replace(/\.txt$/, '.gold.json')), 'utf8')) as Gold;
}

/** The gold annotations as the extension writes them (the core's serializer, with context and the text's hash). */
function writeGoldSidecars(workspace: string): void {
  for (const doc of DOCS) {
    const text = normalizeText(fs.readFileSync(path.join(workspace, doc), 'utf8'));
    const entities = goldOf(doc).annotations.map((a, i) => {
      const anchor = makeAnchor(text, a.start, a.end);
      assert.strictEqual(anchor.text, a.text, `gold span ${i} of ${doc}`);
      return { id: `e-gold${String(i).padStart(4, '0')}`, type: a.type, ...anchor };
    });
    fs.writeFileSync(path.join(workspace, `${doc}.yaml`), serializeSidecar({ header: { format: SIDECAR_FORMAT, version: SIDECAR_VERSION, document: doc, textHash: hashText(text), offsets: 'codepoint' }, entities, facts: [] }));
  }
}

describe('e2e: the README screenshots', function () {
  this.timeout(240_000);
  const workbench = useWorkbench(writeGoldSidecars);

  it('shows an annotated article beside the Corpus views, the type picker, and inline labels with the legend', async () => {
    const wb = workbench();
    const { page } = wb;
    const shot = async (name: string) => {
      fs.mkdirSync(resultsDir, { recursive: true });
      await page.screenshot({ path: path.join(resultsDir, `readme-${name}.png`) });
    };
    await page.locator('.activitybar [aria-label^="Corpus"]').first().click();
    await quickOpen(page, DOCS[0]);
    await page.locator('#status\\.editor\\.mode', { hasText: 'Corpus Text' }).waitFor({ timeout: 30_000 });

    // The Documents view counts the gold annotations of the article.
    const gold = goldOf(DOCS[0]).annotations.length;
    const documents = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Documents' }) });
    await documents.locator('.monaco-list-row', { hasText: new RegExp(`· ${gold}\\b`) }).first().waitFor({ timeout: 30_000 });
    const entities = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Entities' }) });
    const personRow = entities.locator('.monaco-list-row', { hasText: 'Person' }).first();
    await personRow.waitFor({ timeout: 30_000 });
    await personRow.click();
    await entities.locator('.monaco-list-row', { hasText: 'Zhao Yonghui' }).first().waitFor({ timeout: 30_000 });
    // Highlights are drawn: background colours of the types show in the rendered editor.
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.monaco-editor .view-overlays div, .monaco-editor .view-lines span')).filter((n) => getComputedStyle(n).backgroundColor.startsWith('rgba')).length > 5, undefined, { timeout: 20_000 });
    await page.locator('.monaco-editor .view-lines').first().click();
    await shot('overview');

    // The type picker, opened on a selection with the tag key.
    await selectInEditor(page, 'Xietong');
    await page.keyboard.press('Alt+T');
    const picker = page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: 'Tag as' }) });
    await picker.waitFor({ state: 'visible' });
    const rows = await picker.locator('.monaco-list-row').allInnerTexts();
    for (const t of DEFAULT_ENTITY_TYPES) assert.ok(rows.some((r) => r.includes(t.label)), `${t.label} offered: ${rows.join(' | ')}`);
    await shot('tag-picker');
    await page.keyboard.press('Escape');

    // Inline labels, turned on in the settings, and the legend in the status bar hover.
    setWorkspaceSetting(wb.workspace, 'corpusAnnotator.highlight.inlineLabels', true);
    await page.waitForFunction(
      () => Array.from(document.querySelectorAll('.monaco-editor .view-lines span')).some((n) => getComputedStyle(n, '::after').content === '"Location"' || (n.childElementCount === 0 && n.textContent === 'Location')),
      undefined,
      { timeout: 30_000 },
    );
    await page.locator('.statusbar-item', { has: page.locator('.codicon-tag') }).first().hover();
    const hover = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Types' }).first();
    await hover.waitFor({ state: 'visible', timeout: 20_000 });
    const legend = await hover.innerText();
    for (const t of DEFAULT_ENTITY_TYPES) assert.ok(legend.includes(t.label), `${t.label} in the legend:\n${legend}`);
    await shot('labels-legend');
  });
});
