// A1111's `images.resize_image` (docs/a1111/generation.md#img2img-and-inpainting): the resize modes img2img, inpaint masks, hires
// image upscalers and extras share. Enlarging goes through an upscaler when one is given (and the
// image is not a mask), then a Lanczos resize lands on the exact size.
import { blankLike, channelsOf, cropPixels, pastePixels, resizePixels, type GrayImage } from "@/lib/images/pixel-image";
import type { RgbImage } from "@/lib/images/tensor-image";

/** 0 just resize, 1 crop and resize, 2 resize and fill. (3, latent upscale, never resizes pixels.) */
export type PixelResizeMode = 0 | 1 | 2;

/** Scales an image by `scale` (an upscaler's `upscale(img, scale)`). */
export type ScaleImage = (img: RgbImage, scale: number) => Promise<RgbImage>;

async function stretch<T extends RgbImage | GrayImage>(img: T, width: number, height: number, upscale?: ScaleImage): Promise<T> {
  let out: T = img;
  const scale = Math.max(width / img.width, height / img.height);
  if (upscale && channelsOf(img) === 3 && scale > 1) out = (await upscale(img as RgbImage, scale)) as T;
  return resizePixels(out, width, height, "lanczos3");
}

export async function resizeImage<T extends RgbImage | GrayImage>(mode: PixelResizeMode, img: T, width: number, height: number, upscale?: ScaleImage): Promise<T> {
  if (mode === 0) return stretch(img, width, height, upscale);
  const ratio = width / height;
  const srcRatio = img.width / img.height;
  // Python's integer division of non-negative ints is Math.floor.
  const cover = mode === 1;
  const fitsWidth = cover ? ratio > srcRatio : ratio < srcRatio;
  const fitsHeight = cover ? ratio <= srcRatio : ratio >= srcRatio;
  const srcW = fitsWidth ? width : Math.floor((img.width * height) / img.height);
  const srcH = fitsHeight ? height : Math.floor((img.height * width) / img.width);
  const resized = await stretch(img, srcW, srcH, upscale);
  const left = Math.floor(width / 2) - Math.floor(srcW / 2);
  const top = Math.floor(height / 2) - Math.floor(srcH / 2);
  const out = pastePixels(blankLike(img, width, height), resized, left, top);
  if (mode === 2) fillBands(out, resized, left, top);
  return out;
}

/**
 * Resize and fill: the empty bands repeat the resized image's outermost row or column. Both bands are as wide
 * as the first one, as in A1111, so an odd leftover leaves the last row (column) black.
 */
function fillBands<T extends RgbImage | GrayImage>(out: T, resized: T, left: number, top: number): void {
  const c = channelsOf(out);
  if (top > 0) {
    // Bands above and below: PIL stretches the first/last row (a zero-height box) over them.
    const firstRow = cropPixels(resized, { x1: 0, y1: 0, x2: resized.width, y2: 1 });
    const lastRow = cropPixels(resized, { x1: 0, y1: resized.height - 1, x2: resized.width, y2: resized.height });
    for (let y = 0; y < top; y++) pastePixels(out, firstRow, left, y);
    for (let y = top + resized.height; y < 2 * top + resized.height; y++) pastePixels(out, lastRow, left, y);
  }
  if (left > 0) {
    for (let y = 0; y < out.height; y++) {
      const row = y * out.width * c;
      const first = row + left * c;
      const last = row + (left + resized.width - 1) * c;
      for (let x = 0; x < out.width; x++) {
        if (x >= left && x < left + resized.width) continue;
        if (x >= 2 * left + resized.width) break;
        const src = x < left ? first : last;
        for (let k = 0; k < c; k++) out.data[row + x * c + k] = out.data[src + k];
      }
    }
  }
}
