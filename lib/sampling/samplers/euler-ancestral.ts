// Euler a: an Euler step down to σ_down, then σ_up of fresh noise (none after the last step).
import { ancestralStep } from "@/lib/sampling/ancestral-step";
import { derivative } from "@/lib/sampling/parameterization";
import { lincomb } from "@/lib/sampling/lincomb";
import type { KSampler } from "@/lib/sampling/types";

export const sampleEulerAncestral: KSampler = async (model, x, sigmas, o) => {
  const { eta = 1, sNoise = 1 } = o;
  for (let i = 0; i < sigmas.length - 1; i++) {
    const denoised = await model.denoise(x, sigmas[i]);
    const { sigmaDown, sigmaUp } = ancestralStep(sigmas[i], sigmas[i + 1], eta);
    o.onStep?.({ i, x, denoised, sigma: sigmas[i] });
    x = lincomb([1, x], [sigmaDown - sigmas[i], derivative(x, denoised, sigmas[i])]);
    if (sigmas[i + 1] > 0) x = lincomb([1, x], [sNoise * sigmaUp, o.noise.next()]);
  }
  return x;
};
