// Non-maximum suppression: the hard kind (ultralytics, CenterNet) and MediaPipe's weighted kind, which
// replaces each cluster of overlapping boxes by their score-weighted average. docs/detection.md#suppression.
import { boxArea, type Box } from "@/lib/detection/types";

export function intersectionOverUnion(a: Box, b: Box): number {
  const inter = boxArea([Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])]);
  const union = boxArea(a) + boxArea(b) - inter;
  return union > 0 ? inter / union : 0;
}

interface Scored {
  box: Box;
  score: number;
}

/** Keeps the best box of every group overlapping by more than `iouThreshold` (per `group` key when given). */
export function nonMaxSuppression<T extends Scored>(items: T[], iouThreshold: number, group: (item: T) => unknown = () => 0): T[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const item of sorted) {
    if (kept.every((k) => group(k) !== group(item) || intersectionOverUnion(k.box, item.box) <= iouThreshold)) kept.push(item);
  }
  return kept;
}

interface WithKeypoints extends Scored {
  keypoints?: Array<[number, number]>;
}

/**
 * MediaPipe's WEIGHTED suppression: take the best remaining box, gather every remaining box overlapping it by more
 * than `iouThreshold` (itself included), and emit their score-weighted mean box and keypoints with the best score.
 */
export function weightedNonMaxSuppression<T extends WithKeypoints>(items: T[], iouThreshold: number): T[] {
  let remaining = [...items].sort((a, b) => b.score - a.score);
  const out: T[] = [];
  while (remaining.length) {
    const best = remaining[0];
    const cluster = remaining.filter((r) => intersectionOverUnion(r.box, best.box) > iouThreshold);
    remaining = remaining.filter((r) => intersectionOverUnion(r.box, best.box) <= iouThreshold);
    if (cluster.length === 1) {
      out.push(best);
      continue;
    }
    const total = cluster.reduce((s, c) => s + c.score, 0);
    const mean = (pick: (c: T) => number) => cluster.reduce((s, c) => s + pick(c) * c.score, 0) / total;
    const merged: T = { ...best, box: [0, 1, 2, 3].map((i) => mean((c) => c.box[i])) as Box };
    if (best.keypoints) merged.keypoints = best.keypoints.map((_, k) => [mean((c) => c.keypoints![k][0]), mean((c) => c.keypoints![k][1])]);
    out.push(merged);
  }
  return out;
}
