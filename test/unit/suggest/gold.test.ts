import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { seedFiles } from '../../support/fixtures';

describe('suggest: gold fixture (test/fixtures/gold)', () => {
  const dir = [path.resolve(__dirname, '../../fixtures/gold'), path.resolve(__dirname, '../../../../test/fixtures/gold')].find((d) => fs.existsSync(d))!;
  const seeds = new Map(seedFiles().map((s) => [s.file, s.text]));
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.gold.json'));

  it('has the three documents', () => assert.deepStrictEqual(files.sort(), ['000_ad486b33f2fde1b8.gold.json', '001_b03c6ba473a52724.gold.json', '002_0a0484aff5f38808.gold.json']));

  for (const f of files) {
    it(`${f}: every span quotes its seed at code point offsets, in order, without overlaps, typed person/organization/location`, () => {
      const gold = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { document: string; annotations: { start: number; end: number; type: string; text: string }[] };
      const chars = Array.from(seeds.get(gold.document)!);
      let last = 0;
      for (const a of gold.annotations) {
        assert.strictEqual(chars.slice(a.start, a.end).join(''), a.text, `${a.start}-${a.end}`);
        assert.ok(a.start >= last, `overlap at ${a.start}`);
        assert.ok(['person', 'organization', 'location'].includes(a.type));
        last = a.end;
      }
      assert.ok(gold.annotations.length > 100);
    });
  }
});
