import * as assert from 'assert';
import { parseSidecar, SidecarWriter, type SidecarChange, type WriteResult } from '../../../src/core/sidecar';

/** Issue 10, "Data loss" and the writer's messages: each reproduction as a test. */
const CONTEXT = { documentName: 'doc.txt', textHash: 'sha256:' + '1'.repeat(64) };
const HEADER = `format: corpus-annotator\nversion: 1\ndocument: doc.txt\ntextHash: sha256:${'1'.repeat(64)}\noffsets: codepoint\n`;

function entry(id: string, start: number, extra = ''): string {
  return `  - id: ${id}\n    type: person\n    text: Ana\n    start: ${start}\n    end: ${start + 3}\n    prefix: ""\n    suffix: ""\n${extra}`;
}

function ok(r: WriteResult): Extract<WriteResult, { ok: true }> {
  if (!r.ok) assert.fail(JSON.stringify(r.problems));
  return r;
}

/** The written text reads back (fresh, without the writer's model) as exactly the data returned. */
function readsBackAsReturned(r: Extract<WriteResult, { ok: true }>): void {
  const again = parseSidecar(r.text);
  assert.ok(again.writable, JSON.stringify(again.problems));
  assert.deepStrictEqual(again.problems.filter((p) => p.severity === 'error'), []);
  assert.deepStrictEqual(again.value, r.data);
}

describe('sidecar: aliases between entries survive writes', () => {
  const text = HEADER + 'entities:\n' + entry('e-1', 0, '    author: &me Ana Lopez\n') + entry('e-2', 10, '    author: *me\n') + 'facts: []\n';

  it('removing the entry that holds the anchor writes the value into the alias', () => {
    const r = ok(new SidecarWriter().apply(text, [{ kind: 'remove', id: 'e-1' }], CONTEXT));
    assert.strictEqual(r.data.entities[0].author, 'Ana Lopez');
    readsBackAsReturned(r);
    // The next write to the file is not refused.
    const r2 = ok(new SidecarWriter().apply(r.text, [{ kind: 'update', id: 'e-2', set: { note: 'x' } }], CONTEXT));
    readsBackAsReturned(r2);
  });

  it('moving the anchored entry below its alias (what re-anchoring sends) keeps the alias resolved', () => {
    const r = ok(new SidecarWriter().apply(text, [{ kind: 'update', id: 'e-1', set: { start: 20, end: 23 } }], CONTEXT));
    assert.deepStrictEqual(r.data.entities.map((e) => [e.id, e.author]), [['e-2', 'Ana Lopez'], ['e-1', 'Ana Lopez']]);
    readsBackAsReturned(r);
  });

  it('changing the anchored value itself leaves the alias with the old value', () => {
    const r = ok(new SidecarWriter().apply(text, [{ kind: 'update', id: 'e-1', set: { author: 'Someone Else' } }], CONTEXT));
    assert.deepStrictEqual(r.data.entities.map((e) => e.author), ['Someone Else', 'Ana Lopez']);
    readsBackAsReturned(r);
  });

  it('an entry using an alias can be moved above its anchor', () => {
    const r = ok(new SidecarWriter().apply(text, [{ kind: 'update', id: 'e-2', set: { start: 0, end: 3, type: 'location' } }], CONTEXT));
    readsBackAsReturned(r);
    assert.strictEqual(r.data.entities.find((e) => e.id === 'e-2')?.author, 'Ana Lopez');
  });

  it('untouched aliases stay aliases', () => {
    const t = HEADER + 'entities:\n' + entry('e-1', 0, '    author: &me Ana Lopez\n') + entry('e-2', 10, '    author: *me\n') + entry('e-3', 20) + 'facts: []\n';
    const r = ok(new SidecarWriter().apply(t, [{ kind: 'remove', id: 'e-3' }], CONTEXT));
    assert.ok(r.text.includes('author: *me'));
    readsBackAsReturned(r);
  });

  it('a list given as an alias (`facts: *A`) is reported at parse time, located, and never written', () => {
    const t = HEADER + 'entities: &A\n' + entry('e-1', 0) + 'facts: *A\n';
    const p = parseSidecar(t);
    assert.strictEqual(p.writable, false);
    const alias = p.problems.find((x) => x.code === 'yaml-alias');
    assert.ok(alias, JSON.stringify(p.problems));
    assert.deepStrictEqual([alias.line, alias.column], [14, 8]);
    const r = new SidecarWriter().apply(t, [{ kind: 'remove', id: 'e-1' }], CONTEXT);
    assert.strictEqual(r.ok, false);
    if (!r.ok) assert.ok(r.problems.some((x) => x.line === 14 && !/internal error/.test(x.message)), JSON.stringify(r.problems));
  });
});

