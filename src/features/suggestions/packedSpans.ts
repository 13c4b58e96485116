/**
 * Annotated spans as a suggestion job carries them to its worker: start and end pairs in one
 * Int32Array, which the structured clone copies as a block (10,000 span objects cost the extension
 * host about 3 ms per job; typing sends a job for every new text once the last one is back).
 */
export function packSpans(spans: readonly { start: number; end: number }[]): Int32Array {
  const out = new Int32Array(spans.length * 2);
  spans.forEach((s, i) => {
    out[2 * i] = s.start;
    out[2 * i + 1] = s.end;
  });
  return out;
}

export function unpackSpans(packed: Int32Array): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = new Array(packed.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = { start: packed[2 * i], end: packed[2 * i + 1] };
  return out;
}
