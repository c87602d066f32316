// "Uniform": the model's own get_sigmas(n) — timesteps linspace(T−1, 0, n), σ by log-σ interpolation.
import type { DiscreteSchedule } from "@/lib/sampling/discrete-schedule";
import { linspace } from "@/lib/sampling/linspace";

export function uniformSigmas(n: number, model: DiscreteSchedule): number[] {
  return [...linspace(model.sigmas.length - 1, 0, n).map((t) => model.tToSigma(t)), 0];
}
