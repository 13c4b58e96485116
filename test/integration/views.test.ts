import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from '../../src/api';
import type { Node } from '../../src/features/views/nodes';
import { cpSpan, docPath, docUri, openDoc, select, sidecarOnDisk, useCorpus, waitFor, workspaceDir } from './helpers';

const EN = '000_ad486b33f2fde1b8.txt';
const FR = '003_dea812eaf2be9ea4.txt';

async function labelOf(api: CorpusAnnotatorApi, view: 'documents' | 'entities', node: Node): Promise<vscode.TreeItem> {
  return api.views[view].getTreeItem(node);
}

async function tag(name: string, text: string, type: string, occurrence = 0): Promise<void> {
  const editor = await openDoc(name);
  select(editor, text, occurrence);
  await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type });
}

function entityNodes(api: CorpusAnnotatorApi, type: string): Node[] {
  const types = api.views.entities.getChildren();
  const t = types.find((n) => n.kind === 'type' && n.type === type);
  assert.ok(t, `the entities view lists the type ${type}`);
  return api.views.entities.getChildren(t);
}

/** A document's description without the pre-annotation count (` · 12 suggested`), which other tests may leave. */
function withoutSuggested(d: unknown): string {
  return String(d).replace(/ · \d+ suggested$/, '');
}

