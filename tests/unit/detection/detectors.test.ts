// The detectors end to end through the library's `detect(name, image)`: the converted MediaPipe and CenterNet
// models on a real photograph (../shared/data/photos/astronaut.png, one frontal face), and the YOLO fixture
// (detect and seg variants) dropped into a models folder's adetailer/ like a user's ultralytics export.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cropPixels } from "@/lib/images/pixel-image";
import type { RgbImage } from "@/lib/images/tensor-image";
import { intersectionOverUnion } from "@/lib/detection/nms";
import { detect, listDetectors, loadDetector } from "@/lib/detection/registry";
import type { Box } from "@/lib/detection/types";
import { buildYoloFixture, YOLO_FIXTURE_NAMES } from "@/lib/detection/yolo-fixture";
import { writeModel } from "@/lib/onnx/write";
import { loadPhoto } from "../../photos";

/** Where MediaPipe's own pipeline puts the astronaut's face (docs/detection.md#mediapipe-blazeface). */
const FACE: Box = [177, 81, 272, 175];

describe("real detectors on the astronaut photograph", () => {
  it("lists the converted detectors", () => {
    expect(listDetectors().map((d) => d.name).slice(0, 3)).toEqual(["mediapipe_face_full", "mediapipe_face_short", "person_centernet"]);
  });

  it("mediapipe_face_short finds exactly her face: IoU ≥ 0.8 with (177, 81)–(272, 175), score ≥ 0.85, eyes, nose and mouth inside", async () => {
    const photo = await loadPhoto("astronaut.png");
    const faces = await detect("mediapipe_face_short", photo);
    expect(faces).toHaveLength(1);
    const [face] = faces;
    expect(face.label).toBe("face");
    expect(face.score).toBeGreaterThanOrEqual(0.85);
    expect(intersectionOverUnion(face.box, FACE)).toBeGreaterThanOrEqual(0.8);
    expect(face.keypoints).toHaveLength(6);
    for (const [x, y] of face.keypoints!.slice(0, 4)) expect(x > face.box[0] && x < face.box[2] && y > face.box[1] && y < face.box[3]).toBe(true);
  });

  it("mediapipe_face_full finds one face as well, on the same spot", async () => {
    const faces = await detect("mediapipe_face_full", await loadPhoto("astronaut.png"));
    expect(faces).toHaveLength(1);
    expect(faces[0].score).toBeGreaterThanOrEqual(0.85);
    expect(intersectionOverUnion(faces[0].box, FACE)).toBeGreaterThanOrEqual(0.6);
  });

  it("no face in the background (the shuttle model, top right), with either model", async () => {
    const background = cropPixels(await loadPhoto("astronaut.png"), { x1: 320, y1: 0, x2: 512, y2: 300 });
    expect(await detect("mediapipe_face_short", background)).toEqual([]);
    expect(await detect("mediapipe_face_full", background)).toEqual([]);
  });

  it("letterboxing is undone: on a 300×512 crop the face is found 100 px further left", async () => {
    const crop = cropPixels(await loadPhoto("astronaut.png"), { x1: 100, y1: 0, x2: 400, y2: 512 });
    const faces = await detect("mediapipe_face_short", crop);
    expect(faces).toHaveLength(1);
    expect(intersectionOverUnion(faces[0].box, [FACE[0] - 100, FACE[1], FACE[2] - 100, FACE[3]])).toBeGreaterThanOrEqual(0.8);
  });

  it("person_centernet finds her: the person box contains the face", async () => {
    const people = await detect("person_centernet", await loadPhoto("astronaut.png"));
    expect(people.length).toBeGreaterThanOrEqual(1);
    const [person] = people;
    expect(person.label).toBe("person");
    expect(person.score).toBeGreaterThan(0.4);
    expect(person.box[0] <= FACE[0] && person.box[1] <= FACE[1] && person.box[2] >= FACE[2] && person.box[3] >= FACE[3]).toBe(true);
  });

  it("an unknown detector name is an error naming the available ones", async () => {
    await expect(loadDetector("face_yolov8n.pt")).rejects.toThrow(/unknown detector "face_yolov8n.pt" \(available: mediapipe_face_full/);
  });
});

describe("YOLO exports in models/adetailer (the fixture detector)", () => {
  const modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-yolo-"));
  fs.mkdirSync(path.join(modelsDir, "adetailer"));
  writeModel(path.join(modelsDir, "adetailer", "yolo-seg.onnx"), buildYoloFixture({ segmentation: true }));
  writeModel(path.join(modelsDir, "adetailer", "Yolo-detect.onnx"), buildYoloFixture({ segmentation: false }));
  afterAll(() => fs.rmSync(modelsDir, { recursive: true, force: true }));

  /** Grey 114 (the letterbox colour) with coloured rectangles. */
  function picture(width: number, height: number, rects: Array<{ box: Box; rgb: [number, number, number] }>): RgbImage {
    const data = new Uint8Array(width * height * 3).fill(114);
    for (const { box: [x1, y1, x2, y2], rgb } of rects) for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) data.set(rgb, (y * width + x) * 3);
    return { width, height, data };
  }

  it("lists YOLO files by file name, after the converted detectors; reads the class names from the metadata", async () => {
    expect(listDetectors(modelsDir).map((d) => [d.name, d.kind])).toEqual([["Yolo-detect.onnx", "yolo"], ["yolo-seg.onnx", "yolo"]]);
    expect((await loadDetector("Yolo-detect.onnx", modelsDir)).labels).toEqual(YOLO_FIXTURE_NAMES);
  });

  it("detection model: two objects with their classes and boxes; the confidence threshold applies", async () => {
    const img = picture(640, 640, [{ box: [96, 160, 128, 192], rgb: [255, 0, 0] }, { box: [320, 64, 352, 96], rgb: [0, 255, 0] }]);
    const found = await detect("Yolo-detect.onnx", img, { confidence: 0.3 }, modelsDir);
    // Both cells are fully coloured, so their scores tie: compare by label.
    expect(found.map((d) => [d.label, d.box]).sort()).toEqual([["green", [320, 64, 352, 96]], ["red", [96, 160, 128, 192]]]);
    for (const d of found) {
      expect(d.score).toBeGreaterThan(0.99);
      expect(d.mask).toBeUndefined();
    }
    // Half a cell of red scores sigmoid(6) ≈ 0.9975.
    const half = picture(640, 640, [{ box: [96, 160, 128, 176], rgb: [255, 0, 0] }]);
    expect((await detect("Yolo-detect.onnx", half, {}, modelsDir))[0].score).toBeCloseTo(1 / (1 + Math.exp(-6)), 3);
    expect(await detect("Yolo-detect.onnx", half, { confidence: 0.999 }, modelsDir)).toEqual([]);
  });

  it("boxes come back through the letterbox: a 1280×640 picture (scale ½, 160 px grey above and below)", async () => {
    const img = picture(1280, 640, [{ box: [192, 320, 256, 384], rgb: [255, 0, 0] }]);
    const [red, ...rest] = await detect("Yolo-detect.onnx", img, {}, modelsDir);
    expect(rest).toEqual([]);
    expect(red.box).toEqual([192, 320, 256, 384]);
  });

  it("segmentation model: the instance mask is the coloured part of the box, in picture pixels", async () => {
    // The top half of cell (3, 5) is red: the cell is the box, the red rows are the mask.
    const img = picture(640, 640, [{ box: [96, 160, 128, 176], rgb: [255, 0, 0] }]);
    const [red, ...rest] = await detect("yolo-seg.onnx", img, {}, modelsDir);
    expect(rest).toEqual([]);
    expect(red.box).toEqual([96, 160, 128, 192]);
    const mask = red.mask!;
    expect([mask.width, mask.height]).toEqual([640, 640]);
    let inside = 0;
    let outside = 0;
    for (let y = 0; y < 640; y++) for (let x = 0; x < 640; x++) if (mask.data[y * 640 + x]) (x >= 96 && x < 128 && y >= 160 && y < 176 ? inside++ : outside++);
    expect(inside).toBe(32 * 16 - 4); // the four corners interpolate to 0.625² < ½
    expect(outside).toBe(0);
  });
});
