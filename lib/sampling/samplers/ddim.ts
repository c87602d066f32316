// DDIM (A1111's sd_samplers_timesteps_impl.ddim): len(ts) − 1 updates from the top timestep down to
// ts[0] = 1 — the model is never called at ts[0] and the result stays at timestep 1. Noise is drawn
// every iteration and scaled by σ_k = η·√((1−ᾱ_prev)/(1−ᾱ)·(1 − ᾱ/ᾱ_prev)).
import { lincomb } from "@/lib/sampling/lincomb";
import { alphaPairs, ddimUpdate, predictX0 } from "@/lib/sampling/samplers/ddim-step";
import type { SamplerModel, TimestepSampler, TimestepSamplerOptions } from "@/lib/sampling/types";

export function ddimSampler(cfgPlusPlus: boolean): TimestepSampler {
  return async (model: SamplerModel, z: Float32Array, timesteps: number[], o: TimestepSamplerOptions) => {
    const { eta = 0 } = o;
    const { alphas, alphasPrev } = alphaPairs(o.alphasCumprod, timesteps);
    // CFG++ (Chung et al. 2024) guides x̂₀ with scale/12.5 and points back along the unguided ε.
    if (cfgPlusPlus) model.cfgScaleMultiplier = 1 / 12.5;
    for (let i = 0; i < timesteps.length - 1; i++) {
      const k = timesteps.length - 1 - i;
      const eps = await model.eps(z, timesteps[k]);
      const direction = cfgPlusPlus ? (model.lastUncondEps ?? eps) : eps;
      const sigma = eta * Math.sqrt(((1 - alphasPrev[k]) / (1 - alphas[k])) * (1 - alphas[k] / alphasPrev[k]));
      const x0 = predictX0(z, eps, alphas[k]);
      const noise = o.noise.next();
      z = lincomb([1, ddimUpdate(x0, direction, alphasPrev[k], sigma)], [sigma, noise]);
      o.onStep?.({ i, x: z, denoised: x0, sigma: Math.sqrt((1 - alphas[k]) / alphas[k]) });
    }
    return z;
  };
}
