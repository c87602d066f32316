// Deterministic runs (η = 0) against the exact probability-flow ODE solution of Gaussian data, on
// schedules that stop at their last nonzero σ (docs/samplers.md#orders-of-accuracy), for every sampler × schedule type.
import { describe, expect, test } from "vitest";
import { SCHEDULE_TYPES } from "@/lib/sampling/schedulers";
import { sampleDpm2 } from "@/lib/sampling/samplers/dpm2";
import { sampleDpm2Ancestral } from "@/lib/sampling/samplers/dpm2-ancestral";
import { sampleDpmAdaptive } from "@/lib/sampling/samplers/dpm-adaptive";
import { sampleDpmFast } from "@/lib/sampling/samplers/dpm-fast";
import { sampleDpmpp2m } from "@/lib/sampling/samplers/dpmpp-2m";
import { sampleDpmpp2mSde } from "@/lib/sampling/samplers/dpmpp-2m-sde";
import { sampleDpmpp2sAncestral } from "@/lib/sampling/samplers/dpmpp-2s-ancestral";
import { sampleDpmpp3mSde } from "@/lib/sampling/samplers/dpmpp-3m-sde";
import { sampleDpmppSde } from "@/lib/sampling/samplers/dpmpp-sde";
import { sampleEuler } from "@/lib/sampling/samplers/euler";
import { sampleEulerAncestral } from "@/lib/sampling/samplers/euler-ancestral";
import { sampleHeun } from "@/lib/sampling/samplers/heun";
import { sampleLms } from "@/lib/sampling/samplers/lms";
import { sampleRestart } from "@/lib/sampling/samplers/restart";
import { sample, samplerTimesteps } from "@/lib/sampling/sample";
import type { KSampler } from "@/lib/sampling/types";
import { analyticModel, exactOde, gaussianDenoiser, mixtureDenoiser, normals, recordingNoise, sd15 } from "./analytic-model";

const SIZE = 8;
const start = normals(SIZE, 3);
const inputs = { sigmaMin: sd15.sigmaMin, sigmaMax: sd15.sigmaMax, model: sd15, betaAlpha: 0.6, betaBeta: 0.6 };

// [sampler, function, ODE order]; Restart below 20 steps is plain Heun (its restarts need N ≥ 20).
const K: Array<[string, KSampler, number]> = [
  ["Euler", sampleEuler, 1],
  ["Euler a", sampleEulerAncestral, 1],
  ["Heun", sampleHeun, 2],
  ["DPM2", sampleDpm2, 2],
  ["DPM2 a", sampleDpm2Ancestral, 2],
  ["DPM++ 2S a", sampleDpmpp2sAncestral, 2],
  ["DPM++ SDE", sampleDpmppSde, 2],
  ["DPM++ 2M", sampleDpmpp2m, 2],
  ["DPM++ 2M SDE", sampleDpmpp2mSde("midpoint"), 2],
  ["DPM++ 2M SDE Heun", sampleDpmpp2mSde("heun"), 2],
  ["DPM++ 3M SDE", sampleDpmpp3mSde, 2],
  ["LMS", sampleLms, 3],
  ["Restart", sampleRestart, 2],
];
// Schedules smooth in ln σ show the asymptotic order at these N. The timestep-uniform ones
// (uniform, normal, sgm_uniform, simple, ddim) end where ln σ(t) ~ ½ ln t is singular, which slows
// every multistep method there; for them only convergence is required.
const SMOOTH = new Set(["karras", "exponential", "polyexponential", "kl_optimal", "align_your_steps"]);

async function maxError(fn: KSampler, schedule: string, n: number, denoiser = gaussianDenoiser): Promise<number> {
  const sigmas = SCHEDULE_TYPES.find((t) => t.name === schedule)!.build!(n, inputs).filter((s) => s > 0);
  const x = start.map((v) => v * sigmas[0]);
  const out = await fn(analyticModel(denoiser), x, sigmas, { noise: recordingNoise(SIZE), eta: 0 });
  const exact = exactOde(x, sigmas[0], sigmas[sigmas.length - 1]);
  return Math.max(...Array.from(out, (v, i) => Math.abs(v - exact[i])));
}

