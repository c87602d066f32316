import { describe, expect, test } from "vitest";
import { resolveSamplerAndScheduler, SAMPLERS, samplersForApi } from "@/lib/sampling/registry";
import { sample, samplerStepCount, stepsForDenoising, promptScheduleSteps } from "@/lib/sampling/sample";
import { sampleEulerAncestral } from "@/lib/sampling/samplers/euler-ancestral";
import { sampleDpmpp2mSde } from "@/lib/sampling/samplers/dpmpp-2m-sde";
import type { SamplerModel } from "@/lib/sampling/types";
import { analyticModel, gaussianDenoiser, recordingNoise, sd15 } from "./analytic-model";

const SIZE = 4;

// docs/samplers.md#samplers: [NFE, noise calls after the initial draw] for N steps with the Automatic schedule.
const COUNTS: Record<string, (n: number) => [number, number]> = {
  "DPM++ 2M": (n) => [n, 0],
  "DPM++ SDE": (n) => [2 * n - 1, 2 * (n - 1)],
  "DPM++ 2M SDE": (n) => [n, n - 1],
  "DPM++ 2M SDE Heun": (n) => [n, n - 1],
  "DPM++ 2S a": (n) => [2 * n - 1, n - 1],
  "DPM++ 3M SDE": (n) => [n, n - 1],
  "Euler a": (n) => [n, n - 1],
  Euler: (n) => [n, n],
  LMS: (n) => [n, 0],
  Heun: (n) => [2 * n - 1, n],
  DPM2: (n) => [2 * n - 1, n],
  "DPM2 a": (n) => [2 * n - 1, n - 1],
  "DPM fast": (n) => [n, Math.floor(n / 3) + 1],
  Restart: (n) => [2 * n - 1, n >= 20 ? 1 : 0],
  DDIM: (n) => [n - 1, n - 1],
  "DDIM CFG++": (n) => [n - 1, n - 1],
  PLMS: (n) => [n, 0],
  UniPC: (n) => [n, 0],
  LCM: (n) => [n, n - 1],
};

describe("model calls and noise draws per run (docs/samplers.md#samplers)", () => {
  for (const [name, counts] of Object.entries(COUNTS)) {
    test.each([10, 20])(`${name}, N = %i`, async (n) => {
      const model = analyticModel();
      const noise = recordingNoise(SIZE);
      await sample({ sampler: name, scheduler: "Automatic", steps: n, model, schedule: sd15, noise });
      expect([model.calls, noise.draws.length - 1]).toEqual(counts(n));
    });
  }

  test("KL Optimal (no final 0) makes second-order samplers spend 2N calls", async () => {
    const model = analyticModel();
    await sample({ sampler: "Heun", scheduler: "KL Optimal", steps: 10, model, schedule: sd15, noise: recordingNoise(SIZE) });
    expect(model.calls).toBe(20);
  });
});

