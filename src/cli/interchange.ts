/**
 * Export and import over a corpus folder with Node's file system: the files in and out around the
 * core's exporters, importers and import plan (src/core/interchange). Sidecars are changed through
 * the core's SidecarWriter (comments and unknown keys kept, unparseable ones refused) and written
 * atomically; corpus.yaml through the core's CorpusConfigWriter.
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { CorpusConfigWriter } from '../core/corpus/config';
import { reanchorChanges } from '../core/corpus/documentModel';
import { planImport, type Dropped, type ExportDocument, type ImportSummary, type InputFile, type InterchangeFormat } from '../core/interchange';
import { hashText, SidecarWriter } from '../core/sidecar';
import { matchesAny } from '../core/corpus/glob';
import { writeFileAtomic, type LoadedCorpus } from './corpusLoader';
import { plural } from '../core/text/plural';

export interface ExportOutcome {
  files: string[];
  documents: number;
  annotations: number;
  dropped: Dropped[];
  warnings: string[];
}

export interface ImportOutcome extends Omit<ImportSummary, 'addedTypes' | 'addedEntities'> {
  /** Files written: sidecars and corpus.yaml. */
  written: string[];
}

export function exportDocuments(corpus: LoadedCorpus): ExportDocument[] {
  return corpus.documents.map((d) => ({ path: d.path, text: d.model.text, entities: d.model.entities, facts: d.model.facts }));
}

export async function exportCorpusTo(corpus: LoadedCorpus, format: InterchangeFormat, outDir: string): Promise<ExportOutcome> {
  const result = format.exportCorpus(exportDocuments(corpus), { types: corpus.config.types, registry: corpus.config.entities });
  const out = path.resolve(outDir);
  const warnings: string[] = [];
  const rel = path.relative(corpus.root, out).split(path.sep).join('/');
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) {
    const inCorpus = result.files.map((f) => (rel ? `${rel}/${f.path}` : f.path)).filter((p) => matchesAny(p, corpus.config.documents) && !matchesAny(p, corpus.config.exclude));
    if (inCorpus.length) warnings.push(`${plural(inCorpus.length, 'exported file')} ${inCorpus.length === 1 ? 'is' : 'are'} inside the corpus and ${inCorpus.length === 1 ? 'matches' : 'match'} its document globs (e.g. ${inCorpus[0]}): add "${rel || '.'}/**" to exclude in corpus.yaml, or export elsewhere`);
  }
  const files: string[] = [];
  for (const f of result.files) {
    const target = path.join(out, ...f.path.split('/'));
    await writeFileAtomic(target, f.content);
    files.push(target);
  }
  return { files, documents: result.documents, annotations: result.annotations, dropped: result.dropped, warnings };
}

/** The files an importer reads at `input`: the file itself, or the folder's files with the format's endings. */
export async function readImportInput(input: string, format: InterchangeFormat): Promise<InputFile[]> {
  const abs = path.resolve(input);
  const stat = await fsp.stat(abs).catch(() => undefined);
  if (!stat) throw new Error(`${input} does not exist`);
  if (stat.isFile()) {
    const files: InputFile[] = [{ path: path.basename(abs), content: await fsp.readFile(abs, 'utf8') }];
    // A single brat .ann needs its .txt.
    if (format.id === 'brat' && abs.endsWith('.ann')) {
      const txt = abs.slice(0, -4) + '.txt';
      const content = await fsp.readFile(txt, 'utf8').catch(() => undefined);
      if (content !== undefined) files.push({ path: path.basename(txt), content });
    }
    return files;
  }
  const files: InputFile[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== '.git' && e.name !== 'node_modules') await walk(path.join(dir, e.name), r);
      } else if (e.isFile() && format.extensions.some((x) => e.name.endsWith(x))) files.push({ path: r, content: await fsp.readFile(path.join(dir, e.name), 'utf8') });
    }
  };
  await walk(abs, '');
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return files;
}

export async function importInto(corpus: LoadedCorpus, format: InterchangeFormat, input: string, options: { created?: string } = {}): Promise<ImportOutcome> {
  const parsed = format.parse(await readImportInput(input, format));
  const plan = planImport(
    parsed,
    {
      documents: corpus.documents.map((d) => ({ path: d.path, text: d.model.text, entities: d.model.entities, facts: d.model.facts, writable: d.model.writable, sidecar: path.relative(corpus.root, d.sidecarFile).split(path.sep).join('/') })),
      types: corpus.config.types,
      registry: corpus.config.entities,
    },
    { created: options.created ?? new Date().toISOString() },
  );
  const written: string[] = [];
  if (plan.config.length) {
    const result = new CorpusConfigWriter().apply(corpus.configText, plan.config);
    if (!result.ok) {
      const p = result.problems[0];
      throw new Error(`${corpus.configFile} cannot be changed, so nothing was imported${p ? ` (line ${p.line}, column ${p.column}: ${p.message})` : ''}`);
    }
    await writeFileAtomic(corpus.configFile, result.text);
    corpus.configText = result.text;
    corpus.config = result.config;
    written.push(corpus.configFile);
  }
  const byPath = new Map(corpus.documents.map((d) => [d.path, d]));
  const outcome: ImportOutcome = { documents: 0, added: 0, duplicates: 0, moved: 0, orphaned: 0, skipped: [...plan.summary.skipped], notes: plan.summary.notes, written };
  for (const d of plan.documents) {
    const doc = byPath.get(d.path)!;
    if (d.changes.length) {
      // The sidecar as it is now, not as it was when the corpus was read.
      const disk = await fsp.readFile(doc.sidecarFile, 'utf8').catch(() => undefined);
      const textHash = hashText(doc.model.text);
      const result = new SidecarWriter().apply(disk, [...reanchorChanges(doc.model), ...d.changes, { kind: 'header', textHash }], { documentName: path.basename(doc.file), textHash });
      if (!result.ok) {
        const p = result.problems[0];
        outcome.skipped.push({ file: path.relative(corpus.root, doc.sidecarFile).split(path.sep).join('/'), reason: `left untouched: ${p ? `line ${p.line}, column ${p.column}: ${p.message}` : 'it cannot be written'}` });
        continue;
      }
      await writeFileAtomic(doc.sidecarFile, result.text);
      written.push(doc.sidecarFile);
    }
    outcome.documents++;
    outcome.added += d.added;
    outcome.duplicates += d.duplicates;
    outcome.moved += d.moved;
    outcome.orphaned += d.orphaned;
  }
  return outcome;
}
