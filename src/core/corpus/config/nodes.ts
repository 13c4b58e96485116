/** Small helpers over `yaml` nodes shared by the corpus.yaml reader and writer. */
import { isScalar, type Pair, type ParsedNode, type YAMLMap } from 'yaml';

export function offsetOf(node: unknown, fallback: number): number {
  return (node as ParsedNode | null)?.range?.[0] ?? fallback;
}

export function pairOf(map: YAMLMap, key: string): Pair<ParsedNode, ParsedNode | null> | undefined {
  return (map.items as Pair<ParsedNode, ParsedNode | null>[]).find((p) => isScalar(p.key) && p.key.value === key);
}

export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

export function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

