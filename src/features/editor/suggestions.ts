import * as vscode from 'vscode';
import { findSuggestions, Suggestion, suggestionSources } from '../../core/corpus/suggestions';
import type { CorpusService } from '../../workspace/corpusService';
import type { DocumentState } from '../../workspace/documentState';

const IGNORED_KEY = 'corpusAnnotator.ignoredSuggestions';

/**
 * Suggested mentions: untagged occurrences of texts tagged elsewhere in the corpus or named in its
 * registry. The sources are rebuilt only when the corpus's tagged texts, its registry or the
 * ignored list change, not on every redraw.
 */
export class SuggestionSource implements vscode.Disposable {
  private ignoredVersion = 0;
  private readonly cache = new Map<string, { version: number; sources: ReturnType<typeof suggestionSources> }>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** The ignored list changed: what was drawn is out of date. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly service: CorpusService,
    private readonly memento: vscode.Memento,
  ) {}

  private ignored(): Set<string> {
    return new Set(this.memento.get<string[]>(IGNORED_KEY, []));
  }

  /** Suggestions in the document's lines `from`..`to` (editor lines). */
  suggest(state: DocumentState, lines: { from: number; to: number }): Suggestion[] {
    const version = this.service.annotationsVersion + this.ignoredVersion;
    const key = state.corpus.folder.uri.toString();
    let cached = this.cache.get(key);
    if (cached?.version !== version) {
      const tagged = [...state.corpus.documents.values()].flatMap((d) => d.entities.filter((a) => a.status !== 'orphaned'));
      cached = { version, sources: suggestionSources(tagged, state.corpus.config.entities) };
      this.cache.set(key, cached);
    }
    const window = { start: state.lines.lineStart(lines.from), end: state.lines.lineStart(lines.to + 1) };
    return findSuggestions(state.text, cached.sources, state.entities, { ignored: this.ignored(), window, cps: state.lines.cp });
  }

  /** Never suggest this text again in this workspace. */
  async ignore(text: string): Promise<void> {
    await this.memento.update(IGNORED_KEY, [...this.ignored(), text]);
    this.ignoredVersion++;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
