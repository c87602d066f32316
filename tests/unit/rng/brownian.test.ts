import { describe, expect, it } from "vitest";
import { createBrownianNoise } from "@/lib/rng/brownian";

const SHAPE = [4, 64, 64];
const N = 4 * 64 * 64;
const SIGMA_MIN = 0.0292;
const SIGMA_MAX = 14.6146;

/** Karras et al. σ schedule (ρ = 7), descending, without the final 0. */
function karras(steps: number): number[] {
  const lo = SIGMA_MIN ** (1 / 7);
  const hi = SIGMA_MAX ** (1 / 7);
  return Array.from({ length: steps }, (_, i) => (hi + (i / (steps - 1)) * (lo - hi)) ** 7);
}

function moments(values: Float32Array) {
  let sum = 0;
  let sumSquares = 0;
  for (const v of values) {
    sum += v;
    sumSquares += v * v;
  }
  const mean = sum / values.length;
  return { mean, variance: sumSquares / values.length - mean * mean };
}

function correlation(a: Float32Array, b: Float32Array): number {
  const ma = moments(a);
  const mb = moments(b);
  let cross = 0;
  for (let i = 0; i < a.length; i++) cross += (a[i] - ma.mean) * (b[i] - mb.mean);
  return cross / a.length / Math.sqrt(ma.variance * mb.variance);
}

// Sample statistics over N = 16384 values: standard error of a mean or correlation ≈ 0.008, of a variance ≈ 0.011.
// The bounds below are about 5 standard errors, and the seeds are fixed, so the tests are deterministic.

describe("createBrownianNoise", () => {
  it("normalised increments are N(0, 1) for long, short and tiny intervals", () => {
    const noise = createBrownianNoise([42], SHAPE, SIGMA_MIN, SIGMA_MAX);
    for (const [from, to] of [[SIGMA_MAX, SIGMA_MIN], [14.6, 10.7], [1.2, 0.9], [0.05, 0.0499], [SIGMA_MIN + 2e-4, SIGMA_MIN]]) {
      const { mean, variance } = moments(noise(from, to));
      expect(Math.abs(mean)).toBeLessThan(0.04);
      expect(Math.abs(variance - 1)).toBeLessThan(0.06);
    }
  });

  it("is one path: increments add up and reversing an interval negates it", () => {
    const noise = createBrownianNoise([7], SHAPE, SIGMA_MIN, SIGMA_MAX);
    const [a, b, c] = [3.3, 1.7, 0.61];
    const ab = noise(a, b);
    const bc = noise(b, c);
    const ac = noise(a, c);
    const ba = noise(b, a);
    for (let i = 0; i < N; i += 97) {
      expect(Math.sqrt(a - b) * ab[i] + Math.sqrt(b - c) * bc[i]).toBeCloseTo(Math.sqrt(a - c) * ac[i], 4);
      expect(ba[i]).toBeCloseTo(-ab[i], 6);
    }
  });

  it("disjoint consecutive intervals (2M/3M SDE) are uncorrelated", () => {
    const noise = createBrownianNoise([3], SHAPE, SIGMA_MIN, SIGMA_MAX);
    const sigmas = karras(10);
    for (let i = 0; i + 2 < sigmas.length; i++) {
      expect(Math.abs(correlation(noise(sigmas[i], sigmas[i + 1]), noise(sigmas[i + 1], sigmas[i + 2])))).toBeLessThan(0.04);
    }
  });

  it("overlapping intervals (DPM++ SDE σ_i → σ_s, σ_i → σ_{i+1}) have correlation √(L₁/(L₁+L₂))", () => {
    const noise = createBrownianNoise([11], SHAPE, SIGMA_MIN, SIGMA_MAX);
    const sigmas = karras(10);
    for (const i of [0, 4, 8]) {
      const sigmaS = Math.sqrt(sigmas[i] * sigmas[i + 1]); // DPM++ SDE's midpoint in log σ (r = 1/2)
      const l1 = sigmas[i] - sigmaS;
      const l2 = sigmaS - sigmas[i + 1];
      const observed = correlation(noise(sigmas[i], sigmaS), noise(sigmas[i], sigmas[i + 1]));
      expect(Math.abs(observed - Math.sqrt(l1 / (l1 + l2)))).toBeLessThan(0.04);
    }
  });

  it("is deterministic per seed, whatever the query order and the rest of the batch", () => {
    const queries: [number, number][] = [[9, 5], [5, 2.5], [9, 2.5], [0.8, 0.3], [SIGMA_MAX, SIGMA_MIN]];
    const batch = createBrownianNoise([1, 2, 3], [2, 8, 8], SIGMA_MIN, SIGMA_MAX);
    const inOrder = queries.map(([s, t]) => Array.from(batch(s, t).subarray(128, 256)));
    const alone = createBrownianNoise([2], [2, 8, 8], SIGMA_MIN, SIGMA_MAX);
    const reversed = [...queries].reverse().map(([s, t]) => Array.from(alone(s, t)));
    expect(reversed.reverse()).toEqual(inOrder);
    // A different seed is a different path.
    expect(Array.from(createBrownianNoise([4], [2, 8, 8], SIGMA_MIN, SIGMA_MAX)(9, 5))).not.toEqual(inOrder[0]);
  });

  it("rejects queries outside [σ_min, σ_max] but snaps rounding-level overshoot", () => {
    const noise = createBrownianNoise([1], [1, 2, 2], SIGMA_MIN, SIGMA_MAX);
    expect(() => noise(SIGMA_MAX * 1.01, 1)).toThrow(RangeError);
    expect(Array.from(noise(SIGMA_MAX * (1 + 1e-12), 1))).toEqual(Array.from(noise(SIGMA_MAX, 1)));
    expect(Array.from(noise(2, 2))).toEqual([0, 0, 0, 0]);
  });
});
