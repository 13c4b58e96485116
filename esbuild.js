// Builds the extension bundle (dist/) and, with --tests, transpiles tests, the test host and
// benchmarks file-by-file into out/ so mocha and node run them without a TypeScript loader.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** @type {import('esbuild').Plugin} */
const problemMatcher = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

function listTs(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listTs(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

async function main() {
  if (tests) {
    // Start clean: a compiled test whose source was deleted must not keep running.
    fs.rmSync('out', { recursive: true, force: true });
    // Not bundled: every file keeps its own module so `require('vscode')` in integration
    // tests resolves inside the extension host, and core modules are shared with the bundle's sources.
    await esbuild.build({
      entryPoints: [...listTs('src'), ...listTs('test'), ...listTs('bench')],
      outdir: 'out',
      outbase: '.',
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcemap: 'inline',
      logLevel: 'warning',
    });
    return;
  }
  const ctx = await esbuild.context({
    entryPoints: ['src/extension.ts', 'src/features/search/searchWorker.ts', 'src/features/suggestions/suggestWorker.ts', 'src/workspace/sidecarWorker.ts', 'src/cli/main.ts'].filter((f) => fs.existsSync(f)),
    bundle: true,
    format: 'cjs',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    platform: 'node',
    target: 'node20',
    outdir: 'dist',
    outbase: 'src',
    external: ['vscode'],
    logLevel: 'warning',
    plugins: watch ? [problemMatcher] : [],
  });
  if (watch) {
    await ctx.watch();
  } else {
    await ctx.rebuild();
    await ctx.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
