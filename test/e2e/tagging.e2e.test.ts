/// <reference lib="dom" />
import * as assert from 'assert';
import * as path from 'path';
import { DEFAULT_ENTITY_TYPES } from '../../src/core/corpus/config';
import { quickOpen, selectInEditor, tagSelectionAs, useWorkbench, waitForSidecar } from './workbench';

const DOC = '000_ad486b33f2fde1b8.txt';

function rgba(hex: string, alpha: number): string {
  const h = hex.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

describe('e2e: tagging from the keyboard', function () {
  this.timeout(180_000);
  const workbench = useWorkbench();

  it('selects a name, presses the tag key, picks the type, and sees the sidecar and the highlight', async () => {
    const wb = workbench();
    const { page } = wb;
    await quickOpen(page, DOC);
    // The extension has taken the document over once it shows in the corpus-text language.
    await page.locator('#status\\.editor\\.mode', { hasText: 'Corpus Text' }).waitFor({ timeout: 30_000 });
    // Select "Tang Hong" with the keyboard: find it, then close the find widget, which keeps it selected.
    await selectInEditor(page, 'Tang Hong');
    await tagSelectionAs(page, 'person', 'Person');

    const sidecar = path.join(wb.workspace, `${DOC}.yaml`);
    const data = await waitForSidecar(sidecar, (s) => (s.entities?.length ?? 0) > 0, 'the tag written');
    assert.deepStrictEqual(data.entities!.map((e) => [e.type, e.text]), [['person', 'Tang Hong']]);

    // The highlight is in the rendered editor, in the person type's colour (light theme by default).
    const person = DEFAULT_ENTITY_TYPES.find((t) => t.id === 'person')!;
    const candidates = [rgba(person.color.light, 0.25), rgba(person.color.dark, 0.25)];
    const found = await page.waitForFunction(
      (colors) => {
        const nodes = document.querySelectorAll('.monaco-editor .view-overlays div, .monaco-editor .view-lines span');
        for (const n of Array.from(nodes)) if (colors.includes(getComputedStyle(n).backgroundColor)) return getComputedStyle(n).backgroundColor;
        return false;
      },
      candidates,
      { timeout: 20_000 },
    );
    assert.ok(candidates.includes(String(await found.jsonValue())));
    await wb.screenshot('tagging');
  });
});
