// Fitting a picture into a detector's square input without distorting it: scaled by the smaller ratio,
// centred, the rest filled (black for MediaPipe, grey 114 for ultralytics), sampled bilinearly with pixel
// centres aligned as cv2.resize and MediaPipe's warpAffine do (no antialiasing: the detectors were trained
// on such inputs). The transform maps detections back to the picture. docs/detection.md#letterbox.
import type { RgbImage } from "@/lib/images/tensor-image";
import type { Box } from "@/lib/detection/types";

export interface LetterboxTransform {
  /** Input pixels per picture pixel, per axis. */
  scaleX: number;
  scaleY: number;
  /** Border left of and above the picture, in input pixels. */
  padX: number;
  padY: number;
}

export interface LetterboxOptions {
  size: number;
  /** Border colour, 0..255. */
  fill: number;
  layout: "nhwc" | "nchw";
  /** Byte value → network value (e.g. v / 255, v / 127.5 − 1). */
  normalize: (v: number) => number;
}

/** ultralytics' LetterBox geometry: the resized picture rounded to whole pixels, the border split as round(d ± 0.1). */
export function letterboxTransform(width: number, height: number, size: number): LetterboxTransform & { contentW: number; contentH: number } {
  const ratio = Math.min(size / width, size / height);
  const contentW = Math.round(width * ratio);
  const contentH = Math.round(height * ratio);
  const padX = Math.max(0, Math.round((size - contentW) / 2 - 0.1));
  const padY = Math.max(0, Math.round((size - contentH) / 2 - 0.1));
  return { scaleX: contentW / width, scaleY: contentH / height, padX, padY, contentW, contentH };
}

/** Source index pair and weight along one axis for each destination pixel (half-pixel centres, clamped). */
function axisTaps(count: number, scale: number, limit: number): { i0: Int32Array; i1: Int32Array; f: Float32Array } {
  const i0 = new Int32Array(count);
  const i1 = new Int32Array(count);
  const f = new Float32Array(count);
  for (let d = 0; d < count; d++) {
    const s = Math.min(Math.max((d + 0.5) / scale - 0.5, 0), limit - 1);
    i0[d] = Math.floor(s);
    i1[d] = Math.min(i0[d] + 1, limit - 1);
    f[d] = s - i0[d];
  }
  return { i0, i1, f };
}

export function letterbox(img: RgbImage, options: LetterboxOptions): { data: Float32Array; transform: LetterboxTransform } {
  const { size, layout, normalize } = options;
  const t = letterboxTransform(img.width, img.height, size);
  const data = new Float32Array(size * size * 3).fill(normalize(options.fill));
  const plane = size * size;
  const cols = axisTaps(t.contentW, t.scaleX, img.width);
  const rows = axisTaps(t.contentH, t.scaleY, img.height);
  const src = img.data;
  for (let y = 0; y < t.contentH; y++) {
    const top = rows.i0[y] * img.width;
    const bottom = rows.i1[y] * img.width;
    const fy = rows.f[y];
    for (let x = 0; x < t.contentW; x++) {
      const left = cols.i0[x];
      const right = cols.i1[x];
      const fx = cols.f[x];
      const outPixel = (y + t.padY) * size + x + t.padX;
      for (let ch = 0; ch < 3; ch++) {
        const upper = src[(top + left) * 3 + ch] * (1 - fx) + src[(top + right) * 3 + ch] * fx;
        const lower = src[(bottom + left) * 3 + ch] * (1 - fx) + src[(bottom + right) * 3 + ch] * fx;
        data[layout === "nchw" ? ch * plane + outPixel : outPixel * 3 + ch] = normalize(upper * (1 - fy) + lower * fy);
      }
    }
  }
  return { data, transform: t };
}

/** A point in network-input pixels → picture pixels. */
export function unletterboxPoint(t: LetterboxTransform, x: number, y: number): [number, number] {
  return [(x - t.padX) / t.scaleX, (y - t.padY) / t.scaleY];
}

export function unletterboxBox(t: LetterboxTransform, [x1, y1, x2, y2]: Box): Box {
  return [...unletterboxPoint(t, x1, y1), ...unletterboxPoint(t, x2, y2)] as Box;
}
