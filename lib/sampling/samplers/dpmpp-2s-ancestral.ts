// DPM++ 2S a: one DPM-Solver++(2S) step in λ = −ln σ from σ_i to σ_down (midpoint at √(σ_i σ_down)),
// then σ_up of fresh noise. Euler when σ_down = 0.
import { ancestralStep } from "@/lib/sampling/ancestral-step";
import { derivative } from "@/lib/sampling/parameterization";
import { lincomb } from "@/lib/sampling/lincomb";
import type { KSampler } from "@/lib/sampling/types";

export const sampleDpmpp2sAncestral: KSampler = async (model, x, sigmas, o) => {
  const { eta = 1, sNoise = 1 } = o;
  for (let i = 0; i < sigmas.length - 1; i++) {
    const sigma = sigmas[i];
    const denoised = await model.denoise(x, sigma);
    const { sigmaDown, sigmaUp } = ancestralStep(sigma, sigmas[i + 1], eta);
    o.onStep?.({ i, x, denoised, sigma });
    if (sigmaDown === 0) {
      x = lincomb([1, x], [-sigma, derivative(x, denoised, sigma)]);
    } else {
      const h = Math.log(sigma / sigmaDown);
      const sigmaS = Math.sqrt(sigma * sigmaDown);
      const mid = lincomb([sigmaS / sigma, x], [-Math.expm1(-h / 2), denoised]);
      const denoisedMid = await model.denoise(mid, sigmaS);
      x = lincomb([sigmaDown / sigma, x], [-Math.expm1(-h), denoisedMid]);
    }
    if (sigmas[i + 1] > 0) x = lincomb([1, x], [sNoise * sigmaUp, o.noise.next()]);
  }
  return x;
};
