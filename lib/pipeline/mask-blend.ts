// Inpainting's latent blend (docs/a1111/generation.md#img2img-and-inpainting): the repainted region comes
// from the sampler, the rest from the init latent, current·nmask + init·(1 − nmask) with one repaint mask
// [h, w] for every image and channel. The pipeline blends every step and once after sampling; scripts
// may replace the result (the `maskBlend` hook: Soft Inpainting).
import type { Processing } from "@/lib/pipeline/processing";
import { jobHooks } from "@/lib/scripts/job-hooks";

/** The init latent [B, C, h, w] of the batch and the repaint mask [h, w] (1 = repaint). */
export interface LatentMask {
  init: Float32Array;
  nmask: Float32Array;
}

/** current·nmask + init·(1 − nmask), the mask repeated over images and channels. */
export function blendLatents(current: Float32Array, init: Float32Array, nmask: Float32Array): Float32Array {
  const plane = nmask.length;
  const out = new Float32Array(current.length);
  for (let i = 0; i < current.length; i++) {
    const m = nmask[i % plane];
    out[i] = current[i] * m + init[i] * (1 - m);
  }
  return out;
}

/** The blend at one step (`sigma` as A1111 hands it to scripts) or after sampling (null), through the scripts' hooks. */
export async function maskBlend(p: Processing, mask: LatentMask, current: Float32Array, shape: readonly number[], sigma: number | null): Promise<Float32Array> {
  const tensor = (data: Float32Array) => ({ data, shape: [...shape] });
  const blended = tensor(blendLatents(current, mask.init, mask.nmask));
  const out = await jobHooks(p).maskBlend({ current: tensor(current), init: tensor(mask.init), nmask: mask.nmask, blended, sigma });
  return out.data;
}
