import * as assert from 'assert';
import { hashText, makeAnchor, parseSidecar, serializeSidecar } from '../../../src/core/sidecar';
import { CodePointIndex } from '../../../src/core/text/codepoints';
import { normalizeText } from '../../../src/core/text/normalize';

describe('sidecar: offsets in code points on normalised text', () => {
  // A document saved with a BOM and CRLF line endings, with CJK and characters outside the BMP.
  const raw = '\ufeffTitle: 京津冀协同发展\r\n\r\n😀 Beijing (北京) and 🏙️ Tongzhou\r\nPékin 𠀀 end\r\n';
  const text = normalizeText(raw);

  it('strips the BOM and normalises line endings before counting', () => {
    assert.ok(!text.includes('\r') && text.charCodeAt(0) !== 0xfeff);
  });

  it('counts code points the way Python does, and anchors read back without problems', () => {
    const points = Array.from(text);
    const find = (s: string) => {
      const cps = Array.from(s);
      for (let i = 0; i + cps.length <= points.length; i++) if (points.slice(i, i + cps.length).join('') === s) return [i, i + cps.length] as const;
      throw new Error(s);
    };
    const targets = ['京津冀', 'Beijing', '北京', 'Tongzhou', 'Pékin', '𠀀', '😀', '🏙️'];
    const entities = targets.map((t, i) => {
      const [s, e] = find(t);
      const a = makeAnchor(text, s, e);
      assert.strictEqual(a.text, t);
      return { id: `e-${i}`, type: 'location', ...a };
    });
    // Code points, not UTF-16: 'Tongzhou' comes after two astral characters (😀 and the 🏙 of 🏙️).
    const tz = entities[3];
    assert.strictEqual(tz.start, text.indexOf('Tongzhou') - 2);
    assert.strictEqual(entities[6].start, Array.from(text).indexOf('😀'));
    const sidecar = serializeSidecar({ header: { format: 'corpus-annotator', version: 1, document: 'd.txt', textHash: hashText(text), offsets: 'codepoint' }, entities, facts: [] });
    const p = parseSidecar(sidecar, { documentText: text });
    assert.deepStrictEqual(p.problems, []);
    const idx = new CodePointIndex(text);
    for (const e of p.value.entities) assert.strictEqual(idx.slice(e.start, e.end), e.text);
    // The same sidecar read against the raw (un-normalised) text would not match: normalisation matters.
    const bad = parseSidecar(sidecar, { documentText: raw });
    assert.ok(bad.problems.some((x) => x.code === 'quote-mismatch'));
  });

  it('a sidecar with CRLF endings and a BOM parses the same', () => {
    const entities = [{ id: 'e-1', type: 'location', ...makeAnchor(text, 0, 5) }];
    const lf = serializeSidecar({ header: { format: 'corpus-annotator', version: 1, document: 'd.txt', textHash: hashText(text), offsets: 'codepoint' }, entities, facts: [] });
    const crlf = '\ufeff' + lf.replace(/\n/g, '\r\n');
    const a = parseSidecar(lf, { documentText: text });
    const b = parseSidecar(crlf, { documentText: text });
    assert.deepStrictEqual(b.value, a.value);
    assert.deepStrictEqual(b.problems, []);
  });
});

describe('sidecar: problems have 1-based lines and columns', () => {
  const doc = 'Beijing and Tongzhou.';
  const head = `format: corpus-annotator\nversion: 1\ndocument: d.txt\ntextHash: ${hashText(doc)}\noffsets: codepoint\n`;
  it('points at the offending value, with the annotation id', () => {
    const text = head + 'entities:\n  - id: e-1\n    type: location\n    text: Beijing\n    start: 0\n    end: 7\n    prefix: ""\n    suffix: " and Tongzhou."\n  - id: e-2\n    type: location\n    text: Tianjin\n    start: 12\n    end: 19\n    prefix: "Beijing and "\n    suffix: "u."\nfacts: []\n';
    const p = parseSidecar(text, { documentText: doc });
    assert.strictEqual(p.problems.length, 1);
    assert.deepStrictEqual({ ...p.problems[0], message: '' }, { message: '', severity: 'warning', line: 16, column: 11, code: 'quote-mismatch', annotationId: 'e-2' });
    assert.deepStrictEqual(p.value.entities.map((e) => e.id), ['e-1', 'e-2']);
  });
  it('a YAML syntax error is located', () => {
    const p = parseSidecar(head + 'entities: [\n  {id: e-1,\n');
    assert.ok(!p.writable);
    assert.ok(p.problems.some((x) => x.code === 'yaml-syntax' && x.line >= 6));
  });
  it('never throws, whatever the input', () => {
    for (const input of [undefined, null, 42, {}, '\u0000', '\ud800', ':', '- - -', '&a [*a]', '!!binary AAAA', '? [a]\n: b'] as unknown[]) {
      const p = parseSidecar(input as string);
      assert.ok(Array.isArray(p.problems));
    }
  });
});
