/**
 * Minimal glob matching for corpus.yaml's document patterns (`**`, `*`, `?`, `{a,b}`), on paths
 * relative to the corpus root with `/` separators. The editor layer needs it to decide whether a
 * newly created file belongs to the corpus without asking the file system again.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inGroup = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches any number of folders, including none.
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inGroup = true;
      re += '(?:';
    } else if (c === '}' && inGroup) {
      inGroup = false;
      re += ')';
    } else if (c === ',' && inGroup) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function matchesAny(relativePath: string, globs: readonly string[]): boolean {
  return globs.some((g) => globToRegExp(g).test(relativePath));
}
