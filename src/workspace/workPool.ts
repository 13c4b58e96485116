/** Bounded concurrency for the scan's checks and reads, over a list that may still be growing. */

/** Items a pool works through while they are still being added: the pool ends once it is closed and worked through. */
export class Feed<T> {
  readonly items: T[] = [];
  closed = false;
  private waiting: (() => void)[] = [];

  static of<T>(items: T[]): Feed<T> {
    const feed = new Feed<T>();
    feed.items.push(...items);
    feed.closed = true;
    return feed;
  }

  push(item: T): void {
    this.items.push(item);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  /** Resolves at the next push or close. */
  changed(): Promise<void> {
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/** Runs `work` over a feed's items, `concurrency` at a time, each waiting for foreground work first; reports progress every 64 items and at the end. */
export async function pool<T>(feed: Feed<T>, concurrency: number, work: (item: T) => Promise<unknown>, idle: () => Promise<void>, report: () => void): Promise<void> {
  let next = 0;
  let reported = 0;
  const step = async (): Promise<void> => {
    for (;;) {
      if (next >= feed.items.length) {
        if (feed.closed) return;
        await feed.changed();
        continue;
      }
      const item = feed.items[next++];
      await idle();
      await work(item);
      if (next - reported >= 64) {
        reported = next;
        report();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, step));
  report();
}
