/**
 * The fact index's snapshot on disk, for the search worker (Node's `fs`: the worker runs beside the
 * extension host, and the workspace storage it is given is a local folder). No `vscode` here.
 *
 * Two kinds of file in the folder:
 * - `fact-index.bin`: the snapshot (src/core/search/indexSnapshot.ts), replaced whole and atomically
 *   (written beside, then renamed) at each save;
 * - `fact-texts-<id>.bin`: the sentence texts, UTF-8, appended to at each save and read a text at a
 *   time while searching, so the worker holds none of them in memory. A save that finds more than
 *   half of it unused writes a new one (a new id) and deletes the old after the snapshot is in place.
 * The snapshot names its texts file and the length it had; a texts file that is missing or shorter
 * makes the snapshot untrusted, and the index is built from the documents as on a first start.
 */
import { closeSync, existsSync, fstatSync, fsync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, write, writeSync } from 'fs';
import { randomBytes } from 'crypto';
import { promisify } from 'util';
import { join } from 'path';
import type { FactIndex } from '../../core/search/factIndex';
import { decodeSnapshot, encodeSnapshotSteps, moved as movedToStore, storedBytes, textsToStore, type SnapshotSource } from '../../core/search/indexSnapshot';
import type { TextStore } from '../../core/search/indexState';
import { ALIVE, HELD } from '../../core/search/facets';

const INDEX_FILE = 'fact-index.bin';
const TEXTS_MAGIC = Buffer.from('CATEXTS1');
/** Off this thread (the pool's), so queries are answered while the disk catches up. */
const flushToDisk = promisify(fsync);
/** Also off this thread: the snapshot's 130 MB (10,000 documents) written here held it for 200 ms of a save's 700. */
const writeAt = promisify(write);

/** Reads texts from an open texts file by position. */
class FileTextStore implements TextStore {
  private buf = Buffer.allocUnsafe(64 * 1024);

  constructor(
    readonly name: string,
    readonly fd: number,
    public length: number,
  ) {}

  read(offset: number, length: number): string {
    if (this.buf.length < length) this.buf = Buffer.allocUnsafe(Math.max(length, this.buf.length * 2));
    const n = readSync(this.fd, this.buf, 0, length, offset);
    if (n !== length) throw new Error(`the fact index's texts file ${this.name} is shorter than the index says`);
    return this.buf.toString('utf8', 0, length);
  }

  /** Appends bytes at the end. */
  append(bytes: Uint8Array): number {
    const at = this.length;
    let done = 0;
    while (done < bytes.byteLength) done += writeSync(this.fd, bytes, done, bytes.byteLength - done, at + done);
    this.length += bytes.byteLength;
    return at;
  }

  close(): void {
    closeSync(this.fd);
  }
}

export interface LoadOutcome {
  /** Documents restored, held until confirmed. */
  documents: number;
  slots: number;
  ms: number;
  /** Why no snapshot was used (absent when one was). */
  skipped?: string;
}

export interface SaveOutcome {
  ms: number;
  /** Texts moved out of memory into the texts file by this save. */
  movedTexts: number;
  bytes: number;
  /** Whether the texts file was rewritten (a new one, without unused bytes). */
  rewritten: boolean;
  /** The snapshot file's size and time as written: a load can ask for exactly this one (see `load`). */
  file: SnapshotFileStamp;
  /** Of `ms`, the time the save waited for searches to pause (set by the worker, see `stepAside`). */
  steppedAsideMs?: number;
}

/** A snapshot file's size and modification time. */
export interface SnapshotFileStamp {
  size: number;
  mtimeMs: number;
}

/** The snapshot files of one workspace, and the texts file the index reads from. */
export class SnapshotFiles {
  private store: FileTextStore | undefined;
  /** Where texts are encoded before they are appended (reused: the build spills often). */
  private readonly chunk = new Uint8Array(4 * 1024 * 1024);

  constructor(private readonly dir: string) {}

