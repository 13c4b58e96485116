/**
 * Plain values of `yaml` nodes with aliases resolved in one pass over the document.
 *
 * The package's own `toJS` looks for an alias's anchor by walking the document again for every
 * alias converted on its own, so a file with n aliases took O(n²); and its alias-count guard
 * counts per conversion. Here anchors are collected once, in document order (an alias refers to
 * the last anchor of its name before it), each anchored node is converted once, and the total
 * expansion is bounded: aliases may add at most the document's own node count plus an allowance,
 * which stops "billion laughs" without refusing ordinary reuse such as `author: *me` many times.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node } from 'yaml';
import { ALIAS_EXPANSION_ALLOWANCE } from './limits';

export class AliasError extends Error {}

export interface AliasUse {
  node: Alias;
  name: string;
  /** The anchored node it refers to, if any. */
  source: Node | undefined;
}

export interface AnchorDef {
  node: Node;
  name: string;
}

export class YamlValues {
  readonly aliases: AliasUse[] = [];
  readonly anchors: AnchorDef[] = [];
  private readonly sourceOf = new Map<Alias, Node | undefined>();
  private readonly memo = new Map<Node, unknown>();
  private readonly sizes = new Map<Node, number>();
  private readonly busy = new Set<Node>();
  private readonly sizing = new Set<Node>();
  private readonly budget: number;
  private spent = 0;

  constructor(readonly doc: Document) {
    const latest = new Map<string, Node>();
    let nodes = 0;
    visit(doc, {
      Node: (_key, n) => {
        nodes++;
        if (isAlias(n)) {
          const source = latest.get(n.source);
          this.sourceOf.set(n, source);
          this.aliases.push({ node: n, name: n.source, source });
        } else if ((n as { anchor?: string }).anchor) {
          const name = (n as { anchor: string }).anchor;
          latest.set(name, n);
          this.anchors.push({ node: n, name });
        }
      },
    });
    this.budget = nodes + ALIAS_EXPANSION_ALLOWANCE;
  }

  get hasAliases(): boolean {
    return this.aliases.length > 0 || this.anchors.length > 0;
  }

  /** The node an alias refers to (after resolving chains of aliases). */
  target(node: Alias): Node | undefined {
    return this.sourceOf.get(node);
  }

  /** The plain value of a node; `error` when an alias cannot be resolved or expands too much. */
  value(node: unknown): { value: unknown; error?: string } {
    if (node === null || node === undefined) return { value: null };
    try {
      return { value: this.convert(node) };
    } catch (e) {
      if (e instanceof AliasError) return { value: undefined, error: e.message };
      throw e;
    }
  }

  private convert(node: unknown): unknown {
    if (node === null || node === undefined) return null;
    if (isScalar(node)) return node.value;
    if (isAlias(node)) {
      const src = this.sourceOf.get(node);
      if (!src) throw new AliasError(`unresolved alias *${node.source} (the anchor must be set before the alias)`);
      if (this.busy.has(src)) throw new AliasError(`alias *${node.source} refers to a node that contains it`);
      this.spent += this.size(src);
      if (this.spent > this.budget) throw new AliasError(`aliases expand to too many values (more than ${this.budget.toLocaleString('en')}): refused as a possible resource exhaustion`);
      return this.anchored(src);
    }
    if ((node as { anchor?: string }).anchor) return this.anchored(node as Node);
    return this.build(node);
  }

  private anchored(node: Node): unknown {
    if (this.memo.has(node)) return this.memo.get(node);
    if (this.busy.has(node)) throw new AliasError('an alias refers to a node that contains it');
    this.busy.add(node);
    const v = this.build(node);
    this.busy.delete(node);
    this.memo.set(node, v);
    return v;
  }

  private build(node: unknown): unknown {
    if (isScalar(node)) return node.value;
    if (isAlias(node)) return this.convert(node);
    if (isSeq(node)) return node.items.map((x) => this.convert(x));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const p of node.items) {
        if (!isPair(p)) continue;
        const k = this.convert(p.key);
        const key = k !== null && typeof k === 'object' ? JSON.stringify(k) : String(k);
        Object.defineProperty(out, key, { value: this.convert(p.value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return null;
  }

  /** Nodes in a node's expansion (aliases counted as what they expand to). */
  private size(node: Node): number {
    const known = this.sizes.get(node);
    if (known !== undefined) return known;
    if (this.sizing.has(node)) return Infinity;
    this.sizing.add(node);
    let n = 1;
    if (isAlias(node)) {
      const src = this.sourceOf.get(node);
      n = src ? this.size(src) : 1;
    } else if (isSeq(node)) {
      for (const x of node.items) n += x ? this.size(x as Node) : 1;
    } else if (isMap(node)) {
      for (const p of node.items) n += (p.key ? this.size(p.key as Node) : 1) + (p.value ? this.size(p.value as Node) : 1);
    }
    this.sizing.delete(node);
    this.sizes.set(node, n);
    return n;
  }
}
