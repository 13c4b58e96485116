/**
 * Glob matching for corpus.yaml's document patterns (`**`, `*`, `?`, `{a,b}`), on paths relative
 * to the corpus root with `/` separators. The editor layer needs it to decide whether a newly
 * created file belongs to the corpus without asking the file system again.
 *
 * No regular expressions: a pattern like `*a*a*a…b` or many `**` made a backtracking regex take
 * seconds. Brace groups are expanded first (bounded), then a pattern is matched segment by segment
 * with a table over (pattern segment, path segment), each segment by the usual one-star-backtrack
 * wildcard walk: O(pattern × path) at worst.
 */

/** More alternatives than this from one pattern's brace groups is refused. */
export const MAX_GLOB_ALTERNATIVES = 256;

export type BraceExpansion = { alternatives: string[] } | { error: string; offset: number };

/** The alternatives of a pattern's `{a,b}` groups (not nested), or why the braces are not valid. */
export function expandBraces(glob: string): BraceExpansion {
  let alternatives = [''];
  let i = 0;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '}') return { error: 'a "}" without its "{"', offset: i };
    if (c !== '{') {
      let j = i;
      while (j < glob.length && glob[j] !== '{' && glob[j] !== '}') j++;
      const lit = glob.slice(i, j);
      alternatives = alternatives.map((a) => a + lit);
      i = j;
      continue;
    }
    const open = i;
    const options: string[] = [];
    let cur = '';
    i++;
    for (;;) {
      if (i >= glob.length) return { error: 'a "{" without its "}"', offset: open };
      const d = glob[i];
      if (d === '{') return { error: 'brace groups inside brace groups are not supported', offset: i };
      if (d === '}') break;
      if (d === ',') {
        options.push(cur);
        cur = '';
      } else cur += d;
      i++;
    }
    options.push(cur);
    i++;
    if (alternatives.length * options.length > MAX_GLOB_ALTERNATIVES) return { error: `more than ${MAX_GLOB_ALTERNATIVES} alternatives`, offset: open };
    const next: string[] = [];
    for (const a of alternatives) for (const o of options) next.push(a + o);
    alternatives = next;
  }
  return { alternatives };
}

/** Wildcard match of one path segment: `*` any run of characters, `?` one character. */
function matchSegment(p: string, s: string): boolean {
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    const c = p[pi];
    if (pi < p.length && (c === '?' || (c === s[si] && c !== '*'))) {
      pi++;
      si++;
    } else if (pi < p.length && c === '*') {
      star = pi++;
      mark = si;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

function matchSegments(pat: readonly string[], path: readonly string[]): boolean {
  // ok[j] after processing pattern segment i (from the end): pat[i..] matches path[j..].
  const n = path.length;
  let next = new Uint8Array(n + 1);
  next[n] = 1;
  for (let i = pat.length - 1; i >= 0; i--) {
    const cur = new Uint8Array(n + 1);
    if (pat[i] === '**') {
      // Zero or more whole segments.
      let any = 0;
      for (let j = n; j >= 0; j--) {
        any |= next[j];
        cur[j] = any;
      }
    } else {
      for (let j = 0; j < n; j++) if (next[j + 1] && matchSegment(pat[i], path[j])) cur[j] = 1;
    }
    next = cur;
  }
  return next[0] === 1;
}

export interface CompiledGlob {
  test(relativePath: string): boolean;
}

/** A matcher for a pattern; a pattern with invalid braces matches nothing (the reader reports it). */
export function compileGlob(glob: string): CompiledGlob {
  const ex = expandBraces(glob);
  if ('error' in ex) return { test: () => false };
  const pats = ex.alternatives.map((a) => a.split('/').map((seg) => (seg.includes('**') && seg !== '**' ? seg.replace(/\*\*+/g, '*') : seg)));
  return { test: (path: string) => { const segs = path.split('/'); return pats.some((p) => matchSegments(p, segs)); } };
}

const cache = new Map<string, CompiledGlob>();

/** Whether a path relative to the corpus root matches a pattern; a path leaving the root never does. */
export function matchesAny(relativePath: string, globs: readonly string[]): boolean {
  if (relativePath.startsWith('/') || relativePath.split('/').includes('..')) return false;
  return globs.some((g) => {
    let m = cache.get(g);
    if (!m) {
      if (cache.size > 1000) cache.clear();
      m = compileGlob(g);
      cache.set(g, m);
    }
    return m.test(relativePath);
  });
}
