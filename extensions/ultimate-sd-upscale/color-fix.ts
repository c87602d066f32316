// The optional colour fix against drift between tiles (docs/ultimate-sd-upscale.md#colour-fix), beyond the
// original extension: a wavelet split as StableSR's "wavelet colour fix" does it — the redraw keeps its
// high-frequency bands (the detail it added) and takes the low-frequency bands (the colours) of the upscaled
// input, so every tile ends up with the input's colours whatever its denoise did to them.
import type { RgbImage } from "@onyx/sdk";

/** The wavelet levels: blurs with taps 1, 2, 4, 8 and 16 px apart; what is left is wider than about 60 px. */
const LEVELS = 5;

/** The low-frequency residue: `LEVELS` à trous passes of the 3×3 binomial kernel ([1, 2, 1]/4 each way), edges replicated. */
export function waveletLowPass(image: RgbImage, levels = LEVELS): Float32Array {
  const { width: w, height: h } = image;
  const current = Float32Array.from(image.data);
  const other = new Float32Array(current.length);
  const pass = (from: Float32Array, to: Float32Array, d: number, alongX: boolean) => {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const [a, b] = alongX
          ? [y * w + Math.max(0, x - d), y * w + Math.min(w - 1, x + d)]
          : [Math.max(0, y - d) * w + x, Math.min(h - 1, y + d) * w + x];
        const i = y * w + x;
        for (let c = 0; c < 3; c++) to[i * 3 + c] = (from[a * 3 + c] + 2 * from[i * 3 + c] + from[b * 3 + c]) / 4;
      }
    }
  };
  for (let level = 0; level < levels; level++) {
    pass(current, other, 2 ** level, true);
    pass(other, current, 2 ** level, false);
  }
  return current;
}

/** `content`'s high-frequency bands on `style`'s low-frequency ones (same size), rounded and clamped to 8 bits. */
export function waveletColorFix(content: RgbImage, style: RgbImage): RgbImage {
  if (content.width !== style.width || content.height !== style.height) throw new Error(`colour fix: ${content.width}x${content.height} against ${style.width}x${style.height}`);
  const [lowContent, lowStyle] = [waveletLowPass(content), waveletLowPass(style)];
  const data = new Uint8Array(content.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.min(255, Math.max(0, Math.round(content.data[i] - lowContent[i] + lowStyle[i])));
  return { width: content.width, height: content.height, data };
}
