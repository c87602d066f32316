// Peak signal-to-noise ratio of two 8-bit pictures of the same size, over every channel value:
// 10 · log10(255² / MSE) dB (∞ for identical pictures). How the upscalers' quality is compared.
import type { RgbImage } from "@/lib/images/tensor-image";

export function psnr(a: RgbImage, b: RgbImage): number {
  if (a.width !== b.width || a.height !== b.height || a.data.length !== b.data.length) {
    throw new Error(`PSNR needs pictures of one size, got ${a.width}x${a.height} and ${b.width}x${b.height}`);
  }
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += (a.data[i] - b.data[i]) ** 2;
  return sum === 0 ? Infinity : 10 * Math.log10((255 * 255 * a.data.length) / sum);
}
