import type { Rejection } from './types';

/** Rejections as a lookup by quote and type: a rejected pair is never suggested again, anywhere. */
export class RejectionSet {
  private readonly keys = new Set<string>();

  constructor(rejections: Iterable<Pick<Rejection, 'text' | 'type'>> = []) {
    for (const r of rejections) this.add(r.text, r.type);
  }

  add(text: string, type: string): void {
    this.keys.add(key(text, type));
  }

  has(text: string, type: string): boolean {
    return this.keys.has(key(text, type));
  }

  get size(): number {
    return this.keys.size;
  }
}

function key(text: string, type: string): string {
  return `${type}\u0000${text.trim()}`;
}
