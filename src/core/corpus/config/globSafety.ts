/**
 * corpus.yaml's globs must select files inside the corpus folder only: a corpus.yaml in a cloned
 * repository must not point the extension elsewhere. Every brace alternative is checked, since
 * `{..,x}/*.txt` is `../*.txt` too.
 */
import { expandBraces } from '../glob';

/** Why a glob is refused (and its problem code), or undefined when it is fine. */
export function globProblem(g: string): { message: string; code: 'bad-glob' | 'unsafe-glob' } | undefined {
  if (g.trim() === '' || g.includes('\0')) return { message: `"${g}" is not a glob pattern`, code: 'bad-glob' };
  const ex = expandBraces(g);
  if ('error' in ex) return { message: `"${g}" has unbalanced braces: ${ex.error} (at character ${ex.offset + 1})`, code: 'bad-glob' };
  for (const alt of ex.alternatives) {
    if (!isSafeAlternative(alt)) return { message: `"${g}" is not a glob relative to the corpus folder (no absolute paths, no "..", in any {…} alternative either)`, code: 'unsafe-glob' };
  }
  return undefined;
}

function isSafeAlternative(g: string): boolean {
  if (g.trim() === '') return true; // `{,x}` gives an empty alternative: it selects nothing by itself
  if (/^[/\\~]/.test(g) || /^[A-Za-z]:/.test(g)) return false;
  return !g.split(/[/\\]/).some((seg) => seg === '..');
}

/** A glob that stays inside the corpus root: relative, no `..` segment, no drive or home prefix, in any alternative. */
export function isSafeGlob(g: string): boolean {
  return globProblem(g) === undefined;
}
