// Equal steps in ln σ from σ_max to σ_min, then 0.
import { linspace } from "@/lib/sampling/linspace";

export function exponentialSigmas(n: number, sigmaMin: number, sigmaMax: number): number[] {
  return [...linspace(Math.log(sigmaMax), Math.log(sigmaMin), n).map(Math.exp), 0];
}
