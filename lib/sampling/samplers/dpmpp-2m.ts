// DPM++ 2M (DPM-Solver++(2M)): exponential integrator in λ = −ln σ with a linear extrapolation of D
// from the previous step; first-order on the first step and into σ = 0 (where it returns D).
import { lincomb } from "@/lib/sampling/lincomb";
import type { KSampler } from "@/lib/sampling/types";

export const sampleDpmpp2m: KSampler = async (model, x, sigmas, o) => {
  let oldDenoised: Float32Array | null = null;
  for (let i = 0; i < sigmas.length - 1; i++) {
    const sigma = sigmas[i];
    const next = sigmas[i + 1];
    const denoised = await model.denoise(x, sigma);
    o.onStep?.({ i, x, denoised, sigma });
    if (next === 0) {
      x = denoised;
    } else {
      const h = Math.log(sigma / next);
      const c = -Math.expm1(-h);
      if (oldDenoised === null) {
        x = lincomb([next / sigma, x], [c, denoised]);
      } else {
        const r = Math.log(sigmas[i - 1] / sigma) / h;
        x = lincomb([next / sigma, x], [c * (1 + 1 / (2 * r)), denoised], [-c / (2 * r), oldDenoised]);
      }
    }
    oldDenoised = denoised;
  }
  return x;
};
