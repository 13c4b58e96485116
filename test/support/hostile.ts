/**
 * Hostile inputs from issue 10's probe, sized by a parameter: shared by the unit tests (at sizes
 * where the old code took seconds) and `npm run bench -- hostile` (at growing sizes).
 */
const HEADER = `format: corpus-annotator\nversion: 1\ndocument: doc.txt\ntextHash: sha256:${'1'.repeat(64)}\noffsets: codepoint\n`;

export const hostile = {
  /** n entries whose `author` is an alias of the first one's. */
  sidecarAliases(n: number): string {
    const parts = [HEADER, 'entities:\n'];
    for (let i = 0; i < n; i++) parts.push(`  - id: e-${i}\n    type: person\n    text: Ana\n    start: ${i}\n    end: ${i + 3}\n    author: ${i === 0 ? '&me Ana Lopez' : '*me'}\n`);
    parts.push('facts: []\n');
    return parts.join('');
  },
  /** A flow list of n items under an unknown key. */
  flowList(n: number): string {
    return HEADER + 'x: [' + '1,'.repeat(n - 1) + '1]\nentities: []\nfacts: []\n';
  },
  /** A flow mapping of n pairs. */
  flowMap(n: number): string {
    const pairs: string[] = [];
    for (let i = 0; i < n; i++) pairs.push(`k${i}: 1`);
    return HEADER + 'x: {' + pairs.join(', ') + '}\nentities: []\nfacts: []\n';
  },
  /** n opening brackets. */
  brackets(n: number): string {
    return HEADER + 'x: ' + '['.repeat(n) + '\n';
  },
  /** A value nested n deep (compact block sequences) inside an entry. */
  deepValue(n: number): string {
    return HEADER + 'entities:\n  - id: e-1\n    type: person\n    text: Ana\n    start: 0\n    end: 3\n    x:\n      ' + '- '.repeat(n) + 'a\nfacts: []\n';
  },
  /** n entries with block scalars (the general parser's path). */
  blockScalars(n: number): string {
    const parts = [HEADER, 'entities:\n'];
    for (let i = 0; i < n; i++) parts.push(`  - id: e-${i}\n    type: person\n    text: |\n      Ana Lopez text\n    start: ${i}\n    end: ${i + 3}\n    note: >\n      a note here for ${i} of some length to pad it a bit more\n`);
    parts.push('facts: []\n');
    return parts.join('');
  },
  /** corpus.yaml with n entities whose type is an alias. */
  configTypeAliases(n: number): string {
    const parts = ['types:\n  - id: person\n    label: Person\nentities:\n'];
    for (let i = 0; i < n; i++) parts.push(`  - id: x${i}\n    name: X ${i}\n    type: ${i === 0 ? '&t person' : '*t'}\n    aliases: [a]\n`);
    return parts.join('');
  },
  /** corpus.yaml with one entity holding n aliases, half of them duplicates. */
  configDuplicateAliases(n: number): string {
    const names: string[] = [];
    for (let i = 0; i < n; i++) names.push(`a${i % Math.ceil(n / 2)}`);
    return `entities:\n  - id: x\n    name: X\n    type: person\n    aliases: [${names.join(', ')}]\n`;
  },
  /** `«` n/2 times then `”` n/2 times: unmatched closing quotes. */
  unmatchedQuotes(n: number): string {
    return '«'.repeat(n >> 1) + '”'.repeat(n >> 1);
  },
  /** `"Yes. No," he said. ` repeated to about n characters. */
  saidQuotes(n: number): string {
    return '"Yes. No," he said. '.repeat(Math.ceil(n / 20));
  },
  /** `**\/` k times then `*.txt`, and a path of `segments` folders. */
  globStars(k: number, segments: number): { glob: string; path: string } {
    return { glob: '**/'.repeat(k) + '*.txt', path: Array.from({ length: segments }, (_, i) => `d${i}`).join('/') + '/x.md' };
  },
  /** `*a` k times then `*b`, against n `a`s. */
  globStarA(k: number, n: number): { glob: string; path: string } {
    return { glob: '*a'.repeat(k) + '*b', path: 'a'.repeat(n) };
  },
};
