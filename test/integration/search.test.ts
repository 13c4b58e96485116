import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from '../../src/api';
import type { FactHit } from '../../src/features/search/searchCommands';
import { docPath, docUri, openDoc, select, sidecarOnDisk, useCorpus, waitFor } from './helpers';

const EN = '000_ad486b33f2fde1b8.txt';
const GDP = '002_0a0484aff5f38808.txt';

async function search(query: string): Promise<FactHit[]> {
  const hits = await vscode.commands.executeCommand<FactHit[]>('corpusAnnotator.searchFacts', query);
  assert.ok(Array.isArray(hits), `searchFacts("${query}") returns an array`);
  return hits;
}

describe('Fact search', () => {
  const corpus = useCorpus();
  let api: CorpusAnnotatorApi;
  beforeEach(() => {
    api = corpus();
  });

  it('returns plain results, and finds the shield machine despite a typo', async () => {
    const hits = await search('Line 22 sheild machine');
    assert.ok(hits.length > 0);
    const top = hits[0];
    assert.deepStrictEqual(Object.keys(top).filter((k) => ['uri', 'text', 'start', 'end', 'kind'].includes(k)).sort(), ['end', 'kind', 'start', 'text', 'uri']);
    assert.strictEqual(top.uri, docUri(EN).toString());
    assert.match(top.text, /8\.29-meter-diameter "Xietong" shield machine/);
    assert.strictEqual(top.kind, 'sentence');
    // Offsets are code points into the document, as in the sidecar.
    const held = (await api.service.withText(api.document(docUri(EN))!))!;
    assert.strictEqual(held.lines.cp.slice(top.start, top.end), top.text);
    assert.doesNotThrow(() => JSON.stringify(hits), 'plain data');
    assert.strictEqual(api.search.mode, 'worker', 'the index runs in a worker thread, off the extension host');
  });

  it('times each search in the worker, for the benchmarks', async () => {
    await api.search.workerSearchTimes();
    const started = performance.now();
    for (const q of ['Tong', 'Tongzhou', 'Tongzhou bridge']) await search(q);
    const elapsed = performance.now() - started;
    const times = await api.search.workerSearchTimes();
    assert.strictEqual(times?.length, 3, JSON.stringify(times));
    for (const t of times) assert.ok(t.queued >= -1 && t.searched >= 0, JSON.stringify(t));
    // The clocks of the two threads agree: the worker's parts fit inside the round trips.
    assert.ok(times.reduce((n, t) => n + t.queued + t.searched, 0) <= elapsed + 3, `${JSON.stringify(times)} within ${elapsed} ms`);
    assert.deepStrictEqual(await api.search.workerSearchTimes(), [], 'asking takes them');
  });

  it('shows the problems of a query under the Search Facts box as it is typed', async () => {
    const closed = vscode.commands.executeCommand<FactHit[] | undefined>('corpusAnnotator.searchFacts');
    const box = await waitFor('the Search Facts box', () => api.searchBox());
    box.value = 'colour:red Tongzhou';
    await waitFor('the unknown filter reported', () => box.prompt?.includes('Unknown filter "colour:" — searched as text. Filters: type:, entity:, doc:, year:, kind:'));
    await waitFor('results', () => box.items.some((i) => 'result' in i));
    box.value = 'Tongzhou year:2023';
    await waitFor('a good query clears it', () => box.prompt === undefined);
    assert.ok(box.items.length > 0);
    box.value = 'Tongzhou y:20x3';
    await waitFor('a bad year reported', () => box.prompt?.includes('year:20x3 is not a year or a range like 2020-2023'));
    box.hide();
    assert.strictEqual(await closed, undefined, 'closing the box picks nothing');
    assert.strictEqual(api.searchBox(), undefined);
  });

  it('shows a sentence repeated in a document once, with all its lines, and the file name beside the title', async () => {
    // The seed 002 repeats a paragraph: its sentences occur twice.
    const quote = 'average concentration dropped to 386 micrograms';
    const lines = fs.readFileSync(docPath(GDP), 'utf8').split('\n').flatMap((l, i) => (l.includes(quote) ? [i + 1] : []));
    assert.strictEqual(lines.length, 2, 'the seed holds the sentence twice');
    const hits = (await search(quote)).filter((h) => h.uri === docUri(GDP).toString() && h.text.includes(quote));
    assert.strictEqual(hits.length, 1, 'one hit for the repeated sentence');
    assert.deepStrictEqual(hits[0].lines, lines);

    // The Search Facts box: one row, its place names the title, the file and both lines.
    const closed = vscode.commands.executeCommand<FactHit[] | undefined>('corpusAnnotator.searchFacts');
    const box = await waitFor('the Search Facts box', () => api.searchBox());
    box.value = quote;
    const rows = await waitFor('the results', () => {
      const r = box.items.filter((i) => 'result' in i && String(i.detail).includes(GDP) && i.label.includes('386'));
      return r.length > 0 && r;
    });
    assert.strictEqual(rows.length, 1, rows.map((r) => r.detail).join('\n'));
    const title = api.document(docUri(GDP))!.info.title;
    assert.ok(String(rows[0].detail).includes(`${GDP}:${lines.join(', ')}`), String(rows[0].detail));
    assert.ok(String(rows[0].detail).includes(Array.from(title).slice(0, 20).join('')), `the title is shown: ${rows[0].detail}`);
    box.hide();
    assert.strictEqual(await closed, undefined);
  });

  it('shows the query help as rows above the results, keeping the query', async () => {
    const closed = vscode.commands.executeCommand<FactHit[] | undefined>('corpusAnnotator.searchFacts');
    const box = await waitFor('the Search Facts box', () => api.searchBox());
    const helpRows = () => box.items.filter((i) => 'help' in i);
    const hits = () => box.items.filter((i) => 'result' in i);
    // Empty: the help is what the box lists.
    await waitFor('help rows in the empty box', () => helpRows().length >= 5);
    for (const f of ['type:', 'entity:', 'doc:', 'year:', 'kind:']) assert.ok(helpRows().some((i) => i.label.includes(f)), `a row for ${f}`);
    box.value = 'Tongzhou';
    await waitFor('results without help', () => hits().length > 0 && helpRows().length === 0);
    // The help button lists the help above the results; the query and its results stay.
    api.pressSearchHelp();
    await waitFor('help rows above the results', () => helpRows().length >= 5 && hits().length > 0);
    assert.strictEqual(box.value, 'Tongzhou');
    assert.ok(box.items.indexOf(helpRows()[0]) < box.items.indexOf(hits()[0]), 'the help is at the top');
    // Accepting a row adds its filter to the query.
    const year = helpRows().find((i) => i.label.includes('year:'))!;
    // The workbench says when the row is active there (the API's update reaches it a moment later).
    const active = new Promise<void>((resolve) => {
      const sub = box.onDidChangeActive((items) => {
        if (items[0] !== year) return;
        sub.dispose();
        resolve();
      });
    });
    box.activeItems = [year];
    await active;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor('the filter added to the query', () => {
      assert.strictEqual(box.value, 'Tongzhou year:', `active: ${box.activeItems.map((i) => i.label).join()}`);
      return true;
    });
    assert.ok(api.searchBox() === box, 'the box stays open');
    // Pressed again, the help goes; a query with a problem offers it in one row at the top.
    api.pressSearchHelp();
    box.value = 'colour:red Tongzhou';
    await waitFor('one help row above the results', () => helpRows().length === 1 && hits().length > 0 && box.items[0] === helpRows()[0]);
    assert.strictEqual(box.value, 'colour:red Tongzhou');
    box.hide();
    assert.strictEqual(await closed, undefined);
  });

  it('searches a document as it is on disk after Refresh reads it again', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const file = docPath(GDP);
    const original = fs.readFileSync(file, 'utf8');
    const added = 'A quokka orchestra from Zanzibar rehearsed at dawn on the Tongzhou riverbank.';
    try {
      fs.writeFileSync(file, `${added}\n${original}`);
      await vscode.commands.executeCommand('corpusAnnotator.refresh');
      const hit = await waitFor('the added sentence found, at its new place', async () => {
        const h = (await search('quokka orchestra Zanzibar')).find((x) => x.uri === docUri(GDP).toString() && x.text === added);
        return h && h.start === 0 ? h : undefined;
      });
      assert.strictEqual(hit.end, Array.from(added).length);
      // The sentences after it moved with the text: one of them is found at its new offsets.
      const gdp = (await search('Beijing Rail Transit Line 22 Pinggu Line')).find((x) => x.uri === docUri(GDP).toString());
      assert.ok(gdp, 'a sentence of the rest of the document is still found');
      assert.strictEqual(Array.from(`${added}\n${original}`).slice(gdp.start, gdp.end).join(''), gdp.text);
    } finally {
      fs.writeFileSync(file, original);
      await vscode.commands.executeCommand('corpusAnnotator.refresh');
      await waitFor('the sentence gone again', async () => !(await search('quokka orchestra Zanzibar')).some((x) => x.text === added));
    }
  });

  it('finds Tongzhou when asked for "Tongzou"', async () => {
    const hits = await search('Tongzou');
    assert.ok(hits.length >= 5);
    assert.ok(hits.slice(0, 5).every((h) => /Tongzhou/.test(h.text)), hits.slice(0, 5).map((h) => h.text.slice(0, 80)).join('\n'));
  });

  it('ranks a recorded fact first, with its fields', async () => {
    const editor = await openDoc(GDP);
    select(editor, "In 2023, Hebei Province's GDP will achieve 439 trillion yuan");
    const fact = await vscode.commands.executeCommand<{ id: string }>('corpusAnnotator.recordFact', { predicate: 'GDP', value: '4.39 trillion yuan', date: '2023' });
    assert.ok(fact?.id);
    const stored = sidecarOnDisk(GDP)!.facts;
    assert.strictEqual(stored.length, 1);
    assert.strictEqual(stored[0].predicate, 'GDP');
    const hits = await waitFor('the fact is indexed', async () => {
      const h = await search('Hebei GDP 2023');
      return h[0]?.kind === 'fact' && h;
    });
    assert.strictEqual(hits[0].fact?.value, '4.39 trillion yuan');
    assert.strictEqual(hits[0].uri, docUri(GDP).toString());
  });

  it('finds sentences tagged with Beijing when searching its alias Pékin', async () => {
    const editor = await openDoc(EN);
    select(editor, 'Beijing Rail Transit Line 22');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'facility' });
    await vscode.commands.executeCommand('corpusAnnotator.linkEntity', { create: { id: 'line22', name: 'Line 22', aliases: ['Ligne 22 du métro de Pékin', 'Pinggu Line'] } });
    // The sentence holds no "Pinggu", only the tagged mention linked to the entity with that alias.
    const hit = await waitFor('alias indexed', async () => (await search('Pinggu Line')).slice(0, 3).find((x) => x.uri === docUri(EN).toString() && x.entities.includes('Line 22')));
    assert.match(hit.text, /Beijing Rail Transit Line 22/);
    assert.doesNotMatch(hit.text, /Pinggu/);
    const entities = await vscode.commands.executeCommand<{ id: string; name: string }[]>('corpusAnnotator.searchEntities', 'Pingu line');
    assert.strictEqual(entities?.[0]?.id, 'line22');
  });

  it('answers the same after its worker is renewed from the snapshot it saved, and keeps following changes', async () => {
    await api.search.ready();
    const editor = await openDoc(EN);
    select(editor, 'shield machine');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'facility' });
    await api.search.flush();
    // What each query finds (scores may differ: the live index counts replaced sentences in its
    // word frequencies until it compacts; the restored one has none), and the best hit of a fuzzy one.
    const found = (hits: FactHit[]) => hits.map((h) => `${h.uri}#${h.start}-${h.end}`).sort();
    const answer = async (query: string) => {
      const hits = await search(query);
      return query.includes('sheild') ? found(hits.slice(0, 1)) : found(hits);
    };
    const queries = ['Line 22 sheild machine', 'type:facility shield', '"Rail Transit"', '"Xietong" shield'];
    const before = await Promise.all(queries.map(answer));
    assert.ok(before.every((hits) => hits.length > 0 && hits.length < 50), `each query finds something (not so much that the list is cut), the new tag too: ${JSON.stringify(before)}`);
    const renewals = api.search.renewals;
    const log = () => api.service.recentLog.filter((l) => /fact index|search worker/.test(l)).join('\n');
    // A change that lands during the save (the watcher's re-read of the sidecar just written, say)
    // calls the renewal off, as it should, and the next save tries again: so may this test.
    const calledOff: string[] = [];
    for (let tries = 0; tries < 5 && api.search.renewals === renewals; tries++) {
      await api.search.flush();
      await api.search.saveSnapshot();
      const last = api.service.recentLog.filter((l) => l.includes('search worker')).pop() ?? '';
      if (last.includes('not renewed')) calledOff.push(last);
    }
    assert.strictEqual(api.search.renewals, renewals + 1, log());
    assert.ok(calledOff.every((l) => l.endsWith('the index changed meanwhile')), calledOff.join('\n'));
    assert.match(log(), /search worker renewed from the snapshot in \d+ ms: 5 documents/);
    for (const [i, query] of queries.entries()) assert.deepStrictEqual(await answer(query), before[i], query);
    // The new worker is the one changes go to.
    select(editor, 'Tongzhou');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    const hit = await waitFor('the new tag searchable', async () => (await search('type:location Tongzhou')).find((h) => h.uri === docUri(EN).toString()));
    assert.match(hit.text, /Tongzhou/);
  });

  it('finds an English sentence tagged Beijing when searching Pékin, once Pékin is linked to Beijing', async () => {
    let editor = await openDoc(EN);
    select(editor, 'Beijing Rail Transit Line 22');
    // Tag the "Beijing" of that sentence and make it the canonical Beijing.
    const sel = editor.selection;
    editor.selection = new vscode.Selection(sel.start, sel.start.translate(0, 'Beijing'.length));
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    await vscode.commands.executeCommand('corpusAnnotator.linkEntity', { create: { id: 'beijing' } });
    // Let the index take the English document in before the registry changes.
    await api.search.flush();
    await search('Beijing');
    // Linking the French mention adds Pékin as an alias of the entity.
    editor = await openDoc('003_dea812eaf2be9ea4.txt');
    select(editor, 'Pékin');
    await vscode.commands.executeCommand('corpusAnnotator.tagEntity', { type: 'location' });
    await vscode.commands.executeCommand('corpusAnnotator.linkEntity', { entity: 'beijing' });
    // doc:000 is the English article, which never says "Pékin": only the alias can match.
    const hit = await waitFor('the English sentence found through the alias', async () => (await search('Pékin doc:000')).find((h) => h.entities.includes('Beijing')));
    assert.strictEqual(hit.uri, docUri(EN).toString());
    assert.match(hit.text, /Beijing Rail Transit Line 22/);
    assert.doesNotMatch(hit.text, /Pékin/);
  });
});
