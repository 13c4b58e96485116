import type { CorpusService } from '../../workspace/corpusService';
import type { SearchService } from './searchService';

/** What `corpusAnnotator.indexStatus` returns: plain data, this shape exactly (tests and other extensions read it). */
export interface IndexStatus {
  /** Corpus documents: found so far while the scan runs, else held. */
  documents: number;
  /** Documents read (or taken from the scan cache). */
  loaded: number;
  /** Documents in the fact index. */
  indexed: number;
  /** Facts and sentences in the fact index. */
  facts: number;
  /** Whether the scan or the first build of the fact index still runs. */
  building: boolean;
}

export function indexStatus(corpus: CorpusService, search: SearchService): IndexStatus {
  let loaded = 0;
  for (const c of corpus.corpora.values()) loaded += c.documents.size;
  const scanning = corpus.progress.scanning;
  const p = search.progress;
  return { documents: scanning ? Math.max(corpus.progress.documents, loaded) : loaded, loaded, indexed: p.indexed, facts: p.facts, building: scanning || p.building };
}