  /**
   * Restores `index` from the snapshot when there is one made with `stamp` (and, with `expect`, only
   * when the file is still the one a save reported); otherwise says why and leaves it.
   */
  load(index: FactIndex, stamp: string, expect?: SnapshotFileStamp): LoadOutcome & { keys?: Map<string, string> } {
    const started = Date.now();
    const outcome = (skipped: string): LoadOutcome => ({ documents: 0, slots: 0, ms: Date.now() - started, skipped });
    const file = join(this.dir, INDEX_FILE);
    if (!existsSync(file)) return outcome('no snapshot yet');
    let fd: number;
    let byteLength: number;
    try {
      fd = openSync(file, 'r');
      const st = fstatSync(fd);
      byteLength = st.size;
      if (expect && (st.size !== expect.size || st.mtimeMs !== expect.mtimeMs)) {
        closeSync(fd);
        return outcome('the snapshot file is not the one last saved');
      }
    } catch (e) {
      return outcome(`the snapshot cannot be read: ${e instanceof Error ? e.message : String(e)}`);
    }
    // Each section is read into its own array: the file (155 MB at 10,000 documents) is never in memory whole.
    const source: SnapshotSource = {
      byteLength,
      read: (offset, length, spare = 0) => {
        const out = new Uint8Array(length + spare);
        for (let done = 0; done < length; ) {
          const n = readSync(fd, out, done, length - done, offset + done);
          if (n === 0) throw new Error('the snapshot file ended early');
          done += n;
        }
        return out;
      },
    };
    let store: FileTextStore | undefined;
    let decoded: ReturnType<typeof decodeSnapshot>;
    try {
      decoded = decodeSnapshot(source, undefined, {
        stamp,
        textStore: (name) => {
          const [fileName, length] = splitStoreName(name);
          if (!/^fact-texts-[0-9a-f]+\.bin$/.test(fileName)) return false;
          store = this.openStore(fileName, length);
          return store !== undefined;
        },
      });
    } catch (e) {
      store?.close();
      return outcome(`the snapshot cannot be read: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      closeSync(fd);
    }
    if (!decoded.value) {
      store?.close();
      return outcome(decoded.problems.map((p) => p.message).join('; '));
    }
    decoded.value.state.store = store;
    this.replaceStore(store);
    index.restore(decoded.value.state);
    return { documents: index.heldCount, slots: decoded.value.header.slots, ms: Date.now() - started, keys: decoded.value.keys };
  }

  /**
   * Writes the snapshot of `index`: texts still in memory go to the texts file first (and out of
   * memory), then the snapshot replaces the last one. `pause` lets the worker answer queries
   * between chunks; the index must not change until the returned promise settles.
   */
  async save(index: FactIndex, stamp: string, keys: ReadonlyMap<string, string>, pause: () => Promise<void>): Promise<SaveOutcome> {
    const started = Date.now();
    mkdirSync(this.dir, { recursive: true });
    const st = index.state;
    let store = this.store;
    const live = storedBytes(st);
    // Rewrite when most of the file is texts no slot points to any more (or the index has another store).
    const rewrite = !store || st.store !== store || store.length - TEXTS_MAGIC.length > 2 * live + 16 * 1024 * 1024;
    const old = store;
    if (rewrite) {
      store = this.createStore();
      await this.copyStored(index, old, store, pause);
    }
    const target = store!;
    let movedTexts = 0;
    for (let from = 0; from < st.slots; ) {
      const step = this.moveTexts(st, target, from, 20_000);
      movedTexts += step.moved;
      from = step.next;
      if (from < st.slots) await pause();
    }
    await flushToDisk(target.fd);
    const steps = encodeSnapshotSteps(st, { stamp, textStore: `${target.name}:${target.length}`, keys });
    let step = steps.next();
    for (; !step.done; step = steps.next()) await pause();
    const tmp = join(this.dir, `${INDEX_FILE}.${process.pid}.tmp`);
    const fd = openSync(tmp, 'w');
    let bytes = 0;
    try {
      for (const p of step.value) {
        // Large parts (the postings) go in pieces, queries answered meanwhile.
        // The parts are views of the index's arrays too, which no change touches until the save is over.
        for (let done = 0; done < p.byteLength; ) done += (await writeAt(fd, p, done, Math.min(p.byteLength - done, 8 * 1024 * 1024))).bytesWritten;
        bytes += p.byteLength;
      }
      await flushToDisk(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(this.dir, INDEX_FILE));
    const written = statSync(join(this.dir, INDEX_FILE));
    if (target !== old) {
      this.replaceStore(target);
      this.removeOtherTexts(target.name);
    }
    return { ms: Date.now() - started, movedTexts, bytes, rewritten: rewrite, file: { size: written.size, mtimeMs: written.mtimeMs } };
  }

  /**
   * Moves the texts held in memory to the texts file now, without a snapshot: the search worker
   * calls it as the first build goes, so the texts never pile up in its heap (at 10,000 documents
   * they were about 300 MB of it). Returns how many moved.
   */
  spill(index: FactIndex): number {
    const st = index.state;
    if (!this.store || st.store !== this.store) {
      // A texts file of another index (one restored, then cleared) is not this one's to append to.
      if (st.store) return 0;
      mkdirSync(this.dir, { recursive: true });
      this.replaceStore(this.createStore());
      st.store = this.store;
      this.removeOtherTexts(this.store!.name);
    }
    return this.moveTexts(st, this.store!, 0, Infinity).moved;
  }

  /** Moves up to `max` texts held in memory, from slot `from` on, to `target`; the slot after the last one looked at. */
  private moveTexts(st: FactIndex['state'], target: FileTextStore, from: number, max: number): { next: number; moved: number } {
    const encoder = new TextEncoder();
    let chunk = this.chunk;
    let used = 0;
    let moved = 0;
    let batch: [number, number, number][] = [];
    const flush = (): void => {
      if (!used) return;
      const at = target.append(chunk.subarray(0, used));
      for (const [slot, off, len] of batch) movedToStore(st, slot, at + off, len);
      moved += batch.length;
      batch = [];
      used = 0;
    };
    let next = st.slots;
    for (const { slot, text } of textsToStore(st, from)) {
      if (moved + batch.length >= max) {
        next = slot;
        break;
      }
      if (chunk.length - used < text.length * 3) {
        flush();
        if (chunk.length < text.length * 3) chunk = new Uint8Array(text.length * 3);
      }
      const { written } = encoder.encodeInto(text, chunk.subarray(used));
      batch.push([slot, used, written]);
      used += written;
    }
    flush();
    return { next, moved };
  }

  dispose(): void {
    this.store?.close();
    this.store = undefined;
  }

  private openStore(fileName: string, length: number): FileTextStore | undefined {
    const path = join(this.dir, fileName);
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r+');
      const size = fstatSync(fd).size;
      const head = Buffer.alloc(TEXTS_MAGIC.length);
      readSync(fd, head, 0, head.length, 0);
      if (size < length || !head.equals(TEXTS_MAGIC)) {
        closeSync(fd);
        return undefined;
      }
      // Bytes past `length` are from a save that did not finish: they are overwritten by the next.
      return new FileTextStore(fileName, fd, length);
    } catch {
      if (fd !== undefined) closeSync(fd);
      return undefined;
    }
  }

  private createStore(): FileTextStore {
    const name = `fact-texts-${randomBytes(6).toString('hex')}.bin`;
    const fd = openSync(join(this.dir, name), 'w+');
    writeSync(fd, TEXTS_MAGIC, 0, TEXTS_MAGIC.length, 0);
    return new FileTextStore(name, fd, TEXTS_MAGIC.length);
  }

  /**
   * Copies the stored texts of live and held slots from `from` into `to`. The slots are repointed
   * all at once at the end, so a query between chunks reads every text from `from` as before.
   */
  private async copyStored(index: FactIndex, from: FileTextStore | undefined, to: FileTextStore, pause: () => Promise<void>): Promise<void> {
    const st = index.state;
    if (!from || st.store !== from) {
      // Texts in a store this one did not open (none, normally) come back into memory, to be written by the save.
      for (let s = 0; s < st.slots; s++) {
        if (st.storeAt[s] < 0) continue;
        if (st.flags[s] & (ALIVE | HELD) && st.store) st.texts[s] = st.text(s);
        st.storeAt[s] = -1;
      }
      st.store = to;
      return;
    }
    const next = new Float64Array(st.slots).fill(-1);
    let buf = Buffer.allocUnsafe(4 * 1024 * 1024);
    let used = 0;
    let batch: [number, number][] = [];
    const flush = (): void => {
      if (!used) return;
      const at = to.append(buf.subarray(0, used));
      for (const [slot, off] of batch) next[slot] = at + off;
      batch = [];
      used = 0;
    };
    let n = 0;
    for (let s = 0; s < st.slots; s++) {
      if (!(st.flags[s] & (ALIVE | HELD)) || st.storeAt[s] < 0) continue;
      const len = st.storeLength[s];
      if (buf.length - used < len) {
        flush();
        if (buf.length < len) buf = Buffer.allocUnsafe(len);
      }
      readSync(from.fd, buf, used, len, st.storeAt[s]);
      batch.push([s, used]);
      used += len;
      if (++n % 20_000 === 0) {
        flush();
        await pause();
      }
    }
    flush();
    for (let s = 0; s < st.slots; s++) st.storeAt[s] = next[s];
    st.store = to;
  }

  private replaceStore(next: FileTextStore | undefined): void {
    if (this.store && this.store !== next) this.store.close();
    this.store = next;
  }

  private removeOtherTexts(keep: string | undefined): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const n of names) if (/^fact-texts-[0-9a-f]+\.bin$/.test(n) && n !== keep) rmSync(join(this.dir, n), { force: true });
  }
}

function splitStoreName(name: string): [string, number] {
  const i = name.lastIndexOf(':');
  return i < 0 ? [name, NaN] : [name.slice(0, i), Number(name.slice(i + 1))];
}
