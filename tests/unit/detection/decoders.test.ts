// The detection library's pure parts on analytic inputs: IoU and both suppressions, MediaPipe's SSD anchors and
// face decoding, the letterbox and its inverse, CenterNet peaks, YOLO candidates and masks, ultralytics' names.
import { describe, expect, it } from "vitest";
import { decodeCenterNet } from "@/lib/detection/centernet";
import { letterbox, letterboxTransform, unletterboxBox } from "@/lib/detection/letterbox";
import { BLAZEFACE_FULL, BLAZEFACE_SHORT, decodeBlazeFace } from "@/lib/detection/mediapipe-face";
import { intersectionOverUnion, nonMaxSuppression, weightedNonMaxSuppression } from "@/lib/detection/nms";
import { ssdAnchors } from "@/lib/detection/ssd-anchors";
import type { Box } from "@/lib/detection/types";
import { decodeYolo, yoloMask } from "@/lib/detection/yolo";
import { parseYoloNames } from "@/lib/detection/yolo-names";

describe("suppression", () => {
  it("IoU of overlapping, nested and disjoint boxes", () => {
    expect(intersectionOverUnion([0, 0, 2, 2], [1, 1, 3, 3])).toBeCloseTo(1 / 7, 12);
    expect(intersectionOverUnion([0, 0, 4, 4], [1, 1, 3, 3])).toBeCloseTo(4 / 16, 12);
    expect(intersectionOverUnion([0, 0, 1, 1], [2, 2, 3, 3])).toBe(0);
  });

  it("hard NMS keeps the best of each overlapping group, per class when asked", () => {
    const a = { box: [0, 0, 10, 10] as Box, score: 0.9, c: 0 };
    const b = { box: [1, 0, 11, 10] as Box, score: 0.8, c: 0 };
    const other = { box: [1, 0, 11, 10] as Box, score: 0.7, c: 1 };
    expect(nonMaxSuppression([b, a, other], 0.5)).toEqual([a]);
    expect(nonMaxSuppression([b, a, other], 0.5, (x) => x.c)).toEqual([a, other]);
  });

  it("weighted NMS averages a cluster's boxes and keypoints by score and keeps the best score", () => {
    const a = { box: [0, 0, 10, 10] as Box, score: 0.9, keypoints: [[2, 2]] as Array<[number, number]> };
    const b = { box: [2, 0, 12, 10] as Box, score: 0.6, keypoints: [[4, 2]] as Array<[number, number]> };
    const far = { box: [50, 50, 60, 60] as Box, score: 0.7, keypoints: [[55, 55]] as Array<[number, number]> };
    const [merged, alone] = weightedNonMaxSuppression([b, far, a], 0.3);
    expect(merged.score).toBe(0.9);
    expect(merged.box.map((v) => +v.toFixed(9))).toEqual([0.8, 0, 10.8, 10]);
    expect(merged.keypoints![0][0]).toBeCloseTo(2.8, 12);
    expect(alone).toEqual(far);
  });
});

