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

  /** Whether both hold the same pairs. */
  equals(other: RejectionSet): boolean {
    if (other.size !== this.size) return false;
    for (const k of other.keys) if (!this.keys.has(k)) return false;
    return true;
  }

  /** The pairs, each once (quotes trimmed). */
  list(): { text: string; type: string }[] {
    return Array.from(this.keys, (k) => {
      const at = k.indexOf('\u0000');
      return { text: k.slice(at + 1), type: k.slice(0, at) };
    });
  }
}

function key(text: string, type: string): string {
  return `${type}\u0000${text.trim()}`;
}
