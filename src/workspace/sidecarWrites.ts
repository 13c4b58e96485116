import * as vscode from 'vscode';
import { inverseOf } from '../core/annotations/inverse';
import { reanchor } from '../core/anchoring';
import { documentKey, sidecarKey } from '../core/cache/scanCache';
import { reanchorChanges } from '../core/corpus/documentModel';
import { addRejection, hashText, parseSidecar, readRejections, SidecarChange, SidecarWriter } from '../core/sidecar';
import type { Rejection } from '../core/suggest/types';
import type { LineIndex } from '../core/text/lineIndex';
import { basename, CorpusFolder, DocumentState } from './documentState';
import { readText, statFile, writeTextAtomic } from './fileSystem';
import type { LogLevel } from './log';
import { refused, refusedBy, WriteOutcome } from './outcome';
import type { UndoStacks } from './undoStack';
import type { WriteQueue } from './writeQueue';
import { plural } from '../core/text/plural';

/** What the write path needs from the corpus service that owns it. */
export interface WriteHost {
  readonly writeQueue: WriteQueue;
  readonly undoStacks: UndoStacks;
  log(message: string, level?: LogLevel): void;
  withText(state: DocumentState): Promise<{ text: string; lines: LineIndex } | undefined>;
  knownTypes(corpus: CorpusFolder): Set<string>;
  inForeground<T>(work: () => Promise<T>): Promise<T>;
  /** Sidecars this long or longer are parsed in the worker, not ahead of need. */
  sidecarThreshold(): number;
  /** A write fixed the document's text the annotations stand on (an editor's followed text). */
  editorWritten(state: DocumentState, text: string): void;
  /** A write changed the document's annotations (`reindex`) or only its rejections. */
  annotationsWritten(state: DocumentState, reindex: boolean): void;
}

/**
 * The sidecar write path: a change, undo and redo as read-modify-write against the sidecar on
 * disk, through each file's write queue and its cached `SidecarWriter`, written atomically and
 * recorded for undo; rejected suggestions; and the texts we wrote last, so the watcher can tell
 * our own writes from someone else's.
 */
export class SidecarWrites {
  /** Each document's writer, keeping the model of the sidecar text it last parsed or wrote. */
  readonly writers = new Map<string, SidecarWriter>();
  /** Text we last wrote to each sidecar, so our own writes do not trigger a reload. */
  private readonly ownWrites = new Map<string, string>();

  constructor(private readonly host: WriteHost) {}

  /** A document was opened in an editor: have its sidecar writer ready for the first change. */
  primeWriter(state: DocumentState): Promise<void> {
    return this.host.writeQueue.run(state.key, async () => {
      if (this.writers.has(state.key) || !state.hasSidecar) return;
      const text = await readText(state.sidecarUri);
      // A large sidecar is not parsed on this thread ahead of need: its first change parses it.
      if (text === undefined || text.length >= this.host.sidecarThreshold()) return;
      const writer = new SidecarWriter();
      writer.parse(text, { knownTypes: this.host.knownTypes(state.corpus) });
      this.writers.set(state.key, writer);
    });
  }

  /** A document's editor closed: its writer's cache is no longer worth its memory. */
  releaseWriter(key: string): void {
    this.writers.delete(key);
  }

  /** After a save: write what re-anchoring changed, so the sidecar matches the saved text. */
  async persistReanchoring(state: DocumentState): Promise<WriteOutcome> {
    if (state.reanchored.size === 0 || !state.hasSidecar) return { ok: true };
    return this.write(state, []);
  }

  /**
   * Applies a user's change to a document's annotations: read-modify-write against the sidecar as
   * it is on disk now, written atomically, recorded for undo. Refused when the sidecar is unparseable.
   */
  async change(state: DocumentState, label: string, changes: SidecarChange[]): Promise<WriteOutcome> {
    const inverse = inverseOf(state.entities, state.facts, changes);
    const outcome = await this.write(state, changes);
    if (outcome.ok && changes.length) this.host.undoStacks.record(state.key, { label, forward: changes, inverse });
    return outcome;
  }

  async undo(state: DocumentState): Promise<WriteOutcome<{ label: string }>> {
    const entry = this.host.undoStacks.popUndo(state.key);
    if (!entry) return refused('nothing-to-do', undefined, 'Nothing to undo in this document.');
    const outcome = await this.write(state, entry.inverse);
    if (outcome.ok) this.host.undoStacks.pushRedo(state.key, entry);
    else this.host.undoStacks.pushUndo(state.key, entry);
    return outcome.ok ? { ...outcome, label: entry.label } : outcome;
  }

  async redo(state: DocumentState): Promise<WriteOutcome<{ label: string }>> {
    const entry = this.host.undoStacks.popRedo(state.key);
    if (!entry) return refused('nothing-to-do', undefined, 'Nothing to redo in this document.');
    const outcome = await this.write(state, entry.forward);
    if (outcome.ok) this.host.undoStacks.pushUndo(state.key, entry);
    else this.host.undoStacks.pushRedo(state.key, entry);
    return outcome.ok ? { ...outcome, label: entry.label } : outcome;
  }

  private write(state: DocumentState, changes: SidecarChange[]): Promise<WriteOutcome> {
    return this.host.inForeground(() => this.host.writeQueue.run(state.key, () => this.doWrite(state, changes)));
  }

