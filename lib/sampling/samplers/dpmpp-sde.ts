// DPM++ SDE (DPM-Solver++ stochastic, r = ½): an ancestral half step to σ_s = √(σ_i σ_{i+1}) for a
// second D, then the full ancestral step from σ_i with it. Its two noises are Brownian increments
// over the overlapping intervals (σ_i → σ_s) and (σ_i → σ_{i+1}) (docs/samplers.md#brownian-noise).
import { ancestralStep } from "@/lib/sampling/ancestral-step";
import { derivative } from "@/lib/sampling/parameterization";
import { lincomb } from "@/lib/sampling/lincomb";
import { brownianSubstitute } from "@/lib/sampling/brownian-substitute";
import type { KSampler } from "@/lib/sampling/types";

export const sampleDpmppSde: KSampler = async (model, x, sigmas, o) => {
  const { eta = 1, sNoise = 1 } = o;
  const brownian = o.brownian ?? brownianSubstitute(o.noise);
  const r = 0.5;
  for (let i = 0; i < sigmas.length - 1; i++) {
    const sigma = sigmas[i];
    const next = sigmas[i + 1];
    const denoised = await model.denoise(x, sigma);
    o.onStep?.({ i, x, denoised, sigma });
    if (next === 0) {
      x = lincomb([1, x], [-sigma, derivative(x, denoised, sigma)]);
      continue;
    }
    const sigmaS = Math.exp(Math.log(sigma) + r * Math.log(next / sigma));
    const half = ancestralStep(sigma, sigmaS, eta);
    const x2 = lincomb([half.sigmaDown / sigma, x], [1 - half.sigmaDown / sigma, denoised], [sNoise * half.sigmaUp, brownian(sigma, sigmaS)]);
    const denoised2 = await model.denoise(x2, sigmaS);
    const full = ancestralStep(sigma, next, eta);
    const fac = 1 / (2 * r);
    const ratio = full.sigmaDown / sigma;
    x = lincomb([ratio, x], [(1 - ratio) * (1 - fac), denoised], [(1 - ratio) * fac, denoised2], [sNoise * full.sigmaUp, brownian(sigma, next)]);
  }
  return x;
};
