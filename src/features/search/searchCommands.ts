import * as vscode from 'vscode';
import { FILTER_HELP, QUERY_HELP, QUERY_HELP_ROWS, groupDuplicateResults, placeOf, withInserted } from '../../core/search';
import type { Problem } from '../../core/problems';
import type { EntitySearchResult, GroupedResult, QueryHelpRow, SearchResult } from '../../core/search';
import { Cancelled, CannotAct } from '../../errors';
import { rangeOf } from '../../workspace/documentState';
import type { FeatureContext } from '../context';
import type { SearchResultsView } from './resultsView';
import type { SearchService } from './searchService';
import { plural } from '../../core/text/plural';

/** What `corpusAnnotator.searchFacts` returns when called with a query string: plain data. */
export interface FactHit {
  uri: string;
  text: string;
  start: number;
  end: number;
  kind: 'sentence' | 'fact';
  line: number;
  /** Every line where this sentence occurs in the document: a repeated sentence is one hit. */
  lines: number[];
  title: string;
  score: number;
  entities: string[];
  fact?: SearchResult['fact'];
}

export function toHit(r: SearchResult | GroupedResult): FactHit {
  return { uri: r.docId, text: r.text, start: r.start, end: r.end, kind: r.kind, line: r.line, lines: 'lines' in r ? r.lines : [r.line], title: r.title, score: r.score, entities: r.entities, ...(r.fact ? { fact: r.fact } : {}) };
}

const flash = vscode.window.createTextEditorDecorationType({
  backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
  isWholeLine: false,
});

/** Opens a document with a code point span selected; `flashIt` briefly highlights it. */
export async function revealSpan(ctx: FeatureContext, uri: vscode.Uri, start: number, end: number, options: { preview?: boolean; preserveFocus?: boolean; flashIt?: boolean; viewColumn?: vscode.ViewColumn } = {}): Promise<vscode.TextEditor | undefined> {
  if (!ctx.corpus.getDocument(uri)) return undefined;
  // Opened first: a closed document holds no text to place the span in.
  const editor = await vscode.window.showTextDocument(uri, { preview: options.preview ?? true, preserveFocus: options.preserveFocus, viewColumn: options.viewColumn });
  const state = await ctx.corpus.whenLoaded(uri);
  if (!state) return editor;
  const range = rangeOf(state, { start, end });
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  if (options.flashIt) {
    editor.setDecorations(flash, [range]);
    setTimeout(() => editor.setDecorations(flash, []), 1500);
  }
  return editor;
}

/** The sentence with the engine's matched words marked ‹like this›, shortened around the first match. */
function markedLabel(r: SearchResult): string {
  const chars = Array.from(r.text);
  let out = '';
  let at = 0;
  for (const [s, e] of r.matches) {
    out += chars.slice(at, s).join('') + '‹' + chars.slice(s, e).join('') + '›';
    at = e;
  }
  out += chars.slice(at).join('');
  out = out.replace(/\s+/g, ' ').trim();
  // Quick pick rows are one line: start a little before the first match so it is in view.
  const first = out.indexOf('‹');
  if (first > 30) out = '…' + out.slice(first - 25);
  return out.length > 120 ? out.slice(0, 119) + '…' : out;
}

interface HitItem extends vscode.QuickPickItem {
  result: GroupedResult;
}

/** A row of the query help, listed above the results; accepting it adds its text to the query. */
interface HelpItem extends vscode.QuickPickItem {
  help: QueryHelpRow | 'open';
}

type SearchItem = HitItem | HelpItem | vscode.QuickPickItem;

const isHit = (i: SearchItem | undefined): i is HitItem => !!i && 'result' in i;
const isHelp = (i: SearchItem | undefined): i is HelpItem => !!i && 'help' in i;

function hitItem(r: GroupedResult): HitItem {
  const fact = r.fact;
  const structured = fact ? [fact.subjectName ?? fact.subject, fact.predicate, fact.value, fact.date].filter(Boolean).join(' · ') : '';
  return {
    label: `${r.kind === 'fact' ? '$(quote) ' : ''}${markedLabel(r)}`,
    detail: [`$(file) ${placeOf(r)}`, structured && `$(symbol-field) ${structured}`, r.entities.length ? `$(symbol-class) ${r.entities.join(', ')}` : ''].filter(Boolean).join('   '),
    alwaysShow: true,
    result: r,
  };
}

