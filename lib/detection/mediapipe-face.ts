// MediaPipe's BlazeFace detectors (`mediapipe_face_short`, `mediapipe_face_full`) decoded as MediaPipe's face
// graphs do (docs/detection.md#mediapipe-blazeface): the picture letterboxed into the square input as RGB in [-1, 1]; per anchor
// 16 regressors (box centre x, y, width, height, then six keypoints x, y) scaled by the input size and the
// anchor; the score is sigmoid(logit clipped to ±100); boxes above the threshold are merged by weighted NMS at
// IoU 0.3 and mapped back through the letterbox.
import type { RgbImage } from "@/lib/images/tensor-image";
import { letterbox, unletterboxBox, unletterboxPoint } from "@/lib/detection/letterbox";
import { weightedNonMaxSuppression } from "@/lib/detection/nms";
import { ssdAnchors } from "@/lib/detection/ssd-anchors";
import { clipBox, type Box, type Detection } from "@/lib/detection/types";

export interface BlazeFaceConfig {
  inputSize: number;
  strides: number[];
  interpolatedScaleAspectRatio: number;
  minScore: number;
}

/** face_detection_short_range: 128², strides 8/16/16/16 with the interpolated anchor (896 anchors). */
export const BLAZEFACE_SHORT: BlazeFaceConfig = { inputSize: 128, strides: [8, 16, 16, 16], interpolatedScaleAspectRatio: 1, minScore: 0.5 };
/** face_detection_full_range: 192², one stride-4 layer (2304 anchors). */
export const BLAZEFACE_FULL: BlazeFaceConfig = { inputSize: 192, strides: [4], interpolatedScaleAspectRatio: 0, minScore: 0.6 };

const SCORE_CLIP = 100;
const NMS_IOU = 0.3;
const KEYPOINTS = 6;

export function blazeFaceInput(img: RgbImage, config: BlazeFaceConfig) {
  return letterbox(img, { size: config.inputSize, fill: 0, layout: "nhwc", normalize: (v) => v / 127.5 - 1 });
}

const anchorCache = new Map<BlazeFaceConfig, Float32Array>();

function anchorsOf(config: BlazeFaceConfig): Float32Array {
  let anchors = anchorCache.get(config);
  if (!anchors) {
    anchors = ssdAnchors({ inputSize: config.inputSize, strides: config.strides, aspectRatioCount: 1, interpolatedScaleAspectRatio: config.interpolatedScaleAspectRatio, anchorOffset: 0.5 });
    anchorCache.set(config, anchors);
  }
  return anchors;
}

/** Decoded faces in network-input pixels, before suppression. */
export function decodeBlazeFace(regressors: Float32Array, logits: Float32Array, config: BlazeFaceConfig, minScore: number): Detection[] {
  const anchors = anchorsOf(config);
  const count = anchors.length / 2;
  const coords = regressors.length / count;
  if (logits.length !== count || coords < 4 + 2 * KEYPOINTS) throw new Error(`BlazeFace outputs do not match ${count} anchors`);
  const size = config.inputSize;
  const faces: Detection[] = [];
  for (let i = 0; i < count; i++) {
    const logit = Math.min(Math.max(logits[i], -SCORE_CLIP), SCORE_CLIP);
    const score = 1 / (1 + Math.exp(-logit));
    if (score < minScore) continue;
    const r = regressors.subarray(i * coords, (i + 1) * coords);
    // Anchors are 1 × 1 in relative units, so every regressor is a pixel offset from the anchor centre.
    const cx = r[0] + anchors[2 * i] * size;
    const cy = r[1] + anchors[2 * i + 1] * size;
    const box: Box = [cx - r[2] / 2, cy - r[3] / 2, cx + r[2] / 2, cy + r[3] / 2];
    const keypoints = Array.from({ length: KEYPOINTS }, (_, k): [number, number] => [r[4 + 2 * k] + anchors[2 * i] * size, r[5 + 2 * k] + anchors[2 * i + 1] * size]);
    faces.push({ box, score, label: "face", keypoints });
  }
  return faces;
}

/** Input-pixel faces → suppressed faces in picture pixels. */
export function finishBlazeFace(faces: Detection[], transform: Parameters<typeof unletterboxBox>[0], width: number, height: number): Detection[] {
  return weightedNonMaxSuppression(faces, NMS_IOU).map((f) => ({
    ...f,
    box: clipBox(unletterboxBox(transform, f.box), width, height),
    keypoints: f.keypoints?.map(([x, y]) => unletterboxPoint(transform, x, y)),
  }));
}