describe("k-diffusion samplers converge to the exact ODE solution", () => {
  const schedules = SCHEDULE_TYPES.filter((t) => t.build).map((t) => t.name);
  for (const [name, fn, order] of K) {
    test.each(schedules)(`${name} × %s`, async (schedule) => {
      const ns = name === "Restart" ? [4, 8, 16] : [10, 20, 40];
      const [e1, e2, e3] = await Promise.all(ns.map((n) => maxError(fn, schedule, n)));
      expect(e3).toBeLessThan(e2);
      expect(e3).toBeLessThan(schedule === "beta" ? 0.15 : 0.06); // Beta spends few steps mid-range
      const observed = Math.log2(e2 / e3);
      if (SMOOTH.has(schedule) && !(name === "DPM++ 3M SDE")) {
        expect(observed).toBeGreaterThan(order === 3 ? 2 : order - 0.3);
        if (order === 1) expect(observed).toBeLessThan(1.3);
      } else {
        expect(observed).toBeGreaterThan(name === "DPM++ 3M SDE" || e1 < e2 ? 0.6 : 0.7);
      }
    });
  }

  test("observed orders on Karras match docs/samplers.md#orders-of-accuracy", async () => {
    const order = async (fn: KSampler) => Math.log2((await maxError(fn, "karras", 40)) / (await maxError(fn, "karras", 80)));
    expect(await order(sampleEuler)).toBeCloseTo(1, 0);
    expect(await order(sampleHeun)).toBeGreaterThan(1.9);
    expect(await order(sampleDpmpp2m)).toBeGreaterThan(1.9);
    expect(await order(sampleLms)).toBeGreaterThan(3);
  });

  test("non-linear denoiser (Gaussian mixture): Heun, DPM++ 2M and LMS approach a fine-step reference", async () => {
    const sigmas = (n: number) => SCHEDULE_TYPES.find((t) => t.name === "karras")!.build!(n, inputs).filter((s) => s > 0);
    const run = async (fn: KSampler, n: number) => {
      const s = sigmas(n);
      return fn(analyticModel(mixtureDenoiser), start.map((v) => v * s[0]), s, { noise: recordingNoise(SIZE), eta: 0 });
    };
    const reference = await run(sampleHeun, 2000);
    for (const fn of [sampleHeun, sampleDpmpp2m, sampleLms]) {
      const err = async (n: number) => Math.max(...Array.from(await run(fn, n), (v, i) => Math.abs(v - reference[i])));
      const [e20, e40] = [await err(20), await err(40)];
      expect(e40).toBeLessThan(e20 / 2.5);
      expect(e40).toBeLessThan(5e-3);
    }
  });
});

describe("samplers that ignore the σ list", () => {
  const x = start.map((v) => v * sd15.sigmaMax);
  const exact = exactOde(x, sd15.sigmaMax, sd15.sigmaMin);
  const err = (out: Float32Array) => Math.max(...Array.from(out, (v, i) => Math.abs(v - exact[i])));

  test("DPM fast (η = 0) converges with the number of model calls", async () => {
    const e = await Promise.all([10, 20, 40].map(async (n) => err(await sampleDpmFast(analyticModel(), x, sd15.sigmaMin, sd15.sigmaMax, n, { noise: recordingNoise(SIZE), eta: 0 }))));
    expect(e[2]).toBeLessThan(e[1]);
    expect(Math.log2(e[1] / e[2])).toBeGreaterThan(2);
  });

  test("DPM adaptive makes 3 model calls per step, accepted or rejected (the s + h/3 point is shared)", async () => {
    for (const eta of [0, 1]) {
      const model = analyticModel();
      const steps: number[] = [];
      await sampleDpmAdaptive(model, x, sd15.sigmaMin, sd15.sigmaMax, { noise: recordingNoise(SIZE), eta, onStep: ({ i }) => steps.push(i) });
      expect(steps.length).toBeGreaterThan(3);
      expect(model.calls).toBe(3 * steps.length);
      // Per step: σ(s), σ(s + h/3), σ(s + 2h/3) in t = −ln σ.
      const [t0, t1, t2] = model.sigmas.slice(0, 3).map((sigma) => -Math.log(sigma));
      expect(t2 - t0).toBeCloseTo(2 * (t1 - t0), 9);
    }
  });

  test("DPM adaptive (η = 0) meets its tolerance", async () => {
    const out = await sampleDpmAdaptive(analyticModel(), x, sd15.sigmaMin, sd15.sigmaMax, { noise: recordingNoise(SIZE), eta: 0 });
    expect(err(out)).toBeLessThan(0.1); // rtol 0.05 of |x| ≈ 15
  });
});

describe("timestep samplers (ε-UNet wrapping of the same denoiser)", () => {
  // z_T = noise at timestep ts[-1]; DDIM/PLMS end at timestep ts[0] = 1, UniPC at timestep 0.
  const run = async (sampler: string, steps: number) => {
    const model = analyticModel();
    const noise = recordingNoise(SIZE, 11);
    const { latent } = await sample({ sampler, scheduler: "Automatic", steps, model, schedule: sd15, noise, params: { etaDdim: 0 } });
    const z0 = noise.draws[0];
    const ts = samplerTimesteps(steps);
    const sigmaTop = sd15.sigmas[ts[ts.length - 1]];
    const sigmaEnd = sampler === "UniPC" ? sd15.sigmas[0] : sd15.sigmas[ts[0]];
    const xT = z0.map((v) => v * Math.sqrt(1 + sigmaTop ** 2));
    const exact = exactOde(xT, sigmaTop, sigmaEnd);
    // compare in x = z·√(1 + σ²)
    return Math.max(...Array.from(latent, (v, i) => Math.abs(v * Math.sqrt(1 + sigmaEnd ** 2) - exact[i])));
  };

  test.each([
    ["DDIM", 0.8, 1.3],
    ["DDIM CFG++", 0.8, 1.3],
    ["PLMS", 1, 6], // timestep grids end where ln σ(t) ~ ½ ln t is singular: the higher orders are not reached
    ["UniPC", 1, 6],
  ])("%s converges at its order", async (sampler, lo, hi) => {
    const [e1, e2] = [await run(sampler, 25), await run(sampler, 50)];
    const order = Math.log2(e1 / e2);
    expect(order).toBeGreaterThan(lo);
    expect(order).toBeLessThan(hi);
  });
});
