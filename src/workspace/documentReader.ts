import type * as vscode from 'vscode';
import { CachedDocument, DocumentKey, documentKey, sidecarKey } from '../core/cache/scanCache';
import { assembleDocumentModel, DocumentModel, prepareDocument, readSidecarText, withOwnStrings } from '../core/corpus/documentModel';
import { SidecarWriter } from '../core/sidecar';
import { LineIndex } from '../core/text/lineIndex';
import { basename, CorpusFolder, DocumentFields, sidecarUriOf } from './documentState';
import { readText, statFile } from './fileSystem';
import type { SidecarReader } from './sidecarReader';

/** The fields every document state keeps, as read from the files (the rest comes from where it lives). */
export type ReadFields = Omit<DocumentFields, 'key' | 'uri' | 'sidecarUri' | 'corpus'>;

/** A document as read: its text (held only while it is open) and its fields, and where they came from. */
export interface ReadDocument {
  text?: { text: string; lines: LineIndex };
  fields: ReadFields;
  source: 'cache' | 'read';
}

/**
 * Reads a document's text and sidecar into the fields of its state: from an editor's unsaved text,
 * from the scan cache while its entry's stamps hold, or from disk. Knows nothing of the service's
 * bookkeeping (what was loaded, events): CorpusService.doLoad does that with what this returns.
 */
export class DocumentReader {
  constructor(
    private readonly sidecars: SidecarReader,
    /** The sidecar writers of open documents (SidecarWrites.writers): a read replaces a document's. */
    private readonly writers: Map<string, SidecarWriter>,
    private readonly knownTypes: (corpus: CorpusFolder) => Set<string>,
  ) {}

  /** From an open editor's text, which holds unsaved edits (no file's state: no stamp). */
  async fromEditor(corpus: CorpusFolder, uri: vscode.Uri, editorText: string): Promise<ReadDocument> {
    const model = await this.readModel(corpus, uri, editorText, await readText(sidecarUriOf(uri)), true);
    return { ...split(model, undefined), source: 'read' };
  }

  /** From a scan cache entry, trusted as it is (the scan checks its stamps afterwards). */
  fromCache(cached: CachedDocument): ReadDocument {
    return { fields: fieldsOf(cached), source: 'cache' };
  }

  /**
   * From disk; undefined when the file is gone. `inWorker`: a closed local document is read in the
   * sidecar worker's thread (the scan's reads), where it is the same work as below.
   */
  async fromDisk(corpus: CorpusFolder, uri: vscode.Uri, isOpen: boolean, inWorker = false): Promise<ReadDocument | undefined> {
    const sidecarUri = sidecarUriOf(uri);
    if (inWorker && !isOpen && uri.scheme === 'file') {
      const read = await this.sidecars.load(uri.fsPath, sidecarUri.fsPath, basename(uri), this.knownTypes(corpus));
      this.writers.delete(uri.toString());
      if (read && 'entry' in read) return read.entry ? { fields: fieldsOf(read.entry), source: 'read' } : undefined;
      // The worker failed (or there is none): this thread reads the document, and meets any error of its files itself.
    }
    // Stamps first: if a file changes while it is read, the next start sees a newer stamp and reads it again.
    const stampedAt = Date.now();
    const [textStat, sidecarStat] = await Promise.all([statFile(uri), statFile(sidecarUri)]);
    const [raw, sidecarText] = await Promise.all([textStat && readText(uri), sidecarStat && readText(sidecarUri)]);
    if (raw === undefined) return undefined;
    const sidecar = sidecarStat && sidecarText !== undefined ? sidecarKey(sidecarStat, sidecarText) : undefined;
    const stamp: DocumentKey | undefined = textStat && documentKey(textStat, sidecar, stampedAt);
    const read = split(await this.readModel(corpus, uri, raw, sidecarText, isOpen), stamp);
    return { ...read, fields: isOpen ? read.fields : withOwnStrings(read.fields), source: 'read' };
  }

  private async readModel(corpus: CorpusFolder, uri: vscode.Uri, rawText: string, sidecarText: string | undefined, isOpen: boolean): Promise<DocumentModel> {
    const doc = prepareDocument(basename(uri), rawText, sidecarText, this.knownTypes(corpus));
    this.writers.delete(uri.toString());
    if (!doc.sidecar || sidecarText === undefined) return assembleDocumentModel(doc, undefined);
    // A large sidecar is parsed in the worker (the result comes back as plain data, so no writer is
    // primed with it: its first change parses again, and is refused if the file is unparseable).
    if (sidecarText.length >= this.sidecars.threshold) return assembleDocumentModel(doc, await this.sidecars.read(sidecarText, doc.sidecar.options));
    // A document open in an editor is where changes happen: parse its sidecar through a writer
    // it keeps, so the first change needs no second parse. Closed documents keep no writer (at
    // 10,000 documents that cache would hold hundreds of megabytes).
    const writer = isOpen ? new SidecarWriter() : undefined;
    if (writer) this.writers.set(uri.toString(), writer);
    return assembleDocumentModel(doc, readSidecarText(sidecarText, { ...doc.sidecar.options, documentIndex: doc.lines.cp }, writer));
  }
}

/** A scan cache entry's fields as a state keeps them: the entry's `key` is its files' stamp (the state's `key` is the document's URI). */
function fieldsOf(cached: CachedDocument): ReadFields {
  const { key: stamp, ...entry } = cached;
  return { ...entry, reanchored: new Set(entry.reanchored), stamp };
}

/** A model read from the files: its text (to hold while open) and the fields every state keeps. */
function split(m: DocumentModel, stamp: DocumentKey | undefined): { text: { text: string; lines: LineIndex }; fields: ReadFields } {
  const { text, lines, ...rest } = m;
  return { text: { text, lines }, fields: { ...rest, length: lines.cp.length, stamp } };
}
