// One UNet evaluation over the whole classifier-free-guidance batch — the level at which
// extensions (Tiled Diffusion's `wrapUnet`) intercept the model: they see every entry's latent,
// timestep, noise level and conditioning, and may call the inner function many times on crops.
import type { GraphOptions } from "@/lib/models/graph-options";
import type { Unet } from "@/lib/models/unet";
import type { Tensor } from "@/lib/tensor";

/** What one entry of a UNet batch is: whose image, the prompt's AND part or the negative prompt. */
export interface UnetEntry {
  /** Index into the job's per-image lists (`allPrompts`, `allSeeds`). */
  image: number;
  /** A positive-prompt entry (one per AND part) or the negative prompt's. */
  cond: boolean;
  /** The AND part of a positive entry (0 for negative entries). */
  part: number;
}

export interface UnetBatch {
  /** [N, C, h, w] latents already scaled by c_in (VP space). */
  x: Tensor;
  /** Per entry: the timestep the UNet gets (fractional for k-diffusion samplers). */
  timesteps: number[];
  /** Per entry: the noise level σ (k-diffusion samplers; derived from t for timestep samplers). */
  sigmas: number[];
  /** [N, tokens, dim] text conditioning, cond entries first, then uncond entries. */
  context: Tensor;
  /** [N, 5, h, w] inpainting-model conditioning (mask + masked-image latent), when the UNet has 9 channels. */
  imageCond: Tensor | null;
  /** Per entry, what it is (the sampling passes' calls always say; a script's own calls may leave it out). */
  entries?: readonly UnetEntry[];
  /** 0-based model-call counter of this sampling pass, and the pass's prompt-schedule length. */
  step: number;
  totalSteps: number;
}

/** Returns the UNet output (ε or v, as the model predicts) for every entry, [N, 4, h, w]. */
export type UnetFn = (batch: UnetBatch) => Promise<Float32Array>;

/** Concatenates [N, a, h, w] and [N, b, h, w] along channels. */
export function concatChannels(x: Tensor, y: Tensor): Tensor {
  const [n, a, h, w] = x.shape;
  const b = y.shape[1];
  const plane = h * w;
  const out = new Float32Array(n * (a + b) * plane);
  for (let i = 0; i < n; i++) {
    out.set(x.data.subarray(i * a * plane, (i + 1) * a * plane), i * (a + b) * plane);
    out.set(y.data.subarray(i * b * plane, (i + 1) * b * plane), (i * (a + b) + a) * plane);
  }
  return { data: out, shape: [n, a + b, h, w] };
}

/** The plain UNet as a `UnetFn`; inpainting models get the image conditioning as extra channels. */
export function unetFn(unet: Unet, graph: GraphOptions): UnetFn {
  return (batch) => unet.predict(batch.imageCond ? concatChannels(batch.x, batch.imageCond) : batch.x, batch.timesteps, batch.context, graph);
}
