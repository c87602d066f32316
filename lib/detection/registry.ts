// The detectors Onyx offers (docs/detection.md): the models converted from npm packages (MediaPipe's two face
// models, CenterNet for persons) when their converted file exists, then every ultralytics YOLO export dropped
// into <models>/adetailer/*.onnx, named by file name. `loadDetector(name)` opens one (once per file) behind the
// common `detect(image)` interface.
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { MODEL_SOURCES, convertedModelPath } from "@/lib/convert/sources";
import type { RgbImage } from "@/lib/images/tensor-image";
import { OnnxSession, type OutputTensor } from "@/lib/models/onnx-session";
import { readModel } from "@/lib/onnx/read";
import { CENTERNET_INPUT, CENTERNET_MIN_SCORE, centerNetInput, decodeCenterNet } from "@/lib/detection/centernet";
import { unletterboxBox } from "@/lib/detection/letterbox";
import { BLAZEFACE_FULL, BLAZEFACE_SHORT, blazeFaceInput, decodeBlazeFace, finishBlazeFace, type BlazeFaceConfig } from "@/lib/detection/mediapipe-face";
import { clipBox, type DetectOptions, type Detection, type Detector } from "@/lib/detection/types";
import { MASK_COEFFICIENTS, YOLO_MIN_SCORE, decodeYolo, finishYolo, yoloInput } from "@/lib/detection/yolo";
import { parseYoloNames } from "@/lib/detection/yolo-names";

export const YOLO_DIR = "adetailer";

export interface DetectorInfo {
  name: string;
  kind: "mediapipe" | "centernet" | "yolo";
  modelPath: string;
}

const CONVERTED_KINDS: Record<string, DetectorInfo["kind"]> = {
  mediapipe_face_full: "mediapipe",
  mediapipe_face_short: "mediapipe",
  person_centernet: "centernet",
};

export function listDetectors(modelsDir = onyxPaths().models): DetectorInfo[] {
  const converted = Object.entries(CONVERTED_KINDS).flatMap(([name, kind]): DetectorInfo[] => {
    const source = MODEL_SOURCES.find((s) => s.id === name)!;
    const modelPath = convertedModelPath(modelsDir, source);
    return fs.existsSync(modelPath) ? [{ name, kind, modelPath }] : [];
  });
  const dir = path.join(modelsDir, YOLO_DIR);
  const yolo = fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isFile() && /\.onnx$/i.test(d.name))
        .map((d): DetectorInfo => ({ name: d.name, kind: "yolo", modelPath: path.join(dir, d.name) }))
        .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }))
    : [];
  return [...converted, ...yolo];
}

function tensor(outputs: Record<string, OutputTensor>, test: (t: OutputTensor) => boolean, what: string): OutputTensor {
  const found = Object.values(outputs).find(test);
  if (!found) throw new Error(`the detector returned no ${what}`);
  return found;
}

function blazeFace(name: string, session: OnnxSession, config: BlazeFaceConfig): Detector {
  const input = session.inputs[0].name;
  return {
    name,
    labels: ["face"],
    async detect(img: RgbImage, options: DetectOptions = {}): Promise<Detection[]> {
      const { data, transform } = blazeFaceInput(img, config);
      const out = await session.run({ [input]: { data, shape: [1, config.inputSize, config.inputSize, 3] } });
      const regressors = tensor(out, (t) => t.shape[t.shape.length - 1] >= 16, "regressors");
      const logits = tensor(out, (t) => t.shape[t.shape.length - 1] === 1, "scores");
      const faces = decodeBlazeFace(regressors.data, logits.data, config, options.confidence ?? config.minScore);
      return finishBlazeFace(faces, transform, img.width, img.height);
    },
  };
}

