// What a sampler sees of the world: a model to call, a noise source, and a way to report steps.
// The pipeline builds these from the UNet and the classifier-free-guidance wrapper; tests build
// them from analytic denoisers (docs/samplers.md#checking-an-implementation). Latents are flat Float32Arrays holding
// the whole batch [B, C, H, W]; every sampler treats them element-wise.

export interface SamplerModel {
  /** k-diffusion samplers: the denoised prediction D(x, σ) of the whole batch, x in VE space. */
  denoise(x: Float32Array, sigma: number): Promise<Float32Array>;
  /**
   * Timestep samplers (DDIM, DDIM CFG++, PLMS, UniPC): the guided ε prediction at timestep t
   * (0..999, fractional for UniPC) for the VP latent z (= x·c_in).
   */
  eps(z: Float32Array, t: number): Promise<Float32Array>;
  /** DDIM CFG++: multiplies the guidance scale for the next calls (A1111 sets 1/12.5). */
  cfgScaleMultiplier?: number;
  /** DDIM CFG++: the unguided (negative prompt) ε of the last `eps` call, when guidance ran. */
  lastUncondEps?: Float32Array;
}

/** One latent-shaped N(0, I) draw per call for the whole batch (A1111's `ImageRNG.next()`). */
export interface NoiseSource {
  next(): Float32Array;
}

/** Brownian-motion increments W(σ') − W(σ), normalised by √|σ' − σ| (k-diffusion's noise_sampler). */
export type BrownianNoise = (sigma: number, sigmaNext: number) => Float32Array;

export interface StepInfo {
  /** 0-based sampler step. */
  i: number;
  /** Steps this run will take (for progress). */
  total: number;
  x: Float32Array;
  /** The current x₀ prediction (what the live preview shows). */
  denoised: Float32Array;
  sigma: number;
}

/** What a sampler function reports per step; the driver adds `total`. */
export type SamplerStep = Omit<StepInfo, "total">;

/** Options of the k-diffusion-style sampler functions (docs/samplers.md#k-diffusion-samplers). */
export interface KSamplerOptions {
  /** `torch.randn_like` inside the sampler: A1111 routes it to the image RNG (docs/samplers.md#which-noise-a-job-draws). */
  noise: NoiseSource;
  /** Brownian-tree increments for the SDE samplers (docs/samplers.md#brownian-noise); without it they draw from `noise`. */
  brownian?: BrownianNoise;
  /** Ancestral/SDE noise strength (A1111's eta_ancestral, default 1). */
  eta?: number;
  sNoise?: number;
  sChurn?: number;
  sTmin?: number;
  sTmax?: number;
  onStep?: (step: SamplerStep) => void;
}

export type KSampler = (model: SamplerModel, x: Float32Array, sigmas: number[], o: KSamplerOptions) => Promise<Float32Array>;

/** Options of the timestep samplers (DDIM, DDIM CFG++, PLMS, UniPC), docs/samplers.md#timestep-samplers. */
export interface TimestepSamplerOptions {
  /** ᾱ_t of the model (float32 table, t = 0 … 999). */
  alphasCumprod: Float32Array;
  noise: NoiseSource;
  /** DDIM's η (Setting "Eta for DDIM", default 0). */
  eta?: number;
  onStep?: (step: SamplerStep) => void;
}

/** z is the VP latent; `timesteps` ascending (A1111's range(0, 1000, 1000 // steps) + 1). */
export type TimestepSampler = (model: SamplerModel, z: Float32Array, timesteps: number[], o: TimestepSamplerOptions) => Promise<Float32Array>;
