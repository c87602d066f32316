// DPM++ 3M SDE: third-order multistep DPM-Solver++ for the SDE, using the last two D differences
// (φ₂, φ₃ terms); its history grows one step at a time, so the first steps are order 1 and 2.
import { brownianSubstitute } from "@/lib/sampling/brownian-substitute";
import { lincomb } from "@/lib/sampling/lincomb";
import type { KSampler } from "@/lib/sampling/types";

export const sampleDpmpp3mSde: KSampler = async (model, x, sigmas, o) => {
  const { eta = 1, sNoise = 1 } = o;
  const brownian = o.brownian ?? brownianSubstitute(o.noise);
  let d1: Float32Array | null = null; // D one step back
  let d2: Float32Array | null = null; // D two steps back
  let h1: number | null = null;
  let h2: number | null = null;
  for (let i = 0; i < sigmas.length - 1; i++) {
    const sigma = sigmas[i];
    const next = sigmas[i + 1];
    const denoised = await model.denoise(x, sigma);
    o.onStep?.({ i, x, denoised, sigma });
    let h: number | null = h1; // k-diffusion keeps the previous h when the step goes to σ = 0
    if (next === 0) {
      x = denoised;
    } else {
      h = Math.log(sigma / next);
      const hEta = h * (eta + 1);
      x = lincomb([Math.exp(-hEta), x], [-Math.expm1(-hEta), denoised]);
      const phi2 = Math.expm1(-hEta) / hEta + 1;
      if (h2 !== null && d1 && d2 && h1 !== null) {
        const r0 = h1 / h;
        const r1 = h2 / h;
        // δ₀ = (D − D₁)/r₀, δ₁ = (D₁ − D₂)/r₁; x += φ₂(δ₀ + (δ₀ − δ₁)r₀/(r₀+r₁)) − φ₃(δ₀ − δ₁)/(r₀+r₁)
        const phi3 = phi2 / hEta - 0.5;
        const a = phi2 * (1 + r0 / (r0 + r1)) - phi3 / (r0 + r1); // weight of δ₀
        const b = -phi2 * (r0 / (r0 + r1)) + phi3 / (r0 + r1); // weight of δ₁
        x = lincomb([1, x], [a / r0, denoised], [-a / r0 + b / r1, d1], [-b / r1, d2]);
      } else if (h1 !== null && d1) {
        const r = h1 / h;
        x = lincomb([1, x], [phi2 / r, denoised], [-phi2 / r, d1]);
      }
      if (eta) x = lincomb([1, x], [next * Math.sqrt(-Math.expm1(-2 * h * eta)) * sNoise, brownian(sigma, next)]);
    }
    d2 = d1;
    d1 = denoised;
    h2 = h1;
    h1 = h;
  }
  return x;
};
