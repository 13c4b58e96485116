import * as assert from 'assert';
import { findSuggestions, suggestionSources } from '../../src/core/corpus/suggestions';

describe('corpus: suggestions', () => {
  const registry = [{ id: 'beijing', name: 'Beijing', type: 'location', aliases: ['Pékin'] }];
  const sources = suggestionSources(
    [
      { text: "Xiong'an New Area", type: 'location' },
      { text: 'Tongzhou', type: 'location' },
      { text: 'Tongzhou', type: 'location' },
      { text: 'Tongzhou', type: 'organization' },
    ],
    registry,
  );

  it('collects tagged texts by majority type, and registry names and aliases', () => {
    const byText = new Map(sources.map((s) => [s.text, s]));
    assert.strictEqual(byText.get('Tongzhou')?.type, 'location');
    assert.strictEqual(byText.get('Pékin')?.entity, 'beijing');
    assert.strictEqual(byText.get('Beijing')?.type, 'location');
  });

  it("finds untagged whole-word mentions, including before a possessive 's, and skips tagged ones", () => {
    const text = "Tongzhou and Pékin. Beijing's plan for Xiong'an New Area; Tongzhouese; Tongzhou.";
    const tagged = [{ start: 0, end: 8 }];
    const found = findSuggestions(text, sources, tagged).map((s) => `${s.text}@${s.start}`);
    assert.deepStrictEqual(found, ['Pékin@13', 'Beijing@20', "Xiong'an New Area@39", 'Tongzhou@71']);
  });

  it('looks only inside a window when given one', () => {
    const text = 'Pékin et Beijing. Pékin et Beijing.';
    const found = findSuggestions(text, sources, [], { window: { start: 17, end: text.length } });
    assert.deepStrictEqual(found.map((s) => `${s.text}@${s.start}`), ['Pékin@18', 'Beijing@27']);
  });

  it('leaves ignored texts alone', () => {
    const found = findSuggestions('Pékin et Beijing', sources, [], { ignored: new Set(['Pékin']) });
    assert.deepStrictEqual(found.map((s) => s.text), ['Beijing']);
  });
});
