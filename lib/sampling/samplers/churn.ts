// Karras et al.'s "churn" for Euler, Heun and DPM2: before step i raise σ_i to σ̂ = σ_i(1 + γ) by
// adding fresh noise. k-diffusion draws ε every step, also when γ = 0 (docs/samplers.md#samplers, docs/samplers.md#randomness).
import { lincomb } from "@/lib/sampling/lincomb";
import type { KSamplerOptions } from "@/lib/sampling/types";

export function churn(x: Float32Array, sigma: number, steps: number, o: KSamplerOptions): { x: Float32Array; sigmaHat: number } {
  const { sChurn = 0, sTmin = 0, sTmax = Infinity, sNoise = 1 } = o;
  const gamma = sTmin <= sigma && sigma <= sTmax ? Math.min(sChurn / steps, Math.SQRT2 - 1) : 0;
  const eps = o.noise.next();
  const sigmaHat = sigma * (gamma + 1);
  if (gamma > 0) return { x: lincomb([1, x], [sNoise * Math.sqrt(sigmaHat ** 2 - sigma ** 2), eps]), sigmaHat };
  return { x, sigmaHat };
}
