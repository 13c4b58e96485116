import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ensureTestHost } from './install';
import { HostError, step } from './log';
import { seedsDir } from './paths';
import { startWorkbench } from './startWorkbench';

/**
 * `npm start [folder]`: serves a real VS Code workbench with the extension loaded, on seeds/ or on
 * the folder given, bound to 127.0.0.1 and protected by a connection token. Ctrl-C stops it.
 */
async function main(): Promise<void> {
  const folder = path.resolve(process.argv[2] ?? seedsDir);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new HostError(`Not a folder: ${folder}`);
  const host = ensureTestHost();
  const token = randomBytes(16).toString('hex');
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  const { server, url } = await startWorkbench(host, folder, { token, port });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    step('stopping the VS Code server…');
    await server.stop();
    fs.rmSync(server.stateDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  server.process.once('exit', (code) => {
    if (!stopping) {
      step(`the VS Code server exited (code ${code}); log: ${server.logFile}`);
      process.exit(1);
    }
  });
  process.stdout.write(
    `\nCorpus Annotator is running in VS Code ${host.vscodeVersion} on ${folder}\n\n` +
      `  Open this URL in a browser (Chromium or Chrome works best):\n\n  ${url}\n\n` +
      `  The server listens on 127.0.0.1:${server.port} only; from another machine, forward that port (ssh -L ${server.port}:127.0.0.1:${server.port} …).\n` +
      `  Rebuild with \`npm run build\` (or \`npm run watch\`) and reload the window to pick up changes. Press Ctrl-C to stop.\n\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`[start] ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
