import * as fs from 'fs';
import * as path from 'path';
import { normalizeText } from '../../src/core/text/normalize';

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), for generated corpora and property tests. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The repository's seed documents (file name and normalised text), in file name order. */
export function seedFiles(): { file: string; text: string }[] {
  // From out/test/support or test/support alike: the repository root holds seeds/.
  const dir = [path.resolve(__dirname, '../../seeds'), path.resolve(__dirname, '../../../seeds')].find((d) => fs.existsSync(path.join(d, '000_ad486b33f2fde1b8.txt')))!;
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, text: normalizeText(fs.readFileSync(path.join(dir, file), 'utf8')) }));
}

/** The seed documents' normalised texts, in file name order. */
export function seedTexts(): string[] {
  return seedFiles().map((f) => f.text);
}
