import * as assert from 'assert';
import { CorpusConfigWriter, DEFAULT_ENTITY_TYPES, isSafeGlob, parseCorpusConfig, serializeCorpusConfig, type CorpusConfigWriteResult } from '../../../src/core/corpus/config';

function ok(r: CorpusConfigWriteResult): Extract<CorpusConfigWriteResult, { ok: true }> {
  if (!r.ok) assert.fail(JSON.stringify(r.problems));
  return r;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

const SAMPLE = `# Corpus configuration for the Jing-Jin-Ji seeds.
documents:
  - "seeds/**/*.txt"
exclude: ["**/drafts/**"]
types:
  - id: person
    label: Person
    color: { light: "#b3261e", dark: "#ff8a80" }
    shortcut: p
  - id: location
    label: Place
    color: "#2e7d32"
    shortcut: l
    description: Places.
# Canonical entities
entities:
  - id: beijing
    name: Beijing
    type: location
    aliases: [Pékin, 北京]   # French and Chinese
    externalId: Q956
  - id: tongzhou
    name: Tongzhou
    type: location
    aliases: []
owner: someone   # unknown key, kept
`;

describe('corpus config: defaults', () => {
  it('has the eight documented types with unique one-key shortcuts', () => {
    assert.deepStrictEqual(DEFAULT_ENTITY_TYPES.map((t) => t.id), ['person', 'organization', 'location', 'date', 'quantity', 'event', 'facility', 'policy']);
    const keys = DEFAULT_ENTITY_TYPES.map((t) => t.shortcut);
    assert.strictEqual(new Set(keys).size, keys.length);
    for (const t of DEFAULT_ENTITY_TYPES) {
      assert.strictEqual([...(t.shortcut ?? '')].length, 1);
      assert.ok(t.description && t.label);
    }
  });
  it('colours are readable on light and dark editor backgrounds (WCAG 4.5:1)', () => {
    for (const t of DEFAULT_ENTITY_TYPES) {
      assert.ok(contrast(t.color.light, '#ffffff') >= 4.5, `${t.id} light ${contrast(t.color.light, '#ffffff').toFixed(2)}`);
      assert.ok(contrast(t.color.dark, '#1e1e1e') >= 4.5, `${t.id} dark ${contrast(t.color.dark, '#1e1e1e').toFixed(2)}`);
    }
  });
  it('no file: defaults, no problems, writable', () => {
    const p = parseCorpusConfig(undefined);
    assert.deepStrictEqual(p.problems, []);
    assert.ok(p.writable);
    assert.deepStrictEqual(p.value.documents, ['**/*.txt']);
    assert.deepStrictEqual(p.value.types.map((t) => t.id), DEFAULT_ENTITY_TYPES.map((t) => t.id));
    assert.deepStrictEqual(p.value.entities, []);
  });
});

describe('corpus config: parsing', () => {
  it('reads types, globs and canonical entities', () => {
    const p = parseCorpusConfig(SAMPLE);
    assert.ok(p.writable);
    assert.deepStrictEqual(p.value.documents, ['seeds/**/*.txt']);
    assert.deepStrictEqual(p.value.exclude, ['**/drafts/**']);
    assert.deepStrictEqual(p.value.types.map((t) => [t.id, t.label, t.color.light, t.color.dark, t.shortcut]), [
      ['person', 'Person', '#b3261e', '#ff8a80', 'p'],
      ['location', 'Place', '#2e7d32', '#2e7d32', 'l'],
    ]);
    assert.deepStrictEqual(p.value.entities[0], { id: 'beijing', name: 'Beijing', type: 'location', aliases: ['Pékin', '北京'], externalId: 'Q956' });
    assert.deepStrictEqual(p.problems.map((x) => [x.code, x.line]), [['unknown-key', 26]]);
  });
  it('reports bad input with positions and keeps the good parts', () => {
    const text = `documents: ["/etc/**", "../other/*.txt", "ok/*.txt"]
types:
  - id: person
    shortcut: pp
  - id: person
  - label: no id
  - id: place
    color: { light: "#12", dark: "#fff" }
    shortcut: P
  - id: org
    shortcut: p
entities:
  - id: a
    name: A
    type: planet
  - id: a
    name: A again
  - name: no id
  - id: b
    name: B
    aliases: [1, {x: 1}, B2]
`;
    const p = parseCorpusConfig(text);
    assert.ok(p.writable);
    const codes = p.problems.map((x) => `${x.line}:${x.code}`);
    for (const c of ['1:unsafe-glob', '4:bad-shortcut', '5:duplicate-id', '6:missing-field', '8:bad-color', '11:duplicate-shortcut', '15:unknown-type', '16:duplicate-id', '18:missing-field', '21:wrong-type']) {
      assert.ok(codes.includes(c), `${c} not in ${codes.join(' ')}`);
    }
    assert.deepStrictEqual(p.value.documents, ['ok/*.txt']);
    assert.deepStrictEqual(p.value.types.map((t) => t.id), ['person', 'place', 'org']);
    assert.deepStrictEqual(p.value.entities.map((e) => [e.id, e.aliases]), [['a', []], ['b', ['1', 'B2']]]);
  });
  it('unparseable or hostile files: problems, not writable, never a throw', () => {
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 10; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    bomb += 'entities:\n  - id: x\n    name: *a9\n';
    for (const [text, writable] of [
      ['entities: [\n', false],
      ['- just\n- a list\n', false],
      ['types: "person"\n', true],
      [bomb, true],
      ['['.repeat(50_000), false],
      ['entities: !!js/function "x"\n', true],
    ] as const) {
      const p = parseCorpusConfig(text);
      assert.ok(p.problems.length > 0, text.slice(0, 40));
      assert.strictEqual(p.writable, writable, text.slice(0, 40));
      for (const x of p.problems) assert.ok(x.line >= 1 && x.column >= 1);
      if (!writable) assert.strictEqual(new CorpusConfigWriter().apply(text, [{ kind: 'removeEntity', id: 'x' }]).ok, false);
    }
  });
  it('globs must stay inside the corpus folder', () => {
    for (const g of ['**/*.txt', 'seeds/*.txt', 'a/b/**']) assert.ok(isSafeGlob(g), g);
    for (const g of ['/etc/passwd', '../x/*.txt', 'a/../../b', 'C:/x', '~/x', '\\\\server\\x', '']) assert.ok(!isSafeGlob(g), g);
  });
});

describe('corpus config: writing', () => {
  it('adds, updates and removes canonical entities, keeping comments and formatting', () => {
    const w = new CorpusConfigWriter();
    let text = SAMPLE;
    text = ok(w.apply(text, [{ kind: 'addEntity', entity: { id: 'hebei', name: 'Hebei', type: 'location', aliases: ['河北', 'Hebei Province'], externalId: 'Q21208' } }])).text;
    text = ok(w.apply(text, [{ kind: 'updateEntity', id: 'beijing', addAliases: ['Peking', 'Pékin'] }])).text;
    text = ok(w.apply(text, [{ kind: 'updateEntity', id: 'tongzhou', set: { name: 'Tongzhou District', externalId: 'Q392485' } }])).text;
    const r = ok(w.apply(text, [{ kind: 'removeEntity', id: 'hebei' }, { kind: 'updateEntity', id: 'beijing', set: { externalId: undefined } }]));
    for (const kept of ['# Corpus configuration for the Jing-Jin-Ji seeds.', '    color: { light: "#b3261e", dark: "#ff8a80" }', 'exclude: ["**/drafts/**"]', '# Canonical entities', '    aliases: [Pékin, 北京, Peking]   # French and Chinese', 'owner: someone   # unknown key, kept']) {
      assert.ok(r.text.includes(kept + '\n'), `lost ${kept}\n${r.text}`);
    }
    assert.deepStrictEqual(r.config.entities, [
      { id: 'beijing', name: 'Beijing', type: 'location', aliases: ['Pékin', '北京', 'Peking'] },
      { id: 'tongzhou', name: 'Tongzhou District', type: 'location', aliases: [], externalId: 'Q392485' },
    ]);
    assert.ok(r.text.includes('  - id: tongzhou\n    name: Tongzhou District\n    type: location\n    aliases: []\n    externalId: Q392485\n'), r.text);
  });
  it('creates corpus.yaml when there is none, and keeps entities sorted by id when they are', () => {
    const w = new CorpusConfigWriter();
    let r = ok(w.apply(undefined, [{ kind: 'addEntity', entity: { id: 'tianjin', name: 'Tianjin', type: 'location', aliases: ['天津'] } }]));
    r = ok(w.apply(r.text, [{ kind: 'addEntity', entity: { id: 'beijing', name: 'Beijing', type: 'location', aliases: ['Pékin, the capital', "Xi'an: no"] } }]));
    assert.deepStrictEqual(r.config.entities.map((e) => e.id), ['beijing', 'tianjin']);
    assert.deepStrictEqual(r.config.entities[0].aliases, ['Pékin, the capital', "Xi'an: no"]);
    assert.deepStrictEqual(r.config.types.map((t) => t.id), DEFAULT_ENTITY_TYPES.map((t) => t.id));
    r = ok(w.apply(r.text, [{ kind: 'removeEntity', id: 'beijing' }, { kind: 'removeEntity', id: 'tianjin' }]));
    assert.ok(r.text.includes('entities: []'));
  });
  it('refuses invalid changes and unparseable files, leaving the text alone', () => {
    const w = new CorpusConfigWriter();
    assert.ok(!w.apply(SAMPLE, [{ kind: 'addEntity', entity: { id: 'beijing', name: 'B', type: 'location', aliases: [] } }]).ok);
    assert.ok(!w.apply(SAMPLE, [{ kind: 'updateEntity', id: 'nope', set: { name: 'x' } }]).ok);
    assert.ok(!w.apply(SAMPLE, [{ kind: 'updateEntity', id: 'beijing', set: { name: undefined } }]).ok);
    const r = w.apply(SAMPLE.replace('name: Beijing', 'name: "Beijing'), [{ kind: 'removeEntity', id: 'beijing' }]);
    assert.ok(!r.ok && r.problems[0].line > 1 && /^Not written/.test(r.problems[0].message));
    const notList = 'entities:\n  beijing: {name: Beijing}\n';
    assert.ok(!w.apply(notList, [{ kind: 'addEntity', entity: { id: 'x', name: 'X', type: 'location', aliases: [] } }]).ok);
  });
  it('serialises a whole configuration deterministically, and it reads back', () => {
    const config = parseCorpusConfig(SAMPLE).value;
    const text = serializeCorpusConfig(config);
    const back = parseCorpusConfig(text);
    assert.deepStrictEqual(back.problems, []);
    assert.deepStrictEqual(back.value, config);
    assert.strictEqual(serializeCorpusConfig(back.value), text);
  });
});
