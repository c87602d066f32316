// "KL Optimal" (Align Your Steps paper, eq. 9): linear in arctan σ. It returns n + 1 values ending at
// σ_min with no final 0, so sampling stops with σ_min noise left in the latent.
export function klOptimalSigmas(n: number, sigmaMin: number, sigmaMax: number): number[] {
  const aMin = Math.atan(sigmaMin);
  const aMax = Math.atan(sigmaMax);
  return Array.from({ length: n + 1 }, (_, i) => Math.tan((i / n) * aMin + (1 - i / n) * aMax));
}
