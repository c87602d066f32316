// The model's own discrete noise schedule (docs/samplers.md#the-models-discrete-schedule): ᾱ_t from the diffusers
// scheduler_config.json, the σ table k-diffusion's DiscreteSchedule wraps around the UNet, and the
// σ ↔ timestep maps. Numbers follow ldm/A1111 precision: ᾱ is a float64 cumprod stored as float32,
// σ and ln σ are float32 tensors; the interpolation itself runs in double here.

export interface DiscreteScheduleConfig {
  beta_start: number;
  beta_end: number;
  beta_schedule: string;
  num_train_timesteps: number;
  prediction_type?: string;
}

export interface DiscreteSchedule {
  predictionType: "epsilon" | "v_prediction";
  /** ᾱ_t, t = 0 … T−1 (float32 values). */
  alphasCumprod: Float32Array;
  /** σ_t = √((1 − ᾱ_t)/ᾱ_t), ascending. */
  sigmas: Float32Array;
  /** ln σ_t as the float32 buffer k-diffusion interpolates in. */
  logSigmas: Float32Array;
  sigmaMin: number;
  sigmaMax: number;
  /** Log-σ interpolation at a fractional timestep. */
  tToSigma(t: number): number;
  /** Continuous inverse of tToSigma, clamped to [0, T−1] outside the table. */
  sigmaToT(sigma: number): number;
  /** The nearest table index in ln σ ("Enable quantization in K samplers"). */
  sigmaToTQuantized(sigma: number): number;
}

function betas(config: DiscreteScheduleConfig): Float64Array {
  const n = config.num_train_timesteps;
  const out = new Float64Array(n);
  const step = (from: number, to: number, i: number) => (n === 1 ? from : from + ((to - from) * i) / (n - 1));
  for (let i = 0; i < n; i++) {
    if (config.beta_schedule === "scaled_linear") out[i] = step(Math.sqrt(config.beta_start), Math.sqrt(config.beta_end), i) ** 2;
    else if (config.beta_schedule === "linear") out[i] = step(config.beta_start, config.beta_end, i);
    else throw new Error(`beta_schedule "${config.beta_schedule}" is not supported (scaled_linear, linear)`);
  }
  return out;
}

/** ᾱ: float64 running product, each value rounded to float32 like ldm's registered buffer. */
export function alphasCumprodFromConfig(config: DiscreteScheduleConfig): Float32Array {
  const b = betas(config);
  const out = new Float32Array(b.length);
  let product = 1;
  for (let i = 0; i < b.length; i++) {
    product *= 1 - b[i];
    out[i] = product;
  }
  return out;
}

/** k-diffusion's DiscreteSchedule over a given ᾱ table (also used for LCM's 50-entry sub-table). */
export function discreteScheduleFromAlphas(alphasCumprod: Float32Array, predictionType: DiscreteSchedule["predictionType"] = "epsilon"): DiscreteSchedule {
  const f = Math.fround;
  const sigmas = alphasCumprod.map((a) => f(Math.sqrt(f(f(1 - a) / a))));
  const logSigmas = sigmas.map((s) => Math.log(s));
  const last = sigmas.length - 1;

  const tToSigma = (t: number) => {
    const lo = Math.floor(t);
    const hi = Math.ceil(t);
    const w = t - lo;
    return Math.exp((1 - w) * logSigmas[lo] + w * logSigmas[hi]);
  };

  const sigmaToT = (sigma: number) => {
    const logSigma = Math.log(sigma);
    // The last index whose ln σ does not exceed ln σ (0 when none does), kept below the top entry.
    let lo = 0;
    for (let i = 0; i <= last; i++) if (logSigmas[i] <= logSigma) lo = i;
    lo = Math.min(lo, last - 1);
    const w = Math.min(1, Math.max(0, (logSigmas[lo] - logSigma) / (logSigmas[lo] - logSigmas[lo + 1])));
    return lo + w;
  };

  const sigmaToTQuantized = (sigma: number) => {
    const logSigma = Math.log(sigma);
    let best = 0;
    for (let i = 1; i <= last; i++) if (Math.abs(logSigma - logSigmas[i]) < Math.abs(logSigma - logSigmas[best])) best = i;
    return best;
  };

  return { predictionType, alphasCumprod, sigmas, logSigmas, sigmaMin: sigmas[0], sigmaMax: sigmas[last], tToSigma, sigmaToT, sigmaToTQuantized };
}

export function discreteScheduleFromConfig(config: DiscreteScheduleConfig): DiscreteSchedule {
  const prediction = config.prediction_type ?? "epsilon";
  if (prediction !== "epsilon" && prediction !== "v_prediction") throw new Error(`prediction_type "${prediction}" is not supported`);
  return discreteScheduleFromAlphas(alphasCumprodFromConfig(config), prediction);
}

/** SD 1.x/2.x defaults (the scheduler_config.json of every SD checkpoint before SDXL). */
export const SD_SCHEDULER_CONFIG: DiscreteScheduleConfig = {
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: "scaled_linear",
  num_train_timesteps: 1000,
  prediction_type: "epsilon",
};
