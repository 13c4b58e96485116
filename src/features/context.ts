import type * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from '../api';
import type { SettingsService } from '../settings';
import type { CorpusService } from '../workspace/corpusService';
import type { Log } from '../workspace/log';
import type { RegistryService } from '../workspace/registryService';
import type { SuggestionSource } from './suggestions/source';

/** The parts of the API that features provide (the composition root provides the rest). */
export type FeatureExports = Omit<CorpusAnnotatorApi, 'ready' | 'documents' | 'document' | 'reload' | 'service' | 'activationMs' | 'loadMs'>;

/**
 * What every feature's `register` gets: the services the composition root (src/extension.ts)
 * built, shared by all features. A feature registers its commands (features/commands.ts),
 * providers and listeners, and pushes every disposable to `extension.subscriptions`.
 */
export interface FeatureContext {
  /** VS Code's extension context: `subscriptions`, the mementos, the extension's URI. */
  extension: vscode.ExtensionContext;
  /** Every corpus of the workspace, kept in step with disk and editors; writes sidecars. */
  corpus: CorpusService;
  /** Writes the registry of canonical entities in corpus.yaml. */
  registry: RegistryService;
  /** The `corpusAnnotator.*` settings, typed (`current`), and `onDidChange`. */
  settings: SettingsService;
  /** The Output channel's log. */
  log: Log;
  /** Suggested (untagged) mentions of known entities: drawn by decorations, fixed by the editor's code actions. */
  suggestions: SuggestionSource;
  /** Resolves when the first scan of the workspace has finished. */
  ready: Promise<void>;
  /** Hands a feature's part of the API to `activate()`'s result. */
  expose(part: Partial<FeatureExports>): void;
}

/** A feature: a folder under src/features whose index exports `register`, listed in features/index.ts. */
export interface Feature {
  register(ctx: FeatureContext): void;
}
