// A1111's mask blur (docs/a1111/generation.md#inpainting): OpenCV's GaussianBlur on the 8-bit mask, once along x with
// radius rx and once along y with ry, kernel width 2·int(2.5·r + 0.5) + 1, σ = r, OpenCV's default border
// (reflect-101: …c b | a b c … ). Each pass rounds back to bytes, as two separate cv2 calls do.
// Only the mask's bounding box grown by the kernel's half width is computed: every other pixel's taps all read 0
// (see `grownAxis`), so it is 0 exactly as in the whole-picture blur — an only-masked child job of a big picture
// (an Ultimate SD Upscale tile) blurs its tile, not the picture.
import { nonZeroBox } from "@/lib/images/inpaint-region";
import type { CropBox, GrayImage } from "@/lib/images/pixel-image";

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

/**
 * The range [a − half, b + half) clamped to [0, n): outside it no tap of a position reaches [a, b). Left of it
 * (p + half < a) the taps p − half … p + half are below a, and a reflected tap −j ≤ half − p ≤ half + p < a too;
 * the right side mirrors this. A kernel wider than the line (half ≥ n, where taps reflect more than once) makes
 * the range the whole line, since a < n ≤ half and b > 0.
 */
function grownAxis(a: number, b: number, half: number, n: number): [number, number] {
  return [Math.max(0, a - half), Math.min(n, b + half)];
}

/** One pass over the pixels of `box` grown along the pass's axis; the rest of the output stays 0. */
function blurAxis(mask: GrayImage, box: CropBox, radius: number, alongX: boolean): { mask: GrayImage; box: CropBox } {
  const kernel = gaussianKernel(radius);
  const taps = kernel.length;
  const half = (taps - 1) / 2;
  const { width, height, data } = mask;
  const len = alongX ? width : height;
  const [a, b] = grownAxis(alongX ? box.x1 : box.y1, alongX ? box.x2 : box.y2, half, len);
  const grown = alongX ? { ...box, x1: a, x2: b } : { ...box, y1: a, y2: b };
  const out = new Uint8Array(data.length);
  // Along x the taps are 1 byte apart, along y one row.
  const stride = alongX ? 1 : width;
  for (let y = grown.y1; y < grown.y2; y++) {
    for (let x = grown.x1; x < grown.x2; x++) {
      const pos = alongX ? x : y;
      const line = alongX ? y * width : x;
      let acc = 0;
      if (pos >= half && pos + half < len) {
        // No tap crosses the border: the same sum in the same order, without the reflection.
        const first = line + (pos - half) * stride;
        for (let k = 0; k < taps; k++) acc += kernel[k] * data[first + k * stride];
      } else {
        for (let k = 0; k < taps; k++) acc += kernel[k] * data[line + reflect101(pos + k - half, len) * stride];
      }
      out[y * width + x] = Math.min(255, Math.round(acc));
    }
  }
  return { mask: { width, height, data: out }, box: grown };
}

/** A blurred mask and a box outside which it is 0 (null when the mask is blank). */
export interface BoundedMask {
  mask: GrayImage;
  bounds: CropBox | null;
}

/** `blurMask` with the box its non-zero pixels lie in, so that the crop search need not scan the whole mask. */
export function blurMaskBounded(mask: GrayImage, radiusX: number, radiusY = radiusX): BoundedMask {
  const box = nonZeroBox(mask);
  if (!box) return { mask: { ...mask, data: new Uint8Array(mask.data.length) }, bounds: null };
  let out = { mask, box };
  if (radiusX > 0) out = blurAxis(out.mask, out.box, radiusX, true);
  if (radiusY > 0) out = blurAxis(out.mask, out.box, radiusY, false);
  return { mask: out.mask, bounds: out.box };
}

export function blurMask(mask: GrayImage, radiusX: number, radiusY = radiusX): GrayImage {
  return blurMaskBounded(mask, radiusX, radiusY).mask;
}
