/// <reference lib="dom" />
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_ENTITY_TYPES } from '../../src/core/corpus/config';
import { quickOpen, setWorkspaceSetting, useWorkbench } from './workbench';

const DOC = '000_ad486b33f2fde1b8.txt';

function rgb(hex: string): string {
  const h = hex.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

/** Inline labels on, and one annotation on "Tang Hong", before the workbench opens. */
function prepare(workspace: string): void {
  setWorkspaceSetting(workspace, 'corpusAnnotator.highlight.inlineLabels', true);
  const text = fs.readFileSync(path.join(workspace, DOC), 'utf8');
  const start = Array.from(text.slice(0, text.indexOf('Tang Hong'))).length;
  fs.writeFileSync(
    path.join(workspace, `${DOC}.yaml`),
    `format: corpus-annotator\nversion: 1\ndocument: ${DOC}\noffsets: codepoint\nentities:\n  - id: e-tanghong01\n    type: person\n    text: Tang Hong\n    start: ${start}\n    end: ${start + 9}\n`,
  );
}

describe('e2e: inline type labels and the legend', function () {
  this.timeout(180_000);
  const workbench = useWorkbench(prepare);

  it('shows the type label after an annotation, small and in its colour, and the legend in the status bar hover', async () => {
    const wb = workbench();
    const { page } = wb;
    await quickOpen(page, DOC);
    const person = DEFAULT_ENTITY_TYPES.find((t) => t.id === 'person')!;
    const colours = [rgb(person.color.light), rgb(person.color.dark)];
    // The label is text the editor injects after the span (or a ::after pseudo-element): found either way.
    const label = await page.waitForFunction(
      (colours) => {
        for (const n of Array.from(document.querySelectorAll('.monaco-editor .view-lines span'))) {
          const own = n.childElementCount === 0 && n.textContent === 'Person' ? getComputedStyle(n) : undefined;
          const after = getComputedStyle(n, '::after');
          const style = own ?? (after.content === '"Person"' ? after : undefined);
          if (!style) continue;
          const line = n.closest('.view-line');
          return { color: style.color, size: parseFloat(style.fontSize), lineSize: parseFloat(getComputedStyle(line ?? n).fontSize), ok: colours.includes(style.color) };
        }
        return false;
      },
      colours,
      { timeout: 30_000 },
    );
    const found = (await label.jsonValue()) as { color: string; size: number; lineSize: number; ok: boolean };
    assert.ok(found.ok, `the label is in the person colour: ${JSON.stringify(found)}`);
    assert.ok(found.size < found.lineSize, `the label is smaller than the text: ${JSON.stringify(found)}`);
    await wb.screenshot('inline-labels');

    // The status bar item's hover is the legend: every type, its swatch in its colour.
    await page.locator('.statusbar-item', { has: page.locator('.codicon-tag') }).first().hover();
    const hover = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Types' }).first();
    await hover.waitFor({ state: 'visible', timeout: 20_000 });
    const text = await hover.innerText();
    for (const t of DEFAULT_ENTITY_TYPES) assert.ok(text.includes(t.label), `${t.label} in the legend:\n${text}`);
    const swatch = await hover.evaluate((el, colours) => Array.from(el.querySelectorAll('span')).some((s) => colours.includes(getComputedStyle(s).color) && s.textContent === '■■'), colours);
    assert.ok(swatch, 'the person swatch is drawn in its colour');
    await wb.screenshot('type-legend');
  });
});
