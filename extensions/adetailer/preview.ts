// ADetailer's detection preview (docs/adetailer.md#preview): the picture with each kept detection's box outlined,
// shown as the live preview and saved as `-ad-preview` when the setting asks for it.
import type { Box, RgbImage } from "@onyx/sdk";

const OUTLINE: readonly number[] = [255, 0, 0];
const THICKNESS = 2;

/** A copy of `image` with every box drawn as a red outline of 2 px (inside the box, clipped to the picture). */
export function previewWithBoxes(image: RgbImage, boxes: readonly Box[]): RgbImage {
  const { width, height } = image;
  const data = image.data.slice();
  const dot = (x: number, y: number) => {
    if (x >= 0 && y >= 0 && x < width && y < height) data.set(OUTLINE, (y * width + x) * 3);
  };
  for (const box of boxes) {
    const [x1, y1, x2, y2] = [Math.trunc(box[0]), Math.trunc(box[1]), Math.trunc(box[2]), Math.trunc(box[3])];
    for (let t = 0; t < THICKNESS; t++) {
      for (let x = x1; x <= x2; x++) [dot(x, y1 + t), dot(x, y2 - t)];
      for (let y = y1; y <= y2; y++) [dot(x1 + t, y), dot(x2 - t, y)];
    }
  }
  return { width, height, data };
}
