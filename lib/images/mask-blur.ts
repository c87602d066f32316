// A1111's mask blur (docs/a1111/generation.md#inpainting): OpenCV's GaussianBlur on the 8-bit mask, once along x with
// radius rx and once along y with ry, kernel width 2·int(2.5·r + 0.5) + 1, σ = r, OpenCV's default border
// (reflect-101: …c b | a b c … ). Each pass rounds back to bytes, as two separate cv2 calls do.
import type { GrayImage } from "@/lib/images/pixel-image";

/** OpenCV's getGaussianKernel(k, σ): exp(−x²/2σ²) over x = −(k−1)/2 … (k−1)/2, normalised to sum 1. */
export function gaussianKernel(radius: number): Float64Array {
  const half = Math.trunc(2.5 * radius + 0.5);
  const kernel = new Float64Array(2 * half + 1);
  let sum = 0;
  for (let i = 0; i < kernel.length; i++) {
    const x = i - half;
    kernel[i] = Math.exp(-(x * x) / (2 * radius * radius));
    sum += kernel[i];
  }
  return kernel.map((v) => v / sum);
}

function reflect101(i: number, n: number): number {
  if (n === 1) return 0;
  while (i < 0 || i >= n) i = i < 0 ? -i : 2 * (n - 1) - i;
  return i;
}

function blurAxis(mask: GrayImage, radius: number, alongX: boolean): GrayImage {
  const kernel = gaussianKernel(radius);
  const half = (kernel.length - 1) / 2;
  const { width, height } = mask;
  const out = new Uint8Array(mask.data.length);
  const len = alongX ? width : height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const pos = alongX ? x : y;
      let acc = 0;
      for (let k = 0; k < kernel.length; k++) {
        const j = reflect101(pos + k - half, len);
        acc += kernel[k] * mask.data[alongX ? y * width + j : j * width + x];
      }
      out[y * width + x] = Math.min(255, Math.round(acc));
    }
  }
  return { width, height, data: out };
}

export function blurMask(mask: GrayImage, radiusX: number, radiusY = radiusX): GrayImage {
  let out = mask;
  if (radiusX > 0) out = blurAxis(out, radiusX, true);
  if (radiusY > 0) out = blurAxis(out, radiusY, false);
  return out;
}
