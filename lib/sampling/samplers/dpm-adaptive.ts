// DPM adaptive: embedded DPM-Solver-2 (r₁ = ⅓) / DPM-Solver-3 pairs with an integral step-size
// controller on the scaled error; runs from σ_max to σ_min in t = −ln σ until it arrives. The pair shares
// the ε at the start and at s + h/3 (k-diffusion's eps_cache): 3 model calls per step, accepted or not.
import { ancestralStep } from "@/lib/sampling/ancestral-step";
import { lincomb } from "@/lib/sampling/lincomb";
import { dpmSolver2, dpmSolver3, epsAt, sigmaOfT, tOfSigma, type EpsCache } from "@/lib/sampling/samplers/dpm-solver";
import type { KSamplerOptions, SamplerModel } from "@/lib/sampling/types";

const RTOL = 0.05;
const ATOL = 0.0078;
const H_INIT = 0.05;
const ACCEPT_SAFETY = 0.81;

export async function sampleDpmAdaptive(model: SamplerModel, x: Float32Array, sigmaMin: number, sigmaMax: number, o: KSamplerOptions): Promise<Float32Array> {
  const { eta = 1, sNoise = 1 } = o;
  const tEnd = tOfSigma(sigmaMin);
  // I-controller (pcoeff = dcoeff = 0): factor = 1 + atan((1/err)^{1/order} − 1); order 1.5 with η.
  const exponent = 1 / (eta ? 1.5 : 3);
  let h = H_INIT;
  let s = tOfSigma(sigmaMax);
  let xPrev = x;
  let step = 0;
  while (s < tEnd - 1e-5) {
    const t = Math.min(tEnd, s + h);
    let target = t;
    let sigmaUp = 0;
    if (eta) {
      const { sigmaDown } = ancestralStep(sigmaOfT(s), sigmaOfT(t), eta);
      target = Math.min(tEnd, tOfSigma(sigmaDown));
      sigmaUp = Math.sqrt(Math.max(0, sigmaOfT(t) ** 2 - sigmaOfT(target) ** 2));
    }
    const { eps, denoised } = await epsAt(model, x, s);
    const cache: EpsCache = new Map();
    const low = await dpmSolver2(model, x, eps, s, target, 1 / 3, cache);
    const high = await dpmSolver3(model, x, eps, s, target, 1 / 3, 2 / 3, cache);
    let sumSquares = 0;
    for (let i = 0; i < x.length; i++) {
      const delta = Math.max(ATOL, RTOL * Math.max(Math.abs(low[i]), Math.abs(xPrev[i])));
      sumSquares += ((low[i] - high[i]) / delta) ** 2;
    }
    const error = Math.sqrt(sumSquares) / Math.sqrt(x.length);
    const factor = 1 + Math.atan((1 / (error + 1e-8)) ** exponent - 1);
    const accept = factor >= ACCEPT_SAFETY;
    if (accept) {
      xPrev = low;
      x = lincomb([1, high], [sigmaUp * sNoise, o.noise.next()]);
      s = t;
    }
    h *= factor;
    o.onStep?.({ i: step++, x, denoised, sigma: sigmaOfT(s) });
  }
  return x;
}
