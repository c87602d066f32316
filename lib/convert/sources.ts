// The trained models that come with `npm ci` and what Onyx makes of them (docs/converters.md, README "Real
// models"): each names its npm package, the files converted, the converter and, for its user, how the ONNX
// model is used. Pure data, so the server can list what is offered without loading any converter.
import path from "node:path";

interface SourceBase {
  /** File stem under <models>/converted/. */
  id: string;
  /** npm package (a dependency in package.json) and the model's files inside it, the first being the entry. */
  package: string;
  files: string[];
}

export interface DetectorSource extends SourceBase {
  role: "detector";
  format: "tflite" | "tfjs-graph";
  /** The graph outputs kept (tfjs-graph: where the graph is cut). */
  outputs?: string[];
}

export interface UpscalerSource extends SourceBase {
  role: "upscaler";
  format: "tfjs-layers";
  /** Shown in every upscaler list and accepted by the API. */
  name: string;
  scale: number;
  /** The range the network was trained on; the ONNX model itself always takes and returns 0..1. */
  inputRange: [number, number];
  /**
   * Largest tile side in input pixels. RDN upsamples 3·s² channels to s× the tile before its last conv, so its
   * peak activation grows with s⁴: the tile shrinks with the scale to keep that near 150 MB.
   */
  maxTile: number;
  /**
   * Runs in place of A1111's standard model names of its scale ("R-ESRGAN 4x+", "4x-UltraSharp") when those are
   * not installed (docs/upscalers.md#standard-names): RRDN, the better restorer of the two at every scale.
   */
  standsIn: boolean;
}

export type ModelSource = DetectorSource | UpscalerSource;

const upscalerJs = (architecture: "RDN" | "RRDN", scale: number, maxTile: number): UpscalerSource => {
  const pkg = architecture === "RDN" ? "@upscalerjs/esrgan-medium" : "@upscalerjs/esrgan-thick";
  const shards = architecture === "RDN" ? ["group1-shard1of1.bin"] : Array.from({ length: scale === 8 ? 8 : 7 }, (_, i) => `group1-shard${i + 1}of${scale === 8 ? 8 : 7}.bin`);
  return {
    id: `${architecture.toLowerCase()}-x${scale}`,
    role: "upscaler",
    format: "tfjs-layers",
    package: pkg,
    files: [`models/x${scale}/model.json`, ...shards.map((s) => `models/x${scale}/${s}`)],
    name: `${architecture} ×${scale} (UpscalerJS)`,
    scale,
    // UpscalerJS's definitions: RDN (esrgan-medium) works in 0..255, RRDN (esrgan-thick) in 0..1.
    inputRange: architecture === "RDN" ? [0, 255] : [0, 1],
    maxTile,
    standsIn: architecture === "RRDN",
  };
};

export const MODEL_SOURCES: readonly ModelSource[] = [
  { id: "mediapipe_face_short", role: "detector", format: "tflite", package: "@mediapipe/face_detection", files: ["face_detection_short_range.tflite"] },
  { id: "mediapipe_face_full", role: "detector", format: "tflite", package: "@mediapipe/face_detection", files: ["face_detection_full_range.tflite"] },
  {
    id: "person_centernet",
    role: "detector",
    format: "tfjs-graph",
    package: "@vladmandic/human",
    files: ["models/centernet.json", "models/centernet.bin"],
    outputs: ["tower_0/keypoints", "tower_0/wh"],
  },
  upscalerJs("RDN", 2, 256),
  upscalerJs("RDN", 3, 256),
  upscalerJs("RDN", 4, 192),
  upscalerJs("RDN", 8, 48),
  upscalerJs("RRDN", 2, 192),
  upscalerJs("RRDN", 3, 192),
  upscalerJs("RRDN", 4, 192),
  upscalerJs("RRDN", 8, 192),
];

const CONVERTED_DIR = "converted";

/** Where a source's converted model lives. */
export function convertedModelPath(modelsDir: string, source: ModelSource): string {
  return path.join(modelsDir, CONVERTED_DIR, `${source.id}.onnx`);
}

/** Where npm ci installs the packages: the project's node_modules, in the folder Onyx runs from. */
export function defaultPackagesDir(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), "node_modules");
}
