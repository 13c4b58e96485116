import * as assert from 'assert';
import { refusalMessage, refusalReason } from '../../../src/core/annotations/refusal';
import type { Problem } from '../../../src/core/problems';
import { parseSidecar, SidecarWriter } from '../../../src/core/sidecar';
import { FIXTURES } from '../sidecar/helpers';
import * as fs from 'fs';
import * as path from 'path';

const CONTEXT = { documentName: 'doc.txt', textHash: 'sha256:' + 'a'.repeat(64) };
const p = (code: string, message = 'm'): Problem => ({ code, message, severity: 'error', line: 3, column: 7 });

describe('annotations: why a write was refused', () => {
  it('a sidecar that cannot be parsed is "unparseable", or "changed-on-disk" when it could be parsed when read', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'syntax-unclosed-quote.yaml'), 'utf8');
    const result = new SidecarWriter().apply(text, [{ kind: 'remove', id: 'x' }], CONTEXT);
    assert.strictEqual(result.ok, false);
    if (result.ok) return;
    assert.strictEqual(refusalReason(result.problems), 'unparseable');
    assert.strictEqual(refusalReason(result.problems, true), 'changed-on-disk');
    assert.match(refusalMessage('unparseable', 'doc.txt.yaml', result.problems[0]), /^doc\.txt\.yaml cannot be parsed, so it is left untouched \(line \d+, column \d+: .+\)\. Fix it by hand/);
  });

  it('a change to an id the sidecar does not hold is "unknown-id", and its message says which id', () => {
    const text = `format: corpus-annotator\nversion: 1\ndocument: doc.txt\ntextHash: ${CONTEXT.textHash}\noffsets: codepoint\nentities: []\nfacts: []\n`;
    assert.strictEqual(parseSidecar(text).writable, true);
    const result = new SidecarWriter().apply(text, [{ kind: 'update', id: 'e-gone000001', set: { note: 'x' } }], CONTEXT);
    if (result.ok) return assert.fail('an update of an unknown id must be refused');
    assert.strictEqual(refusalReason(result.problems), 'unknown-id');
    const message = refusalMessage('unknown-id', 'doc.txt.yaml', result.problems[0]);
    assert.match(message, /e-gone000001/);
    assert.doesNotMatch(message, /cannot be parsed/);
  });

  it('internal errors win over everything, then unknown ids, duplicates (changed on disk), invalid changes', () => {
    assert.strictEqual(refusalReason([p('yaml-syntax'), p('internal-error')]), 'internal-error');
    assert.strictEqual(refusalReason([p('invalid-change'), p('unknown-id')]), 'unknown-id');
    assert.strictEqual(refusalReason([p('duplicate-id')], false), 'changed-on-disk');
    assert.strictEqual(refusalReason([p('invalid-change')], true), 'invalid-change');
  });

  it('each reason has its own sentence, naming the file and the place', () => {
    const reasons = ['unparseable', 'changed-on-disk', 'unknown-id', 'invalid-change', 'internal-error'] as const;
    const messages = reasons.map((r) => refusalMessage(r, 'corpus.yaml', p(r === 'unknown-id' ? 'unknown-id' : 'x', 'the detail')));
    assert.strictEqual(new Set(messages).size, reasons.length);
    for (const m of messages) assert.match(m, /corpus\.yaml/);
    for (const m of messages) assert.match(m, /the detail/);
    assert.match(refusalMessage('internal-error', 'a.yaml', p('internal-error')), /internal error/);
    assert.match(refusalMessage('io-error', 'a.yaml', undefined, 'EACCES'), /Could not write a\.yaml: EACCES/);
  });
});
