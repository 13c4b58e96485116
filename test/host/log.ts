/** Runner messages go to stderr with a prefix, so they stand apart from mocha's report. */
export function step(message: string): void {
  process.stderr.write(`[test-host] ${message}\n`);
}

export class HostError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(hint ? `${message}\n  → ${hint}` : message);
  }
}
