// The DDIM update shared by DDIM, DDIM CFG++ and PLMS (Song et al. 2021, eq. 12): from z at ᾱ_t to
// ᾱ_prev given the ε that predicts x̂₀ and the ε that points the direction back to z.
import { lincomb } from "@/lib/sampling/lincomb";

export function predictX0(z: Float32Array, eps: Float32Array, alphaBar: number): Float32Array {
  return lincomb([1 / Math.sqrt(alphaBar), z], [-Math.sqrt(1 - alphaBar) / Math.sqrt(alphaBar), eps]);
}

/** z_prev = √ᾱ_prev·x̂₀ + √(1 − ᾱ_prev − σ²)·ε_dir (+ σ·noise, added by the caller). */
export function ddimUpdate(x0: Float32Array, epsDirection: Float32Array, alphaBarPrev: number, sigma = 0): Float32Array {
  return lincomb([Math.sqrt(alphaBarPrev), x0], [Math.sqrt(1 - alphaBarPrev - sigma * sigma), epsDirection]);
}

/** ᾱ at each timestep and at the one before it (ᾱ[0] before the first), as A1111 pads them. */
export function alphaPairs(alphasCumprod: Float32Array, timesteps: number[]): { alphas: number[]; alphasPrev: number[] } {
  return {
    alphas: timesteps.map((t) => alphasCumprod[t]),
    alphasPrev: timesteps.map((_, k) => alphasCumprod[k === 0 ? 0 : timesteps[k - 1]]),
  };
}