  private async doWrite(state: DocumentState, changes: SidecarChange[]): Promise<WriteOutcome> {
    const started = Date.now();
    const diskText = await readText(state.sidecarUri);
    const read = Date.now();
    const reanchored = reanchorChanges(state);
    let writer = this.writers.get(state.key);
    if (!writer) {
      writer = new SidecarWriter();
      this.writers.set(state.key, writer);
    }
    // A closed document's text is read for the write: the header's hash and re-anchoring need it.
    const current = await this.host.withText(state);
    if (!current) return refused('io-error', state.uri, 'the document file is gone');
    const textHash = hashText(current.text);
    const result = writer.apply(diskText, [...reanchored, ...changes, { kind: 'header', textHash }], { documentName: basename(state.uri), textHash });
    if (!result.ok) {
      this.host.log(`write refused for ${state.sidecarUri.path}: ${result.problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`).join('; ')}`, 'warn');
      // The state says whether the sidecar could be parsed when it was read: if it could, it changed on disk since.
      return refusedBy(state.sidecarUri, result.problems, state.writable && state.hasSidecar);
    }
    const applied = Date.now();
    try {
      await writeTextAtomic(state.sidecarUri, result.text);
    } catch (e) {
      this.writers.delete(state.key);
      return refused('io-error', state.sidecarUri, e instanceof Error ? e.message : String(e));
    }
    this.ownWrites.set(state.sidecarUri.toString(), result.text);
    this.host.log(`wrote ${state.sidecarUri.path}: ${plural(changes.length, 'change')}, ${reanchored.length} re-anchored (read ${read - started} ms, change ${applied - read} ms, write ${Date.now() - applied} ms)`);
    state.hasSidecar = true;
    state.writable = true;
    state.reanchored = new Set();
    // The written data may hold entries someone else added on disk meanwhile: re-anchor them too.
    state.entities = reanchor(current.text, result.data.entities, { index: current.lines.cp }).annotations;
    state.facts = reanchor(current.text, result.data.facts, { index: current.lines.cp }).annotations;
    state.textHash = textHash;
    this.host.editorWritten(state, current.text);
    // The sidecar changed with this write: stamped again (with the hash of what was written), so
    // the scan cache keeps the document; not while an editor holds unsaved text, which is no file's.
    state.stamp = undefined;
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === state.key && d.isDirty)) {
      const stampedAt = Date.now();
      const [textStat, sidecarStat] = await Promise.all([statFile(state.uri), statFile(state.sidecarUri)]);
      // Just written, so racy: the next start reads the document again rather than trust its stamps.
      if (textStat && sidecarStat) state.stamp = documentKey(textStat, sidecarKey(sidecarStat, result.text), stampedAt);
    }
    // Problems the parser found in hand-written entries stay until the next full read.
    const ids = new Set([...state.entities, ...state.facts].map((a) => a.id));
    state.problems = state.problems.filter((p) => !p.annotationId || ids.has(p.annotationId));
    this.host.annotationsWritten(state, true);
    return { ok: true };
  }

  /**
   * Adds a rejected suggestion to the document's sidecar (`rejections`, created with the sidecar if
   * there is none), through the same per-file queue as every other write. A sidecar that cannot be
   * parsed is never rewritten.
   */
  reject(state: DocumentState, rejection: Rejection): Promise<WriteOutcome> {
    return this.host.writeQueue.run(state.key, async () => {
      let diskText = await readText(state.sidecarUri);
      if (diskText === undefined) {
        const current = await this.host.withText(state);
        if (!current) return refused('io-error', state.uri, 'the document file is gone');
        const textHash = hashText(current.text);
        const created = new SidecarWriter().apply(undefined, [{ kind: 'header', textHash }], { documentName: basename(state.uri), textHash });
        if (!created.ok) return refusedBy(state.sidecarUri, created.problems);
        diskText = created.text;
      } else if (!parseSidecar(diskText).writable) return refusedBy(state.sidecarUri, parseSidecar(diskText).problems, state.writable && state.hasSidecar);
      const next = addRejection(diskText, rejection);
      if (next === undefined) return refused('unparseable', state.sidecarUri, '"rejections" is not a list');
      if (next !== diskText) {
        try {
          await writeTextAtomic(state.sidecarUri, next);
        } catch (e) {
          return refused('io-error', state.sidecarUri, e instanceof Error ? e.message : String(e));
        }
        this.ownWrites.set(state.sidecarUri.toString(), next);
        this.writers.delete(state.key);
        this.host.log(`wrote ${state.sidecarUri.path}: rejected "${rejection.text}" as ${rejection.type}`);
      }
      state.hasSidecar = true;
      // The sidecar is no longer what the scan cache's stamp says.
      state.stamp = undefined;
      state.rejections = readRejections(next).value;
      this.host.annotationsWritten(state, false);
      return { ok: true };
    });
  }

  /** Our own writes are not external changes: the watcher skips a file whose text we just wrote. */
  rememberOwnWrite(uri: vscode.Uri, text: string): void {
    this.ownWrites.set(uri.toString(), text);
  }

  /** Whether `text` is what we last wrote to the file. */
  isOwnWrite(uri: vscode.Uri, text: string): boolean {
    return text === this.ownWrites.get(uri.toString());
  }

  forgetOwnWrite(uri: vscode.Uri): void {
    this.ownWrites.delete(uri.toString());
  }
}
