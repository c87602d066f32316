// DPM-Solver single steps of order 1–3 in ε form (Lu et al. 2022, k-diffusion's DPMSolver), time
// t = −ln σ. ε̂(x, t) = (x − D(x, σ(t)))/σ(t); each step caches the ε at its start. An EpsCache shared by
// two steps from the same (x, t) with the same r₁ (DPM adaptive's order-2/order-3 pair) evaluates the
// intermediate point once, as k-diffusion's `eps_cache` does.
import { lincomb } from "@/lib/sampling/lincomb";
import type { SamplerModel } from "@/lib/sampling/types";

export const sigmaOfT = (t: number) => Math.exp(-t);
export const tOfSigma = (sigma: number) => -Math.log(sigma);

/** ε at a step's intermediate points, by name (k-diffusion's "eps_r1"), for steps that share them. */
export type EpsCache = Map<string, Float32Array>;

async function cachedEps(model: SamplerModel, cache: EpsCache | undefined, key: string, x: () => Float32Array, t: number): Promise<Float32Array> {
  const hit = cache?.get(key);
  if (hit) return hit;
  const eps = (await epsAt(model, x(), t)).eps;
  cache?.set(key, eps);
  return eps;
}

export async function epsAt(model: SamplerModel, x: Float32Array, t: number): Promise<{ eps: Float32Array; denoised: Float32Array }> {
  const sigma = sigmaOfT(t);
  const denoised = await model.denoise(x, sigma);
  return { eps: x.map((xi, i) => (xi - denoised[i]) / sigma), denoised };
}

export function dpmSolver1(x: Float32Array, eps: Float32Array, t: number, tNext: number): Float32Array {
  return lincomb([1, x], [-sigmaOfT(tNext) * Math.expm1(tNext - t), eps]);
}

export async function dpmSolver2(model: SamplerModel, x: Float32Array, eps: Float32Array, t: number, tNext: number, r1 = 0.5, cache?: EpsCache): Promise<Float32Array> {
  const h = tNext - t;
  const s1 = t + r1 * h;
  const eps1 = await cachedEps(model, cache, "eps_r1", () => lincomb([1, x], [-sigmaOfT(s1) * Math.expm1(r1 * h), eps]), s1);
  const c = sigmaOfT(tNext) * Math.expm1(h);
  return lincomb([1, x], [-c, eps], [-c / (2 * r1), eps1], [c / (2 * r1), eps]);
}

export async function dpmSolver3(model: SamplerModel, x: Float32Array, eps: Float32Array, t: number, tNext: number, r1 = 1 / 3, r2 = 2 / 3, cache?: EpsCache): Promise<Float32Array> {
  const h = tNext - t;
  const s1 = t + r1 * h;
  const s2 = t + r2 * h;
  const eps1 = await cachedEps(model, cache, "eps_r1", () => lincomb([1, x], [-sigmaOfT(s1) * Math.expm1(r1 * h), eps]), s1);
  const k2 = sigmaOfT(s2) * (r2 / r1) * (Math.expm1(r2 * h) / (r2 * h) - 1);
  const u2 = lincomb([1, x], [-sigmaOfT(s2) * Math.expm1(r2 * h), eps], [-k2, eps1], [k2, eps]);
  const eps2 = (await epsAt(model, u2, s2)).eps;
  const k3 = (sigmaOfT(tNext) / r2) * (Math.expm1(h) / h - 1);
  return lincomb([1, x], [-sigmaOfT(tNext) * Math.expm1(h), eps], [-k3, eps2], [k3, eps]);
}
