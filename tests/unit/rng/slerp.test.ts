import { describe, expect, it } from "vitest";
import { PhiloxGenerator } from "@/lib/rng/philox";
import { slerp } from "@/lib/rng/slerp";

const SHAPE = [4, 64, 64] as const;
const [C, H, W] = SHAPE;
const noise = (seed: number) => new PhiloxGenerator(seed).randn(C * H * W);

/** Column (c, x) along H. */
const column = (t: Float32Array, c: number, x: number) => Array.from({ length: H }, (_, y) => t[c * H * W + y * W + x]);
const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
const norm = (a: number[]) => Math.sqrt(dot(a, a));
const angle = (a: number[], b: number[]) => Math.acos(Math.min(1, dot(a, b) / (norm(a) * norm(b))));

/** Rescales every (channel, column) vector to norm √H, so the slerp path is an exact great circle. */
function equalColumnNorms(t: Float32Array): Float32Array {
  const out = new Float32Array(t);
  for (let c = 0; c < C; c++) {
    for (let x = 0; x < W; x++) {
      const scale = Math.sqrt(H) / norm(column(t, c, x));
      for (let y = 0; y < H; y++) out[c * H * W + y * W + x] *= scale;
    }
  }
  return out;
}

describe("slerp (A1111 variation seeds)", () => {
  const seedNoise = noise(1);
  const subseedNoise = noise(2);

  it("strength 0 is the seed's noise and strength 1 the subseed's, bit for bit", () => {
    expect(Array.from(slerp(0, seedNoise, subseedNoise, SHAPE))).toEqual(Array.from(seedNoise));
    expect(Array.from(slerp(1, seedNoise, subseedNoise, SHAPE))).toEqual(Array.from(subseedNoise));
  });

  it("moves along the great circle of every (channel, column): angle v·Ω from the seed, norm kept", () => {
    const low = equalColumnNorms(seedNoise);
    const high = equalColumnNorms(subseedNoise);
    for (const strength of [0.1, 0.25, 0.5, 0.75, 0.9]) {
      const result = slerp(strength, low, high, SHAPE);
      for (const [c, x] of [[0, 0], [1, 17], [2, 40], [3, 63]]) {
        const omega = angle(column(low, c, x), column(high, c, x));
        const r = column(result, c, x);
        expect(angle(column(low, c, x), r)).toBeCloseTo(strength * omega, 4);
        expect(angle(r, column(high, c, x))).toBeCloseTo((1 - strength) * omega, 4);
        expect(norm(r)).toBeCloseTo(Math.sqrt(H), 4);
      }
    }
  });

  it("keeps Gaussian noise at unit scale halfway, where a linear blend would shrink it to ~0.71", () => {
    const result = slerp(0.5, seedNoise, subseedNoise, SHAPE);
    let sumSquares = 0;
    for (const v of result) sumSquares += v * v;
    expect(Math.sqrt(sumSquares / result.length)).toBeGreaterThan(0.97);
    expect(Math.sqrt(sumSquares / result.length)).toBeLessThan(1.03);
  });

  it("is normalised per column along H, not over the whole tensor", () => {
    // Scaling one column of the subseed noise changes that column's result only through its norm.
    const scaled = new Float32Array(subseedNoise);
    for (let y = 0; y < H; y++) scaled[y * W] *= 3;
    const a = slerp(0.5, seedNoise, subseedNoise, SHAPE);
    const b = slerp(0.5, seedNoise, scaled, SHAPE);
    for (let i = 0; i < a.length; i++) if (i % W !== 0 || i >= H * W) expect(b[i]).toBe(a[i]);
  });

  it("near-parallel noises fall back to the linear blend with reversed weights", () => {
    const same = slerp(0.3, seedNoise, seedNoise, SHAPE); // subseed = seed
    seedNoise.forEach((v, i) => expect(same[i]).toBeCloseTo(v, 6));
    // high = 2·low (cosine 1): A1111 returns low·v + high·(1 − v) = (2 − v)·low, not (1 + v)·low.
    const doubled = seedNoise.map((v) => 2 * v);
    const blended = slerp(0.25, seedNoise, doubled, SHAPE);
    seedNoise.forEach((v, i) => expect(blended[i]).toBeCloseTo(1.75 * v, 6));
  });
});
