// Soft Inpainting's pixel composite (A1111's `apply_adaptive_masks`, docs/builtin-scripts.md#soft-inpainting):
// after sampling, the per-pixel distance between the sampled and the init latent is smoothed by two
// weighted-percentile filters (a near-maximum, then a trimmed mean), divided by a threshold the mask biases,
// and mapped through 1/(1 + d^contrast) and smootherstep to how much of the *generated* pixel shows; that
// latent-sized mask is scaled to the picture ("resize and fill"), softened by PIL's GaussianBlur(4), and for
// "only masked" placed into the original's frame. The original is composited back through it.
import { pilGaussianBlur } from "@/lib/images/pil-gaussian-blur";
import { pastePixels, type CropBox, type GrayImage } from "@/lib/images/pixel-image";
import { resizeImage } from "@/lib/images/resize-mode";
import type { SoftInpaintingSettings } from "@/lib/scripts/soft-inpainting/settings";

const f32 = Math.fround;

export interface Kernel {
  weights: Float64Array;
  size: number;
  center: number;
}

/** A1111's get_gaussian_kernel: exp(−d²/σ²) over a (2r+1)² square, shifted and scaled to be 0 at distance r + 1 and 1 at the centre. */
export function taperedGaussianKernel(stddev = 1.5, maxRadius = 2): Kernel {
  const gaussian = (squared: number) => Math.exp(-squared / (stddev * stddev));
  const zero = gaussian((maxRadius + 1) * (maxRadius + 1));
  const scale = 1 / (1 - zero);
  const size = maxRadius * 2 + 1;
  const weights = new Float64Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) weights[y * size + x] = Math.max(0, (gaussian((y - maxRadius) ** 2 + (x - maxRadius) ** 2) - zero) * scale);
  }
  return { weights, size, center: maxRadius };
}

/**
 * A1111's weighted_histogram_filter: at each pixel, the window's values sorted and stacked by their kernel
 * weights; the mean of the part of the stack between the percentiles (at least `minWidth` of weight).
 */
export function weightedHistogramFilter(img: Float32Array, width: number, height: number, kernel: Kernel, percentileMin: number, percentileMax: number, minWidth = 1): Float32Array {
  const out = new Float32Array(img.length);
  const entries: Array<{ value: number; weight: number; from: number; to: number }> = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      entries.length = 0;
      for (let wy = Math.max(0, y - kernel.center); wy < Math.min(height, y - kernel.center + kernel.size); wy++) {
        for (let wx = Math.max(0, x - kernel.center); wx < Math.min(width, x - kernel.center + kernel.size); wx++) {
          entries.push({ value: img[wy * width + wx], weight: kernel.weights[(wy - y + kernel.center) * kernel.size + (wx - x + kernel.center)], from: 0, to: 0 });
        }
      }
      // Python's sort is stable: equal values keep the window's row-major order (so does Array.prototype.sort).
      entries.sort((a, b) => a.value - b.value);
      let sum = 0;
      for (const e of entries) {
        e.from = sum;
        sum += e.weight;
        e.to = sum;
      }
      let low = sum * percentileMin;
      let high = sum * percentileMax;
      if (high - low < minWidth) {
        const middle = (low + high) / 2;
        low = middle - minWidth / 2;
        high = middle + minWidth / 2;
        if (high > sum) {
          high = sum;
          low = sum - minWidth;
        }
        if (low < 0) {
          low = 0;
          high = minWidth;
        }
      }
      let value = 0;
      let weight = 0;
      for (const e of entries) {
        if (low >= e.to) continue;
        if (high <= e.from) break;
        const w = Math.min(high, e.to) - Math.max(low, e.from);
        value += e.value * w;
        weight += w;
      }
      out[y * width + x] = weight !== 0 ? value / weight : 0;
    }
  }
  return out;
}

/** numpy's float32 `x ** q` with its fast paths. */
function power32(x: number, q: number): number {
  if (q === 2) return f32(x * x);
  if (q === 1) return x;
  if (q === 0.5) return f32(Math.sqrt(x));
  if (q === 0) return 1;
  if (q === -1) return f32(1 / x);
  return f32(Math.pow(x, q));
}

/** smootherstep(x) = x³(x(6x − 15) + 10) in float32. */
export function smootherstep(x: number): number {
  return f32(f32(f32(x * x) * x) * f32(f32(x * f32(f32(6 * x) - 15)) + 10));
}

/** How far the threshold follows the mask: 1 − clamp(m)^(scale/2), blended with ½ by the mask influence, as s/(1.00001 − s). */
export function maskScalar(settings: SoftInpaintingSettings, nmask: Float32Array): Float32Array {
  const influence = f32(settings.composite_mask_influence);
  const base = f32(0.5 * (1 - settings.composite_mask_influence));
  return nmask.map((m) => {
    let s = f32(1 - power32(Math.min(1, Math.max(0, m)), settings.mask_blend_scale / 2));
    s = f32(base + f32(s * influence));
    return f32(s / f32(f32(1.00001) - s));
  });
}

/**
 * The composite masks at latent size, one per image (255 = the generated pixel, 0 = the original):
 * `init` and `sampled` are [B, C, h, w], `nmask` the repaint mask [h, w].
 */
export function latentCompositeMasks(settings: SoftInpaintingSettings, nmask: Float32Array, init: Float32Array, sampled: Float32Array, shape: readonly number[]): Uint8Array[] {
  const [batch, channels, h, w] = shape;
  const plane = h * w;
  const scalar = maskScalar(settings, nmask);
  const kernel = taperedGaussianKernel(1.5, 2);
  const threshold = f32(settings.composite_difference_threshold);
  return Array.from({ length: batch }, (_, b) => {
    const distance = new Float32Array(plane);
    for (let i = 0; i < plane; i++) {
      let sum = 0;
      for (let c = 0; c < channels; c++) {
        const k = (b * channels + c) * plane + i;
        const d = f32(sampled[k] - init[k]);
        sum += d * d;
      }
      distance[i] = Math.sqrt(sum);
    }
    const peaks = weightedHistogramFilter(distance, w, h, kernel, 0.9, 1, 1);
    const smoothed = weightedHistogramFilter(peaks, w, h, kernel, 0.25, 0.75, 1);
    return Uint8Array.from(smoothed, (d, i) => {
      const relative = f32(d / f32(threshold * scalar[i]));
      const original = smootherstep(f32(1 / f32(1 + power32(relative, settings.composite_difference_contrast))));
      return Math.trunc(f32(255 * f32(1 - original)));
    });
  });
}

/**
 * A latent-sized composite mask at the picture's size: "resize and fill" to width × height, PIL's
 * GaussianBlur(4); with `box` (only masked) scaled into the box of a black frame of `frame` size (A1111's uncrop).
 */
export async function pictureCompositeMask(mask: GrayImage, width: number, height: number, box: CropBox | null, frame: { width: number; height: number }): Promise<GrayImage> {
  const blurred = pilGaussianBlur(await resizeImage(2, mask, width, height), 4);
  if (!box) return blurred;
  const placed = await resizeImage(1, blurred, box.x2 - box.x1, box.y2 - box.y1);
  return pastePixels({ width: frame.width, height: frame.height, data: new Uint8Array(frame.width * frame.height) }, placed, box.x1, box.y1);
}
