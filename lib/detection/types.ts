// The detection library's common shape (docs/detection.md): every detector takes an RGB picture and returns
// boxes in that picture's pixels, best first, each with its score, its class label and, for segmentation
// models, an instance mask the size of the picture.
import type { GrayImage } from "@/lib/images/pixel-image";
import type { RgbImage } from "@/lib/images/tensor-image";

/** [x1, y1, x2, y2] in image pixels, x2/y2 exclusive edges (fractional: detectors are not pixel-snapped). */
export type Box = [number, number, number, number];

export interface Detection {
  box: Box;
  /** Confidence in 0..1. */
  score: number;
  /** Class name ("face", "person", or a YOLO model's own names). */
  label: string;
  /** Segmentation models only: the instance, width·height bytes of 0 or 255, row-major. */
  mask?: GrayImage;
  /** MediaPipe faces: right eye, left eye, nose tip, mouth, right ear, left ear, in image pixels. */
  keypoints?: Array<[number, number]>;
}

export interface DetectOptions {
  /** Minimum score; each detector has its own default (MediaPipe 0.5 / 0.6, CenterNet 0.2, YOLO 0.25). */
  confidence?: number;
}

export interface Detector {
  /** The name users pick it by (`mediapipe_face_short`, `person_centernet`, a YOLO file's name). */
  readonly name: string;
  /** Class names the model can report. */
  readonly labels: readonly string[];
  detect(image: RgbImage, options?: DetectOptions): Promise<Detection[]>;
}

export function boxArea([x1, y1, x2, y2]: Box): number {
  return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
}

export function clipBox([x1, y1, x2, y2]: Box, width: number, height: number): Box {
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  return [clamp(x1, width), clamp(y1, height), clamp(x2, width), clamp(y2, height)];
}
