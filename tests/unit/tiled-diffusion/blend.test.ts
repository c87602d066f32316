// Tiled Diffusion's blending on analytic UNets (docs/tiled-diffusion.md#per-step): partition of unity, pointwise
// invariance, the expected weighted averages of a position-dependent UNet, batching, crops of the image
// conditioning, the hires pass and interrupts, regions' layers.
import { describe, expect, it } from "vitest";
import type { Tensor, UnetBatch, UnetFn } from "@onyx/sdk";
import { isJobInterrupted } from "@onyx/sdk";
import { cropBoxes, tiledUnet, type CanvasPlan } from "@/extensions/tiled-diffusion/blend";
import { canvasPlan } from "@/extensions/tiled-diffusion/index";
import type { Region } from "@/extensions/tiled-diffusion/regions";
import { featherMask, gaussianWeights } from "@/extensions/tiled-diffusion/weights";

const METHODS = ["MultiDiffusion", "Mixture of Diffusers"] as const;
const noStop = { shouldStop: () => false, regionContext: async (_: number, b: UnetBatch) => b.context };

function batchOf(n: number, h: number, w: number, seed = 1): UnetBatch {
  const x = new Float32Array(n * 4 * h * w).map((_, i) => Math.sin(i * 0.37 + seed));
  return {
    x: { data: x, shape: [n, 4, h, w] },
    timesteps: Array.from({ length: n }, (_, i) => 500 + i),
    sigmas: Array.from({ length: n }, () => 3),
    context: { data: new Float32Array(n * 77 * 8).map((_, i) => Math.floor(i / (77 * 8))), shape: [n, 77, 8] },
    imageCond: null,
    entries: Array.from({ length: n }, (_, i) => ({ image: i % 2, cond: i < n / 2, part: 0 })),
    step: 0,
    totalSteps: 20,
  };
}

/** A per-pixel UNet: ε = 0.5·x + sin(x)·t/1000 (any function of the entry's own pixel and timestep). */
const pointwise: UnetFn = async (b) => {
  const [n, c, h, w] = b.x.shape;
  const per = c * h * w;
  return b.x.data.map((v, i) => 0.5 * v + (Math.sin(v) * b.timesteps[Math.floor(i / per)]) / 1000);
};

/** A UNet whose output is the pixel's column inside the crop it was given (a known function of position). */
const localColumn: UnetFn = async (b) => {
  const [, , , w] = b.x.shape;
  return b.x.data.map((_, i) => i % w);
};