describe("stochastic samplers against hand-written steps", () => {
  test("Euler a, 3 steps with pre-drawn noise", async () => {
    const sigmas = [10, 3, 1, 0];
    const x0 = new Float32Array([4, -2, 7, 0.3]);
    const noise = recordingNoise(SIZE, 5);
    const out = await sampleEulerAncestral(analyticModel(), x0.slice(), sigmas, { noise, eta: 1 });
    let x = Array.from(x0);
    for (let i = 0; i < 3; i++) {
      const [s, sn] = [sigmas[i], sigmas[i + 1]];
      const up = Math.min(sn, Math.sqrt((sn * sn * (s * s - sn * sn)) / (s * s)));
      const down = Math.sqrt(sn * sn - up * up);
      const d = gaussianDenoiser(Float32Array.from(x), s);
      x = x.map((v, k) => v + ((v - d[k]) / s) * (down - s) + (sn > 0 ? up * noise.draws[i][k] : 0));
    }
    out.forEach((v, k) => expect(v).toBeCloseTo(x[k], 4));
    expect(noise.draws).toHaveLength(2);
  });

  test("DPM++ 2M SDE (midpoint), 3 steps with pre-drawn Brownian increments", async () => {
    const sigmas = [8, 2, 0.5, 0];
    const x0 = new Float32Array([3, -1, 0.5, 6]);
    const noise = recordingNoise(SIZE, 9);
    const out = await sampleDpmpp2mSde("midpoint")(analyticModel(), x0.slice(), sigmas, { noise, eta: 1 });
    let x = Array.from(x0);
    let old: Float32Array | null = null;
    let hLast = 0;
    for (let i = 0; i < 3; i++) {
      const [s, sn] = [sigmas[i], sigmas[i + 1]];
      const d = gaussianDenoiser(Float32Array.from(x), s);
      if (sn === 0) x = Array.from(d);
      else {
        const h = Math.log(s / sn);
        const c = 1 - Math.exp(-2 * h);
        x = x.map((v, k) => (sn / s) * Math.exp(-h) * v + c * d[k] + (old ? (0.5 * c * (d[k] - old[k])) / (hLast / h) : 0) + sn * Math.sqrt(1 - Math.exp(-2 * h)) * noise.draws[i][k]);
        hLast = h;
      }
      old = d;
    }
    out.forEach((v, k) => expect(v).toBeCloseTo(x[k], 4));
  });
});

describe("driver", () => {
  test("txt2img scales the first noise by σ₀ (or √(1+σ₀²) with the SGM multiplier)", async () => {
    const seen: number[] = [];
    const model = analyticModel();
    const spy: SamplerModel = { ...model, denoise: async (x, s) => (seen.push(x[0]), model.denoise(x, s)), eps: model.eps };
    const noise = recordingNoise(SIZE);
    await sample({ sampler: "Euler", scheduler: "Karras", steps: 5, model: spy, schedule: sd15, noise });
    expect(seen[0]).toBeCloseTo(noise.draws[0][0] * sd15.sigmaMax, 4);
    const noise2 = recordingNoise(SIZE);
    seen.length = 0;
    const r = await sample({ sampler: "Euler", scheduler: "Karras", steps: 5, model: spy, schedule: sd15, noise: noise2, params: { sgmNoiseMultiplier: true } });
    expect(seen[0]).toBeCloseTo(noise2.draws[0][0] * Math.sqrt(1 + sd15.sigmaMax ** 2), 4);
    expect(r.extraParams).toEqual([["Schedule type", "Karras"], ["SGM noise multiplier", true]]);
  });

  test("img2img step mapping (docs/a1111/generation.md#img2img-and-inpainting)", async () => {
    expect(stepsForDenoising(20, 0.75)).toEqual({ scheduleSteps: 20, tEnc: 15, runs: 16 });
    expect(stepsForDenoising(20, 1).runs).toBe(20);
    expect(stepsForDenoising(20, 0).runs).toBe(1);
    expect(stepsForDenoising(20, 0.5, true)).toEqual({ scheduleSteps: 40, tEnc: 19, runs: 20 });
    const init = new Float32Array(SIZE).fill(0.2);
    const img2img = { initLatent: init, denoisingStrength: 0.75 };
    const model = analyticModel();
    let reported = 0;
    const r = await sample({ sampler: "Euler", scheduler: "Automatic", steps: 20, model, schedule: sd15, noise: recordingNoise(SIZE), img2img, onStep: () => reported++ });
    expect(model.calls).toBe(16);
    expect(reported).toBe(16);
    expect(r.totalSteps).toBe(16);
    expect(samplerStepCount({ sampler: "Euler", scheduler: "Automatic", steps: 20, schedule: sd15, img2img })).toBe(16);
    // first call at the 5th σ of the 20-step uniform schedule
    expect(model.sigmas[0]).toBeCloseTo(sd15.tToSigma(999 - (4 * 999) / 19), 4);
  });

  test("interruption returns the last x₀ prediction after exactly k calls", async () => {
    const model = analyticModel();
    let lastDenoised: Float32Array | null = null;
    const r = await sample({
      sampler: "DPM++ 2M", scheduler: "Automatic", steps: 10, model, schedule: sd15, noise: recordingNoise(SIZE),
      isInterrupted: () => model.calls >= 3,
      onStep: (s) => (lastDenoised = s.denoised),
    });
    expect(r.interrupted).toBe(true);
    expect(model.calls).toBe(3);
    expect(Array.from(r.latent)).toEqual(Array.from(lastDenoised!));
  });

  test("a v-prediction model built from the same denoiser gives the eps model's result", async () => {
    const eps = analyticModel();
    // v = (√ᾱ·ε − √(1−ᾱ)·x₀)-style network: D = c_skip·x + c_out·v ⇒ v = (c_skip·x − D)/(−c_out)
    const vNet: SamplerModel = {
      async denoise(x, sigma) {
        const d = gaussianDenoiser(x, sigma);
        const cSkip = 1 / (sigma * sigma + 1);
        const cOut = -sigma / Math.sqrt(sigma * sigma + 1);
        const v = x.map((xi, i) => (d[i] - cSkip * xi) / cOut);
        return x.map((xi, i) => cSkip * xi + cOut * v[i]);
      },
      eps: eps.eps,
    };
    const a = await sample({ sampler: "Heun", scheduler: "Karras", steps: 8, model: eps, schedule: sd15, noise: recordingNoise(SIZE) });
    const b = await sample({ sampler: "Heun", scheduler: "Karras", steps: 8, model: vNet, schedule: sd15, noise: recordingNoise(SIZE) });
    b.latent.forEach((v, i) => expect(v).toBeCloseTo(a.latent[i], 4));
  });

  test("infotext keys: Eta only when ≠ 1, Eta DDIM when ≠ 0, forced discard", async () => {
    const run = (sampler: string, params = {}) => sample({ sampler, scheduler: "Automatic", steps: 4, model: analyticModel(), schedule: sd15, noise: recordingNoise(SIZE), params });
    expect((await run("Euler a")).extraParams).toEqual([]);
    expect((await run("Euler a", { eta: 0.5 })).extraParams).toEqual([["Eta", 0.5]]);
    expect((await run("DDIM", { etaDdim: 0.3 })).extraParams).toEqual([["Eta DDIM", 0.3]]);
    expect((await run("Euler", { alwaysDiscardNextToLastSigma: true })).extraParams).toEqual([["Discard penultimate sigma", true]]);
    expect(promptScheduleSteps("Heun", 20)).toBe(40);
    expect(promptScheduleSteps("Euler", 20)).toBe(20);
  });
});

