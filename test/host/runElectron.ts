import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './paths';
import { freshWorkspace } from './workspace';

/**
 * `npm run test:electron`: the same integration suite in desktop VS Code, downloaded by
 * @vscode/test-electron. For machines that can reach the VS Code download servers; on machines
 * that cannot, `npm test` runs the suite in the code-server build instead.
 */
async function main(): Promise<void> {
  const workspace = freshWorkspace('electron');
  await runTests({
    version: process.env.CORPUS_ANNOTATOR_VSCODE_VERSION ?? '1.139.1',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { CORPUS_ANNOTATOR_TEST_WORKSPACE: workspace },
  });
}

main().catch((e: unknown) => {
  console.error(`test:electron failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
