// First: it starts the clock of the modules' evaluation (see loadClock.ts).
import { loadStarted } from './loadClock';
import { createHash } from 'crypto';
import type * as vscode from 'vscode';
import type { CorpusAnnotatorApi } from './api';
import { FeatureContext, FeatureExports } from './features/context';
import { SUGGEST_WORKER, SuggestionSource } from './features/suggestions/source';
import { FEATURES } from './features';
import { SettingsService } from './settings';
import { CorpusService } from './workspace/corpusService';
import { Log } from './workspace/log';
import { RegistryService } from './workspace/registryService';
import { useNativeSha256 } from './core/sidecar/hash';

/**
 * The composition root: builds the shared services, lets every feature register itself (see
 * src/features/index.ts), starts watching and scanning, and returns the API. No feature logic here.
 */
export function activate(context: vscode.ExtensionContext): CorpusAnnotatorApi {
  const started = performance.now();
  // Texts are hashed (sha256) when read and written: Node's hash rather than the core's plain one.
  useNativeSha256(createHash);
  const log = new Log();
  const settings = new SettingsService();
  // The scan cache lives in the extension's workspace storage (none without a workspace).
  // Large sidecars are parsed in a worker thread (esbuild bundles it next to the extension).
  const corpus = new CorpusService(log, () => settings.current.author, context.storageUri, context.asAbsolutePath('dist/workspace/sidecarWorker.js'));
  const registry = new RegistryService(corpus);
  const suggestions = new SuggestionSource(corpus, settings, context.asAbsolutePath(SUGGEST_WORKER.join('/')), context.workspaceState);
  context.subscriptions.push(corpus, settings, suggestions, log);

  let scanned: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (scanned = resolve));
  const exported: Partial<FeatureExports> = {};
  const ctx: FeatureContext = { extension: context, corpus, registry, settings, log, suggestions, ready, expose: (part) => Object.assign(exported, part) };
  for (const feature of FEATURES) feature.register(ctx);

  corpus.watch();
  void corpus.scan().then(scanned);
  // The extension's own activation time; the scan runs in the background from here.
  const activationMs = performance.now() - started;
  const loadMs = started - loadStarted;
  log.write(`activated in ${activationMs.toFixed(1)} ms (its modules evaluated in ${loadMs.toFixed(1)} ms before)`);

  return {
    ...complete(exported),
    ready,
    documents: () => corpus.allDocuments().map((d) => d.uri),
    document: (uri) => corpus.getDocument(uri),
    reload: async (uri) => {
      const state = corpus.getDocument(uri);
      if (state) await corpus.loadDocument(state.corpus, uri);
    },
    service: corpus,
    activationMs,
    loadMs,
  };
}

/** Every part of the API a feature should have exposed; a missing one is a wiring bug, said at once. */
function complete(parts: Partial<FeatureExports>): FeatureExports {
  const required: (keyof FeatureExports)[] = ['diagnostics', 'decorationKey', 'suggestions', 'statusText', 'drawNow', 'views', 'search', 'searchBox'];
  const missing = required.filter((k) => parts[k] === undefined);
  if (missing.length) throw new Error(`Corpus Annotator: no feature exposed ${missing.join(', ')}`);
  return parts as FeatureExports;
}

export function deactivate(): void {}
