import * as vscode from 'vscode';
import { contentHash } from '../core/cache/contentHash';
import { CachedDocument, configHash, parseScanCacheSteps, ScanCache, serializeScanCacheSteps } from '../core/cache/scanCache';
import type { CorpusFolder, DocumentState } from './documentState';
import { createDirectory, readBytes, writeTextAtomic } from './fileSystem';
import type { LogLevel } from './log';
import { plural } from '../core/text/plural';

/**
 * Keeps each corpus's scan cache (src/core/cache/scanCache.ts) in the extension's workspace
 * storage, one file per workspace folder (see fileSystem.ts). Reading never fails: a
 * cache that cannot be read or trusted is logged and ignored, and the scan reads the files.
 */
export class ScanCacheStore implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: vscode.Uri,
    private readonly log: (message: string, level?: LogLevel) => void,
    /** Resolves when no foreground work runs (a command's read or write): reading and writing the cache wait for it between steps. */
    private readonly idle: () => Promise<void> = () => Promise.resolve(),
  ) {}

  private fileOf(corpus: CorpusFolder): vscode.Uri {
    return vscode.Uri.joinPath(this.dir, `scan-cache-${contentHash(corpus.folder.uri.toString())}.txt`);
  }

  async read(corpus: CorpusFolder): Promise<ScanCache | undefined> {
    const file = this.fileOf(corpus);
    let bytes: Uint8Array | undefined;
    const started = Date.now();
    let readAt = started;
    try {
      bytes = await readBytes(file);
      readAt = Date.now();
    } catch (e) {
      this.log(`scan cache unreadable (${file.path}): ${e instanceof Error ? e.message : String(e)}`, 'warn');
      return undefined;
    }
    const read = await runSteps(this.idle, parseScanCacheSteps(bytes, { corpus: corpus.folder.uri.toString(), config: configHash(corpus.configText) }, 200));
    if (!read.value) this.log(`scan cache not used: ${read.discarded.join('; ')}`);
    else {
      this.log(`scan cache read: ${plural(read.value.documents.size, 'document')} in ${Date.now() - started} ms (the file ${readAt - started} ms)${read.discarded.length ? ` (discarded: ${read.discarded.slice(0, 5).join('; ')})` : ''}`);
    }
    return read.value;
  }

  /** Writes every corpus's cache: the documents whose state is still what their files say. */
  save(corpora: Iterable<CorpusFolder>): Promise<void> {
    clearTimeout(this.timer);
    const list = [...corpora];
    this.saving = this.saving.then(async () => {
      for (const corpus of list) {
        const documents = new Map<string, CachedDocument>();
        for (const state of corpus.documents.values()) if (state.stamp) documents.set(state.key, entryOf(state));
        const started = Date.now();
        try {
          await createDirectory(this.dir);
          const pieces = await runSteps(this.idle, serializeScanCacheSteps({ corpus: corpus.folder.uri.toString(), config: configHash(corpus.configText), documents }, 200));
          await writeTextAtomic(this.fileOf(corpus), pieces);
          this.log(`scan cache saved: ${plural(documents.size, 'document')} in ${Date.now() - started} ms`);
        } catch (e) {
          this.log(`scan cache not saved: ${e instanceof Error ? e.message : String(e)}`, 'warn');
        }
      }
    });
    return this.saving;
  }

  /** Saves a while (`delay` ms) after the last change, so a burst of changes costs one write. */
  saveSoon(corpora: Iterable<CorpusFolder>, delay = 5_000): void {
    const list = [...corpora];
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(list), delay);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

/**
 * Runs a core generator to its end, letting other work run between its steps, and a command a
 * person waits for finish first: a cache of 10,000 documents is tens of megabytes of JSON, which
 * would hold the extension host for a second at once.
 */
async function runSteps<T>(idle: () => Promise<void>, steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
    await idle();
  }
}

function entryOf(state: DocumentState): CachedDocument {
  return {
    key: state.stamp!,
    info: state.info,
    ...(state.textHash !== undefined ? { textHash: state.textHash } : {}),
    length: state.length,
    entities: state.entities,
    facts: state.facts,
    problems: state.problems,
    rejections: state.rejections,
    hasSidecar: state.hasSidecar,
    writable: state.writable,
    reanchored: [...state.reanchored],
  };
}
