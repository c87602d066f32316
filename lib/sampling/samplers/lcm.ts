// LCM (Luo et al. 2023; A1111's sample_lcm + LCMCompVisDenoiser): a consistency model maps x_σ
// straight to x₀; between steps the estimate is re-noised to the next σ. The wrapper quantizes σ to
// the 50 timesteps LCM was distilled on (19, 39, …, 999) and applies LCM's boundary scalings.
import { cIn } from "@/lib/sampling/parameterization";
import { discreteScheduleFromAlphas, type DiscreteSchedule } from "@/lib/sampling/discrete-schedule";
import { lincomb } from "@/lib/sampling/lincomb";
import { linspace } from "@/lib/sampling/linspace";
import type { KSamplerOptions, SamplerModel } from "@/lib/sampling/types";

export const LCM_ORIGINAL_STEPS = 50;

/** The 50-entry sub-schedule of timesteps 19, 39, …, 999 (its index k ↔ timestep 20k + 19). */
export function lcmSchedule(model: DiscreteSchedule): { table: DiscreteSchedule; skip: number } {
  const total = model.alphasCumprod.length;
  const skip = total / LCM_ORIGINAL_STEPS;
  const alphas = new Float32Array(LCM_ORIGINAL_STEPS);
  for (let k = 0; k < LCM_ORIGINAL_STEPS; k++) alphas[k] = model.alphasCumprod[k * skip + skip - 1];
  return { table: discreteScheduleFromAlphas(alphas, model.predictionType), skip };
}

/** LCM's Automatic schedule: t = linspace(999, 19, n) interpolated on the 50-entry table, then 0. */
export function lcmSigmas(n: number, model: DiscreteSchedule): number[] {
  const { table, skip } = lcmSchedule(model);
  const top = (table.sigmas.length - 1) * skip + skip - 1;
  return [...linspace(top, skip - 1, n).map((t) => table.tToSigma(Math.min(Math.max((t - (skip - 1)) / skip, 0), table.sigmas.length - 1))), 0];
}

export async function sampleLcm(model: SamplerModel, x: Float32Array, sigmas: number[], schedule: DiscreteSchedule, o: KSamplerOptions): Promise<Float32Array> {
  const { table, skip } = lcmSchedule(schedule);
  const sigmaData = 0.5;
  for (let i = 0; i < sigmas.length - 1; i++) {
    const sigma = sigmas[i];
    const t = table.sigmaToTQuantized(sigma) * skip + (skip - 1);
    const eps = await model.eps(x.map((v) => v * cIn(sigma)), t);
    const scaled = 10 * t;
    const cSkip = sigmaData ** 2 / (scaled ** 2 + sigmaData ** 2);
    const cOut = scaled / Math.sqrt(scaled ** 2 + sigmaData ** 2);
    const denoised = lincomb([cOut + cSkip, x], [-cOut * sigma, eps]);
    o.onStep?.({ i, x, denoised, sigma });
    x = denoised;
    if (sigmas[i + 1] > 0) x = lincomb([1, x], [sigmas[i + 1], o.noise.next()]);
  }
  return x;
}
