import { describe, expect, it } from "vitest";
import { DEFAULT_RNG_SOURCE, firstNoise, ImageRNG, type RngSource } from "@/lib/rng/image-rng";
import { A1111_NV_SCALES, PhiloxGenerator } from "@/lib/rng/philox";
import { slerp } from "@/lib/rng/slerp";
import { TorchCpuGenerator } from "@/lib/rng/torch-cpu";

const SHAPE = [4, 8, 8] as const;
const N = 4 * 8 * 8;

/** Philox values of `seed` at `offset` (the NV generator's offset-th draw). */
function philoxDraw(seed: number, count: number, offset: number): Float32Array {
  const generator = new PhiloxGenerator(seed);
  for (let i = 0; i < offset; i++) generator.randn(1);
  return generator.randn(count);
}

const image = (batch: Float32Array, i: number, size = N) => Array.from(batch.subarray(i * size, (i + 1) * size));

describe("ImageRNG", () => {
  it("defaults to the GPU source (CUDA's Philox values): draw k of image i is Philox(seed_i) at offset k", () => {
    expect(DEFAULT_RNG_SOURCE).toBe("GPU");
    const rng = new ImageRNG({ shape: SHAPE, seeds: [10, 20] });
    for (let k = 0; k < 3; k++) {
      const batch = rng.next();
      expect(batch.length).toBe(2 * N);
      expect(image(batch, 0)).toEqual(Array.from(philoxDraw(10, N, k)));
      expect(image(batch, 1)).toEqual(Array.from(philoxDraw(20, N, k)));
    }
  });

  it("NV draws A1111's own NV generator (float32 constants), CPU continues one torch CPU stream per image", () => {
    const nv = new ImageRNG({ shape: SHAPE, seeds: [3], source: "NV" });
    const a1111 = new PhiloxGenerator(3, A1111_NV_SCALES);
    expect(Array.from(nv.next())).toEqual(Array.from(a1111.randn(N)));
    expect(Array.from(nv.next())).toEqual(Array.from(a1111.randn(N)));
    const rng = new ImageRNG({ shape: SHAPE, seeds: [3], source: "CPU" });
    const reference = new TorchCpuGenerator(3);
    expect(Array.from(rng.next())).toEqual(Array.from(reference.randn(N)));
    expect(Array.from(rng.next())).toEqual(Array.from(reference.randn(N)));
  });

  it("image i of a batch is the image its seed gives alone", () => {
    for (const source of ["NV", "CPU"] as RngSource[]) {
      const options = { shape: SHAPE, subseeds: [7, 8, 9], subseedStrength: 0.4, etaNoiseSeedDelta: 31337, source };
      const batch = new ImageRNG({ ...options, seeds: [100, 101, 102] });
      const alone = new ImageRNG({ ...options, seeds: [101], subseeds: [8] });
      for (let k = 0; k < 3; k++) expect(image(batch.next(), 1)).toEqual(Array.from(alone.next()));
    }
  });

  it("ENSD re-seeds the generators with seed + ENSD after the first draw only", () => {
    const rng = new ImageRNG({ shape: SHAPE, seeds: [5, 6], etaNoiseSeedDelta: 31337 });
    expect(image(rng.next(), 1)).toEqual(Array.from(philoxDraw(6, N, 0)));
    const second = rng.next();
    expect(image(second, 0)).toEqual(Array.from(philoxDraw(5 + 31337, N, 0)));
    expect(image(second, 1)).toEqual(Array.from(philoxDraw(6 + 31337, N, 0)));
    expect(image(rng.next(), 1)).toEqual(Array.from(philoxDraw(6 + 31337, N, 1)));
  });

  it("variation seeds slerp the first draw only; strength 1 gives the subseed's noise", () => {
    const full = new ImageRNG({ shape: SHAPE, seeds: [1], subseeds: [2], subseedStrength: 1 });
    expect(Array.from(full.next())).toEqual(Array.from(philoxDraw(2, N, 0)));
    expect(Array.from(full.next())).toEqual(Array.from(philoxDraw(1, N, 1)));
    const partial = new ImageRNG({ shape: SHAPE, seeds: [1], subseeds: [2], subseedStrength: 0.3 });
    expect(Array.from(partial.next())).toEqual(Array.from(slerp(0.3, philoxDraw(1, N, 0), philoxDraw(2, N, 0), SHAPE)));
    // A missing subseed counts as 0, as in A1111.
    const short = new ImageRNG({ shape: SHAPE, seeds: [1, 2], subseeds: [2], subseedStrength: 1 });
    expect(image(short.next(), 1)).toEqual(Array.from(philoxDraw(0, N, 0)));
  });

  it("seed resize pastes the old-size noise centred into a fresh full-size draw", () => {
    // Latent 1×4×6, resize from 16×16 px → old latent 1×2×2, offsets dx = (6 − 2) // 2 = 2, dy = (4 − 2) // 2 = 1.
    const result = new ImageRNG({ shape: [1, 4, 6], seeds: [9], seedResizeFromW: 16, seedResizeFromH: 16 }).next();
    const canvas = philoxDraw(9, 24, 0); // the image's own generator, first draw
    const patch = philoxDraw(9, 4, 0); // a fresh generator for the old size
    const expected = Array.from(canvas);
    expected[1 * 6 + 2] = patch[0];
    expected[1 * 6 + 3] = patch[1];
    expected[2 * 6 + 2] = patch[2];
    expected[2 * 6 + 3] = patch[3];
    expect(Array.from(result)).toEqual(expected);
  });

  it("seed resize from a larger size crops the old noise's centre", () => {
    // Latent 1×3×5, resize from 64×64 px → old 1×8×8: dx = (5 − 8) // 2 = −2, dy = (3 − 8) // 2 = −3, so A1111
    // copies old rows 3..4, columns 2..5 into canvas rows 0..1, columns 0..3; the rest stays the canvas draw.
    const rng = new ImageRNG({ shape: [1, 3, 5], seeds: [9], seedResizeFromW: 64, seedResizeFromH: 64 });
    const result = rng.next();
    const canvas = philoxDraw(9, 15, 0);
    const old = philoxDraw(9, 64, 0);
    const expected = Array.from(canvas);
    for (let y = 0; y < 2; y++) for (let x = 0; x < 4; x++) expected[y * 5 + x] = old[(3 + y) * 8 + (2 + x)];
    expect(Array.from(result)).toEqual(expected);
    // The image's generator was used once (for the canvas): the next draw is offset 1.
    expect(Array.from(rng.next())).toEqual(Array.from(philoxDraw(9, 15, 1)));
  });

  it("firstNoise is draw #0 (img2img latent-noise fill)", () => {
    const options = { shape: SHAPE, seeds: [4, 5], subseeds: [6, 7], subseedStrength: 0.5 };
    expect(Array.from(firstNoise(options))).toEqual(Array.from(new ImageRNG(options).next()));
  });
});
