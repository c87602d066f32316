// DPM2 a: the DPM2 step aimed at σ_down, then σ_up of fresh noise (no noise on the final Euler step).
import { ancestralStep } from "@/lib/sampling/ancestral-step";
import { derivative } from "@/lib/sampling/parameterization";
import { lincomb } from "@/lib/sampling/lincomb";
import type { KSampler } from "@/lib/sampling/types";

export const sampleDpm2Ancestral: KSampler = async (model, x, sigmas, o) => {
  const { eta = 1, sNoise = 1 } = o;
  for (let i = 0; i < sigmas.length - 1; i++) {
    const sigma = sigmas[i];
    const denoised = await model.denoise(x, sigma);
    const { sigmaDown, sigmaUp } = ancestralStep(sigma, sigmas[i + 1], eta);
    o.onStep?.({ i, x, denoised, sigma });
    const d = derivative(x, denoised, sigma);
    if (sigmaDown === 0) {
      x = lincomb([1, x], [-sigma, d]);
      continue;
    }
    const sigmaMid = Math.sqrt(sigma * sigmaDown);
    const mid = lincomb([1, x], [sigmaMid - sigma, d]);
    x = lincomb([1, x], [sigmaDown - sigma, derivative(mid, await model.denoise(mid, sigmaMid), sigmaMid)]);
    x = lincomb([1, x], [sNoise * sigmaUp, o.noise.next()]);
  }
  return x;
};
