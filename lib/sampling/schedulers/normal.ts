// "Normal": n equally spaced timesteps from t(σ_max) to t(σ_min) (= Uniform for the default σ range).
import type { DiscreteSchedule } from "@/lib/sampling/discrete-schedule";
import { linspace } from "@/lib/sampling/linspace";

export function normalSigmas(n: number, sigmaMin: number, sigmaMax: number, model: DiscreteSchedule): number[] {
  return [...linspace(model.sigmaToT(sigmaMax), model.sigmaToT(sigmaMin), n).map((t) => model.tToSigma(t)), 0];
}
