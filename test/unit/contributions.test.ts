import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { COMMAND_IDS, CONTEXT_KEYS, INTERNAL_COMMANDS, PREFIX } from '../../src/features/commandIds';

/**
 * The one list of command ids and context keys (src/features/commandIds.ts) against package.json
 * and the sources: every contributed command is registered, every registered command is
 * contributed or internal with a reason, and every `when` clause reads only keys the extension
 * sets (or VS Code's own).
 */
const ROOT = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const FEATURES_DIR = path.join(ROOT, 'src/features');

/** Context keys VS Code itself sets, as used in our `when` clauses. */
const VSCODE_KEYS = new Set(['editorTextFocus', 'editorHasSelection', 'view', 'viewItem', 'focusedView', 'true', 'false']);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every `when` clause in package.json, with where it is. */
function whenClauses(): { where: string; when: string }[] {
  const out: { where: string; when: string }[] = [];
  const visit = (node: unknown, where: string) => {
    if (Array.isArray(node)) node.forEach((n, i) => visit(n, `${where}[${i}]`));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'when' && typeof v === 'string') out.push({ where, when: v });
        else visit(v, `${where}.${k}`);
      }
    }
  };
  visit(pkg.contributes, 'contributes');
  return out;
}

/**
 * The context keys a `when` clause reads: identifiers that are not the right-hand side of a
 * comparison (`view == corpusAnnotator.documents` reads `view`) nor inside a regular expression.
 */
function keysOf(when: string): string[] {
  const withoutRegex = when.replace(/=~\s*\/(?:\\.|[^/])*\/[a-z]*/g, '=~ ');
  const withoutValues = withoutRegex.replace(/(==|!=|<=|>=|<|>)\s*('[^']*'|[\w.-]+)/g, '$1 ');
  return [...withoutValues.matchAll(/[A-Za-z_][\w.]*/g)].map((m) => m[0]).filter((k) => k !== 'in' && k !== 'not');
}

describe('contributions: command ids and context keys', () => {
  const contributed: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
  const listed = COMMAND_IDS.map((id) => PREFIX + id);

  it('activates on a root corpus.yaml by name (VS Code checks a name without searching the folder), and by search elsewhere', () => {
    const events: string[] = pkg.activationEvents;
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'), events.join(', '));
    const contains = events.filter((e) => e.startsWith('workspaceContains:')).map((e) => e.slice('workspaceContains:'.length));
    // VS Code treats a pattern with * or ? as a glob and searches for it; anything else is a path it stats.
    const named = contains.filter((p) => !/[*?]/.test(p));
    assert.deepStrictEqual(named, ['corpus.yaml']);
    assert.ok(contains.includes('**/*.txt') && contains.includes('**/corpus.yaml'), contains.join(', '));
  });

  it('lists each command once', () => {
    assert.strictEqual(new Set(COMMAND_IDS).size, COMMAND_IDS.length);
  });

  it('every contributed command is in the list', () => {
    assert.deepStrictEqual(contributed.filter((c) => !listed.includes(c)), []);
  });

  it('every listed command is contributed, or internal with a reason', () => {
    const missing = COMMAND_IDS.filter((id) => !contributed.includes(PREFIX + id) && !INTERNAL_COMMANDS[id]?.trim());
    assert.deepStrictEqual(missing, []);
    for (const [id, reason] of Object.entries(INTERNAL_COMMANDS)) {
      assert.ok(!contributed.includes(PREFIX + id), `${id} is internal but contributed`);
      assert.ok(reason && reason.trim().length > 10, `${id} needs a reason to be internal`);
    }
  });

  it('every listed command is registered exactly once, through registerCommand in a feature', () => {
    const registered = new Map<string, string[]>();
    for (const file of sources(FEATURES_DIR)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bregister(?:Command)?\(\s*(?:ctx\s*,\s*)?'(\w+)'/g)) {
        registered.set(m[1], [...(registered.get(m[1]) ?? []), path.relative(ROOT, file)]);
      }
    }
    assert.deepStrictEqual(COMMAND_IDS.filter((id) => registered.get(id)?.length !== 1).map((id) => `${id}: ${registered.get(id)?.join(', ') ?? 'not registered'}`), []);
    assert.deepStrictEqual([...registered.keys()].filter((id) => !(COMMAND_IDS as readonly string[]).includes(id)), [], 'registered but not in the list');
  });

  it('no module registers a command around the list', () => {
    const offenders = [...sources(path.join(ROOT, 'src'))]
      .filter((f) => !f.endsWith(path.join('features', 'commands.ts')))
      .filter((f) => /vscode\.commands\.registerCommand\(/.test(fs.readFileSync(f, 'utf8')));
    assert.deepStrictEqual(offenders.map((f) => path.relative(ROOT, f)), []);
  });

  it('every menu and keybinding names a listed command', () => {
    const named: string[] = [];
    for (const items of Object.values(pkg.contributes.menus) as { command: string }[][]) named.push(...items.map((i) => i.command));
    named.push(...pkg.contributes.keybindings.map((k: { command: string }) => k.command));
    assert.deepStrictEqual(named.filter((c) => !listed.includes(c)), []);
  });

  it('every when clause reads only context keys the extension sets, or VS Code\'s own', () => {
    const ours = new Set(CONTEXT_KEYS.map((k) => PREFIX + k));
    const clauses = whenClauses();
    assert.ok(clauses.length > 20, 'package.json has when clauses');
    const unknown = clauses.flatMap(({ where, when }) => keysOf(when).filter((k) => !ours.has(k) && !VSCODE_KEYS.has(k)).map((k) => `${where}: ${k} in "${when}"`));
    assert.deepStrictEqual(unknown, []);
  });

  it('every context key in the list is set somewhere, through setContext', () => {
    const text = sources(path.join(ROOT, 'src')).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    assert.deepStrictEqual(CONTEXT_KEYS.filter((k) => !new RegExp(`setContext\\('${k}'`).test(text)), []);
    assert.ok(!/executeCommand\('setContext'/.test(text.replace(/export function setContext[\s\S]*?\n}/, '')), 'context keys are set only through setContext');
  });

  it('the when clause reader finds keys, not the values compared with them', () => {
    assert.deepStrictEqual(keysOf('view == corpusAnnotator.entities && viewItem =~ /^entity\\.canonical/'), ['view', 'viewItem']);
    assert.deepStrictEqual(keysOf('(view == a.b || view == c) && !corpusAnnotator.filtered'), ['view', 'view', 'corpusAnnotator.filtered']);
    assert.deepStrictEqual(keysOf('editorTextFocus && corpusAnnotator.isCorpusDocument'), ['editorTextFocus', 'corpusAnnotator.isCorpusDocument']);
    assert.deepStrictEqual(keysOf("viewItem == 'document.withSidecar'"), ['viewItem']);
  });
});
