import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * `npm run bench [-- name…]`: runs every `bench/*.bench.ts` (compiled to out/bench) in turn, or
 * only those whose name contains one of the arguments. Each bench prints its own markdown tables.
 */
interface BenchModule {
  main(): Promise<void>;
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
  if (files.length === 0) throw new Error(`no benchmark matches ${filters.join(', ')}`);
  console.log(`# Corpus Annotator benchmarks\n\n${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString()}\n`);
  for (const f of files) {
    console.log(`\n## ${f.replace(/\.bench\.js$/, '')}\n`);
    const mod = require(path.join(__dirname, f)) as BenchModule;
    await mod.main();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
