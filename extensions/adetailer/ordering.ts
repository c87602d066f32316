// ADetailer's filtering and ordering of one tab's detections before their masks are made
// (docs/adetailer.md#order): the area-ratio filter, the top k, then the sort setting.
import type { Box } from "@onyx/sdk";

export interface Prediction {
  box: Box;
  score: number;
  /** 0 or 255 per pixel, the picture's size. */
  mask: Uint8Array;
}

export type TopKMethod = "Area" | "Confidence";
export const SORT_MODES = ["None", "Position (left to right)", "Position (center to edge)", "Area (large to small)"] as const;
export type SortMode = (typeof SORT_MODES)[number];

const area = ([x1, y1, x2, y2]: Box) => (x2 - x1) * (y2 - y1);

/** Keeps the boxes whose share of the picture is within [low, high], both bounds inclusive. */
export function filterByRatio(preds: readonly Prediction[], low: number, high: number, width: number, height: number): Prediction[] {
  return preds.filter((p) => {
    const ratio = area(p.box) / (width * height);
    return low <= ratio && ratio <= high;
  });
}

/** k > 0: the k largest boxes (or most confident), largest first; k = 0 keeps everything as it is. */
export function topK(preds: readonly Prediction[], k: number, method: TopKMethod): Prediction[] {
  if (k <= 0) return [...preds];
  const key = (p: Prediction) => (method === "Confidence" ? p.score : area(p.box));
  return [...preds].sort((a, b) => key(b) - key(a)).slice(0, k);
}

/** The "Sort bounding boxes by" setting; None keeps the detector's order (best first). Stable, as Python's sorted. */
export function sortPredictions(preds: readonly Prediction[], mode: SortMode, width: number, height: number): Prediction[] {
  const centreDistance = ({ box: [x1, y1, x2, y2] }: Prediction) => Math.hypot((x1 + x2) / 2 - width / 2, (y1 + y2) / 2 - height / 2);
  const sorted = [...preds];
  if (mode === "Position (left to right)") sorted.sort((a, b) => a.box[0] - b.box[0]);
  else if (mode === "Position (center to edge)") sorted.sort((a, b) => centreDistance(a) - centreDistance(b));
  else if (mode === "Area (large to small)") sorted.sort((a, b) => area(b.box) - area(a.box));
  return sorted;
}
