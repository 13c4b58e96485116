import * as assert from 'assert';
import { hashText, parseSidecar, SidecarWriter, type SidecarChange } from '../../../src/core/sidecar';
import { seedTexts } from '../../support/fixtures';
import { tagText } from '../../support/interchangeFixtures';

describe('sidecar writer: a new sidecar from additions (import)', () => {
  const text = seedTexts()[2];
  const hash = hashText(text);
  const ctx = { documentName: 'doc.txt', textHash: hash };
  const entities = tagText(text).map((a, i) => ({ ...a, id: `e-${String(i).padStart(10, '0')}` }));
  const facts = [{ id: 'f-0000000001', text: entities[3].text, start: entities[3].start, end: entities[3].end, prefix: '', suffix: '', predicate: 'p', value: 'v' }];
  // Unsorted, as an import produces them.
  const adds: SidecarChange[] = [...entities].reverse().map((a) => ({ kind: 'add', collection: 'entities', annotation: a }));
  adds.push({ kind: 'add', collection: 'facts', annotation: facts[0] });

  it('gives the same text as adding the entries one by one', () => {
    const whole = new SidecarWriter().apply(undefined, [...adds, { kind: 'header', textHash: hash }], ctx);
    assert.ok(whole.ok);
    let disk: string | undefined;
    for (const a of [...adds, { kind: 'header', textHash: hash } as SidecarChange]) {
      const r = new SidecarWriter().apply(disk, [a], ctx);
      assert.ok(r.ok);
      disk = r.text;
    }
    assert.strictEqual(whole.text, disk);
    const parsed = parseSidecar(whole.text, { documentText: text });
    assert.deepStrictEqual(parsed.problems, []);
    assert.strictEqual(parsed.value.entities.length, entities.length);
    assert.strictEqual(parsed.value.facts.length, 1);
    assert.strictEqual(parsed.value.header.textHash, hash);
  });
  it('still refuses what the splice path refuses: a duplicate id, an invalid entry', () => {
    assert.strictEqual(new SidecarWriter().apply(undefined, [adds[0], adds[0]], ctx).ok, false);
    const bad = { kind: 'add', collection: 'entities', annotation: { ...entities[0], id: 'e-x', start: 9, end: 3 } } as SidecarChange;
    assert.strictEqual(new SidecarWriter().apply(undefined, [bad], ctx).ok, false);
  });
});
