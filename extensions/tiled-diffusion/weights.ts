// Per-tile weight maps (docs/tiled-diffusion.md#mixture-of-diffusers, #regions): Mixture of Diffusers'
// Gaussian tile weights and the feather mask of a foreground region. Both are flat row-major [h·w] maps.

const VARIANCE = 0.01;

/**
 * The extension's Gaussian tile weight: centred at ((w−1)/2, h/2), σ = 0.1·tileWidth on **both** axes (the
 * extension divides the y profile by the tile width too; kept, so its pictures are reproduced).
 */
export function gaussianWeights(tileWidth: number, tileHeight: number): Float32Array {
  const profile = (size: number, mean: number) =>
    Array.from({ length: size }, (_, u) => Math.exp(-((u - mean) ** 2) / (tileWidth * tileWidth * 2 * VARIANCE)) / Math.sqrt(2 * Math.PI * VARIANCE));
  const xs = profile(tileWidth, (tileWidth - 1) / 2);
  const ys = profile(tileHeight, tileHeight / 2);
  const out = new Float32Array(tileWidth * tileHeight);
  for (let y = 0; y < tileHeight; y++) for (let x = 0; x < tileWidth; x++) out[y * tileWidth + x] = ys[y] * xs[x];
  return out;
}

/**
 * A foreground region's feather mask: radius R = int(min(w//2, h//2)·ratio); a pixel at distance d from the
 * nearest box edge weighs (d/R)² below R and 1 from R on (edge pixels 0; R = 0 gives all ones).
 */
export function featherMask(width: number, height: number, ratio: number): Float32Array {
  const radius = Math.trunc(Math.min(Math.trunc(width / 2), Math.trunc(height / 2)) * ratio);
  const out = new Float32Array(width * height).fill(1);
  if (radius <= 0) return out;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = Math.min(y, height - 1 - y, x, width - 1 - x);
      if (d < radius) out[y * width + x] = (d / radius) ** 2;
    }
  }
  return out;
}
