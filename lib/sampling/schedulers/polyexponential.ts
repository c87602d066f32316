// ln σ_i = r_i^ρ·(ln σ_max − ln σ_min) + ln σ_min, r = linspace(1, 0, n): ρ > 1 spends more steps at
// low noise; ρ = 1 is the exponential schedule.
import { linspace } from "@/lib/sampling/linspace";

export function polyexponentialSigmas(n: number, sigmaMin: number, sigmaMax: number, rho = 1): number[] {
  const logMin = Math.log(sigmaMin);
  const logMax = Math.log(sigmaMax);
  return [...linspace(1, 0, n).map((r) => Math.exp(r ** rho * (logMax - logMin) + logMin)), 0];
}
