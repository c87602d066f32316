// Heun's method (Karras et al. alg. 2): Euler predictor, trapezoidal corrector; a plain Euler step
// into σ = 0, where the derivative is undefined.
import { derivative } from "@/lib/sampling/parameterization";
import { lincomb } from "@/lib/sampling/lincomb";
import { churn } from "@/lib/sampling/samplers/churn";
import type { KSampler } from "@/lib/sampling/types";

export const sampleHeun: KSampler = async (model, x, sigmas, o) => {
  const steps = sigmas.length - 1;
  for (let i = 0; i < steps; i++) {
    const c = churn(x, sigmas[i], steps, o);
    x = c.x;
    const next = sigmas[i + 1];
    const denoised = await model.denoise(x, c.sigmaHat);
    const d = derivative(x, denoised, c.sigmaHat);
    o.onStep?.({ i, x, denoised, sigma: sigmas[i] });
    const dt = next - c.sigmaHat;
    const euler = lincomb([1, x], [dt, d]);
    if (next === 0) {
      x = euler;
      continue;
    }
    const d2 = derivative(euler, await model.denoise(euler, next), next);
    x = lincomb([1, x], [dt / 2, d], [dt / 2, d2]);
  }
  return x;
};
