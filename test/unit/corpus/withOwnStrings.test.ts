import * as assert from 'assert';
import { readDocumentModel, withOwnStrings } from '../../../src/core/corpus/documentModel';

describe('corpus: a closed document keeps annotations with strings of their own', () => {
  it('withOwnStrings gives equal annotations, problems and rejections in new objects, and leaves the rest as it was', () => {
    const text = 'Officials in Tongzhou said the Changtong Bridge opens in September.\n';
    const start = text.indexOf('Changtong Bridge');
    const sidecarText = `format: corpus-annotator\nversion: 1\ndocument: doc.txt\noffsets: codepoint\nentities:\n  - id: e-1\n    type: place\n    text: Changtong Bridge\n    start: ${start}\n    end: ${start + 16}\n  - id: e-2\n    type: nonsense\n    text: Tongzhou\n    start: 13\n    end: 21\nrejections:\n  - text: September\n    type: date\n`;
    const model = readDocumentModel('doc.txt', text, sidecarText, new Set(['place']));
    assert.ok(model.entities.length > 0 && model.problems.length > 0 && (model.rejections ?? []).length > 0, 'the model has every kind of field');
    const own = withOwnStrings(model);
    for (const k of ['entities', 'facts', 'problems', 'rejections'] as const) {
      assert.deepStrictEqual(own[k], model[k], k);
      assert.notStrictEqual(own[k], model[k], k);
    }
    assert.strictEqual(own.info, model.info);
    assert.strictEqual(own.text, model.text);
  });
});
