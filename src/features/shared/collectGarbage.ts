import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

/**
 * A full garbage collection on the calling thread, so a heap figure counts what is held rather than
 * what waits to be freed. The extension host and its workers run without --expose-gc; the flag is
 * set here, for the benchmarks' memory figures only.
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
