// "Inpaint area: Only masked" as one reusable service (docs/a1111/generation.md#only-masked):
// the crop box around the blurred mask grown by the padding and then to the processing aspect ratio
// (A1111's get_crop_region_v2 + expand_crop_region), the crop scaled to the processing size with "resize and
// fill", and the paste back: the result scaled to the box, placed into the original, and the original
// composited over it through the blurred mask — so every pixel where that mask is 0 keeps its exact bytes.
// img2img uses it; ADetailer and Ultimate SD Upscale call it with their own masks.
import { cropPixels, type CropBox, type GrayImage } from "@/lib/images/pixel-image";
import { resizeImage } from "@/lib/images/resize-mode";
import type { RgbImage } from "@/lib/images/tensor-image";

/**
 * PIL's getbbox: the smallest box holding every non-zero pixel, or null for a blank mask. Only `within` is scanned
 * (a box the caller knows to hold them all, such as `blurMaskBounded`'s): the blank rows above and below once,
 * and the rows between only from either side up to the box found so far.
 */
export function nonZeroBox(mask: GrayImage, within: CropBox = { x1: 0, y1: 0, x2: mask.width, y2: mask.height }): CropBox | null {
  const { width, data } = mask;
  const blankRow = (y: number) => {
    for (let x = within.x1; x < within.x2; x++) if (data[y * width + x] !== 0) return false;
    return true;
  };
  let y1 = within.y1;
  while (y1 < within.y2 && blankRow(y1)) y1++;
  if (y1 === within.y2) return null;
  let y2 = within.y2;
  while (blankRow(y2 - 1)) y2--;
  let [x1, x2] = [within.x2, within.x1];
  for (let y = y1; y < y2; y++) {
    const row = y * width;
    let left = within.x1;
    while (left < x1 && data[row + left] === 0) left++;
    x1 = left;
    let right = within.x2;
    while (right > x2 && data[row + right - 1] === 0) right--;
    x2 = right;
  }
  return { x1, y1, x2, y2 };
}

/** PIL's getbbox of the non-zero pixels grown by `pad` and clamped to the image; null for an empty mask. */
export function maskCropRegion(mask: GrayImage, pad = 0, within?: CropBox): CropBox | null {
  const box = nonZeroBox(mask, within);
  return box && { x1: Math.max(box.x1 - pad, 0), y1: Math.max(box.y1 - pad, 0), x2: Math.min(box.x2 + pad, mask.width), y2: Math.min(box.y2 + pad, mask.height) };
}

/** Grows one axis [a, b) by `diff` (half before, the rest after), then shifts it back inside [0, size). */
function growAxis(a: number, b: number, diff: number, size: number): [number, number] {
  const before = Math.floor(diff / 2);
  a -= before;
  b += diff - before;
  if (b >= size) {
    a -= b - size;
    b = size;
  }
  if (a < 0) {
    b -= a;
    a = 0;
  }
  return [a, Math.min(b, size)];
}

/** A1111's expand_crop_region: grows the short side of `box` so that it has the processing aspect ratio. */
export function expandCropRegion(box: CropBox, processingWidth: number, processingHeight: number, imageWidth: number, imageHeight: number): CropBox {
  const { x1, y1, x2, y2 } = box;
  const ratioProcessing = processingWidth / processingHeight;
  if ((x2 - x1) / (y2 - y1) > ratioProcessing) {
    const diff = Math.trunc((x2 - x1) / ratioProcessing - (y2 - y1));
    const [a, b] = growAxis(y1, y2, diff, imageHeight);
    return { x1, y1: a, x2, y2: b };
  }
  const diff = Math.trunc((y2 - y1) * ratioProcessing - (x2 - x1));
  const [a, b] = growAxis(x1, x2, diff, imageWidth);
  return { x1: a, y1, x2: b, y2 };
}

/** The box Only-masked processing works on for a blurred mask (its non-zero pixels inside `within`), or null when the mask is blank. */
export function onlyMaskedRegion(blurredMask: GrayImage, padding: number, processingWidth: number, processingHeight: number, within?: CropBox): CropBox | null {
  const box = maskCropRegion(blurredMask, padding, within);
  return box && expandCropRegion(box, processingWidth, processingHeight, blurredMask.width, blurredMask.height);
}

/** Cuts `box` out of an image or mask and scales it to the processing size with "resize and fill". */
export function cropToProcessing<T extends RgbImage | GrayImage>(img: T, box: CropBox, width: number, height: number): Promise<T> {
  return resizeImage(2, cropPixels(img, box), width, height);
}

/**
 * Writes into `out` at `box` the original composited over `patch` (the box's size) with alpha 255 − mask:
 * (orig·(255 − m) + gen·m) / 255, so that where m = 0 the original's bytes come back exactly (A1111's overlay
 * with `alpha_composite`).
 */
function compositeBox(out: Uint8Array, original: RgbImage, patch: RgbImage, box: CropBox, mask: GrayImage): void {
  for (let y = box.y1; y < box.y2; y++) {
    for (let x = box.x1; x < box.x2; x++) {
      const i = y * original.width + x;
      const j = ((y - box.y1) * patch.width + (x - box.x1)) * 3;
      const m = mask.data[i];
      for (let c = 0; c < 3; c++) {
        const o = original.data[i * 3 + c];
        const g = patch.data[j + c];
        out[i * 3 + c] = m === 0 ? o : m === 255 ? g : Math.round((o * (255 - m) + g * m) / 255);
      }
    }
  }
}

/** Composites `original` over `generated` (the same size) through `mask`, over the whole picture. */
export function overlayOriginal(original: RgbImage, generated: RgbImage, mask: GrayImage): RgbImage {
  const out = new Uint8Array(original.data.length);
  compositeBox(out, original, generated, { x1: 0, y1: 0, x2: original.width, y2: original.height }, mask);
  return { width: original.width, height: original.height, data: out };
}

/**
 * A1111's uncrop + apply_overlay: the processed image scaled ("crop and resize") to the box, placed into
 * the original at the box, and the original composited back over everything through `blurredMask`
 * (the mask at the original's size). Outside the box the placed picture is the original, and the original
 * composited over itself is its own bytes (o·(255 − m) + o·m = 255·o) whatever the mask: only the box is
 * composited, the rest copied.
 */
export async function pasteBack(original: RgbImage, processed: RgbImage, box: CropBox, blurredMask: GrayImage): Promise<RgbImage> {
  const fitted = await resizeImage(1, processed, box.x2 - box.x1, box.y2 - box.y1);
  const out = original.data.slice();
  compositeBox(out, original, fitted, box, blurredMask);
  return { width: original.width, height: original.height, data: out };
}
