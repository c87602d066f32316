// YOLOv8 / YOLO11 detectors as ultralytics exports them to ONNX (docs/detection.md#yolo): input `images`
// [1, 3, S, S] RGB in 0..1, letterboxed with grey 114; `output0` [1, 4 + nc (+ 32), N] with, per candidate,
// centre x, y, width, height in input pixels, the nc class scores (already sigmoid), and for `-seg` models 32
// mask coefficients; `-seg` models add `output1` [1, 32, mh, mw] mask prototypes. Candidates above the threshold
// keep their best class, are suppressed per class at IoU 0.7 (ultralytics' predict defaults, up to 300), and
// mapped back through the letterbox. A mask is sigmoid(coefficients · prototypes), zero outside the box,
// sampled bilinearly at each picture pixel and cut at 0.5.
import type { GrayImage } from "@/lib/images/pixel-image";
import type { RgbImage } from "@/lib/images/tensor-image";
import { letterbox, unletterboxBox, type LetterboxTransform } from "@/lib/detection/letterbox";
import { nonMaxSuppression } from "@/lib/detection/nms";
import { clipBox, type Box, type Detection } from "@/lib/detection/types";

const YOLO_FILL = 114;
export const YOLO_MIN_SCORE = 0.25;
const NMS_IOU = 0.7;
const MAX_DETECTIONS = 300;
export const MASK_COEFFICIENTS = 32;

export function yoloInput(img: RgbImage, size: number) {
  return letterbox(img, { size, fill: YOLO_FILL, layout: "nchw", normalize: (v) => v / 255 });
}

export interface YoloCandidate {
  box: Box;
  score: number;
  classIndex: number;
  /** Seg models: this candidate's mask coefficients. */
  coefficients?: Float32Array;
}

/** Candidates of `output0` ([rows, N] row-major after the batch) above `minScore`, suppressed, in input pixels. */
export function decodeYolo(output: Float32Array, [rows, count]: [number, number], classes: number, minScore: number): YoloCandidate[] {
  const hasMasks = rows === 4 + classes + MASK_COEFFICIENTS;
  if (rows !== 4 + classes && !hasMasks) throw new Error(`YOLO output has ${rows} rows, expected ${4 + classes} or ${4 + classes + MASK_COEFFICIENTS} for ${classes} classes`);
  const at = (row: number, i: number) => output[row * count + i];
  const candidates: YoloCandidate[] = [];
  for (let i = 0; i < count; i++) {
    let classIndex = 0;
    let score = at(4, i);
    for (let c = 1; c < classes; c++) if (at(4 + c, i) > score) (score = at(4 + c, i)), (classIndex = c);
    if (score < minScore) continue;
    const [cx, cy, w, h] = [at(0, i), at(1, i), at(2, i), at(3, i)];
    const candidate: YoloCandidate = { box: [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], score, classIndex };
    if (hasMasks) candidate.coefficients = Float32Array.from({ length: MASK_COEFFICIENTS }, (_, k) => at(4 + classes + k, i));
    candidates.push(candidate);
  }
  return nonMaxSuppression(candidates, NMS_IOU, (c) => c.classIndex).slice(0, MAX_DETECTIONS);
}

export interface MaskPrototypes {
  data: Float32Array;
  /** [32, mh, mw] */
  height: number;
  width: number;
}

/**
 * The instance mask of `candidate` in picture pixels: sigmoid(coefficients · prototypes) at prototype resolution,
 * zero outside the (input-pixel) box, read bilinearly at each picture pixel inside the picture box, then > 0.5.
 */
export function yoloMask(candidate: YoloCandidate, protos: MaskPrototypes, inputSize: number, t: LetterboxTransform, width: number, height: number, pictureBox: Box): GrayImage {
  const { height: mh, width: mw } = protos;
  const plane = mh * mw;
  const ratioX = mw / inputSize;
  const ratioY = mh / inputSize;
  const [bx1, by1, bx2, by2] = candidate.box.map((v, i) => v * (i % 2 ? ratioY : ratioX));
  const prob = new Float32Array(plane);
  for (let y = 0; y < mh; y++) {
    for (let x = 0; x < mw; x++) {
      // ultralytics' crop_mask keeps proto pixels whose index lies in [x1, x2) × [y1, y2).
      if (x < bx1 || x >= bx2 || y < by1 || y >= by2) continue;
      let logit = 0;
      for (let k = 0; k < MASK_COEFFICIENTS; k++) logit += candidate.coefficients![k] * protos.data[k * plane + y * mw + x];
      prob[y * mw + x] = 1 / (1 + Math.exp(-logit));
    }
  }
  const mask = new Uint8Array(width * height);
  const sample = (u: number, v: number) => {
    const x = Math.min(Math.max(u, 0), mw - 1);
    const y = Math.min(Math.max(v, 0), mh - 1);
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const x1 = Math.min(x0 + 1, mw - 1);
    const y1 = Math.min(y0 + 1, mh - 1);
    const fx = x - x0;
    const fy = y - y0;
    const top = prob[y0 * mw + x0] * (1 - fx) + prob[y0 * mw + x1] * fx;
    const bottom = prob[y1 * mw + x0] * (1 - fx) + prob[y1 * mw + x1] * fx;
    return top * (1 - fy) + bottom * fy;
  };
  const [px1, py1, px2, py2] = pictureBox;
  for (let py = Math.max(0, Math.floor(py1)); py < Math.min(height, Math.ceil(py2)); py++) {
    // Picture pixel centre → input pixels → prototype pixels (both with half-pixel centres, as F.interpolate).
    const v = ((py + 0.5) * t.scaleY + t.padY) * ratioY - 0.5;
    for (let px = Math.max(0, Math.floor(px1)); px < Math.min(width, Math.ceil(px2)); px++) {
      const u = ((px + 0.5) * t.scaleX + t.padX) * ratioX - 0.5;
      if (sample(u, v) > 0.5) mask[py * width + px] = 255;
    }
  }
  return { width, height, data: mask };
}

/** Decoded candidates → detections in picture pixels (with masks when prototypes are given). */
export function finishYolo(candidates: YoloCandidate[], labels: readonly string[], inputSize: number, t: LetterboxTransform, width: number, height: number, protos: MaskPrototypes | null): Detection[] {
  return candidates.map((c) => {
    const box = clipBox(unletterboxBox(t, c.box), width, height);
    const detection: Detection = { box, score: c.score, label: labels[c.classIndex] ?? `class${c.classIndex}` };
    if (protos && c.coefficients) detection.mask = yoloMask(c, protos, inputSize, t, width, height, box);
    return detection;
  });
}
