/**
 * Serialises work per file: the reads and writes of one sidecar or corpus.yaml run one after the
 * other, so a read-modify-write never interleaves with another. A failed task does not block the
 * ones queued after it.
 */
export class WriteQueue {
  private readonly queues = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.queues.set(key, next.catch(() => undefined));
    return next;
  }

  /** Resolves once every task queued so far, and every task those queued in turn, has finished. */
  async settled(): Promise<void> {
    for (;;) {
      const pending = [...this.queues.values()];
      await Promise.all(pending);
      const now = [...this.queues.values()];
      if (now.length === pending.length && now.every((p, i) => p === pending[i])) return;
    }
  }
}
