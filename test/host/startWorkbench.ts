import * as fs from 'fs';
import * as path from 'path';
import { TestHost } from './install';
import { repoRoot } from './paths';
import { RunningServer, startServer } from './server';

/**
 * The workbench as an annotator wants it, for `npm start`: no welcome page, no chat panel, the
 * Corpus view shown and the corpus's first document open. These are user settings of the
 * server's own (temporary) user data folder, so the corpus folder is left as it is.
 */
export const START_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
};

/**
 * The test runs' user settings: npm start's, and VS Code's Git extension kept from running git in
 * the extension host the tests share (a git process it started and lost threw EPIPE, uncaught,
 * into a test that had nothing to do with git). The agreement features run git themselves.
 */
export const TEST_SETTINGS = {
  ...START_SETTINGS,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
};

/** The development-only companion extension that shows the Corpus view as the window opens. */
export const startLayoutExtension = path.join(repoRoot, 'test', 'host', 'startLayout');

/** Writes user settings (npm start's by default) into a server's state folder, before it starts. */
export function writeUserSettings(stateDir: string, settings: Record<string, unknown> = START_SETTINGS): void {
  const userDir = path.join(stateDir, 'user-data', 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify(settings, null, 2));
}

export interface StartedWorkbench {
  server: RunningServer;
  url: string;
  /** The document the window opens, if the folder has any `.txt` file. */
  firstDocument?: string;
}

export async function startWorkbench(host: TestHost, folder: string, options: { token?: string; port?: number } = {}): Promise<StartedWorkbench> {
  const server = await startServer(host, {
    ...options,
    prepare(stateDir) {
      writeUserSettings(stateDir);
      // Installed, not loaded for development: the server takes one development path, this repository's.
      fs.cpSync(startLayoutExtension, path.join(stateDir, 'extensions', 'corpus-annotator.corpus-annotator-start-layout-0.0.0'), { recursive: true });
    },
  });
  const first = fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.txt'))
    .sort()[0];
  const firstDocument = first ? path.join(folder, first) : undefined;
  const url = server.workbenchUrl(folder, { openFile: firstDocument });
  return { server, url, firstDocument };
}