const separator = (label: string): vscode.QuickPickItem => ({ label, kind: vscode.QuickPickItemKind.Separator });

/**
 * What the box lists: the help rows when the query is empty or the help button is on, a row that
 * opens them when the query has a problem, then the results. The query itself is never touched.
 */
function boxItems(value: string, helpOpen: boolean, problems: readonly Problem[], results: readonly GroupedResult[]): SearchItem[] {
  const help: SearchItem[] = [];
  if (helpOpen || !value.trim()) {
    help.push(separator('Query syntax — Enter adds a filter to the query'), ...QUERY_HELP_ROWS.map((row): HelpItem => ({ label: `$(question) ${row.label}`, detail: row.detail, alwaysShow: true, help: row })));
  } else if (problems.length) {
    help.push({ label: '$(question) Query syntax', detail: `Filters: ${FILTER_HELP} — Enter lists them`, alwaysShow: true, help: 'open' } satisfies HelpItem);
  }
  const hits = results.map(hitItem);
  return help.length && hits.length ? [...help, separator('Results'), ...hits] : [...help, ...hits];
}

const helpButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('question'), tooltip: `Query syntax (listed above the results; the query is kept): ${QUERY_HELP}` };
const keepButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('list-tree'), tooltip: 'Send these results to the Search Results view' };

/** The search boxes open now, for the API (tests read and type into them). */
export interface OpenSearchBoxes {
  facts?: vscode.QuickPick<vscode.QuickPickItem>;
  /** What the Search Facts box's help button does (for the API: a button cannot be pressed through it). */
  toggleHelp?: () => void;
}

/** What is wrong with the query as typed, for the line under the search box (undefined: nothing). */
function problemsPrompt(problems: readonly Problem[]): string | undefined {
  return problems.length ? problems.map((p) => `⚠ ${p.message}`).join('   ') : undefined;
}

/**
 * `corpusAnnotator.searchFacts`. With a query string it shows nothing and returns the ranked
 * results as plain objects; without, a quick pick searches as the person types, previews the
 * active result in place, and restores their editor if they cancel. Problems in the query (an
 * unknown filter, a bad year) are shown under the input as it is typed.
 */
export async function searchFacts(ctx: FeatureContext, search: SearchService, results: SearchResultsView, query?: string, open: OpenSearchBoxes = {}): Promise<FactHit[] | undefined> {
  const limit = ctx.settings.current.searchMaxResults;
  if (typeof query === 'string') return groupDuplicateResults(await search.search(query, limit)).map(toHit);
  const original = vscode.window.activeTextEditor;
  const originalSelection = original?.selection;
  const qp = vscode.window.createQuickPick<SearchItem>();
  qp.title = 'Search Facts';
  qp.placeholder = `Search sentences and recorded facts — filters: ${FILTER_HELP}`;
  qp.matchOnDescription = false;
  qp.matchOnDetail = false;
  qp.buttons = [helpButton, keepButton];
  let seq = 0;
  let accepted = false;
  let helpOpen = false;
  let shown: { problems: readonly Problem[]; results: GroupedResult[] } = { problems: [], results: [] };
  const render = () => {
    qp.items = boxItems(qp.value, helpOpen, shown.problems, shown.results);
  };
  const run = async (value: string) => {
    const mine = ++seq;
    qp.busy = true;
    const found = value.trim() ? await search.searchQuery(value, limit) : { value: [], problems: [] };
    if (mine !== seq) return;
    shown = { problems: found.problems, results: groupDuplicateResults(found.value) };
    render();
    qp.prompt = problemsPrompt(found.problems);
    qp.busy = false;
  };
  const toggleHelp = () => {
    helpOpen = !helpOpen;
    render();
  };
  return new Promise<FactHit[] | undefined>((resolve) => {
    qp.onDidChangeValue((v) => void run(v));
    qp.onDidChangeActive((items) => {
      const item = items[0];
      if (isHit(item)) void revealSpan(ctx, vscode.Uri.parse(item.result.docId), item.result.start, item.result.end, { preview: true, preserveFocus: true, viewColumn: original?.viewColumn });
    });
    qp.onDidTriggerButton((b) => {
      if (b === helpButton) {
        toggleHelp();
      } else {
        results.show(qp.value, shown.results);
        accepted = true;
        qp.hide();
      }
    });
    qp.onDidAccept(() => {
      const item = qp.activeItems[0];
      if (isHelp(item)) {
        // A help row adds its filter to the query, which stays as typed.
        if (item.help === 'open') helpOpen = true;
        else if (item.help.insert) {
          qp.value = withInserted(qp.value, item.help.insert);
          void run(qp.value);
        }
        render();
        return;
      }
      if (!isHit(item)) return;
      const r = item.result;
      accepted = true;
      qp.hide();
      void revealSpan(ctx, vscode.Uri.parse(r.docId), r.start, r.end, { preview: false, flashIt: true, viewColumn: original?.viewColumn });
      resolve([toHit(r)]);
    });
    qp.onDidHide(() => {
      if (open.facts === qp) {
        open.facts = undefined;
        open.toggleHelp = undefined;
      }
      qp.dispose();
      if (!accepted && original && originalSelection) {
        // Previewing must not cost the person their place.
        void vscode.window.showTextDocument(original.document, { viewColumn: original.viewColumn, selection: originalSelection, preview: false });
      }
      resolve(undefined);
    });
    // During the first build the quick pick answers from what is indexed so far, and says so.
    const building = () => {
      qp.title = titleWhileBuilding('Search Facts', ctx, search);
      if (!search.progress.building) sub.dispose();
    };
    const sub = search.onDidChangeProgress(() => {
      building();
      if (qp.value) void run(qp.value);
    });
    qp.onDidHide(() => sub.dispose());
    building();
    render();
    qp.show();
    open.facts = qp;
    open.toggleHelp = toggleHelp;
    qp.busy = false;
  });
}

