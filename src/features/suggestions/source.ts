import * as vscode from 'vscode';
import { contentHash } from '../../core/cache/contentHash';
import { overlapsAny } from '../../core/corpus/suggestions';
import type { EntityAnnotation } from '../../core/model';
import { CorpusTaggedCounts, DecisionIndex, ENGINE_NAMES, netChanges, RejectionSet, suggestEntities, type EngineName, type EntitySuggestion, type SuggestContext, type TaggedChange } from '../../core/suggest';
import type { SettingsService } from '../../settings';
import type { CorpusService } from '../../workspace/corpusService';
import type { CorpusFolder, DocumentState } from '../../workspace/documentState';
import { packSpans } from './packedSpans';
import { SuggestPool } from './suggestPool';
import type { ContextMessage } from './suggestWorker';

/** Where the worker is bundled (esbuild.js), relative to the extension's root. */
export const SUGGEST_WORKER = ['dist', 'features', 'suggestions', 'suggestWorker.js'];

const LEGACY_IGNORED_KEY = 'corpusAnnotator.ignoredSuggestions';

interface CorpusContext {
  /** The corpus's annotations version it was built at. */
  version: number;
  /** When it was built (epoch ms). */
  builtAt: number;
  context: SuggestContext;
  /** Everything a worker suggests from (made when asked: it lists every distinct tagged string). */
  message(): ContextMessage;
  /** The context this one was brought up to date from, and the changes that made it (netChanges); none when built whole. */
  from?: { context: CorpusContext; changes: TaggedChange[] };
}

/** Changes in tagged strings a context update may carry, beyond which the decisions are built whole again. */
const MAX_CHANGES = 20_000;
/** How many updates back a worker's context may be and still be brought up to date by their changes. */
const MAX_STEPS = 8;

interface DocumentResult {
  /** The text's length and hash when computed: a result holds no text (10,000 closed documents). */
  length: number;
  hash: string;
  version: number;
  engines: string;
  suggestions: EntitySuggestion[];
}

/**
 * Entity suggestions for the editor (src/core/suggest): the corpus's decisions and the registry
 * right away for the lines on screen, and every engine for the whole document computed in a worker
 * (the model costs tens of milliseconds), cached per text and corpus state; when a document's
 * result arrives, `onDidChange` fires and the highlighter redraws. Existing annotations and
 * rejections are filtered out when read, so accepting or rejecting shows at once.
 * Rejections come from every sidecar of the corpus (`rejections`), shared through git.
 */
