// DPM fast (DPM-Solver "fast" schedule): ⌊n/3⌋+1 equal steps in t = −ln σ from σ_max to σ_min with
// orders 3,…,3 and a final order that makes the model calls add up to exactly n. With η > 0 each
// step aims at σ_down and adds the missing noise (drawn every step, weight 0 on the last).
import { ancestralStep } from "@/lib/sampling/ancestral-step";
import { lincomb } from "@/lib/sampling/lincomb";
import { dpmSolver1, dpmSolver2, dpmSolver3, epsAt, sigmaOfT, tOfSigma } from "@/lib/sampling/samplers/dpm-solver";
import { linspace } from "@/lib/sampling/linspace";
import type { KSamplerOptions, SamplerModel } from "@/lib/sampling/types";

export function dpmFastOrders(n: number): number[] {
  const m = Math.floor(n / 3) + 1;
  return n % 3 === 0 ? [...Array(m - 2).fill(3), 2, 1] : [...Array(m - 1).fill(3), n % 3];
}

export async function sampleDpmFast(model: SamplerModel, x: Float32Array, sigmaMin: number, sigmaMax: number, n: number, o: KSamplerOptions): Promise<Float32Array> {
  const { eta = 1, sNoise = 1 } = o;
  const orders = dpmFastOrders(n);
  const tEnd = tOfSigma(sigmaMin);
  const ts = linspace(tOfSigma(sigmaMax), tEnd, Math.floor(n / 3) + 2);
  for (let i = 0; i < orders.length; i++) {
    const t = ts[i];
    const tNext = ts[i + 1];
    let target = tNext;
    let sigmaUp = 0;
    if (eta) {
      const { sigmaDown } = ancestralStep(sigmaOfT(t), sigmaOfT(tNext), eta);
      target = Math.min(tEnd, tOfSigma(sigmaDown));
      sigmaUp = Math.sqrt(Math.max(0, sigmaOfT(tNext) ** 2 - sigmaOfT(target) ** 2));
    }
    const { eps, denoised } = await epsAt(model, x, t);
    o.onStep?.({ i, x, denoised, sigma: sigmaOfT(t) });
    if (orders[i] === 1) x = dpmSolver1(x, eps, t, target);
    else if (orders[i] === 2) x = await dpmSolver2(model, x, eps, t, target);
    else x = await dpmSolver3(model, x, eps, t, target);
    x = lincomb([1, x], [sigmaUp * sNoise, o.noise.next()]);
  }
  return x;
}
