// What the converter tests build their random models and inputs from, and how they compare outputs: seeded normal
// draws (Philox, so a file's models are the same every run), a shape's element count, and the largest absolute
// difference between two outputs of the same length.
import { expect } from "vitest";
import { PhiloxGenerator } from "@/lib/rng/philox";

/** Normal draws from a generator seeded with `seed`, each scaled by `scale`. */
export function seededRandn(seed: number): (n: number, scale?: number) => Float32Array {
  const rng = new PhiloxGenerator(seed);
  return (n, scale = 1) => rng.randn(n).map((v) => v * scale);
}

export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
