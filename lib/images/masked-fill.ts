// Masked content "fill" (docs/a1111/generation.md#inpainting, A1111's masking.fill): the hole is painted with ever
// finer blurs of the picture around it. The unmasked pixels, alpha-weighted by 255 − mask, are blurred with
// radii 256, 64, 16 (×2), 4 (×4), 2 (×2), 0, and each blur is alpha-composited over the result so far — wide
// blurs fill the middle of the hole, narrow ones the rim, and the unmasked area ends as the picture itself.
import sharp from "sharp";
import type { GrayImage } from "@/lib/images/pixel-image";
import type { RgbImage } from "@/lib/images/tensor-image";

const PASSES: Array<[radius: number, repeats: number]> = [[256, 1], [64, 1], [16, 2], [4, 4], [2, 2], [0, 1]];

/** RGBA bytes of the image with alpha = 255 − mask. */
function maskedRgba(image: RgbImage, mask: GrayImage): Uint8Array {
  const n = image.width * image.height;
  const out = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    out.set(image.data.subarray(i * 3, i * 3 + 3), i * 4);
    out[i * 4 + 3] = 255 - mask.data[i];
  }
  return out;
}

/** Gaussian blur of RGBA; sharp blurs premultiplied internally, so colour spreads only as far as its alpha. */
async function blurRgba(rgba: Uint8Array, width: number, height: number, radius: number): Promise<Uint8Array> {
  if (radius === 0) return rgba;
  const data = await sharp(rgba, { raw: { width, height, channels: 4 } }).blur(radius).raw().toBuffer();
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export async function fillMasked(image: RgbImage, mask: GrayImage): Promise<RgbImage> {
  const { width, height } = image;
  const n = width * height;
  const source = maskedRgba(image, mask);
  // The result so far as premultiplied RGB and alpha in 0..1, starting fully transparent.
  const rgb = new Float32Array(n * 3);
  const alpha = new Float32Array(n);
  for (const [radius, repeats] of PASSES) {
    const blurred = await blurRgba(source, width, height, radius);
    for (let r = 0; r < repeats; r++) {
      for (let i = 0; i < n; i++) {
        const a = blurred[i * 4 + 3] / 255;
        for (let c = 0; c < 3; c++) rgb[i * 3 + c] = blurred[i * 4 + c] * a + rgb[i * 3 + c] * (1 - a);
        alpha[i] = a + alpha[i] * (1 - a);
      }
    }
  }
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) out[i * 3 + c] = alpha[i] > 0 ? Math.round(Math.min(255, rgb[i * 3 + c] / alpha[i])) : 0;
  }
  return { width, height, data: out };
}
