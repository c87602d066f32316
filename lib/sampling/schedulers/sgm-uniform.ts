// "SGM Uniform" (SGM/ComfyUI): n + 1 equally spaced timesteps from t(σ_max) to t(σ_min), the last
// one dropped, so the final nonzero σ stays above σ_min.
import type { DiscreteSchedule } from "@/lib/sampling/discrete-schedule";
import { linspace } from "@/lib/sampling/linspace";

export function sgmUniformSigmas(n: number, sigmaMin: number, sigmaMax: number, model: DiscreteSchedule): number[] {
  const ts = linspace(model.sigmaToT(sigmaMax), model.sigmaToT(sigmaMin), n + 1).slice(0, -1);
  return [...ts.map((t) => model.tToSigma(t)), 0];
}