describe('Corpus views', () => {
  const corpus = useCorpus();
  let api: CorpusAnnotatorApi;
  beforeEach(() => {
    api = corpus();
  });

  it('lists the seed documents by title, with language, date and count', async () => {
    const docs = api.views.documents.getChildren();
    const seeds = fs.readdirSync(path.resolve(__dirname, '../../../seeds')).filter((f) => f.endsWith('.txt')).sort();
    assert.strictEqual(docs.length, seeds.length);
    const items = await Promise.all(docs.map((d) => labelOf(api, 'documents', d)));
    const byFile = new Map(docs.map((d, i) => [path.basename(vscode.Uri.parse((d as { doc: string }).doc).fsPath), items[i]]));
    assert.deepStrictEqual([...byFile.keys()].sort(), seeds);
    const label = (f: string) => String(byFile.get(f)!.label);
    // Documents pre-annotated by an earlier test also say how many suggestions they have left.
    const description = (f: string) => withoutSuggested(byFile.get(f)!.description);
    // The seeds' titles and file names are too long for the row: the title is cut, so that the
    // language, date and count fit; the full title and the file are in the tooltip.
    const tip = (f: string) => (byFile.get(f)!.tooltip as vscode.MarkdownString).value;
    assert.strictEqual(label(EN), 'Anchored in the…');
    assert.match(tip(EN), /Anchored in the deepening of modernization reforms/);
    assert.strictEqual(label('001_b03c6ba473a52724.txt'), 'A Chronicle of…');
    assert.match(tip('001_b03c6ba473a52724.txt'), /A Chronicle of Leading and Promoting the Coordinated Development of Beijing Tianjin Hebei/);
    assert.match(tip('001_b03c6ba473a52724.txt'), /001_b03c6ba473a52724\.txt/);
    assert.strictEqual(label(FR), "Ancrer l'approfon…");
    assert.match(tip(FR), /Ancrer l'approfondissement/);
    // Language, date where the text states it, annotation count.
    assert.match(description(FR), /^fr · 2024-08-07 · 0$/);
    assert.match(description('001_b03c6ba473a52724.txt'), /^en · 2023-05-15 · 0$/);
    assert.match(description('004_2825da8afab466f9.txt'), /^en · 2022-10-21 · 0$/);
    assert.match(description(EN), /^en · 0$/);
    const tooltip = byFile.get(EN)!.tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /000_ad486b33f2fde1b8\.txt/);

    await tag(EN, 'Tongzhou', 'location');
    await tag(EN, 'Tang Hong', 'person');
    const node = docs.find((d) => (d as { doc: string }).doc === docUri(EN).toString())!;
    assert.match(withoutSuggested((await labelOf(api, 'documents', node)).description), /^en · 2$/);
    const types = api.views.documents.getChildren(node);
    assert.deepStrictEqual(types.map((t) => (t as { type: string }).type).sort(), ['location', 'person']);
    const loc = types.find((t) => (t as { type: string }).type === 'location')!;
    const [group] = api.views.documents.getChildren(loc);
    const [mention] = api.views.documents.getChildren(group);
    const item = await labelOf(api, 'documents', mention);
    assert.match(String(item.label), /«Tongzhou»/);
    assert.strictEqual(item.command?.command, 'vscode.open');
    // Stable ids and parents: reveal works from a mention.
    assert.strictEqual(api.views.documents.getParent(mention)?.kind, 'entity');
    assert.strictEqual(item.id, (await labelOf(api, 'documents', mention)).id);
  });

  it('keeps a document row current without Refresh: tag, remove, a title typed, a sidecar written on disk', async () => {
    const tree = api.views.documents;
    const rowOf = () => tree.getChildren().find((d) => d.kind === 'document' && d.doc === docUri(EN).toString())!;
    const node = rowOf();
    const description = async () => withoutSuggested((await labelOf(api, 'documents', node)).description);
    assert.match(await description(), /· 0$/);
    // VS Code finds the row to update by the element's identity: the same object every time.
    assert.strictEqual(rowOf(), node, 'the row is the same object on every getChildren');
    /** Resolves at the first change event for the row (or the whole view) after which its description (or tooltip) matches. */
    const rowChanged = (expected: RegExp, part: 'description' | 'tooltip' = 'description') =>
      new Promise<void>((resolve) => {
        const sub = tree.onDidChangeTreeData(async (e) => {
          const elements = Array.isArray(e) ? e : [e];
          if (!elements.some((x) => x === node || x === undefined)) return;
          const item = await labelOf(api, 'documents', node);
          if (expected.test(part === 'description' ? withoutSuggested(item.description) : (item.tooltip as vscode.MarkdownString).value)) {
            sub.dispose();
            resolve();
          }
        });
      });

    let changed = rowChanged(/· 1$/);
    await tag(EN, 'Tongzhou', 'location');
    await changed;
    changed = rowChanged(/· 2$/);
    await tag(EN, 'Tang Hong', 'person');
    await changed;
    assert.strictEqual(rowOf(), node, 'still the same object after the updates');

    changed = rowChanged(/· 1$/);
    select(await openDoc(EN), 'Tang Hong');
    await vscode.commands.executeCommand('corpusAnnotator.removeAnnotation');
    await changed;

    // A sidecar edited outside the editor: three annotations.
    const entry = (id: string, quote: string, type: string) => {
      const span = cpSpan(EN, quote);
      return `  - id: ${id}\n    type: ${type}\n    text: ${quote}\n    start: ${span.start}\n    end: ${span.end}\n`;
    };
    // The title follows the text as it is typed (its first real line).
    changed = rowChanged(/Breaking news: Anchored in the deepening/, 'tooltip');
    const editor = await openDoc(EN);
    const titleLine = editor.document.getText().split('\n').findIndex((l) => l.startsWith('Anchored'));
    await editor.edit((b) => b.insert(new vscode.Position(titleLine, 0), 'Breaking news: '));
    await changed;
    assert.match(withoutSuggested((await labelOf(api, 'documents', node)).description), /· 1$/);
    await vscode.commands.executeCommand('workbench.action.files.revert');

    changed = rowChanged(/· 3$/);
    fs.writeFileSync(`${docPath(EN)}.yaml`, `format: corpus-annotator\nversion: 1\ndocument: ${EN}\noffsets: codepoint\nentities:\n${entry('e-disk01', 'Langfang', 'location')}${entry('e-disk02', 'Tongzhou', 'location')}${entry('e-disk03', 'Tang Hong', 'person')}`);
    await changed;
  });

  it('shows each document\'s suggestions left after Pre-annotate Corpus, without Refresh', async () => {
    const tree = api.views.documents;
    const rows = tree.getChildren().filter((d) => d.kind === 'document');
    const shown = async () => {
      const counts = api.suggestionCounts!();
      const items = await Promise.all(rows.map((r) => labelOf(api, 'documents', r)));
      return rows.every((r, i) => {
        const n = counts.get((r as { doc: string }).doc) ?? 0;
        return n === 0 ? !/suggested/.test(String(items[i].description)) : String(items[i].description).endsWith(` · ${n} suggested`);
      });
    };
    const result = await vscode.commands.executeCommand<{ cancelled: boolean }>('corpusAnnotator.preannotateCorpus');
    assert.strictEqual(result.cancelled, false);
    assert.ok([...api.suggestionCounts!().values()].some((n) => n > 0), 'suggestions were found');
    // Rows already showing these counts (an earlier run) need no event; the others get one.
    await new Promise<void>((resolve) => {
      const sub = tree.onDidChangeTreeData(async () => {
        if (await shown()) {
          sub.dispose();
          resolve();
        }
      });
      void shown().then((ok) => {
        if (ok) {
          sub.dispose();
          resolve();
        }
      });
    });
    // The rows are the objects VS Code holds: an update for them reaches the view.
    assert.ok(tree.getChildren().every((d, i) => d === rows[i]));
  });

  it('groups the same entity across documents, and merges Pékin with Beijing once linked', async () => {
    await tag(EN, 'Tongzhou', 'location');
    await tag(FR, 'Tongzhou', 'location');
    let nodes = entityNodes(api, 'location');
    const tongzhou = nodes.find((n) => n.kind === 'entity' && n.group === 'text:location:Tongzhou')!;
    assert.match(String((await labelOf(api, 'entities', tongzhou)).description), /^2 mentions · 2 docs$/);
    assert.strictEqual(api.views.entities.getChildren(tongzhou).length, 2, 'two documents under the entity');

    await tag(EN, 'Beijing', 'location');
    await vscode.commands.executeCommand('corpusAnnotator.linkEntity', { create: { id: 'beijing' } });
    await tag(FR, 'Pékin', 'location');
    await vscode.commands.executeCommand('corpusAnnotator.linkEntity', { entity: 'beijing' });
    nodes = entityNodes(api, 'location');
    const beijing = nodes.filter((n) => n.kind === 'entity' && n.group === 'entity:beijing');
    assert.strictEqual(beijing.length, 1, 'one entity for Beijing and Pékin');
    const item = await labelOf(api, 'entities', beijing[0]);
    assert.strictEqual(item.label, 'Beijing');
    assert.match(String(item.description), /^2 mentions · 2 docs$/);
    assert.match((item.tooltip as vscode.MarkdownString).value, /Pékin/);
    assert.ok(!nodes.some((n) => n.kind === 'entity' && /Pékin/.test(n.group)), 'Pékin is not listed on its own');
  });

  it('flags the same text tagged with two types anywhere in the corpus', async () => {
    await tag(EN, 'Tongzhou', 'location');
    await tag(FR, 'Tongzhou', 'organization');
    const loc = entityNodes(api, 'location').find((n) => n.kind === 'entity' && n.group === 'text:location:Tongzhou')!;
    const item = await labelOf(api, 'entities', loc);
    assert.match(String(item.contextValue), /inconsistent/);
    assert.match((item.tooltip as vscode.MarkdownString).value, /Inconsistent/);
    const person = entityNodes(api, 'organization').find((n) => n.kind === 'entity' && n.group === 'text:organization:Tongzhou')!;
    assert.match(String((await labelOf(api, 'entities', person)).contextValue), /inconsistent/);
  });

  it('entity actions change every sidecar on disk', async () => {
    await tag(EN, 'Tongzhou', 'location');
    await tag(EN, 'Tongzhou', 'location', 1);
    await tag(FR, 'Tongzhou', 'location');
    const node = () => entityNodes(api, 'location').find((n) => n.kind === 'entity' && n.group === 'text:location:Tongzhou');

    // Change the type of all mentions.
    assert.strictEqual(await vscode.commands.executeCommand('corpusAnnotator.retypeEntity', node(), 'facility'), 3);
    assert.ok([...sidecarOnDisk(EN)!.entities, ...sidecarOnDisk(FR)!.entities].every((e) => e.type === 'facility'));

    // Link to another entity: every mention gets it, and its forms become aliases.
    const fac = () => entityNodes(api, 'facility').find((n) => n.kind === 'entity' && n.group === 'text:facility:Tongzhou');
    await tag(EN, 'Beijing', 'location');
    await vscode.commands.executeCommand('corpusAnnotator.linkEntity', { create: { id: 'subcenter', name: 'Beijing sub-center' } });
    assert.strictEqual(await vscode.commands.executeCommand('corpusAnnotator.linkEntityTo', fac(), 'subcenter'), 3);
    assert.ok([...sidecarOnDisk(EN)!.entities, ...sidecarOnDisk(FR)!.entities].filter((e) => e.text === 'Tongzhou').every((e) => e.entity === 'subcenter'));
    assert.match(fs.readFileSync(docPath('corpus.yaml'), 'utf8'), /Tongzhou/);

    // Rename the canonical entity: corpus.yaml changes, the old name stays as an alias.
    const canon = () => entityNodes(api, 'facility').find((n) => n.kind === 'entity' && n.group === 'entity:subcenter');
    await vscode.commands.executeCommand('corpusAnnotator.renameEntity', canon(), 'Beijing Municipal Administrative Center');
    const config = fs.readFileSync(docPath('corpus.yaml'), 'utf8');
    assert.match(config, /name: Beijing Municipal Administrative Center/);
    assert.match(config, /Beijing sub-center/);

    // Remove all mentions (confirmed through the argument).
    assert.strictEqual(await vscode.commands.executeCommand('corpusAnnotator.removeEntityMentions', canon(), true), 4);
    assert.deepStrictEqual([...sidecarOnDisk(EN)!.entities, ...sidecarOnDisk(FR)!.entities].map((e) => e.text), []);
  });

  it('follows the cursor: the annotation under it is revealed and selected in the visible views', async () => {
    await tag(EN, 'Tang Hong', 'person');
    await vscode.commands.executeCommand('corpusAnnotator.documents.focus');
    await waitFor('documents view visible', () => api.views.documentsView.visible);
    const editor = await openDoc(EN);
    const sel = select(editor, 'Tang Hong');
    editor.selection = new vscode.Selection(sel.start.translate(0, 3), sel.start.translate(0, 3));
    const selected = await waitFor('the mention is selected in the Documents view', () => {
      const n = api.views.documentsView.selection[0];
      return n?.kind === 'mention' && n;
    });
    const a = api.document(docUri(EN))!.entities[0];
    assert.strictEqual(selected.kind === 'mention' && selected.annotation, a.id);
  });

  it('shows a sidecar written straight to disk', async () => {
    const span = cpSpan(EN, 'Langfang');
    fs.writeFileSync(
      `${docPath(EN)}.yaml`,
      `format: corpus-annotator\nversion: 1\ndocument: ${EN}\noffsets: codepoint\nentities:\n  - id: e-external01\n    type: location\n    text: Langfang\n    start: ${span.start}\n    end: ${span.end}\n`,
    );
    await waitFor('the view shows the external annotation', async () => {
      const loc = entityNodes(api, 'location');
      return loc.some((n) => n.kind === 'entity' && n.group === 'text:location:Langfang');
    });
    const doc = api.views.documents.getChildren().find((d) => (d as { doc: string }).doc === docUri(EN).toString())!;
    assert.match(withoutSuggested((await labelOf(api, 'documents', doc)).description), /· 1$/);
    assert.ok(fs.existsSync(workspaceDir()));
  });
});
