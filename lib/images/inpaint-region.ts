// "Inpaint area: Only masked" as one reusable service (docs/a1111/generation.md#only-masked):
// the crop box around the blurred mask grown by the padding and then to the processing aspect ratio
// (A1111's get_crop_region_v2 + expand_crop_region), the crop scaled to the processing size with "resize and
// fill", and the paste back: the result scaled to the box, placed into the original, and the original
// composited over it through the blurred mask — so every pixel where that mask is 0 keeps its exact bytes.
// img2img uses it; ADetailer and Ultimate SD Upscale call it with their own masks.
import { cropPixels, pastePixels, type CropBox, type GrayImage } from "@/lib/images/pixel-image";
import { resizeImage } from "@/lib/images/resize-mode";
import type { RgbImage } from "@/lib/images/tensor-image";

/** PIL's getbbox of the non-zero pixels grown by `pad` and clamped to the image; null for an empty mask. */
export function maskCropRegion(mask: GrayImage, pad = 0): CropBox | null {
  let x1 = mask.width;
  let y1 = mask.height;
  let x2 = 0;
  let y2 = 0;
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      if (mask.data[y * mask.width + x] === 0) continue;
      x1 = Math.min(x1, x);
      y1 = Math.min(y1, y);
      x2 = Math.max(x2, x + 1);
      y2 = Math.max(y2, y + 1);
    }
  }
  if (x2 === 0) return null;
  return { x1: Math.max(x1 - pad, 0), y1: Math.max(y1 - pad, 0), x2: Math.min(x2 + pad, mask.width), y2: Math.min(y2 + pad, mask.height) };
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

/** The box Only-masked processing works on for a blurred mask, or null when the mask is blank. */
export function onlyMaskedRegion(blurredMask: GrayImage, padding: number, processingWidth: number, processingHeight: number): CropBox | null {
  const box = maskCropRegion(blurredMask, padding);
  return box && expandCropRegion(box, processingWidth, processingHeight, blurredMask.width, blurredMask.height);
}

/** Cuts `box` out of an image or mask and scales it to the processing size with "resize and fill". */
export function cropToProcessing<T extends RgbImage | GrayImage>(img: T, box: CropBox, width: number, height: number): Promise<T> {
  return resizeImage(2, cropPixels(img, box), width, height);
}

/**
 * Composites `original` over `generated` with alpha 255 − mask: out = (orig·(255 − m) + gen·m) / 255.
 * Where m = 0 the original's bytes come back exactly (A1111's overlay with `alpha_composite`).
 */
export function overlayOriginal(original: RgbImage, generated: RgbImage, mask: GrayImage): RgbImage {
  const out = new Uint8Array(original.data.length);
  for (let i = 0; i < mask.data.length; i++) {
    const m = mask.data[i];
    for (let c = 0; c < 3; c++) {
      const k = i * 3 + c;
      out[k] = m === 0 ? original.data[k] : m === 255 ? generated.data[k] : Math.round((original.data[k] * (255 - m) + generated.data[k] * m) / 255);
    }
  }
  return { width: original.width, height: original.height, data: out };
}

/**
 * A1111's uncrop + apply_overlay: the processed image scaled ("crop and resize") to the box, placed into
 * the original at the box, and the original composited back over everything through `blurredMask`
 * (the mask at the original's size).
 */
export async function pasteBack(original: RgbImage, processed: RgbImage, box: CropBox, blurredMask: GrayImage): Promise<RgbImage> {
  const fitted = await resizeImage(1, processed, box.x2 - box.x1, box.y2 - box.y1);
  const placed = pastePixels({ ...original, data: original.data.slice() }, fitted, box.x1, box.y1);
  return overlayOriginal(original, placed, blurredMask);
}
