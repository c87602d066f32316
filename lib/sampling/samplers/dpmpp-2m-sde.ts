// DPM++ 2M SDE: the second-order multistep DPM-Solver++ for the SDE (η = 1) with either the midpoint
// or the Heun correction of the D difference; η = 0 midpoint is DPM++ 2M. Noise over the disjoint
// interval (σ_i → σ_{i+1}) each step.
import { brownianSubstitute } from "@/lib/sampling/brownian-substitute";
import { lincomb } from "@/lib/sampling/lincomb";
import type { KSampler, KSamplerOptions, SamplerModel } from "@/lib/sampling/types";

export type SdeSolverType = "midpoint" | "heun";

export function sampleDpmpp2mSde(solverType: SdeSolverType): KSampler {
  return async (model: SamplerModel, x: Float32Array, sigmas: number[], o: KSamplerOptions) => {
    const { eta = 1, sNoise = 1 } = o;
    const brownian = o.brownian ?? brownianSubstitute(o.noise);
    let oldDenoised: Float32Array | null = null;
    let hLast = 0;
    for (let i = 0; i < sigmas.length - 1; i++) {
      const sigma = sigmas[i];
      const next = sigmas[i + 1];
      const denoised = await model.denoise(x, sigma);
      o.onStep?.({ i, x, denoised, sigma });
      if (next === 0) {
        x = denoised;
      } else {
        const h = Math.log(sigma / next);
        const etaH = eta * h;
        const c = -Math.expm1(-h - etaH);
        x = lincomb([(next / sigma) * Math.exp(-etaH), x], [c, denoised]);
        if (oldDenoised !== null) {
          const r = hLast / h;
          const k = solverType === "heun" ? (c / (-h - etaH) + 1) / r : (0.5 * c) / r;
          x = lincomb([1, x], [k, denoised], [-k, oldDenoised]);
        }
        if (eta) x = lincomb([1, x], [next * Math.sqrt(-Math.expm1(-2 * etaH)) * sNoise, brownian(sigma, next)]);
        hLast = h;
      }
      oldDenoised = denoised;
    }
    return x;
  };
}
