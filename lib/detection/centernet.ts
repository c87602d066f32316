// CenterNet person detection (`person_centernet`, docs/detection.md#centernet-persons): the picture letterboxed into the 512²
// NHWC input with values 0..255 (what the model was exported for); the heatmap head [1, 128, 128, 80] holds
// per-class centre probabilities at stride 4 and the size head [1, 128, 128, 4] the distances (left, top,
// right, bottom) from a cell to the box edges in input pixels. A person is a 3×3 local maximum of class 0
// (COCO's person) above the threshold; boxes are suppressed at IoU 0.5.
import type { RgbImage } from "@/lib/images/tensor-image";
import { letterbox } from "@/lib/detection/letterbox";
import { nonMaxSuppression } from "@/lib/detection/nms";
import type { Box, Detection } from "@/lib/detection/types";

export const CENTERNET_INPUT = 512;
const STRIDE = 4;
const PERSON = 0;
const MAX_PEAKS = 100;
const NMS_IOU = 0.5;
/** Human's default minimum confidence for this model; its scores on clear persons are 0.5–0.6. */
export const CENTERNET_MIN_SCORE = 0.2;

export function centerNetInput(img: RgbImage) {
  return letterbox(img, { size: CENTERNET_INPUT, fill: 0, layout: "nhwc", normalize: (v) => v });
}

/** Person boxes in network-input pixels, suppressed. `heatmap` is [1, h, w, classes], `sizes` [1, h, w, 4]. */
export function decodeCenterNet(heatmap: Float32Array, sizes: Float32Array, [height, width, classes]: [number, number, number], minScore: number): Detection[] {
  const at = (x: number, y: number) => heatmap[(y * width + x) * classes + PERSON];
  const peaks: Detection[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const score = at(x, y);
      if (score < minScore) continue;
      let isPeak = true;
      for (let dy = -1; dy <= 1 && isPeak; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx >= 0 && ny >= 0 && nx < width && ny < height && at(nx, ny) > score) {
            isPeak = false;
            break;
          }
        }
      }
      if (!isPeak) continue;
      const s = sizes.subarray((y * width + x) * 4, (y * width + x) * 4 + 4);
      const box: Box = [x * STRIDE - s[0], y * STRIDE - s[1], x * STRIDE + s[2], y * STRIDE + s[3]];
      peaks.push({ box, score, label: "person" });
    }
  }
  peaks.sort((a, b) => b.score - a.score);
  return nonMaxSuppression(peaks.slice(0, MAX_PEAKS), NMS_IOU);
}