describe("name resolution", () => {
  test("every name and alias resolves to its sampler", () => {
    expect(SAMPLERS).toHaveLength(20);
    for (const s of SAMPLERS) for (const n of [s.name, ...s.aliases, s.name.toUpperCase()]) expect(resolveSamplerAndScheduler(n)?.sampler.name).toBe(s.name);
  });

  test("schedule suffixes, Automatic conversion, unknown names", () => {
    const r = (n: string, s?: string) => {
      const x = resolveSamplerAndScheduler(n, s);
      return x && [x.sampler.name, x.scheduler.label];
    };
    expect(r("DPM++ 2M Karras")).toEqual(["DPM++ 2M", "Automatic"]);
    expect(resolveSamplerAndScheduler("DPM++ 2M Karras", null, { convertAutomatic: false })?.scheduler.label).toBe("Karras");
    expect(r("Euler a Exponential")).toEqual(["Euler a", "Exponential"]);
    expect(r("DPM++ SDE SGMUniform")).toEqual(["DPM++ SDE", "SGM Uniform"]);
    expect(r("DPM++ 2M SDE Heun")).toEqual(["DPM++ 2M SDE Heun", "Automatic"]);
    expect(r("Euler", "Karras")).toEqual(["Euler", "Karras"]);
    expect(r("No Such Sampler")).toBeNull();
    expect(samplersForApi()[1]).toEqual({ name: "DPM++ SDE", aliases: ["k_dpmpp_sde"], options: { scheduler: "karras", second_order: "True", brownian_noise: "True" } });
  });
});
