import * as vscode from 'vscode';
import type { Problem } from '../../core/problems';
import type { CorpusService } from '../../workspace/corpusService';
import type { EntityAnnotation, FactAnnotation } from '../../core/model';
import type { LineIndex } from '../../core/text/lineIndex';
import type { DocumentState } from '../../workspace/documentState';

const SEVERITY: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function atProblem(p: Problem): vscode.Diagnostic {
  const pos = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
  const d = new vscode.Diagnostic(new vscode.Range(pos, pos.translate(0, 1)), p.message, SEVERITY[p.severity]);
  d.source = 'Corpus Annotator';
  d.code = p.code;
  return d;
}

/**
 * Problems panel entries: sidecar and corpus.yaml problems on those files at their lines; moved
 * and orphaned annotations on the document, so a person can review them.
 */
export class Diagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('corpusAnnotator');
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly service: CorpusService) {
    this.disposables.push(
      service.onDidChangeDocument((s) => this.update(s)),
      service.onDidChangeCorpus(() => this.updateAll()),
    );
  }

  /**
   * Sends every corpus's entries in one batch. A corpus change (a scan showing 10,000 documents
   * from its cache) used to send two messages per document to the workbench, nearly all of them
   * empty: 20,000 round trips' worth of the extension host's thread.
   */
  updateAll(): void {
    const batch: [vscode.Uri, vscode.Diagnostic[]][] = [];
    for (const corpus of this.service.corpora.values()) {
      if (corpus.configProblems.length) batch.push([corpus.configUri, corpus.configProblems.map(atProblem)]);
      for (const state of corpus.documents.values()) for (const entry of this.entriesOf(state)) if (entry[1].length) batch.push(entry);
    }
    this.collection.clear();
    this.collection.set(batch);
  }

  update(state: DocumentState): void {
    for (const [uri, list] of this.entriesOf(state)) {
      // An empty list where there was none already is no news to the workbench.
      if (list.length || this.collection.has(uri)) this.collection.set(uri, list);
    }
  }

  /** A document's entries that are known at once; a closed document's review entries follow once its text is read. */
  private entriesOf(state: DocumentState): [vscode.Uri, vscode.Diagnostic[]][] {
    const sidecar: [vscode.Uri, vscode.Diagnostic[]] = [state.sidecarUri, state.problems.map(atProblem)];
    // A walk, not a filtered copy of both lists: a scan's corpus change passes every document here.
    const review: (EntityAnnotation | FactAnnotation)[] = [];
    for (const list of [state.entities, state.facts]) for (const a of list) if (a.status === 'moved' || a.status === 'orphaned') review.push(a);
    if (review.length === 0) return [sidecar, [state.uri, []]];
    if (state.resident) return [sidecar, [state.uri, this.reviewEntries(state, state.lines, review)]];
    // A closed document holds no text: its review entries are placed once it is read.
    void this.service.withText(state).then((held) => held && this.collection.set(state.uri, this.reviewEntries(state, held.lines, review)));
    return [sidecar];
  }

  private reviewEntries(state: DocumentState, lines: LineIndex, review: (EntityAnnotation | FactAnnotation)[]): vscode.Diagnostic[] {
    const place = (a: { start: number; end: number }) => {
      const s = lines.positionAt(a.start);
      const e = lines.positionAt(a.end);
      return new vscode.Range(s.line, s.character, e.line, e.character);
    };
    const onDocument: vscode.Diagnostic[] = [];
    for (const a of review) {
      const kind = 'type' in a ? `${a.type} annotation` : 'fact';
      if (a.status === 'moved') {
        const d = new vscode.Diagnostic(place(a), `Moved ${kind} "${a.text}": the text around it changed and its position was guessed or cut. Check it, then use the quick fix Confirm Position, or fix its boundaries with Grow/Shrink Annotation (Alt+B, then an arrow), which confirms it too.`, vscode.DiagnosticSeverity.Warning);
        d.code = 'moved';
        d.source = 'Corpus Annotator';
        onDocument.push(d);
      } else if (a.status === 'orphaned') {
        const at = Math.min(a.start, state.length);
        const d = new vscode.Diagnostic(place({ start: at, end: at }), `Orphaned ${kind} "${a.text}" (id ${a.id}): its text is no longer in the document. It is kept in the sidecar; re-tag it or remove it.`, vscode.DiagnosticSeverity.Warning);
        d.code = 'orphaned';
        d.source = 'Corpus Annotator';
        onDocument.push(d);
      }
    }
    return onDocument;
  }

  get(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  dispose(): void {
    this.collection.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
