// Conversions between model tensors ([B, 3, H, W] in [-1, 1]) and 8-bit RGB pixels (H·W·3, the
// layout sharp reads and writes as raw input).
import type { Tensor } from "@/lib/tensor";

export interface RgbImage {
  width: number;
  height: number;
  /** Interleaved RGB, row-major, 3 bytes per pixel. */
  data: Uint8Array;
}

/** Image `index` of a [B, 3, H, W] tensor in [-1, 1] → RGB bytes, as A1111 converts decoded samples. */
export function tensorToRgb(t: Tensor, index = 0): RgbImage {
  const [, c, height, width] = t.shape;
  if (c !== 3) throw new Error(`expected 3 image channels, got ${c}`);
  const plane = width * height;
  const base = index * 3 * plane;
  const data = new Uint8Array(plane * 3);
  for (let ch = 0; ch < 3; ch++) {
    for (let i = 0; i < plane; i++) {
      const v = (t.data[base + ch * plane + i] + 1) / 2;
      // A1111: clamp((x + 1) / 2, 0, 1) · 255, truncated by numpy's astype(uint8).
      data[i * 3 + ch] = Math.trunc(255 * Math.min(1, Math.max(0, v)));
    }
  }
  return { width, height, data };
}

/** RGB bytes → [1, 3, H, W] in [-1, 1], the VAE encoder's input. */
export function rgbToTensor(img: RgbImage): Tensor {
  const plane = img.width * img.height;
  const out = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    for (let ch = 0; ch < 3; ch++) out[ch * plane + i] = (img.data[i * 3 + ch] / 255) * 2 - 1;
  }
  return { data: out, shape: [1, 3, img.height, img.width] };
}
