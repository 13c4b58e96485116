import { probeTable, runProbe } from '../test/support/reanchorProbe';

/**
 * Issue 10's re-anchoring probe at full size: 600 trials of 1–6 random edits over 200 annotations
 * each (20 % with CRLF line endings, 20 % with a BOM), in the three ways re-anchoring is called.
 * Prints the outcome table (the unit suite runs the same probe with fewer trials).
 */
export async function main(): Promise<void> {
  const trials = Number(process.env.REANCHOR_TRIALS ?? 600);
  const t0 = performance.now();
  const res = runProbe({ seed: 20261130, trials, annotationsPerTrial: 200, maxEdits: 6 });
  console.log(probeTable(res));
  console.log(`\n${trials} trials in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  for (const x of res.examples.slice(0, 6)) console.log(`- ${x.mode}: ${x.outcome}: "${x.quote}" truth ${JSON.stringify(x.truth)} got ${JSON.stringify(x.got)} (trial ${x.trial})`);
}
