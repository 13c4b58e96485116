import { readFileSync } from 'fs';

/**
 * A local file's text as the extension host's `readText` decodes it (UTF-8, a byte order mark
 * dropped), for the worker threads that read files themselves; undefined when it is gone. No
 * `vscode` here.
 */
export function readLocalText(path: string): string | undefined {
  try {
    return new TextDecoder('utf-8').decode(readFileSync(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
