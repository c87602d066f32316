// ADetailer's "Try to match inpainting size to bounding box size" (docs/adetailer.md#inpaint-passes): the
// processing size of a detection's inpaint pass follows the box's aspect ratio instead of the job's.
export type InpaintSizeMode = "Off" | "Free" | "Strict";

/** The SDXL training buckets Strict picks from, in ADetailer's order (the first of equally close aspects wins). */
const SDXL_BUCKETS: ReadonlyArray<[number, number]> = [
  [1024, 1024], [1152, 896], [896, 1152], [1216, 832], [832, 1216], [1344, 768], [768, 1344], [1536, 640], [640, 1536],
];

/**
 * ADetailer's `(v + 8 − 1) // 8 · 8` on a float: floor((v + 7) / 8) · 8, which is the next multiple of 8 for whole
 * numbers but may round a fraction down (96.5 → 96), kept as it is.
 */
const roundUp8 = (v: number) => Math.floor((v + 7) / 8) * 8;

/**
 * `[width, height]` for a box `[x1, y1, x2, y2]` (image pixels). Free: the longer side of width × height with
 * the box's aspect ratio. Strict: the SDXL bucket at least as big as the box and reaching width or height,
 * with the closest aspect ratio (the caller uses it for SDXL checkpoints only, as ADetailer); none → unchanged.
 */
export function matchInpaintSize(width: number, height: number, box: readonly [number, number, number, number], mode: InpaintSizeMode): [number, number] {
  const bw = box[2] - box[0];
  const bh = box[3] - box[1];
  if (mode === "Off" || bw <= 0 || bh <= 0) return [width, height];
  const aspect = bw / bh;
  if (mode === "Free") {
    const side = Math.max(width, height);
    return aspect > 1 ? [roundUp8(side), roundUp8(side / aspect)] : [roundUp8(side * aspect), roundUp8(side)];
  }
  const fits = SDXL_BUCKETS.filter(([w, h]) => w >= bw && h >= bh && (w >= width || h >= height));
  if (fits.length === 0) return [width, height];
  let best = fits[0];
  for (const bucket of fits) if (Math.abs(bucket[0] / bucket[1] - aspect) < Math.abs(best[0] / best[1] - aspect)) best = bucket;
  return [best[0], best[1]];
}