export class SuggestionSource implements vscode.Disposable {
  private readonly contexts = new Map<string, CorpusContext>();
  /** Per corpus, its tagged strings counted, kept up to date document by document. */
  private readonly tallies = new Map<string, CorpusTaggedCounts>();
  private readonly results = new Map<string, DocumentResult>();
  private readonly inFlight = new Map<string, Promise<EntitySuggestion[]>>();
  private pool: SuggestPool | undefined;
  private poolContext: CorpusContext | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Suggestions changed (a document's result arrived, a rejection): what was drawn is out of date. */
  readonly onDidChange = this.changed.event;
  /** Suggestions left per document key, from pre-annotation (then kept current as documents are recomputed). */
  readonly counts = new Map<string, number>();
  /** Where suggestions are computed: a worker thread, or this thread where threads are unavailable. */
  mode: 'worker' | 'inline' = 'inline';

  constructor(
    private readonly service: CorpusService,
    private readonly settings: SettingsService,
    private workerScript: string | undefined,
    private readonly memento?: vscode.Memento,
  ) {}

  /** The engines the settings leave on (all but those turned off). */
  engines(): EngineName[] {
    const on = this.settings.current.suggestionEngines;
    return ENGINE_NAMES.filter((e) => on.includes(e));
  }

  /** The corpus's decisions, registry and rejections, rebuilt when annotations or sidecars change. */
  contextOf(corpus: CorpusFolder): CorpusContext {
    const key = corpus.folder.uri.toString();
    const version = this.service.annotationsVersion;
    let c = this.contexts.get(key);
    if (c?.version === version) return c;
    // While the scan loads thousands of documents, each one is a new version: rebuilding the
    // decisions from every tagged string of the corpus (and sending them to the worker) for each
    // took 4 of the extension host's 44 s at 10,000 documents. Meanwhile they are rebuilt every 2 s.
    if (c && this.service.progress.scanning && Date.now() - c.builtAt < 2000) return c;
    let tally = this.tallies.get(key);
    if (!tally) this.tallies.set(key, (tally = new CorpusTaggedCounts()));
    const prev = c;
    const raw: TaggedChange[] | undefined = prev?.context.decisions ? [] : undefined;
    tally.sync(corpus.documents.values(), raw, 2 * MAX_CHANGES);
    const counted = tally;
    const rejectionList = [...corpus.documents.values()].flatMap((d) => d.rejections ?? []);
    // The same rejections keep the same set, so the prepared sources stay (DecisionIndex.prepared).
    const fresh = new RejectionSet(rejectionList);
    const rejections = prev?.context.rejections?.equals(fresh) ? prev.context.rejections : fresh;
    const registry = corpus.config.entities;
    const message = (): ContextMessage => ({ tagged: counted.list(), registry, rejections: rejections.list() });
    const changes = raw && raw.length <= 2 * MAX_CHANGES ? netChanges(raw) : undefined;
    if (prev?.context.decisions && changes && changes.length <= MAX_CHANGES) {
      // Brought up to date in place: whoever holds the previous context wants the latest decisions too.
      const decisions = prev.context.decisions;
      for (const change of changes) decisions.apply(change);
      c = { version, builtAt: Date.now(), context: { decisions, registry, rejections }, message, from: { context: prev, changes } };
      forgetBeyond(c, MAX_STEPS);
    } else {
      c = { version, builtAt: Date.now(), context: { decisions: new DecisionIndex(counted.list()), registry, rejections }, message };
    }
    this.contexts.set(key, c);
    return c;
  }

  /** The annotated entities of each list of entities seen, sorted (a redraw asks twice, the worker's job once more). */
  private readonly annotatedOf = new WeakMap<readonly EntityAnnotation[], EntityAnnotation[]>();

  private annotated(state: DocumentState): readonly { start: number; end: number }[] {
    let spans = this.annotatedOf.get(state.entities);
    if (!spans) {
      spans = state.entities.filter((a) => a.status !== 'orphaned').sort((a, b) => a.start - b.start);
      this.annotatedOf.set(state.entities, spans);
    }
    return spans;
  }

  /** Drops what was annotated or rejected since the result was computed. */
  private current(state: DocumentState, list: readonly EntitySuggestion[]): EntitySuggestion[] {
    const annotated = this.annotated(state);
    const rejected = this.contextOf(state.corpus).context.rejections;
    const minScore = this.settings.current.suggestionMinScore;
    // Types the corpus does not use (a corpus.yaml without `date`, say) are not suggested.
    const types = new Set(state.corpus.config.types.map((t) => t.id));
    return list.filter((s) => s.score >= minScore && types.has(s.type) && !overlapsAny(annotated, s.start, s.end) && !rejected?.has(s.text, s.type));
  }

  /** The stored result when it was computed for the document's current text (and engines). */
  private fresh(state: DocumentState): DocumentResult | undefined {
    const r = this.results.get(state.key);
    if (!r || r.engines !== this.engines().join() || r.length !== state.length) return undefined;
    // An open document's text is at hand: its hash says whether it is the same text. A closed one
    // only changes by a reload from disk, which the length almost always tells.
    if (!state.resident) return r;
    // The text the result was computed for is still held: comparing with it spares hashing the
    // document at every redraw while typing.
    const h = this.hashes.get(state.key);
    if (h && h.hash === r.hash) return h.text === state.text ? r : undefined;
    return this.hashOf(state) === r.hash ? r : undefined;
  }

  private readonly hashes = new Map<string, { text: string; hash: string }>();

  private hashOf(state: DocumentState): string {
    const h = this.hashes.get(state.key);
    if (h && h.text === state.text) return h.hash;
    const hash = contentHash(state.text);
    this.remember(state.key, state.text, hash);
    return hash;
  }

  /** A text's hash, for the 16 documents seen last. */
  private remember(key: string, text: string, hash: string): void {
    this.hashes.delete(key);
    this.hashes.set(key, { text, hash });
    if (this.hashes.size > 16) this.hashes.delete(this.hashes.keys().next().value!);
  }

  /**
   * Suggestions in the document's lines `from`..`to` (editor lines), for drawing: the whole
   * document's result when it is ready, else the corpus's decisions and the registry for these
   * lines (with every engine on its way in the background).
   */
  suggest(state: DocumentState, lines: { from: number; to: number }): EntitySuggestion[] {
    if (!state.resident) return [];
    const r = this.fresh(state);
    if (r && r.version !== this.contextOf(state.corpus).version) void this.forDocument(state);
    if (r) {
      const from = state.lines.cp.toCodePoint(state.lines.lineStart(lines.from));
      const to = state.lines.cp.toCodePoint(state.lines.lineStart(lines.to + 1));
      return this.current(state, r.suggestions).filter((s) => s.end > from && s.start < to);
    }
    void this.forDocument(state);
    const engines = this.engines().filter((e) => e === 'corpus' || e === 'registry');
    if (engines.length === 0) return [];
    const window = { start: state.lines.lineStart(lines.from), end: state.lines.lineStart(lines.to + 1) };
    const quick = suggestEntities(state.text, this.contextOf(state.corpus).context, { engines, window, cps: state.lines.cp, annotated: this.annotated(state) });
    return this.current(state, quick);
  }

  /** Every suggestion of the document by every engine on (or `engines`), highest score first when `ranked`. */
  async forDocument(state: DocumentState, engines?: EngineName[]): Promise<EntitySuggestion[]> {
    if (engines) return this.current(state, (await this.compute(state, engines)).suggestions);
    const r = this.fresh(state);
    if (r && r.version === this.contextOf(state.corpus).version) return this.current(state, r.suggestions);
    const key = state.key;
    let p = this.inFlight.get(key);
    if (!p) {
      const version = this.contextOf(state.corpus).version;
      const engineList = this.engines();
      p = this.compute(state, engineList).then(
        ({ suggestions, text }) => {
          this.inFlight.delete(key);
          const hash = contentHash(text);
          this.results.set(key, { length: state.length, hash, version, engines: engineList.join(), suggestions });
          if (state.resident) this.remember(key, text, hash);
          // Counts are the Documents view's after a pre-annotation run: kept current from then on.
          if (this.counts.has(key)) this.counts.set(key, this.current(state, suggestions).length);
          this.changed.fire();
          return suggestions;
        },
        (e) => {
          this.inFlight.delete(key);
          throw e;
        },
      );
      this.inFlight.set(key, p);
    }
    return this.current(state, await p);
  }

  private async compute(state: DocumentState, engines: EngineName[]): Promise<{ suggestions: EntitySuggestion[]; text: string }> {
    const held = await this.service.withText(state);
    if (!held) return { suggestions: [], text: '' };
    const c = this.contextOf(state.corpus);
    const pool = this.workerPool();
    const annotated = this.annotated(state);
    const job = { id: state.key, text: held.text, annotated: packSpans(annotated), engines };
    if (pool) {
      try {
        if (this.poolContext !== c) {
          const base = this.poolContext;
          const changes = base && changesSince(c, base);
          this.poolContext = c;
          const { registry, rejections } = c.context;
          if (changes) {
            // The registry goes only when it changed (corpus.yaml's entities can be thousands).
            await pool.updateContext({ changes, ...(registry !== base.context.registry ? { registry: registry ?? [] } : {}), rejections: rejections?.list() ?? [] });
          } else await pool.setContext(c.message());
        }
        return { suggestions: await pool.suggest(job), text: held.text };
      } catch (e) {
        this.service.log(`suggestion worker failed, computing here: ${e instanceof Error ? e.message : String(e)}`, 'warn');
        this.pool = undefined;
        void pool.dispose();
      }
    }
    this.mode = 'inline';
    // Let the editor breathe before the model's parse.
    await new Promise((r) => setTimeout(r, 0));
    return { suggestions: suggestEntities(held.text, c.context, { engines, annotated, cps: held.lines.cp }), text: held.text };
  }

  private workerPool(): SuggestPool | undefined {
    if (this.pool || !this.workerScript) return this.pool;
    try {
      this.pool = new SuggestPool(this.workerScript, 1);
      // A new worker has no context yet: the first job sends it whole, never changes to a context it lacks.
      this.poolContext = undefined;
      this.mode = 'worker';
    } catch (e) {
      this.service.log(`no suggestion worker: ${e instanceof Error ? e.message : String(e)}`, 'warn');
      this.workerScript = undefined;
    }
    return this.pool;
  }

  /** A pool as wide as the machine, for pre-annotating a corpus; the caller disposes of it. */
  widePool(): SuggestPool | undefined {
    if (!this.workerScript) return undefined;
    try {
      return new SuggestPool(this.workerScript);
    } catch {
      return undefined;
    }
  }

  /** Results computed elsewhere (pre-annotation) for documents whose text is still the same. */
  store(state: DocumentState, text: string, suggestions: EntitySuggestion[], version: number): void {
    this.results.set(state.key, { length: state.length, hash: contentHash(text), version, engines: this.engines().join(), suggestions });
    this.counts.set(state.key, this.current(state, suggestions).length);
  }

  /** Tells drawers and views that suggestions changed (a rejection, a pre-annotation run). */
  refresh(): void {
    for (const [key, r] of this.results) {
      const state = this.service.documentByKey(key);
      if (state) this.counts.set(key, this.current(state, r.suggestions).length);
    }
    this.changed.fire();
  }

  /**
   * The old ignore list (workspace state, texts only) moves to the sidecars: each ignored text
   * becomes a rejection, with the type it was suggested as, in the first document that contains it.
   */
  async migrateIgnored(): Promise<number> {
    const ignored = this.memento?.get<string[]>(LEGACY_IGNORED_KEY, []) ?? [];
    if (ignored.length === 0) return 0;
    let moved = 0;
    for (const text of ignored) {
      for (const state of this.service.allDocuments()) {
        const held = state.writable ? await this.service.withText(state) : undefined;
        const at = held ? held.text.indexOf(text) : -1;
        if (!held || at < 0) continue;
        const decided = this.contextOf(state.corpus).context.decisions?.decide(text);
        const type = decided?.type ?? state.corpus.config.entities.find((e) => e.name === text || e.aliases.includes(text))?.type;
        if (!type) break;
        const outcome = await this.service.reject(state, { text, type, context: held.text.slice(Math.max(0, at - 32), at + text.length + 32) });
        if (outcome.ok) moved++;
        break;
      }
    }
    await this.memento?.update(LEGACY_IGNORED_KEY, undefined);
    return moved;
  }

  dispose(): void {
    this.changed.dispose();
    void this.pool?.dispose();
  }
}

/** The changes from `base` to `c`, in order, when `c` was brought up to date from it step by step (at most MAX_STEPS back). */
function changesSince(c: CorpusContext, base: CorpusContext): TaggedChange[] | undefined {
  const steps: TaggedChange[][] = [];
  for (let at: CorpusContext | undefined = c; at; at = at.from?.context) {
    if (at === base) return steps.reverse().flat();
    if (!at.from) return undefined;
    steps.push(at.from.changes);
  }
  return undefined;
}

/** Lets go of contexts more than `steps` updates back, so the chain holds no old context alive. */
function forgetBeyond(c: CorpusContext, steps: number): void {
  let at: CorpusContext | undefined = c;
  for (let i = 0; at?.from && i < steps; i++) at = at.from.context;
  if (at) delete at.from;
}
