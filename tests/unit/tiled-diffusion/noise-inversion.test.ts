// Noise inversion (docs/tiled-diffusion.md#noise-inversion): the σ ladder, the reverse Euler walk on analytic
// models, the start-noise algebra, renoise and the detail map, and the cache across batches of one job.
import { describe, expect, it } from "vitest";
import { discreteScheduleFromConfig, type UnetBatch } from "@onyx/sdk";
import { tiledDiffusion } from "@/extensions/tiled-diffusion/index";
import { detailMap, invertedNoise, invertLatent, inversionSigmas, renoise, resizeBilinear, sameInversion } from "@/extensions/tiled-diffusion/noise-inversion";
import { bindScriptArgs } from "@/lib/scripts/bind-args";

const SD15 = { beta_start: 0.00085, beta_end: 0.012, beta_schedule: "scaled_linear", num_train_timesteps: 1000, prediction_type: "epsilon" as const };
const schedule = discreteScheduleFromConfig(SD15);

describe("noise inversion", () => {
  it("the ladder: 0, then σ(t) uniform in t from 0 to T−1, ascending", () => {
    const sigmas = inversionSigmas(schedule, 4);
    expect(sigmas).toHaveLength(5);
    expect(sigmas[0]).toBe(0);
    expect(sigmas[1]).toBeCloseTo(schedule.sigmas[0], 6);
    expect(sigmas[2]).toBeCloseTo(schedule.tToSigma(333), 6);
    expect(sigmas[3]).toBeCloseTo(schedule.tToSigma(666), 6);
    expect(sigmas[4]).toBeCloseTo(schedule.sigmaMax, 5);
    expect(inversionSigmas(schedule, 1)).toEqual([0, schedule.tToSigma(999)]);
  });

  it("reverse Euler: a constant ε walks x0 to x0 + ε·σ_max; the model sees the ladder's σ's in order", async () => {
    const seen: number[] = [];
    const sigmas = inversionSigmas(schedule, 3);
    const x0 = new Float32Array([0.5, -1]);
    const out = await invertLatent(x0, sigmas, async (x, sigma, step) => {
      seen.push(sigma);
      expect(step).toBe(seen.length - 1);
      return new Float32Array(x.length).fill(0.25);
    });
    expect(seen).toEqual(sigmas.slice(1));
    const top = sigmas[3];
    expect(out[0]).toBeCloseTo((0.5 + 0.25 * top) / top, 5);
    expect(out[1]).toBeCloseTo((-1 + 0.25 * top) / top, 5);
  });

  it("the start: init + noise·σ_start = init·(1 − σ_start/σ_max) + n_inv·σ_start", () => {
    const init = new Float32Array([1, 2]);
    const inverted = new Float32Array([0.3, -0.7]);
    const noise = invertedNoise(init, inverted, 14);
    const sigmaStart = 5;
    init.forEach((v, k) => expect(v + noise[k] * sigmaStart).toBeCloseTo(v * (1 - sigmaStart / 14) + inverted[k] * sigmaStart, 5));
  });

  it("renoise mixes variance-preserving by (1 − detail)·strength, clamped", () => {
    const inverted = new Float32Array([1, 1, 1, 1]);
    const random = new Float32Array([3, 3, 3, 3]);
    const out = renoise(inverted, random, new Float32Array([1, 0, 0.5, 0]), 1);
    expect(out[0]).toBeCloseTo(1, 6); // m = 0
    expect(out[1]).toBeCloseTo(3, 6); // m = 1
    expect(out[2]).toBeCloseTo((0.5 * 1 + 0.5 * 3) / Math.sqrt(0.5), 5);
    expect(renoise(inverted, random, new Float32Array([0.25]), 2)[0]).toBeCloseTo(3, 6); // 1.5 clamped to 1
  });

  it("the detail map: 0 on flat areas, wrapped differences beside an edge; bilinear resize of a map", () => {
    const width = 16;
    const data = new Uint8Array(width * 8).map((_, i) => (i % width < 8 ? 40 : 200));
    const detail = detailMap({ width, height: 8, data }, 4);
    expect(detail[0]).toBe(0);
    expect(detail[15]).toBe(0);
    // Just right of the edge the filter is below the picture: the negative difference wraps to near 1.
    expect(detail[8]).toBeGreaterThan(0.5);
    expect(detail.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(Array.from(resizeBilinear(new Float32Array([0, 1, 0, 1]), 2, 2, 4, 2))).toEqual([0, 0.25, 0.75, 1, 0, 0.25, 0.75, 1]);
  });

  it("the cache key: retouch within 0.01 and an init latent within Σ|Δ| < 100 reuse; anything else does not", () => {
    const key = { model: "abc", steps: 10, prompts: '["a"]', retouch: 1, shape: "1,4,8,8", initLatent: new Float32Array(256) };
    expect(sameInversion(key, { ...key, retouch: 1.005 })).toBe(true);
    expect(sameInversion(key, { ...key, retouch: 1.02 })).toBe(false);
    expect(sameInversion(key, { ...key, initLatent: new Float32Array(256).fill(0.38) })).toBe(true);
    expect(sameInversion(key, { ...key, initLatent: new Float32Array(256).fill(0.4) })).toBe(false);
    for (const change of [{ model: "def" }, { steps: 11 }, { prompts: '["b"]' }, { shape: "1,4,8,9" }]) expect(sameInversion(key, { ...key, ...change })).toBe(false);
  });

  it("inverts once per job for batches with the same input, with the positive prompt only and t/retouch", async () => {
    const calls: UnetBatch[] = [];
    const args = bindScriptArgs(tiledDiffusion, { enabled: true, noise_inverse: true, noise_inverse_steps: 3, noise_inverse_retouch: 2, noise_inverse_renoise_strength: 0, tile_width: 16, tile_height: 16, overlap: 8 });
    const cond = { data: new Float32Array(77 * 4).fill(1), tokens: 77, dim: 4 };
    const state = new Map<string, unknown>();
    const ctx = {
      kind: "img2img",
      args,
      state,
      job: { params: { width: 256, height: 128, batchSize: 1 }, allPrompts: ["a", "a"], allNegativePrompts: ["n", "n"], options: {}, img2img: { initImages: [] } },
      setInfotext: () => {},
      services: {
        model: { hash: "abc", unetInChannels: 4, scheduler: SD15, unet: async (b: UnetBatch) => (calls.push(b), new Float32Array(b.x.data.length)) },
        prompts: { cond: async (p: string[]) => p.map(() => [{ schedule: [{ endAtStep: 20, cond }], weight: 1 }]) },
        progress: { shouldStop: false, subSteps: () => ({ next() {}, done() {} }) },
      },
    } as never;
    await tiledDiffusion.hooks.process!(ctx);
    expect(state.get("active")).toBeDefined();
    const init = { data: new Float32Array(4 * 16 * 32).fill(0.1), shape: [1, 4, 16, 32] };
    const start = { initLatent: init, noise: { data: new Float32Array(init.data.length), shape: init.shape }, sigmas: [5, 2, 0] };
    const first = await tiledDiffusion.hooks.img2imgStart!(ctx, start);
    // 32×16 latent at tile 16 / overlap 8: 3 tiles in one call per inversion step.
    expect(calls).toHaveLength(3);
    expect(calls[0].x.shape).toEqual([3, 4, 16, 16]);
    expect(calls[0].timesteps[0]).toBeCloseTo(schedule.sigmaToT(inversionSigmas(schedule, 3)[1]) / 2, 4);
    expect(calls[0].entries!.every((e) => e.cond)).toBe(true);
    // ε = 0 everywhere: n_inv = x0/σ_max, so the noise is 0 and the start is the init latent.
    expect(Array.from(first.noise.data).every((v) => Math.abs(v) < 1e-6)).toBe(true);
    await tiledDiffusion.hooks.img2imgStart!(ctx, start);
    expect(calls).toHaveLength(3);
    await tiledDiffusion.hooks.img2imgStart!(ctx, { ...start, initLatent: { data: new Float32Array(init.data.length).fill(0.5), shape: init.shape } });
    expect(calls).toHaveLength(6);
  });
});
