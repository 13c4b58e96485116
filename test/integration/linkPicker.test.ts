import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { CorpusAnnotatorApi } from '../../src/api';
import { docPath, openDoc, select, sidecarOnDisk, useCorpus, waitFor } from './helpers';

const DOC = '000_ad486b33f2fde1b8.txt';
const OTHER = '001_b03c6ba473a52724.txt';

type Picker = NonNullable<ReturnType<NonNullable<CorpusAnnotatorApi['linkPicker']>>>;

const registryIds = () => (parse(fs.readFileSync(docPath('corpus.yaml'), 'utf8')) as { entities: { id: string; aliases?: string[] }[] }).entities.map((e) => e.id);

/**
 * The link picker never makes a duplicate by accident (issue 11): the entity named like the
 * mention is the default row and "New entity" the last. Driven through the command, without
 * arguments, as the Alt+L key does: the rows are the open quick pick's (api.linkPicker()).
 */
describe('Link picker', () => {
  const corpus = useCorpus();
  let api: CorpusAnnotatorApi;
  beforeEach(async () => {
    api = corpus();
    // Two canonical entities, listed Beijing first: Tongzhou must still come first for "Tongzhou".
    let editor = await openDoc(DOC);
    select(editor, 'Beijing');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    await vscode.commands.executeCommand('corpusAnnotator.linkEntity', { create: { id: 'beijing' } });
    editor = await openDoc(OTHER);
    select(editor, 'Tongzhou');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    await vscode.commands.executeCommand('corpusAnnotator.linkEntity', { create: { id: 'tongzhou', name: 'Tongzhou District', aliases: ['Tongzhou'] } });
    assert.deepStrictEqual(registryIds(), ['beijing', 'tongzhou']);
  });

  async function openPicker(quote: string): Promise<{ picker: Picker; done: Thenable<string | undefined> }> {
    const editor = await openDoc(DOC);
    select(editor, quote);
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    await waitFor(`"${quote}" tagged`, () => sidecarOnDisk(DOC)?.entities.some((e) => e.text === quote));
    const done = vscode.commands.executeCommand<string | undefined>('corpusAnnotator.linkEntity');
    const picker = await waitFor('the link picker', () => api.linkPicker?.());
    return { picker, done };
  }

  const rows = (p: Picker) => p.items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);

  it('offers the entity whose alias is the mention first, as the default, and New entity last; Enter links to it', async () => {
    const { picker, done } = await openPicker('Tongzhou');
    const list = rows(picker);
    assert.deepStrictEqual(
      list.map((i) => i.entity?.id ?? (i.create ? 'new' : i.label)),
      ['tongzhou', 'beijing', 'new'],
    );
    assert.strictEqual(picker.activeItems[0]?.entity?.id, 'tongzhou', 'the matching entity is the default row');
    assert.match(String(list[0].description), /an alias/);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.strictEqual(await done, 'tongzhou');
    assert.strictEqual(sidecarOnDisk(DOC)!.entities.find((e) => e.text === 'Tongzhou')?.entity, 'tongzhou');
    assert.deepStrictEqual(registryIds(), ['beijing', 'tongzhou'], 'no new entity was made');
  });

  it('without a matching entity, New entity is still last and is the default', async () => {
    const { picker, done } = await openPicker('Langfang');
    const list = rows(picker);
    assert.ok(list[list.length - 1].create, 'New entity is the last row');
    assert.ok(picker.activeItems[0]?.create, 'and the default, as nothing known has that name');
    assert.deepStrictEqual(list.slice(0, -1).map((i) => i.entity?.id), ['beijing', 'tongzhou']);
    picker.hide();
    assert.strictEqual(await done, undefined, 'closing the picker links nothing');
    assert.strictEqual(sidecarOnDisk(DOC)!.entities.find((e) => e.text === 'Langfang')?.entity, undefined);
    assert.strictEqual(api.linkPicker?.(), undefined);
  });
});