const plan = (method: (typeof METHODS)[number], w: number, h: number, tile: number, overlap: number, batchSize: number): CanvasPlan =>
  canvasPlan(method, { tile_width: tile, tile_height: tile, overlap, batch_size: batchSize }, w, h, null, false);

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe("tiled UNet blending", () => {
  it.each(METHODS)("%s: a constant UNet gives the constant everywhere (partition of unity)", async (method) => {
    const constant: UnetFn = async (b) => new Float32Array(b.x.data.length).fill(0.75);
    const out = await tiledUnet(constant, plan(method, 40, 28, 16, 8, 3), noStop)(batchOf(2, 28, 40));
    expect(maxDiff(out, new Float32Array(out.length).fill(0.75))).toBeLessThan(1e-6);
  });

  it.each(METHODS)("%s: a pointwise UNet gives the untiled result, for any tile size, overlap and batch size", async (method) => {
    const batch = batchOf(3, 36, 52);
    const plain = await pointwise(batch);
    for (const [tile, overlap, bs] of [[16, 8, 1], [24, 4, 3], [32, 16, 8], [16, 0, 2]]) {
      const out = await tiledUnet(pointwise, plan(method, 52, 36, tile, overlap, bs), noStop)(batch);
      expect(maxDiff(out, plain)).toBeLessThan(1e-6);
    }
  });

  it.each(METHODS)("%s: a position-dependent UNet gives the expected weighted average of its tiles", async (method) => {
    const p = plan(method, 40, 16, 16, 8, 2);
    const out = await tiledUnet(localColumn, p, noStop)(batchOf(1, 16, 40));
    const tiles = p.passes.flatMap((pass) => pass.boxes);
    // Columns 0, 12, 24 (cols = ceil(32 / 8) = 4 → dx = 8: 0, 8, 16, 24).
    expect(tiles.map((t) => t[0])).toEqual([0, 8, 16, 24]);
    const g = gaussianWeights(16, 16);
    for (const y of [0, 7, 15]) {
      for (let x = 0; x < 40; x++) {
        let sum = 0;
        let total = 0;
        for (const [x0] of tiles) {
          if (x < x0 || x >= x0 + 16) continue;
          const weight = method === "MultiDiffusion" ? 1 : g[y * 16 + (x - x0)];
          sum += weight * (x - x0);
          total += weight;
        }
        expect(Math.abs(out[y * 40 + x] - sum / total)).toBeLessThan(1e-6);
      }
    }
    // MultiDiffusion's hard average in a two-tile overlap: column 12 is in tiles at 0 and 8 → (12 + 4) / 2.
    if (method === "MultiDiffusion") expect(out[12]).toBe(8);
  });

  it.each(METHODS)("%s: one tile covering the canvas returns the UNet's output exactly", async (method) => {
    const batch = batchOf(2, 16, 24);
    const out = await tiledUnet(pointwise, plan(method, 24, 16, 96, 48, 4), noStop)(batch);
    expect(Array.from(out)).toEqual(Array.from(await pointwise(batch)));
  });

  it("ceil(N/B') calls of B' tiles × every entry, tile-major, with timesteps, σ, context and labels repeated", async () => {
    const calls: UnetBatch[] = [];
    const spy: UnetFn = async (b) => {
      calls.push(b);
      return pointwise(b);
    };
    const batch = batchOf(2, 28, 40);
    const p = plan("MultiDiffusion", 40, 28, 16, 8, 4);
    const tiles = p.passes.flatMap((pass) => pass.boxes);
    // 40: ceil(32 / 8) = 4 columns; 28: ceil(20 / 8) = 3 rows → 12 tiles in 3 batches of 4.
    expect(tiles).toHaveLength(12);
    await tiledUnet(spy, p, noStop)(batch);
    expect(calls).toHaveLength(3);
    for (const [k, call] of calls.entries()) {
      expect(call.x.shape).toEqual([8, 4, 16, 16]);
      expect(call.timesteps).toEqual([500, 501, 500, 501, 500, 501, 500, 501]);
      expect(call.sigmas).toHaveLength(8);
      expect(call.context.shape).toEqual([8, 77, 8]);
      expect(Array.from({ length: 8 }, (_, e) => call.context.data[e * 77 * 8])).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
      expect(call.entries).toEqual([...batch.entries!, ...batch.entries!, ...batch.entries!, ...batch.entries!]);
      // Entry 1 of the call is the first tile of this batch cropped from entry 1 of the canvas.
      const [x0, y0] = tiles[k * 4];
      expect(call.x.data[1 * 4 * 256]).toBe(batch.x.data[1 * 4 * 28 * 40 + y0 * 40 + x0]);
    }
    const byOne: UnetBatch[] = [];
    const outOne = await tiledUnet(async (b) => (byOne.push(b), pointwise(b)), plan("MultiDiffusion", 40, 28, 16, 8, 1), noStop)(batch);
    const outEight = await tiledUnet(pointwise, plan("MultiDiffusion", 40, 28, 16, 8, 8), noStop)(batch);
    expect(byOne).toHaveLength(12);
    expect(Array.from(outOne)).toEqual(Array.from(outEight));
  });

  it("crops image conditioning of the canvas size and repeats a dummy", async () => {
    const seen: Array<Tensor | null> = [];
    const spy: UnetFn = async (b) => (seen.push(b.imageCond), pointwise(b));
    const batch = batchOf(1, 16, 24);
    const ic = { data: new Float32Array(5 * 16 * 24).map((_, i) => i), shape: [1, 5, 16, 24] };
    await tiledUnet(spy, plan("MultiDiffusion", 24, 16, 16, 8, 2), noStop)({ ...batch, imageCond: ic });
    expect(seen[0]!.shape).toEqual([2, 5, 16, 16]);
    expect(Array.from(seen[0]!.data)).toEqual(Array.from(cropBoxes(ic, [[0, 0, 16, 16], [8, 0, 16, 16]]).data));
    expect(seen[0]!.data[5 * 256]).toBe(8);
    const dummy = { data: new Float32Array([1, 2, 3, 4, 5]), shape: [1, 5, 1, 1] };
    await tiledUnet(spy, plan("MultiDiffusion", 24, 16, 16, 8, 2), noStop)({ ...batch, imageCond: dummy });
    expect(seen[1]).toEqual({ data: new Float32Array([1, 2, 3, 4, 5, 1, 2, 3, 4, 5]), shape: [2, 5, 1, 1] });
  });

  it("calls of another size (the hires pass) go to the UNet untouched; an interrupt stops between tile calls", async () => {
    const calls: UnetBatch[] = [];
    const spy: UnetFn = async (b) => (calls.push(b), pointwise(b));
    const hires = batchOf(1, 32, 48);
    await tiledUnet(spy, plan("MultiDiffusion", 24, 16, 16, 8, 1), noStop)(hires);
    expect(calls).toEqual([hires]);
    let stop = false;
    const stopping = tiledUnet(async (b) => ((stop = true), pointwise(b)), plan("MultiDiffusion", 24, 16, 16, 8, 1), { ...noStop, shouldStop: () => stop });
    const error = await stopping(batchOf(1, 16, 24)).catch((e) => e);
    expect(isJobInterrupted(error)).toBe(true);
  });
});

