import * as assert from 'assert';
import fc from 'fast-check';
import { findSuggestions, overlapsAny, prepareSources, suggestionSources, type Suggestion, type SuggestionSource } from '../../src/core/corpus/suggestions';
import { CodePointIndex } from '../../src/core/text/codepoints';

/** findSuggestions as it was written with the word regex: the reference for the scanner that replaced it. */
function byRegex(text: string, sources: SuggestionSource[], tagged: { start: number; end: number }[], window: { start: number; end: number }): Suggestion[] {
  const { byFirstWord } = prepareSources(sources);
  const cps = new CodePointIndex(text);
  const wordChar = /[\p{L}\p{N}\p{M}_]/u;
  const sorted = [...tagged].sort((a, b) => a.start - b.start);
  const found: Suggestion[] = [];
  const word = /[\p{L}\p{N}\p{M}_'’-]+/gu;
  word.lastIndex = window.start;
  let lastEnd = -1;
  for (let m = word.exec(text); m && m.index < window.end; m = word.exec(text)) {
    const at = m.index;
    if (at < lastEnd) continue;
    const w = m[0];
    let candidates = byFirstWord.get(w);
    for (let cut = w.length - 1; cut > 0 && !candidates; cut--) if (!wordChar.test(w[cut])) candidates = byFirstWord.get(w.slice(0, cut));
    for (const s of candidates ?? []) {
      if (!text.startsWith(s.text, at)) continue;
      const endU = at + s.text.length;
      if (endU < text.length && wordChar.test(text[endU]) && wordChar.test(s.text[s.text.length - 1])) continue;
      const start = cps.toCodePoint(at);
      const end = cps.toCodePoint(endU);
      if (!overlapsAny(sorted, start, end)) found.push({ ...s, start, end });
      lastEnd = endU;
      break;
    }
  }
  return found;
}

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

  it('scans words exactly as the word regex does: astral letters and emoji, marks, apostrophes, hyphens, windows starting inside a pair', () => {
    const pieces = ['Hebei', "Hebei's", 'Xiong’an', 'Xiong-an', '𝔸rea', '𝔸', '🙂', 'e\u0301', '北京', ' ', '\n', "'", '-', '_x', '9', '\ud835', 'Pékin', 'é'];
    const names = ['Hebei', 'Xiong’an', 'Xiong-an', '𝔸rea', '北京', "'x", 'e\u0301', 'Pékin', '9 Hebei', 'Hebei 𝔸'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.nat(), fc.nat(), fc.array(fc.nat(), { maxLength: 4 }), (parts, a, b, tags) => {
        const text = parts.join('');
        const sources = names.map((text, i) => ({ text, type: i % 2 ? 'location' : 'person' }));
        const start = a % (text.length + 1);
        const window = { start, end: start + (b % (text.length + 1 - start)) };
        const tagged = tags.map((t) => ({ start: t % (text.length + 1), end: (t % (text.length + 1)) + 2 }));
        assert.deepStrictEqual(findSuggestions(text, sources, tagged, { window }), byRegex(text, sources, tagged, window));
      }),
      { seed: 1203, numRuns: 1000 },
    );
  });
});