describe('sidecar: line endings', () => {
  const lf = HEADER + 'entities:\n' + entry('e-1', 0) + entry('e-2', 10) + 'facts: []\n';
  for (const [name, eol] of [['CR', '\r'], ['CRLF', '\r\n'], ['LF', '\n']] as const) {
    const text = lf.replace(/\n/g, eol);
    it(`a ${name} sidecar reads the same entries as the LF one`, () => {
      const p = parseSidecar(text);
      assert.strictEqual(p.writable, true);
      assert.deepStrictEqual(p.value, parseSidecar(lf).value);
      assert.strictEqual(p.value.entities.length, 2);
    });
    it(`the writer keeps a ${name} sidecar's line endings`, () => {
      const w = new SidecarWriter();
      const changes: SidecarChange[] = [{ kind: 'remove', id: 'e-1' }, { kind: 'add', collection: 'entities', annotation: { id: 'e-3', type: 'person', text: 'Bo', start: 5, end: 7, prefix: '', suffix: '' } }];
      const r = ok(w.apply(text, changes, CONTEXT));
      const breaks = r.text.match(/\r\n|\r|\n/g) ?? [];
      assert.ok(breaks.length > 5);
      assert.ok(breaks.every((b) => b === eol), `mixed line endings: ${JSON.stringify([...new Set(breaks)])}`);
      assert.deepStrictEqual(parseSidecar(r.text).value, r.data);
      // The cached model is used for the next write on the text just written.
      const r2 = ok(w.apply(r.text, [{ kind: 'remove', id: 'e-3' }], CONTEXT));
      assert.ok((r2.text.match(/\r\n|\r|\n/g) ?? []).every((b) => b === eol));
    });
  }

  it('positions in a CR-only sidecar are on their own lines', () => {
    const text = (HEADER + 'entities:\n' + entry('e-1', 0).replace('start: 0', 'start: x') + 'facts: []\n').replace(/\n/g, '\r');
    const p = parseSidecar(text);
    const bad = p.problems.find((x) => x.code === 'wrong-type');
    assert.ok(bad, JSON.stringify(p.problems));
    assert.deepStrictEqual([bad.line, bad.column], [10, 12]);
  });
});

describe('sidecar: status line with an end-of-line comment', () => {
  const text = HEADER + 'entities:\n' + entry('e-1', 0, '    status: moved # check later\n') + 'facts: []\n';
  it('clearing the status keeps the comment on its own line', () => {
    const r = ok(new SidecarWriter().apply(text, [{ kind: 'update', id: 'e-1', set: { status: 'exact' } }], CONTEXT));
    assert.ok(/\n {4}# check later\n/.test(r.text), r.text);
    assert.ok(!r.text.includes('status:'));
    readsBackAsReturned(r);
  });
  it('also when the file is read by the general parser', () => {
    const t = text.replace('text: Ana', 'text: !!str Ana');
    const r = ok(new SidecarWriter().apply(t, [{ kind: 'update', id: 'e-1', set: { status: 'exact' } }], CONTEXT));
    assert.ok(r.text.includes('# check later'), r.text);
    assert.ok(!r.text.includes('status:'));
  });
});
