/**
 * Loads syntaxes/corpus-text.tmLanguage.json into vscode-textmate with the oniguruma WASM build,
 * in plain Node (no VS Code), and turns tokens into the spans that carry a given scope.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

/** Repository root, from out/test/unit/grammar (compiled) or test/unit/grammar (sources). */
export const repoRoot = path.resolve(__dirname, '../../../..');
export const grammarPath = path.join(repoRoot, 'syntaxes/corpus-text.tmLanguage.json');
export const SCOPE = 'text.corpus';

let grammarPromise: Promise<vsctm.IGrammar> | undefined;

/** The grammar, loaded once per process (the WASM module can only be loaded once). */
export function loadGrammar(): Promise<vsctm.IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = fs.readFileSync(path.join(repoRoot, 'node_modules/vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) =>
        scopeName === SCOPE ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
    });
    const grammar = await registry.loadGrammar(SCOPE);
    if (!grammar) throw new Error(`cannot load ${SCOPE}`);
    return grammar;
  })();
  return grammarPromise;
}

export interface Token {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}

export interface TokenizedLine {
  line: string;
  tokens: Token[];
  /** Rule stack depth after the line: 1 means no rule is left open for the next line. */
  depth: number;
}

/** Tokenises consecutive lines (state carries over from line to line, as in the editor). */
export async function tokenizeLines(lines: string[]): Promise<TokenizedLine[]> {
  const grammar = await loadGrammar();
  let state = vsctm.INITIAL;
  return lines.map((line) => {
    const r = grammar.tokenizeLine(line, state, 0);
    state = r.ruleStack;
    return {
      line,
      tokens: r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, end: t.endIndex, scopes: t.scopes })),
      depth: r.ruleStack.depth,
    };
  });
}

export async function tokenizeLine(line: string): Promise<TokenizedLine> {
  return (await tokenizeLines([line]))[0];
}

/**
 * The maximal stretches of the line whose tokens all carry a scope that starts with `prefix`
 * (`string.quoted` matches `string.quoted.double.curly.corpus`), trimmed of surrounding spaces.
 */
export function spans(t: TokenizedLine, prefix: string): string[] {
  const has = (tok: Token) => tok.scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));
  const out: string[] = [];
  let start = -1;
  let end = -1;
  for (const tok of t.tokens) {
    if (has(tok)) {
      if (start < 0) start = tok.start;
      end = tok.end;
    } else if (start >= 0) {
      out.push(t.line.slice(start, end).trim());
      start = -1;
    }
  }
  if (start >= 0) out.push(t.line.slice(start, end).trim());
  return out;
}

/** All scopes seen on the characters of `needle` (its first occurrence in the line). */
export function scopesOf(t: TokenizedLine, needle: string): Set<string> {
  const at = t.line.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the line`);
  const out = new Set<string>();
  for (const tok of t.tokens) if (tok.end > at && tok.start < at + needle.length) tok.scopes.forEach((s) => out.add(s));
  return out;
}

const seedDir = path.join(repoRoot, 'seeds');

export function seedLines(prefix: string): string[] {
  const file = fs.readdirSync(seedDir).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}`);
  return fs.readFileSync(path.join(seedDir, file), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
}

export function allSeeds(): { name: string; lines: string[] }[] {
  return fs
    .readdirSync(seedDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, lines: fs.readFileSync(path.join(seedDir, name), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/) }));
}

/** The one line of a seed that contains `needle` (fails when there is none). */
export function seedLine(prefix: string, needle: string): string {
  const line = seedLines(prefix).find((l) => l.includes(needle));
  if (line === undefined) throw new Error(`no line with "${needle}" in seed ${prefix}`);
  return line;
}
