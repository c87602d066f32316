// Image comparisons for the Tiled VAE tests, in 0–255 units of images in [-1, 1].
import type { Tensor } from "@/lib/tensor";
import type { TileSplit } from "@/extensions/tiled-vae/split";

const UNIT = 127.5;

/** Mean and max absolute difference per channel value, 0–255 units. */
export function difference(a: Tensor, b: Tensor): { mean: number; max: number } {
  let [sum, max] = [0, 0];
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(a.data[i] - b.data[i]) * UNIT;
    sum += d;
    if (d > max) max = d;
  }
  return { mean: sum / a.data.length, max };
}

/**
 * Seam check: the mean absolute difference between horizontally and vertically neighbouring pixels across every
 * tile border, divided by the same inside tiles (1 = no seam).
 */
export function seamRatio(image: Tensor, split: TileSplit): number {
  const [b, c, h, w] = image.shape;
  const xs = new Set(split.tiles.map((t) => t.output[0]).filter((x) => x > 0));
  const ys = new Set(split.tiles.map((t) => t.output[2]).filter((y) => y > 0));
  let [border, borderN, inside, insideN] = [0, 0, 0, 0];
  for (let p = 0; p < b * c; p++) {
    const at = (y: number, x: number) => image.data[p * h * w + y * w + x];
    for (let y = 0; y < h; y++) {
      for (let x = 1; x < w; x++) {
        const d = Math.abs(at(y, x) - at(y, x - 1));
        if (xs.has(x)) [border, borderN] = [border + d, borderN + 1];
        else [inside, insideN] = [inside + d, insideN + 1];
      }
    }
    for (let y = 1; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const d = Math.abs(at(y, x) - at(y - 1, x));
        if (ys.has(y)) [border, borderN] = [border + d, borderN + 1];
        else [inside, insideN] = [inside + d, insideN + 1];
      }
    }
  }
  return border / borderN / (inside / insideN);
}