describe("MediaPipe face decoding", () => {
  it("SSD anchors: 16×16×2 + 8×8×6 = 896 for short range, 48×48 = 2304 for full range", () => {
    const short = ssdAnchors({ inputSize: 128, strides: [8, 16, 16, 16], aspectRatioCount: 1, interpolatedScaleAspectRatio: 1, anchorOffset: 0.5 });
    expect(short.length / 2).toBe(896);
    expect([...short.slice(0, 6)]).toEqual([0.5 / 16, 0.5 / 16, 0.5 / 16, 0.5 / 16, 1.5 / 16, 0.5 / 16]);
    // The stride-16 layers share one 8×8 map with six anchors per cell.
    expect([...short.slice(1024, 1026)]).toEqual([0.5 / 8, 0.5 / 8]);
    expect([...short.slice(1024 + 12, 1026 + 12)]).toEqual([1.5 / 8, 0.5 / 8]);
    const full = ssdAnchors({ inputSize: 192, strides: [4], aspectRatioCount: 1, interpolatedScaleAspectRatio: 0, anchorOffset: 0.5 });
    expect(full.length / 2).toBe(2304);
    expect([...full.slice(2 * 49, 2 * 49 + 2)]).toEqual([1.5 / 48, 1.5 / 48]);
  });

  it("box, keypoints and score from one anchor's regressors; logits clipped at ±100; threshold", () => {
    for (const config of [BLAZEFACE_SHORT, BLAZEFACE_FULL]) {
      const count = config === BLAZEFACE_SHORT ? 896 : 2304;
      const regressors = new Float32Array(count * 16);
      const logits = new Float32Array(count).fill(-1000);
      const i = 100;
      regressors.set([3, -2, 20, 10, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6], i * 16);
      logits[i] = 2;
      logits[i + 1] = 1e6;
      const anchors = ssdAnchors({ inputSize: config.inputSize, strides: config.strides, aspectRatioCount: 1, interpolatedScaleAspectRatio: config.interpolatedScaleAspectRatio, anchorOffset: 0.5 });
      const [ax, ay] = [anchors[2 * i] * config.inputSize, anchors[2 * i + 1] * config.inputSize];
      const faces = decodeBlazeFace(regressors, logits, config, 0.5);
      expect(faces).toHaveLength(2);
      expect(faces[0].score).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
      expect(faces[0].box.map((v) => +v.toFixed(4))).toEqual([ax + 3 - 10, ay - 2 - 5, ax + 3 + 10, ay - 2 + 5].map((v) => +v.toFixed(4)));
      expect(faces[0].keypoints![5][0]).toBeCloseTo(ax + 6, 4);
      expect(faces[1].score).toBeCloseTo(1 / (1 + Math.exp(-100)), 12);
      expect(decodeBlazeFace(regressors, logits, config, 0.95)).toHaveLength(1);
    }
  });
});

describe("letterbox", () => {
  it("fits a 200×100 picture into 128² centred (ultralytics' rounding) and maps boxes back exactly", () => {
    const t = letterboxTransform(200, 100, 128);
    expect(t).toMatchObject({ contentW: 128, contentH: 64, padX: 0, padY: 32 });
    expect(unletterboxBox(t, [0, 32, 128, 96])).toEqual([0, 0, 200, 100]);
    expect(letterboxTransform(100, 300, 640)).toMatchObject({ contentW: 213, contentH: 640, padX: 213, padY: 0 });
  });

  it("fills the border and samples bilinearly with half-pixel centres, in both layouts", () => {
    // A horizontal ramp 0, 10, 20, 30 upscaled ×2 (4×1 → 8×2 in a 8² input): cv2 gives 0, 2.5, 7.5, …, 30.
    const ramp = { width: 4, height: 1, data: Uint8Array.from([0, 0, 0, 10, 10, 10, 20, 20, 20, 30, 30, 30]) };
    const nhwc = letterbox(ramp, { size: 8, fill: 114, layout: "nhwc", normalize: (v) => v });
    expect(nhwc.transform.padY).toBe(3);
    const row = Array.from({ length: 8 }, (_, x) => nhwc.data[(3 * 8 + x) * 3]);
    expect(row).toEqual([0, 2.5, 7.5, 12.5, 17.5, 22.5, 27.5, 30]);
    expect(nhwc.data[0]).toBe(114);
    const nchw = letterbox(ramp, { size: 8, fill: 114, layout: "nchw", normalize: (v) => v / 255 });
    expect(nchw.data[2 * 64 + 3 * 8 + 1]).toBeCloseTo(2.5 / 255, 7);
  });
});

