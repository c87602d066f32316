// DPM-Solver-2 in σ (Karras et al.'s variant): the derivative at the log-σ midpoint drives the full
// step; Euler into σ = 0.
import { derivative } from "@/lib/sampling/parameterization";
import { lincomb } from "@/lib/sampling/lincomb";
import { churn } from "@/lib/sampling/samplers/churn";
import type { KSampler } from "@/lib/sampling/types";

export const sampleDpm2: KSampler = async (model, x, sigmas, o) => {
  const steps = sigmas.length - 1;
  for (let i = 0; i < steps; i++) {
    const c = churn(x, sigmas[i], steps, o);
    x = c.x;
    const next = sigmas[i + 1];
    const denoised = await model.denoise(x, c.sigmaHat);
    const d = derivative(x, denoised, c.sigmaHat);
    o.onStep?.({ i, x, denoised, sigma: sigmas[i] });
    if (next === 0) {
      x = lincomb([1, x], [next - c.sigmaHat, d]);
      continue;
    }
    const sigmaMid = Math.sqrt(c.sigmaHat * next);
    const mid = lincomb([1, x], [sigmaMid - c.sigmaHat, d]);
    x = lincomb([1, x], [next - c.sigmaHat, derivative(mid, await model.denoise(mid, sigmaMid), sigmaMid)]);
  }
  return x;
};