function centerNet(name: string, session: OnnxSession): Detector {
  const input = session.inputs[0].name;
  return {
    name,
    labels: ["person"],
    async detect(img: RgbImage, options: DetectOptions = {}): Promise<Detection[]> {
      const { data, transform } = centerNetInput(img);
      const out = await session.run({ [input]: { data, shape: [1, CENTERNET_INPUT, CENTERNET_INPUT, 3] } });
      const sizes = tensor(out, (t) => t.shape[3] === 4, "box sizes");
      const heatmap = tensor(out, (t) => t !== sizes && t.shape.length === 4, "heatmap");
      const [, h, w, classes] = heatmap.shape;
      return decodeCenterNet(heatmap.data, sizes.data, [h, w, classes], options.confidence ?? CENTERNET_MIN_SCORE).map((d) => ({
        ...d,
        box: clipBox(unletterboxBox(transform, d.box), img.width, img.height),
      }));
    },
  };
}

function yoloLabels(file: string, classes: number): string[] {
  const names = readModel(file).metadataProps?.find((p) => p.key === "names")?.value;
  const parsed = names ? parseYoloNames(names) : null;
  return Array.from({ length: classes }, (_, i) => parsed?.[i] ?? `class${i}`);
}

function yolo(name: string, file: string, session: OnnxSession): Detector {
  const input = session.inputs[0];
  const size = typeof input.shape?.[2] === "number" ? input.shape[2] : 640;
  const rows = session.outputs[0]?.shape?.[1];
  const seg = session.outputs.length > 1;
  if (typeof rows !== "number") throw new Error(`${file}: output0 must have a fixed row count [1, 4 + classes, N]`);
  const classes = rows - 4 - (seg ? MASK_COEFFICIENTS : 0);
  if (classes < 1) throw new Error(`${file}: output0 has ${rows} rows, too few for a YOLO ${seg ? "segmentation " : ""}model`);
  const labels = yoloLabels(file, classes);
  const [output0, output1] = session.outputs.map((o) => o.name);
  return {
    name,
    labels,
    async detect(img: RgbImage, options: DetectOptions = {}): Promise<Detection[]> {
      const { data, transform } = yoloInput(img, size);
      const out = await session.run({ [input.name]: { data, shape: [1, 3, size, size] } });
      const predictions = out[output0];
      const candidates = decodeYolo(predictions.data, [predictions.shape[1], predictions.shape[2]], classes, options.confidence ?? YOLO_MIN_SCORE);
      const protos = seg ? { data: out[output1].data, height: out[output1].shape[2], width: out[output1].shape[3] } : null;
      return finishYolo(candidates, labels, size, transform, img.width, img.height, protos);
    },
  };
}

async function openDetector(info: DetectorInfo): Promise<Detector> {
  const session = await OnnxSession.open(info.modelPath);
  if (session.inputs.length !== 1) throw new Error(`${info.modelPath}: a detector takes one image input`);
  switch (info.kind) {
    case "mediapipe":
      return blazeFace(info.name, session, info.name === "mediapipe_face_full" ? BLAZEFACE_FULL : BLAZEFACE_SHORT);
    case "centernet":
      return centerNet(info.name, session);
    case "yolo":
      return yolo(info.name, info.modelPath, session);
  }
}

const opened = new Map<string, Promise<Detector>>();

export function loadDetector(name: string, modelsDir?: string): Promise<Detector> {
  const info = listDetectors(modelsDir).find((d) => d.name === name);
  if (!info) return Promise.reject(new Error(`unknown detector "${name}" (available: ${listDetectors(modelsDir).map((d) => d.name).join(", ") || "none"})`));
  let detector = opened.get(info.modelPath);
  if (!detector) {
    detector = openDetector(info);
    opened.set(info.modelPath, detector);
    detector.catch(() => opened.delete(info.modelPath));
  }
  return detector;
}

/** The library's entry point: boxes (and masks) of `name`'s classes in `image`, best first. */
export async function detect(name: string, image: RgbImage, options?: DetectOptions, modelsDir?: string): Promise<Detection[]> {
  return (await loadDetector(name, modelsDir)).detect(image, options);
}
