// Analytic stand-ins for the UNet (docs/samplers.md#checking-an-implementation): data x₀ ~ N(μ, s²) per element has the exact
// denoiser D(x, σ) = μ + (x − μ)·s²/(s² + σ²) and the closed-form probability-flow ODE solution.
// Models count their calls; noise sources replay pre-drawn values and count draws.
import { discreteScheduleFromConfig, SD_SCHEDULER_CONFIG, type DiscreteSchedule } from "@/lib/sampling/discrete-schedule";
import type { NoiseSource, SamplerModel } from "@/lib/sampling/types";

export const MU = 0.5;
export const S = 0.8;
export const sd15 = discreteScheduleFromConfig(SD_SCHEDULER_CONFIG);

export const gaussianDenoiser = (x: Float32Array, sigma: number) => x.map((v) => MU + ((v - MU) * S * S) / (S * S + sigma * sigma));

/** x(σ_b) from x(σ_a) along the probability-flow ODE of the Gaussian data. */
export const exactOde = (x: Float32Array, sigmaA: number, sigmaB: number) =>
  Float64Array.from(x, (v) => MU + (v - MU) * Math.sqrt((S * S + sigmaB * sigmaB) / (S * S + sigmaA * sigmaA)));

/** Two-component mixture ½N(−1, 0.3²) + ½N(1.2, 0.5²): posterior-weighted component means. */
export function mixtureDenoiser(x: Float32Array, sigma: number): Float32Array {
  const comps = [
    { w: 0.5, m: -1, s: 0.3 },
    { w: 0.5, m: 1.2, s: 0.5 },
  ];
  return x.map((v) => {
    let num = 0;
    let den = 0;
    for (const c of comps) {
      const variance = c.s * c.s + sigma * sigma;
      const weight = (c.w * Math.exp(-((v - c.m) ** 2) / (2 * variance))) / Math.sqrt(variance);
      num += weight * (c.m + ((v - c.m) * c.s * c.s) / variance);
      den += weight;
    }
    return num / den;
  });
}

export interface CountingModel extends SamplerModel {
  calls: number;
  sigmas: number[];
}

/**
 * A model from a denoiser: denoise is D itself (or a v/eps network converted back), eps(z, t) is the
 * ε-UNet wrapping of docs/samplers.md#checking-an-implementation with σ_t = tToSigma(t) and x = z·√(1 + σ_t²).
 */
export function analyticModel(denoiser: (x: Float32Array, sigma: number) => Float32Array = gaussianDenoiser, schedule: DiscreteSchedule = sd15): CountingModel {
  const model: CountingModel = {
    calls: 0,
    sigmas: [],
    async denoise(x, sigma) {
      model.calls++;
      model.sigmas.push(sigma);
      return denoiser(x, sigma);
    },
    async eps(z, t) {
      model.calls++;
      const sigma = schedule.tToSigma(t);
      model.sigmas.push(sigma);
      const x = z.map((v) => v * Math.sqrt(1 + sigma * sigma));
      const d = denoiser(x, sigma);
      return x.map((v, i) => (v - d[i]) / sigma);
    },
  };
  return model;
}

/** Deterministic pseudo-normal values (Box–Muller over a fixed LCG) so tests need no RNG module. */
export function normals(count: number, seed: number): Float32Array {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return out;
}

export interface RecordingNoise extends NoiseSource {
  draws: Float32Array[];
}

/** Replays N(0, I) draws of `size` elements from a seed and keeps every draw for the test. */
export function recordingNoise(size: number, seed = 1): RecordingNoise {
  let k = 0;
  const noise: RecordingNoise = {
    draws: [],
    next() {
      const d = normals(size, seed * 7919 + k++);
      noise.draws.push(d);
      return d;
    },
  };
  return noise;
}
