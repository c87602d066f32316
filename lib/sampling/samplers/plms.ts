// PLMS (Liu et al. 2022, A1111's implementation): DDIM updates driven by an Adams–Bashforth
// extrapolation of ε over the previous steps; the first step is a pseudo improved Euler (2 calls).
import { alphaPairs, ddimUpdate, predictX0 } from "@/lib/sampling/samplers/ddim-step";
import { lincomb } from "@/lib/sampling/lincomb";
import type { TimestepSampler } from "@/lib/sampling/types";

export const samplePlms: TimestepSampler = async (model, z, timesteps, o) => {
  const { alphas, alphasPrev } = alphaPairs(o.alphasCumprod, timesteps);
  const oldEps: Float32Array[] = []; // newest last, at most 3
  for (let i = 0; i < timesteps.length - 1; i++) {
    const k = timesteps.length - 1 - i;
    const step = (eps: Float32Array) => ddimUpdate(predictX0(z, eps, alphas[k]), eps, alphasPrev[k]);
    const eps = await model.eps(z, timesteps[k]);
    let epsPrime: Float32Array;
    const [e1, e2, e3] = [oldEps[oldEps.length - 1], oldEps[oldEps.length - 2], oldEps[oldEps.length - 3]];
    if (oldEps.length === 0) {
      const epsNext = await model.eps(step(eps), timesteps[Math.max(k - 1, 0)]);
      epsPrime = lincomb([0.5, eps], [0.5, epsNext]);
    } else if (oldEps.length === 1) epsPrime = lincomb([3 / 2, eps], [-1 / 2, e1]);
    else if (oldEps.length === 2) epsPrime = lincomb([23 / 12, eps], [-16 / 12, e1], [5 / 12, e2]);
    else epsPrime = lincomb([55 / 24, eps], [-59 / 24, e1], [37 / 24, e2], [-9 / 24, e3]);
    const x0 = predictX0(z, epsPrime, alphas[k]);
    z = step(epsPrime);
    oldEps.push(eps);
    if (oldEps.length > 3) oldEps.shift();
    o.onStep?.({ i, x: z, denoised: x0, sigma: Math.sqrt((1 - alphas[k]) / alphas[k]) });
  }
  return z;
};
