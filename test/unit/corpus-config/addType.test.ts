import * as assert from 'assert';
import { CorpusConfigWriter, DEFAULT_ENTITY_TYPES, parseCorpusConfig } from '../../../src/core/corpus/config';
import type { EntityType } from '../../../src/core/model';

const vehicle: EntityType = { id: 'vehicle', label: 'Vehicle', color: { light: '#0b6e79', dark: '#7fd8e0' } };

function added(text: string | undefined, type = vehicle): string {
  const r = new CorpusConfigWriter().apply(text, [{ kind: 'addType', type }]);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.text;
}

describe('corpus config: adding a type', () => {
  it('appends to a block list of types in its indentation, keeping comments', () => {
    const text = '# mine\ntypes:\n    - id: person   # people\n      label: Person\n      color: "#b3261e"\nentities: []\n';
    const out = added(text);
    assert.ok(out.startsWith('# mine\ntypes:\n    - id: person   # people\n      label: Person\n      color: "#b3261e"\n    - id: vehicle\n      label: Vehicle\n'), out);
    assert.deepStrictEqual(parseCorpusConfig(out).value.types.map((t) => t.id), ['person', 'vehicle']);
    assert.deepStrictEqual(parseCorpusConfig(out).value.types[1].color, vehicle.color);
  });
  it('with no types key, writes the default types in force along with the new one', () => {
    const out = added('# only entities\nentities: []\n');
    assert.deepStrictEqual(parseCorpusConfig(out).value.types.map((t) => t.id), [...DEFAULT_ENTITY_TYPES.map((t) => t.id), 'vehicle']);
    assert.ok(out.startsWith('# only entities\nentities: []\n'));
  });
  it('creates corpus.yaml when there is none', () => {
    const out = added(undefined);
    assert.deepStrictEqual(parseCorpusConfig(out).value.types.map((t) => t.id), [...DEFAULT_ENTITY_TYPES.map((t) => t.id), 'vehicle']);
  });
  it('a flow list goes through the document API and keeps its types', () => {
    const out = added('types: [{ id: a, label: A }]\n');
    assert.deepStrictEqual(parseCorpusConfig(out).value.types.map((t) => t.id), ['a', 'vehicle']);
  });
  it('keeps CRLF line endings', () => {
    const out = added('types:\r\n  - id: a\r\n    label: A\r\n');
    assert.ok(!/[^\r]\n/.test(out), JSON.stringify(out));
  });
  it('refuses a duplicate id or a bad id, and an unparseable file', () => {
    const w = new CorpusConfigWriter();
    assert.strictEqual(w.apply('types:\n  - id: vehicle\n', [{ kind: 'addType', type: vehicle }]).ok, false);
    assert.strictEqual(w.apply(undefined, [{ kind: 'addType', type: { ...vehicle, id: 'a b' } }]).ok, false);
    assert.strictEqual(w.apply('types: [\n', [{ kind: 'addType', type: vehicle }]).ok, false);
  });
});
