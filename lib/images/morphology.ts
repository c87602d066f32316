// OpenCV's `dilate` / `erode` with a rectangular kernel of ones, one iteration, default anchor and border
// (docs/extensions.md#image-and-mask-operations; ADetailer's "Mask erosion (-) / dilation (+)"). The anchor
// is the kernel's centre floor(k/2), so an even size grows or shrinks asymmetrically: dilating by 4 grows a
// mask 1 px up/left and 2 px down/right, eroding by 4 shrinks it 2 px from the top/left and 1 px from the
// bottom/right. Pixels outside the image never count (OpenCV's morphologyDefaultBorderValue). A rectangle
// is separable, so rows and then columns take a sliding maximum (minimum), linear in the image whatever k.
import type { GrayImage } from "@/lib/images/pixel-image";

type Pick = (a: number, b: number) => number;

/**
 * out[x] = pick over src[x − a … x − a + k − 1] (inside the line), a = floor(k/2), for a line read with
 * `stride` from `offset` (van Herk / Gil-Werman: prefix and suffix extremes per block of k).
 */
function slideLine(src: Uint8Array, dst: Uint8Array, offset: number, stride: number, n: number, k: number, pick: Pick, neutral: number): void {
  const a = Math.floor(k / 2);
  const m = n + k - 1;
  const padded = new Uint8Array(m).fill(neutral);
  for (let x = 0; x < n; x++) padded[x + a] = src[offset + x * stride];
  const prefix = new Uint8Array(m);
  const suffix = new Uint8Array(m);
  for (let i = 0; i < m; i++) prefix[i] = i % k === 0 ? padded[i] : pick(prefix[i - 1], padded[i]);
  for (let i = m - 1; i >= 0; i--) suffix[i] = i === m - 1 || (i + 1) % k === 0 ? padded[i] : pick(suffix[i + 1], padded[i]);
  for (let x = 0; x < n; x++) dst[offset + x * stride] = pick(suffix[x], prefix[x + k - 1]);
}

function morph(mask: GrayImage, size: number, pick: Pick, neutral: number): GrayImage {
  if (!Number.isInteger(size) || size < 1) throw new Error(`kernel size must be a positive integer, got ${size}`);
  const { width, height } = mask;
  if (size === 1) return { width, height, data: mask.data.slice() };
  const rows = new Uint8Array(mask.data.length);
  for (let y = 0; y < height; y++) slideLine(mask.data, rows, y * width, 1, width, size, pick, neutral);
  const out = new Uint8Array(mask.data.length);
  for (let x = 0; x < width; x++) slideLine(rows, out, x, width, height, size, pick, neutral);
  return { width, height, data: out };
}

/** cv2.dilate(mask, np.ones((size, size)), iterations=1). */
export function dilateMask(mask: GrayImage, size: number): GrayImage {
  return morph(mask, size, Math.max, 0);
}

/** cv2.erode(mask, np.ones((size, size)), iterations=1). */
export function erodeMask(mask: GrayImage, size: number): GrayImage {
  return morph(mask, size, Math.min, 255);
}
