// Euler's method on the probability-flow ODE dx/dσ = (x − D)/σ (Karras et al. alg. 2 with churn).
import { derivative } from "@/lib/sampling/parameterization";
import { lincomb } from "@/lib/sampling/lincomb";
import { churn } from "@/lib/sampling/samplers/churn";
import type { KSampler } from "@/lib/sampling/types";

export const sampleEuler: KSampler = async (model, x, sigmas, o) => {
  const steps = sigmas.length - 1;
  for (let i = 0; i < steps; i++) {
    const c = churn(x, sigmas[i], steps, o);
    x = c.x;
    const denoised = await model.denoise(x, c.sigmaHat);
    o.onStep?.({ i, x, denoised, sigma: sigmas[i] });
    x = lincomb([1, x], [sigmas[i + 1] - c.sigmaHat, derivative(x, denoised, c.sigmaHat)]);
  }
  return x;
};
