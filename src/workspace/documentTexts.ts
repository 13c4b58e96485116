import { LineIndex } from '../core/text/lineIndex';
import { normalizeText } from '../core/text/normalize';
import type { DocumentState } from './documentState';
import { readText } from './fileSystem';

/**
 * Documents' texts for the moment they are needed: an open document holds its own; a closed
 * one's is read from disk, and the last few read are kept (a view listing a document's mentions
 * asks once per mention).
 */
export class DocumentTexts {
  private readonly recent = new Map<string, { length: number; value: { text: string; lines: LineIndex } }>();

  /** The document's file changed or it left the corpus: a kept text is stale. */
  forget(key: string): void {
    this.recent.delete(key);
  }

  /**
   * A document's text and line index: the held ones of an open document, else read from disk for
   * the caller's moment (normalised; the state is not changed). Undefined when the file is gone.
   */
  async withText(state: DocumentState): Promise<{ text: string; lines: LineIndex } | undefined> {
    if (state.resident) return { text: state.text, lines: state.lines };
    const recent = this.recent.get(state.key);
    if (recent && recent.length === state.length) return recent.value;
    const raw = await readText(state.uri);
    if (raw === undefined) return undefined;
    const text = normalizeText(raw);
    const value = { text, lines: new LineIndex(text) };
    // A view listing a document's mentions asks once per mention: keep the last few texts read.
    this.recent.delete(state.key);
    this.recent.set(state.key, { length: state.length, value });
    if (this.recent.size > 8) this.recent.delete(this.recent.keys().next().value!);
    return value;
  }

  /** A document's text only (no line index, not kept): the held one, else read from disk. */
  async textOf(state: DocumentState): Promise<string | undefined> {
    if (state.resident) return state.text;
    const raw = await readText(state.uri);
    return raw === undefined ? undefined : normalizeText(raw);
  }
}