describe("CenterNet decoding", () => {
  it("reports 3×3 local maxima of the person channel above the threshold with their edge distances", () => {
    const [h, w, classes] = [32, 32, 3];
    const heat = new Float32Array(h * w * classes);
    const sizes = new Float32Array(h * w * 4);
    const set = (x: number, y: number, v: number, c = 0) => (heat[(y * w + x) * classes + c] = v);
    set(10, 20, 0.7);
    set(11, 20, 0.6); // a neighbour of the peak: not a peak itself
    set(25, 5, 0.15); // below the threshold
    set(3, 3, 0.9, 1); // another class
    sizes.set([8, 12, 16, 20], (20 * w + 10) * 4);
    const people = decodeCenterNet(heat, sizes, [h, w, classes], 0.2);
    expect(people).toEqual([{ box: [40 - 8, 80 - 12, 40 + 16, 80 + 20], score: expect.closeTo(0.7, 6), label: "person" }]);
  });
});

describe("YOLO decoding", () => {
  it("best class per candidate, threshold, per-class suppression at IoU 0.7", () => {
    const candidates = [
      [100, 100, 40, 40, 0.9, 0.1],
      [102, 100, 40, 40, 0.8, 0.1], // same class, IoU ≈ 0.9: suppressed
      [102, 100, 40, 40, 0.1, 0.85], // other class: kept
      [300, 300, 20, 20, 0.2, 0.1], // below 0.25
    ];
    const rows = 6;
    const out = new Float32Array(rows * candidates.length);
    candidates.forEach((c, i) => c.forEach((v, r) => (out[r * candidates.length + i] = v)));
    const found = decodeYolo(out, [rows, candidates.length], 2, 0.25);
    expect(found.map((c) => [c.classIndex, +c.score.toFixed(2), c.box])).toEqual([
      [0, 0.9, [80, 80, 120, 120]],
      [1, 0.85, [82, 80, 122, 120]],
    ]);
    expect(() => decodeYolo(out, [rows, candidates.length], 3, 0.25)).toThrow(/rows/);
  });

  it("a mask is sigmoid(coefficients · prototypes) inside the box, read at picture pixels", () => {
    // 16² prototypes for a 64² input (stride 4); prototype 0 is +10 on proto rows 2..5, cols 2..9, −10 elsewhere.
    const [mh, mw] = [16, 16];
    const data = new Float32Array(32 * mh * mw);
    for (let y = 0; y < mh; y++) for (let x = 0; x < mw; x++) data[y * mw + x] = y >= 2 && y < 6 && x >= 2 && x < 10 ? 10 : -10;
    const coefficients = new Float32Array(32);
    coefficients[0] = 1;
    // The box covers input x 0..24 (proto 0..6): the prototype's blob is cut at x = 24 px.
    const identity = { scaleX: 1, scaleY: 1, padX: 0, padY: 0 };
    const mask = yoloMask({ box: [0, 0, 24, 64], score: 1, classIndex: 0, coefficients }, { data, height: mh, width: mw }, 64, identity, 64, 64, [0, 0, 24, 64]);
    const on = (x: number, y: number) => mask.data[y * 64 + x] === 255;
    expect(on(10, 10) && on(23, 12) && on(12, 23) && on(8, 12)).toBe(true);
    expect(on(12, 24) || on(12, 7) || on(24, 10) || on(40, 10)).toBe(false);
    // Rows and columns 8..23; the four corners interpolate to 0.625² < 0.5.
    expect(on(8, 8)).toBe(false);
    expect(mask.data.filter((v) => v === 255).length).toBe(16 * 16 - 4);
  });

  it("reads ultralytics' names metadata (Python dict repr, escapes, JSON list) and refuses anything else", () => {
    expect(parseYoloNames("{0: 'face', 1: 'hand'}")).toEqual(["face", "hand"]);
    expect(parseYoloNames(`{0: "person", 2: 'it\\'s'}`)).toEqual(["person", "class1", "it's"]);
    expect(parseYoloNames('["a", "b"]')).toEqual(["a", "b"]);
    expect(parseYoloNames("{0: face}")).toBeNull();
    expect(parseYoloNames("[1, 2]")).toBeNull();
    expect(parseYoloNames("")).toBeNull();
  });
});
