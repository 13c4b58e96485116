import { platform, setPriority } from 'os';

/**
 * Lowers the calling worker thread's scheduling priority (nice 10), for workers whose work nobody
 * waits on at the moment it runs (reading the corpus, suggesting). On a two-core machine a first
 * start keeps more threads busy than there are cores, and a search keystroke or a command waits
 * behind them. Linux keeps a nice value per thread, so only this thread yields; elsewhere
 * `setPriority(0, …)` would lower the whole extension host, so nothing is done there. Raising it
 * back would need a privilege, so a thread that calls this stays in the background for good.
 */
export function backgroundThread(): void {
  if (platform() !== 'linux') return;
  try {
    setPriority(0, 10);
  } catch {
    // A container that refuses it leaves the thread as it was: slower to answer, never wrong.
  }
}
