// Noise inversion (docs/tiled-diffusion.md#noise-inversion): img2img starts from noise that reconstructs the
// input — the init latent walked up the σ ladder with reverse Euler steps of the (tiled) model under the
// positive prompt — optionally re-noised where the input has little detail.
import type { DiscreteSchedule, GrayImage } from "@onyx/sdk";

/**
 * The inversion's σ ladder, ascending: 0, then `steps` σ's uniform in timestep from σ(0) to σ(T−1)
 * (k-diffusion's plain schedule of the model, reversed).
 */
export function inversionSigmas(schedule: Pick<DiscreteSchedule, "sigmas" | "tToSigma">, steps: number): number[] {
  const last = schedule.sigmas.length - 1;
  const down = Array.from({ length: steps }, (_, i) => schedule.tToSigma(steps === 1 ? last : last - (i * last) / (steps - 1)));
  return [...down, 0].reverse();
}

/** The model's ε for the whole batch at `sigma`: input scaled by c_in, timestep t(σ)/retouch. */
export type EpsAt = (x: Float32Array, sigma: number, step: number) => Promise<Float32Array>;

/** Reverse Euler from the init latent: x ← x + ε(x, σ_i)·(σ_i − σ_{i−1}); the result divided by σ_max. */
export async function invertLatent(initLatent: Float32Array, sigmas: readonly number[], eps: EpsAt): Promise<Float32Array> {
  let x = Float32Array.from(initLatent);
  for (let i = 1; i < sigmas.length; i++) {
    const e = await eps(x, sigmas[i], i - 1);
    const step = sigmas[i] - sigmas[i - 1];
    x = x.map((v, k) => v + e[k] * step);
  }
  const top = sigmas[sigmas.length - 1];
  return x.map((v) => v / top);
}

/**
 * The noise the img2img sampler adds to the init latent, so that init + noise·σ_start =
 * init·(1 − σ_start/σ_max) + n_inv·σ_start (σ_max: the first σ of the full schedule).
 */
export function invertedNoise(initLatent: Float32Array, inverted: Float32Array, sigmaMax: number): Float32Array {
  return inverted.map((v, k) => v - initLatent[k] / sigmaMax);
}

/** Mean over a k×k window (OpenCV's normalised boxFilter, anchor at the centre, borders reflected 101). */
function boxFilter(data: Float64Array, width: number, height: number, k: number): Float64Array {
  const reflect = (i: number, n: number) => {
    if (n === 1) return 0;
    while (i < 0 || i >= n) i = i < 0 ? -i : 2 * n - 2 - i;
    return i;
  };
  const before = Math.floor(k / 2);
  const pass = (src: Float64Array, along: "x" | "y") => {
    const out = new Float64Array(src.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (let d = -before; d < k - before; d++) {
          sum += along === "x" ? src[y * width + reflect(x + d, width)] : src[reflect(y + d, height) * width + x];
        }
        out[y * width + x] = sum / k;
      }
    }
    return out;
  };
  return pass(pass(data, "x"), "y");
}

/**
 * The extension's detail map of a grayscale picture: a self-guided filter (box size `kernel`, ε = 0.01)
 * minus the picture, ×255 cast to uint8 — negative differences wrap around, as numpy's cast does — then /255.
 */
export function detailMap(gray: GrayImage, kernel: number): Float32Array {
  const { width, height } = gray;
  const I = Float64Array.from(gray.data, (v) => v / 255);
  const mean = boxFilter(I, width, height, kernel);
  const corr = boxFilter(I.map((v) => v * v), width, height, kernel);
  const a = mean.map((m, i) => {
    const variance = corr[i] - m * m;
    return variance / (variance + 0.01);
  });
  const b = mean.map((m, i) => m - a[i] * m);
  const meanA = boxFilter(a, width, height, kernel);
  const meanB = boxFilter(b, width, height, kernel);
  return Float32Array.from(I, (v, i) => {
    const wrapped = ((Math.trunc((meanA[i] * v + meanB[i] - v) * 255) % 256) + 256) % 256;
    return wrapped / 255;
  });
}

/** Bilinear resize of a float map (half-pixel centres, edges clamped: OpenCV's INTER_LINEAR). */
export function resizeBilinear(map: Float32Array, width: number, height: number, toWidth: number, toHeight: number): Float32Array {
  const out = new Float32Array(toWidth * toHeight);
  const sx = width / toWidth;
  const sy = height / toHeight;
  for (let y = 0; y < toHeight; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, height - 1);
    const wy = fy - y0;
    for (let x = 0; x < toWidth; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, width - 1);
      const wx = fx - x0;
      const top = map[y0 * width + x0] * (1 - wx) + map[y0 * width + x1] * wx;
      const bottom = map[y1 * width + x0] * (1 - wx) + map[y1 * width + x1] * wx;
      out[y * toWidth + x] = top * (1 - wy) + bottom * wy;
    }
  }
  return out;
}

/**
 * Renoise: per latent pixel m = clamp((1 − detail)·strength, 0, 1) mixes the inverted noise with the seed's
 * noise, variance-preserving: ((1 − m)·inverted + m·random) / √(m² + (1 − m)²). `detail` is [h·w].
 */
export function renoise(inverted: Float32Array, random: Float32Array, detail: Float32Array, strength: number): Float32Array {
  const plane = detail.length;
  return inverted.map((v, k) => {
    const m = Math.min(1, Math.max(0, (1 - detail[k % plane]) * strength));
    return ((1 - m) * v + m * random[k]) / Math.sqrt(m * m + (1 - m) * (1 - m));
  });
}

/** What decides whether an inverted latent can be reused (the extension's cache test). */
export interface InversionKey {
  model: string;
  steps: number;
  prompts: string;
  retouch: number;
  shape: string;
  initLatent: Float32Array;
}

export function sameInversion(a: InversionKey, b: InversionKey): boolean {
  if (a.model !== b.model || a.steps !== b.steps || a.prompts !== b.prompts || a.shape !== b.shape || Math.abs(a.retouch - b.retouch) > 0.01) return false;
  let distance = 0;
  for (let i = 0; i < a.initLatent.length; i++) distance += Math.abs(a.initLatent[i] - b.initLatent[i]);
  return distance < 100;
}
