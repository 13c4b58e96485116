import { parseCorpusConfig } from '../src/core/corpus/config';
import { matchesAny } from '../src/core/corpus/glob';
import { splitSentences } from '../src/core/facts/sentences';
import { parseSidecar } from '../src/core/sidecar';
import { hostile } from '../test/support/hostile';
import { ms, table, time } from './stats';

/**
 * Issue 10's hostile inputs at growing sizes: each row should grow linearly (×2 input, about ×2
 * time) or stay flat when the input is refused at a bound. Median / p95 of 5 runs.
 */
const CASES: { name: string; sizes: number[]; unit: string; run: (n: number) => () => unknown }[] = [
  { name: 'sidecar: n × `author: *me`', sizes: [1000, 2000, 4000], unit: 'aliases', run: (n) => { const t = hostile.sidecarAliases(n); return () => parseSidecar(t); } },
  { name: 'corpus.yaml: n × `type: *t`', sizes: [1000, 2000, 4000], unit: 'aliases', run: (n) => { const t = hostile.configTypeAliases(n); return () => parseCorpusConfig(t); } },
  { name: 'corpus.yaml: n aliases, half repeated', sizes: [25_000, 50_000, 100_000], unit: 'aliases', run: (n) => { const t = hostile.configDuplicateAliases(n); return () => parseCorpusConfig(t); } },
  { name: 'sidecar: flow list of n items (refused)', sizes: [500_000, 1_000_000, 5_000_000], unit: 'items', run: (n) => { const t = hostile.flowList(n); return () => parseSidecar(t); } },
  { name: 'sidecar: n × `[` (refused)', sizes: [250_000, 500_000, 1_000_000], unit: 'brackets', run: (n) => { const t = hostile.brackets(n); return () => parseSidecar(t); } },
  { name: 'sentences: n characters of unmatched quotes', sizes: [100_000, 200_000, 400_000], unit: 'chars', run: (n) => { const t = hostile.unmatchedQuotes(n); return () => splitSentences(t); } },
  { name: 'sentences: n characters of `"Yes. No," he said.`', sizes: [250_000, 500_000, 1_000_000], unit: 'chars', run: (n) => { const t = hostile.saidQuotes(n); return () => splitSentences(t); } },
  { name: 'glob: k × `**/` against 20 folders', sizes: [10, 20, 40], unit: '`**`', run: (k) => { const g = hostile.globStars(k, 20); return () => matchesAny(g.path, [g.glob]); } },
  { name: 'glob: k × `*a` then `*b` against 30 `a`s', sizes: [10, 20, 40], unit: '`*a`', run: (k) => { const g = hostile.globStarA(k, 30); return () => matchesAny(g.path, [g.glob]); } },
];

export async function main(): Promise<void> {
  const rows: string[][] = [];
  for (const c of CASES) {
    const cells = [c.name];
    for (const n of c.sizes) {
      const fn = c.run(n);
      const t = await time(fn, 5, 1);
      cells.push(`${n.toLocaleString('en')} ${c.unit}: ${ms(t.median)} / ${ms(t.p95)}`);
    }
    rows.push(cells);
  }
  console.log(table(['input', 'n', '2n (or more)', '4n (or more)'], rows));
}
