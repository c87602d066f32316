// "Beta" schedule (Lee et al., 2024): timesteps spaced by the Beta(α, β) quantile function, which
// for α = β < 1 crowds steps at both ends of the σ range.
import { betaPpf } from "@/lib/sampling/beta-distribution";
import { linspace } from "@/lib/sampling/linspace";

export function betaSigmas(n: number, sigmaMin: number, sigmaMax: number, alpha = 0.6, beta = 0.6): number[] {
  return [...linspace(0, 1, n).map((u) => sigmaMin + betaPpf(1 - u, alpha, beta) * (sigmaMax - sigmaMin)), 0];
}
