import * as assert from 'assert';
import { addRejection, hashText, parseSidecar, readRejections, SidecarWriter } from '../../../src/core/sidecar';
import { readDocumentModel } from '../../../src/core/corpus/documentModel';
import { mergeSidecars } from '../../../src/core/merge';

const HEADER = 'format: corpus-annotator\nversion: 1\ndocument: a.txt\ntextHash: sha256:' + '0'.repeat(64) + '\noffsets: codepoint\nentities: []\nfacts: []\n';

describe('sidecar: rejections (optional list of rejected suggestions)', () => {
  it('adds entries at the end of the list, creating it once, and skips a pair already rejected', () => {
    let t = addRejection(HEADER, { text: 'Beijing Daxing', type: 'organization', context: 'zone of Beijing Daxing International: Airport' })!;
    t = addRejection(t, { text: 'Yang', type: 'person' })!;
    assert.strictEqual(addRejection(t, { text: 'Yang', type: 'person' }), t);
    assert.strictEqual(
      t,
      HEADER + 'rejections:\n  - text: Beijing Daxing\n    type: organization\n    context: "zone of Beijing Daxing International: Airport"\n  - text: Yang\n    type: person\n',
    );
    assert.deepStrictEqual(readRejections(t), {
      value: [
        { text: 'Beijing Daxing', type: 'organization', context: 'zone of Beijing Daxing International: Airport' },
        { text: 'Yang', type: 'person' },
      ],
      problems: [],
    });
  });

  it('splices into an existing list without moving anything else, and fills `rejections: []`', () => {
    const before = 'format: corpus-annotator\nrejections:\n    - text: Q\n      type: t\n\n# kept\nother: 1\n';
    assert.strictEqual(addRejection(before, { text: 'A', type: 'b' }), 'format: corpus-annotator\nrejections:\n    - text: Q\n      type: t\n    - text: A\n      type: b\n\n# kept\nother: 1\n');
    assert.strictEqual(addRejection('x: 1\nrejections: []\n# end\n', { text: 'A', type: 'b' }), 'x: 1\nrejections:\n  - text: A\n    type: b\n# end\n');
    assert.strictEqual(addRejection('rejections: 3\n', { text: 'A', type: 'b' }), undefined);
  });

  it('reports bad entries with their line and reads the good ones', () => {
    const r = readRejections('format: corpus-annotator\nrejections:\n  - 3\n  - text: Q\n    type: t\n');
    assert.deepStrictEqual(r.value, [{ text: 'Q', type: 't' }]);
    assert.strictEqual(r.problems.length, 1);
    assert.strictEqual(r.problems[0].line, 3);
    assert.strictEqual(r.problems[0].code, 'bad-rejection');
  });

  it('the sidecar writer keeps the list when it adds an entity, and the parser accepts the file', () => {
    const text = 'Beijing and Tianjin.';
    const sidecar = addRejection(HEADER.replace('0'.repeat(64), hashText(text).slice(7)), { text: 'Tianjin', type: 'person' })!;
    const w = new SidecarWriter();
    const out = w.apply(sidecar, [{ kind: 'add', collection: 'entities', annotation: { id: 'e-aaaaaaaaaa', type: 'location', text: 'Beijing', start: 0, end: 7, prefix: '', suffix: ' and Tianjin.' } }], { documentName: 'a.txt', textHash: hashText(text) });
    assert.ok(out.ok);
    if (!out.ok) return;
    assert.ok(out.text.includes('rejections:\n  - text: Tianjin\n    type: person\n'), out.text);
    assert.strictEqual(parseSidecar(out.text).problems.filter((p) => p.severity === 'error').length, 0);
    const model = readDocumentModel('a.txt', text, out.text, new Set(['location', 'person']));
    assert.deepStrictEqual(model.rejections, [{ text: 'Tianjin', type: 'person' }]);
    assert.strictEqual(model.entities.length, 1);
  });
});

describe('merge driver: rejections from both branches are kept', () => {
  it('adds theirs\' new rejections to ours, once, and records no conflict', () => {
    const base = addRejection(HEADER, { text: 'Old', type: 'person' })!;
    const ours = addRejection(base, { text: 'Ours', type: 'location' })!;
    const theirs = addRejection(addRejection(base, { text: 'Theirs', type: 'organization' })!, { text: 'Ours', type: 'location' })!;
    const merged = mergeSidecars(base, ours, theirs);
    assert.ok(merged.ok);
    assert.deepStrictEqual(merged.conflicts, []);
    assert.deepStrictEqual(
      readRejections(merged.text).value.map((r) => r.text),
      ['Old', 'Ours', 'Theirs'],
    );
  });
});
