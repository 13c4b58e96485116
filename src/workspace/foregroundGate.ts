/**
 * Lets work a person is waiting for (a command's document, a write) go first: background work
 * (the scan, the search build) awaits `idle()` between its steps, so it is not queued behind a
 * large corpus's reads.
 */
export class ForegroundGate {
  private running = 0;
  private readonly waiters: (() => void)[] = [];

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await work();
    } finally {
      if (--this.running === 0) for (const resume of this.waiters.splice(0)) resume();
    }
  }

  /** Resolves when no foreground work runs. */
  idle(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
