import * as path from 'path';

/** The repository root, from out/test/host/*.js or test/host/*.ts alike. */
export const repoRoot = path.resolve(__dirname, '..', '..', __dirname.includes(`${path.sep}out${path.sep}`) ? '..' : '');
/** Like @vscode/test-electron's cache of VS Code builds, gitignored. */
export const cacheDir = process.env.CORPUS_ANNOTATOR_HOST_CACHE ?? path.join(repoRoot, '.vscode-test', 'host');
export const depsDir = path.join(repoRoot, 'test', 'host', 'deps');
export const seedsDir = path.join(repoRoot, 'seeds');
export const resultsDir = path.join(repoRoot, 'test-results');
