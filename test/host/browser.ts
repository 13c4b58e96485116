import { chromium, Browser, Page } from 'playwright-core';
import { TestHost } from './install';

export interface RunningBrowser {
  browser: Browser;
  page: Page;
  stop(): Promise<void>;
}

/** Flags that keep Chromium off the network this machine does not have, and quiet in a container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser(host: TestHost, onConsole?: (text: string) => void): Promise<RunningBrowser> {
  // launchServer, not launch: it exposes Chromium's process, so stop() can always end it by pid.
  const server = await chromium.launchServer({ executablePath: host.chromium, args: CHROMIUM_ARGS, headless: true });
  const pid = server.process().pid;
  const browser = await chromium.connect(server.wsEndpoint());
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  if (onConsole) page.on('console', (m) => onConsole(m.text()));
  return {
    browser,
    page,
    async stop() {
      await browser.close().catch(() => undefined);
      await server.close().catch(() => undefined);
      // If close hung or failed, make sure the process and its helpers are gone.
      // Playwright starts Chromium in its own process group; end the group, then the leader.
      if (pid !== undefined) {
        for (const target of [-pid, pid]) {
          try {
            process.kill(target, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      }
    },
  };
}