describe("regions", () => {
  const region = (over: Partial<Region>): Region => ({ number: 1, x: 0, y: 0, w: 0.5, h: 1, prompt: "", negPrompt: "", foreground: false, featherRatio: 0.2, seed: 1, ...over });
  /** A UNet answering each entry's first context value (its conditioning) everywhere. */
  const byContext: UnetFn = async (b) => {
    const [n, c, h, w] = b.x.shape;
    const out = new Float32Array(n * c * h * w);
    for (let e = 0; e < n; e++) out.fill(b.context.data[e * b.context.shape[1] * b.context.shape[2]], e * c * h * w, (e + 1) * c * h * w);
    return out;
  };
  const withRegionValue = (values: number[]) => ({
    shouldStop: () => false,
    regionContext: async (index: number, b: UnetBatch) => ({ data: new Float32Array(b.context.data.length).fill(values[index]), shape: b.context.shape }),
  });

  it("MultiDiffusion: a background region counts +1 over its box with its own conditioning; no grid without Draw background", async () => {
    const batch = batchOf(1, 16, 32);
    batch.context.data.fill(10);
    const regions = [region({ x: 0, w: 0.5 })];
    const alone = canvasPlan("MultiDiffusion", { tile_width: 16, tile_height: 16, overlap: 8, batch_size: 4 }, 32, 16, regions, false);
    expect(alone.passes).toHaveLength(1);
    const out = await tiledUnet(byContext, alone, withRegionValue([2]))(batch);
    expect(out[0]).toBe(2);
    expect(out[31]).toBe(0); // uncovered: the UNet output is 0
    const both = canvasPlan("MultiDiffusion", { tile_width: 32, tile_height: 16, overlap: 8, batch_size: 4 }, 32, 16, regions, true);
    const mixed = await tiledUnet(byContext, both, withRegionValue([2]))(batch);
    expect(mixed[0]).toBe(6); // (10 + 2) / 2
    expect(mixed[31]).toBe(10);
  });

  it("a foreground region overrides through its feather mask; overlapping foregrounds average", async () => {
    const batch = batchOf(1, 16, 32);
    batch.context.data.fill(10);
    const fg = [region({ x: 0, y: 0, w: 0.625, h: 1, foreground: true, featherRatio: 0.5 }), region({ number: 2, x: 0.5, w: 0.5, foreground: true, featherRatio: 0 })];
    const p = canvasPlan("MultiDiffusion", { tile_width: 32, tile_height: 16, overlap: 8, batch_size: 4 }, 32, 16, fg, true);
    const out = await tiledUnet(byContext, p, withRegionValue([2, 4]))(batch);
    const mask = featherMask(20, 16, 0.5);
    for (const [x, y] of [[0, 8], [3, 8], [8, 8], [10, 2]]) {
      const f = mask[y * 20 + x];
      expect(out[y * 32 + x]).toBeCloseTo(10 * (1 - f) + 2 * f, 6);
    }
    // Columns 16…19 are in both: foregrounds (2 + 4) / 2, feather (m + 1) / 2.
    const f = (mask[8 * 20 + 17] + 1) / 2;
    expect(out[8 * 32 + 17]).toBeCloseTo(10 * (1 - f) + 3 * f, 6);
    expect(out[8 * 32 + 25]).toBe(4);
  });
});