/** A quick pick's title, saying how far the first build has come while it runs. */
function titleWhileBuilding(title: string, ctx: FeatureContext, search: SearchService): string {
  const p = search.progress;
  return p.building ? `${title} — indexing ${p.indexed.toLocaleString('en')} of ${plural(ctx.corpus.progress.documents, 'document')}` : title;
}

interface EntityItem extends vscode.QuickPickItem {
  result: EntitySearchResult;
}

/** `corpusAnnotator.searchEntities`: the same over canonical entities and tagged mentions. */
export async function searchEntities(ctx: FeatureContext, search: SearchService, query?: string): Promise<EntitySearchResult[] | undefined> {
  if (typeof query === 'string') return search.searchEntities(query, ctx.settings.current.searchMaxResults);
  const qp = vscode.window.createQuickPick<EntityItem>();
  qp.title = titleWhileBuilding('Search Entities', ctx, search);
  const sub = search.onDidChangeProgress(() => (qp.title = titleWhileBuilding('Search Entities', ctx, search)));
  qp.onDidHide(() => sub.dispose());
  qp.placeholder = 'Search canonical entities and tagged mentions by name or alias (typos forgiven)';
  let seq = 0;
  const run = async (value: string) => {
    const mine = ++seq;
    const found = value.trim() ? await search.searchEntities(value, ctx.settings.current.searchMaxResults) : [];
    if (mine !== seq) return;
    qp.items = found.map((r) => ({
      label: `${r.kind === 'entity' ? '$(symbol-class)' : '$(symbol-string)'} ${r.name}`,
      description: `${r.type} · ${plural(r.mentionCount, 'mention')} in ${plural(r.documentCount, 'document')}`,
      detail: [r.matchedAlias && `matched alias: ${r.matchedAlias}`, r.aliases.length ? `aliases: ${r.aliases.join(', ')}` : ''].filter(Boolean).join(' — ') || undefined,
      alwaysShow: true,
      result: r,
    }));
  };
  const picked = await new Promise<EntitySearchResult | undefined>((resolve) => {
    qp.onDidChangeValue((v) => void run(v));
    qp.onDidAccept(() => {
      resolve(qp.activeItems[0]?.result);
      qp.hide();
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve(undefined);
    });
    qp.show();
  });
  if (!picked) return undefined;
  if (picked.occurrences.length === 0) throw new CannotAct(`${picked.name} has no tagged mentions yet.`);
  const where = await vscode.window.showQuickPick(
    picked.occurrences.map((o) => ({ label: o.sentence.length > 160 ? o.sentence.slice(0, 159) + '…' : o.sentence, description: placeOf(o), o })),
    { title: `Mentions of ${picked.name}` },
  );
  if (!where) throw new Cancelled();
  await revealSpan(ctx, vscode.Uri.parse(where.o.docId), where.o.start, where.o.end, { preview: false, flashIt: true });
  return [picked];
}
