// Soft Inpainting's per-step latent blend (A1111's `latent_blend` and `get_modified_nmask`,
// docs/builtin-scripts.md#soft-inpainting). The repaint mask m ∈ [0, 1] becomes t = m^(σ^power · scale), so a
// partly masked pixel keeps more of the original while the noise is high; the latents are interpolated
// linearly, (1 − t)·init + t·current, and each pixel's 4-channel vector is then rescaled to the magnitude
// ((1 − t)·|init|^p + t·|current|^p)^(1/p), p = "transition contrast boost", so blending does not wash the
// contrast out. float32 like A1111's tensors, the magnitudes in float64.
import type { SoftInpaintingSettings } from "@/lib/scripts/soft-inpainting/settings";

const f32 = Math.fround;

/** t = nmask^(σ^power · scale) per latent pixel, in float32. */
export function modifiedNmask(settings: SoftInpaintingSettings, nmask: Float32Array, sigma: number): Float32Array {
  const exponent = f32(f32(Math.pow(f32(sigma), settings.mask_blend_power)) * settings.mask_blend_scale);
  return nmask.map((m) => f32(Math.pow(m, exponent)));
}

/** The channel-vector length at each pixel of image `b` in a [B, C, h, w] latent, in float32. */
function norms(x: Float32Array, b: number, channels: number, plane: number): Float64Array {
  const out = new Float64Array(plane);
  for (let i = 0; i < plane; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) {
      const v = x[(b * channels + c) * plane + i];
      sum += v * v;
    }
    out[i] = f32(Math.sqrt(sum));
  }
  return out;
}

/** A1111's latent_blend(init, current, t) for [B, C, h, w] latents and a per-pixel t [h, w]. */
export function latentBlend(settings: SoftInpaintingSettings, init: Float32Array, current: Float32Array, t: Float32Array, shape: readonly number[]): Float32Array {
  const [batch, channels, h, w] = shape;
  const plane = h * w;
  const p = settings.inpaint_detail_preservation;
  const out = new Float32Array(init.length);
  for (let b = 0; b < batch; b++) {
    for (let c = 0; c < channels; c++) {
      for (let i = 0; i < plane; i++) {
        const k = (b * channels + c) * plane + i;
        out[k] = f32(f32(init[k] * f32(1 - t[i])) + f32(current[k] * t[i]));
      }
    }
    const interpolated = norms(out, b, channels, plane);
    const fromInit = norms(init, b, channels, plane);
    const fromCurrent = norms(current, b, channels, plane);
    for (let i = 0; i < plane; i++) {
      const desired = Math.pow(Math.pow(fromInit[i], p) * f32(1 - t[i]) + Math.pow(fromCurrent[i], p) * t[i], 1 / p);
      const factor = f32(desired / (interpolated[i] + 0.00001));
      for (let c = 0; c < channels; c++) {
        const k = (b * channels + c) * plane + i;
        out[k] = f32(out[k] * factor);
      }
    }
  }
  return out;
}
