/**
 * A linear pre-scan of YAML text that measures what the `yaml` package would struggle with:
 * nesting depth, the size of flow mappings and the number of nodes. It understands just enough
 * YAML (quoted scalars, comments, block scalars, flow collections, block indicators) to count;
 * it never decides what a value is. The first bound exceeded is returned with its offset.
 */
import { MAX_FLOW_PAIRS, MAX_NESTING, MAX_YAML_NODES } from './limits';

export interface ShapeLimits {
  maxNesting: number;
  maxFlowPairs: number;
  maxNodes: number;
}

export const DEFAULT_SHAPE_LIMITS: ShapeLimits = { maxNesting: MAX_NESTING, maxFlowPairs: MAX_FLOW_PAIRS, maxNodes: MAX_YAML_NODES };

export interface ShapeProblem {
  message: string;
  code: 'nesting-too-deep' | 'flow-too-large' | 'too-complex';
  offset: number;
}

const SP = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

function isBlank(c: number): boolean {
  return c === SP || c === TAB;
}

/** Returns the first bound the text exceeds, or undefined. Linear in the text's length. */
export function checkShape(text: string, limits: ShapeLimits = DEFAULT_SHAPE_LIMITS): ShapeProblem | undefined {
  const len = text.length;
  const block: number[] = []; // columns of the open block collections
  const flow: { map: boolean; pairs: number }[] = [];
  let nodes = 0;
  let i = 0;
  let blockScalarIndent = -1; // inside a block scalar: the indent of the line that opened it

  const tooDeep = (at: number): ShapeProblem => ({ message: `nesting too deep (more than ${limits.maxNesting} levels)`, code: 'nesting-too-deep', offset: at });
  const node = (at: number): ShapeProblem | undefined => {
    nodes++;
    return nodes > limits.maxNodes ? { message: `too many YAML nodes for the general reader (more than ${limits.maxNodes.toLocaleString('en')})`, code: 'too-complex', offset: at } : undefined;
  };
  const openBlock = (col: number, at: number): ShapeProblem | undefined => {
    while (block.length && block[block.length - 1] >= col) block.pop();
    block.push(col);
    if (block.length + flow.length > limits.maxNesting) return tooDeep(at);
    return node(at);
  };
  const lineEnd = (from: number): number => {
    let j = from;
    while (j < len && text.charCodeAt(j) !== LF && text.charCodeAt(j) !== CR) j++;
    return j;
  };
  /** Skips a quoted scalar starting at `at` (its quote); returns the offset after it. */
  const skipQuoted = (at: number): number => {
    const q = text.charCodeAt(at);
    let j = at + 1;
    while (j < len) {
      const c = text.charCodeAt(j);
      if (q === 34 && c === 92) j += 2;
      else if (c === q) {
        if (q === 39 && text.charCodeAt(j + 1) === 39) j += 2;
        else return j + 1;
      } else j++;
    }
    return len;
  };
  /** Scans flow content from `at` (just after an opening bracket) to the bracket that closes the outermost one. */
  const scanFlow = (at: number): number | ShapeProblem => {
    let j = at;
    while (j < len && flow.length) {
      const c = text.charCodeAt(j);
      if (c === 91 || c === 123) {
        flow.push({ map: c === 123, pairs: 0 });
        if (block.length + flow.length > limits.maxNesting) return tooDeep(j);
        const p = node(j);
        if (p) return p;
        j++;
      } else if (c === 93 || c === 125) {
        flow.pop();
        j++;
      } else if (c === 44) {
        const top = flow[flow.length - 1];
        if (top.map && ++top.pairs >= limits.maxFlowPairs) return { message: `a flow mapping with more than ${limits.maxFlowPairs} pairs`, code: 'flow-too-large', offset: j };
        const p = node(j);
        if (p) return p;
        j++;
      } else if (c === 34 || c === 39) j = skipQuoted(j);
      else if (c === 35 && (j === 0 || isBlank(text.charCodeAt(j - 1)) || text.charCodeAt(j - 1) === LF || text.charCodeAt(j - 1) === CR)) j = lineEnd(j);
      else j++;
    }
    return j;
  };
  /** Scans a value or key starting at `at` on a block line ending at `end`; returns where scanning of the line stops. */
  const scanContent = (at: number, end: number, lineIndent: number): number | ShapeProblem => {
    let j = at;
    for (;;) {
      while (j < end && isBlank(text.charCodeAt(j))) j++;
      if (j >= end) return j;
      const c = text.charCodeAt(j);
      const next = j + 1 < len ? text.charCodeAt(j + 1) : LF;
      const indicator = (c === 45 || c === 63 || c === 58) && (isBlank(next) || next === LF || next === CR || j + 1 >= len);
      if (indicator) {
        const p = openBlock(j - lineStartOf(j), j);
        if (p) return p;
        j++;
        continue;
      }
      if (c === 38 || c === 33) {
        // An anchor or a tag before the node.
        while (j < end && !isBlank(text.charCodeAt(j))) j++;
        continue;
      }
      if (c === 35) return end;
      if (c === 124 || c === 62) {
        blockScalarIndent = lineIndent;
        return end;
      }
      if (c === 91 || c === 123) {
        flow.push({ map: c === 123, pairs: 0 });
        if (block.length + flow.length > limits.maxNesting) return tooDeep(j);
        const p = node(j);
        if (p) return p;
        return scanFlow(j + 1);
      }
      const col = j - lineStartOf(j);
      let k: number;
      if (c === 34 || c === 39) {
        k = skipQuoted(j);
        if (k > end) return k; // a multi-line quoted scalar: continue after it
      } else {
        // A plain scalar: up to ": ", " #" or the end of the line.
        k = j;
        while (k < end) {
          const d = text.charCodeAt(k);
          if (d === 58 && (k + 1 >= end || isBlank(text.charCodeAt(k + 1)))) break;
          if (d === 35 && isBlank(text.charCodeAt(k - 1))) return end;
          k++;
        }
      }
      while (k < end && isBlank(text.charCodeAt(k))) k++;
      if (k < end && text.charCodeAt(k) === 58 && (k + 1 >= end || isBlank(text.charCodeAt(k + 1)))) {
        // A key: its mapping is a block collection at the key's column.
        const p = openBlock(col, j);
        if (p) return p;
        j = k + 1;
        continue;
      }
      const p = node(j);
      if (p) return p;
      return end;
    }
  };
  let lineStart = 0;
  const lineStartOf = (_at: number) => lineStart;

  while (i < len) {
    lineStart = i;
    const end = lineEnd(i);
    let ind = i;
    while (ind < end && text.charCodeAt(ind) === SP) ind++;
    const indent = ind - i;
    const blank = ind >= end;
    let next = end;
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
      // Block scalar content.
    } else if (!blank) {
      blockScalarIndent = -1;
      const c = text.charCodeAt(ind);
      if (c !== 35) {
        while (block.length && block[block.length - 1] >= indent) block.pop();
        const r = scanContent(ind, end, indent);
        if (typeof r !== 'number') return r;
        next = Math.max(r, end);
        if (r > end) {
          // Scanning went past the line (a flow collection or a quoted scalar over several
          // lines): the rest of the line it ended on is scanned as part of no new structure.
          next = lineEnd(r);
        }
      }
    }
    i = next;
    if (i < len && text.charCodeAt(i) === CR) i++;
    if (i < len && text.charCodeAt(i) === LF) i++;
  }
  return undefined;
}
