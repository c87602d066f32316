// Restart sampling (Xu et al. 2023, A1111's restart_sampler): Heun steps; for N ≥ 20 the main
// schedule is rebuilt as Karras over fewer steps and, after reaching σ ≈ 0.1, the run jumps back up
// to σ ≈ 2 with fresh noise and descends again (once; twice for N ≥ 36) — N steps in total.
import { derivative } from "@/lib/sampling/parameterization";
import { lincomb } from "@/lib/sampling/lincomb";
import { karrasSigmas } from "@/lib/sampling/schedulers/karras";
import type { KSampler } from "@/lib/sampling/types";

const nearestIndex = (sigmas: number[], target: number) =>
  sigmas.reduce((best, s, i) => (Math.abs(s - target) < Math.abs(sigmas[best] - target) ? i : best), 0);

/** The (σ_from, σ_to) pairs the run walks, restart segments included. */
export function restartStepList(sigmas: number[]): Array<[number, number]> {
  const steps = sigmas.length - 1;
  let restart: { at: number; steps: number; times: number; max: number } | null = null;
  if (steps >= 20) {
    const restartSteps = steps >= 36 ? Math.floor(steps / 4) : 9;
    const times = steps >= 36 ? 2 : 1;
    sigmas = karrasSigmas(steps - restartSteps * times, sigmas[sigmas.length - 2], sigmas[0]);
    restart = { at: nearestIndex(sigmas, 0.1), steps: restartSteps + 1, times, max: 2 };
  }
  const list: Array<[number, number]> = [];
  for (let i = 0; i < sigmas.length - 1; i++) {
    list.push([sigmas[i], sigmas[i + 1]]);
    if (restart && i + 1 === restart.at) {
      const maxIndex = nearestIndex(sigmas, restart.max);
      if (maxIndex < restart.at) {
        const segment = karrasSigmas(restart.steps, sigmas[restart.at], sigmas[maxIndex]).slice(0, -1);
        for (let k = 0; k < restart.times; k++) for (let j = 0; j < segment.length - 1; j++) list.push([segment[j], segment[j + 1]]);
      }
    }
  }
  return list;
}

export const sampleRestart: KSampler = async (model, x, sigmas, o) => {
  const { sNoise = 1 } = o;
  let lastSigma: number | null = null;
  let i = 0;
  for (const [sigma, next] of restartStepList(sigmas)) {
    if (lastSigma !== null && lastSigma < sigma) x = lincomb([1, x], [sNoise * Math.sqrt(sigma ** 2 - lastSigma ** 2), o.noise.next()]);
    const denoised = await model.denoise(x, sigma);
    const d = derivative(x, denoised, sigma);
    o.onStep?.({ i: i++, x, denoised, sigma });
    const dt = next - sigma;
    const euler = lincomb([1, x], [dt, d]);
    if (next === 0) x = euler;
    else x = lincomb([1, x], [dt / 2, d], [dt / 2, derivative(euler, await model.denoise(euler, next), next)]);
    lastSigma = next;
  }
  return x;
};
