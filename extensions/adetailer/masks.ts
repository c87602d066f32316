// ADetailer's mask steps (docs/adetailer.md#masks): a detection's mask (its filled box, or the instance mask of a
// segmentation model), the offset, OpenCV's rectangular dilate / erode, and the merge modes. Masks are
// width·height bytes, 0 or 255, row-major.
import { dilateMask, erodeMask } from "@onyx/sdk";

export type MergeMode = "None" | "Merge" | "Merge and Invert";

/**
 * The box filled as PIL's `ImageDraw.rectangle` fills it (ADetailer's create_mask_from_bbox): the float corners
 * truncated, both edges inclusive, clipped to the picture.
 */
export function boxMask(box: readonly [number, number, number, number], width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  const [x1, y1] = [Math.max(0, Math.trunc(box[0])), Math.max(0, Math.trunc(box[1]))];
  const [x2, y2] = [Math.min(width - 1, Math.trunc(box[2])), Math.min(height - 1, Math.trunc(box[3]))];
  for (let y = y1; y <= y2; y++) mask.fill(255, y * width + x1, y * width + x2 + 1);
  return mask;
}

/**
 * Shifts the mask by (dx, dy) in image directions (right, down) with wrap-around, as PIL's ImageChops.offset
 * that ADetailer uses: what leaves one edge comes back at the opposite one (docs/adetailer.md#masks).
 * ADetailer's "y offset" points up, so its caller passes −y.
 */
export function offsetMask(mask: Uint8Array, width: number, height: number, dx: number, dy: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const mod = (v: number, n: number) => ((v % n) + n) % n;
  for (let y = 0; y < height; y++) {
    const ty = mod(y + dy, height);
    for (let x = 0; x < width; x++) out[ty * width + mod(x + dx, width)] = mask[y * width + x];
  }
  return out;
}

/** Dilation (value > 0) or erosion (value < 0) with a |value|-sized rectangular kernel, OpenCV's one iteration. */
export function dilateErode(mask: Uint8Array, width: number, height: number, value: number): Uint8Array {
  if (value === 0) return mask.slice();
  const op = value > 0 ? dilateMask : erodeMask;
  return op({ width, height, data: mask }, Math.abs(value)).data;
}

export const isEmptyMask = (mask: Uint8Array): boolean => mask.every((v) => v === 0);

/** "None" keeps the masks; "Merge" is their union; "Merge and Invert" the union's complement (everything but the detections). */
export function mergeMasks(masks: readonly Uint8Array[], mode: MergeMode): Uint8Array[] {
  if (mode === "None" || masks.length === 0) return [...masks];
  const union = new Uint8Array(masks[0].length);
  for (const mask of masks) for (let i = 0; i < mask.length; i++) union[i] |= mask[i];
  if (mode === "Merge and Invert") for (let i = 0; i < union.length; i++) union[i] = 255 - union[i];
  return [union];
}

/** ADetailer's mask_preprocess in its order: offset, dilate / erode, drop the masks that became empty, merge. */
export function preprocessMasks(masks: readonly Uint8Array[], width: number, height: number, o: { dilateErode: number; xOffset: number; yOffset: number; merge: MergeMode }): Uint8Array[] {
  const shaped = masks
    .map((m) => dilateErode(offsetMask(m, width, height, o.xOffset, -o.yOffset), width, height, o.dilateErode))
    .filter((m) => !isEmptyMask(m));
  return mergeMasks(shaped, o.merge);
}

/** Whole-picture img2img inpainting: only the masks that touch the user's (binarised) inpaint mask. */
export function masksTouching(masks: readonly Uint8Array[], userMask: Uint8Array): Uint8Array[] {
  return masks.filter((m) => m.some((v, i) => v !== 0 && userMask[i] !== 0));
}
