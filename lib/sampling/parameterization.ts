// How a network output becomes the denoiser D(x, σ) the k-diffusion samplers walk with
// (docs/samplers.md#the-denoiser), and the ε a timestep sampler needs from a v-model (docs/samplers.md#timestep-samplers). x is the VE latent,
// z = x·c_in the VP latent the UNet sees, ᾱ = 1/(1 + σ²).

/** c_in = 1/√(σ² + 1): VE latent → the UNet's (VP) input. */
export const cIn = (sigma: number) => 1 / Math.sqrt(sigma * sigma + 1);

/** ε-prediction: D = x − σ·ε̂ (c_skip = 1, c_out = −σ). */
export function denoisedFromEps(x: Float32Array, sigma: number, eps: Float32Array): Float32Array {
  return x.map((xi, i) => xi - sigma * eps[i]);
}

/** v-prediction: D = c_skip·x + c_out·v̂ with c_skip = 1/(σ²+1), c_out = −σ/√(σ²+1). */
export function denoisedFromV(x: Float32Array, sigma: number, v: Float32Array): Float32Array {
  const cSkip = 1 / (sigma * sigma + 1);
  const cOut = -sigma * cIn(sigma);
  return x.map((xi, i) => cSkip * xi + cOut * v[i]);
}

/** v-models under a timestep sampler: ε̂ = √ᾱ·v̂ + √(1−ᾱ)·z. */
export function epsFromV(z: Float32Array, alphaBar: number, v: Float32Array): Float32Array {
  const a = Math.sqrt(alphaBar);
  const b = Math.sqrt(1 - alphaBar);
  return v.map((vi, i) => a * vi + b * z[i]);
}

/** The probability-flow ODE derivative dx/dσ = (x − D)/σ. */
export function derivative(x: Float32Array, denoised: Float32Array, sigma: number): Float32Array {
  return x.map((xi, i) => (xi - denoised[i]) / sigma);
}
