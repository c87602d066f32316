// TensorFlow.js (@tensorflow/tfjs, a devDependency, pure-JS CPU backend) as the reference for the TF.js
// converters: small graph and layers models are written to a folder as model.json + one weights shard, and
// loaded by TF.js from the very same bytes the converter reads.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { toFloat16 } from "@/lib/onnx/float16";

let ready: Promise<void> | null = null;
/** The CPU backend, without TF.js's console advert for tfjs-node. */
export function tfjsReady(): Promise<void> {
  ready ??= (async () => {
    tf.env().set("IS_NODE", false);
    await tf.setBackend("cpu");
  })();
  return ready;
}

export interface TestWeight {
  name: string;
  shape: number[];
  data: Float32Array | Int32Array;
  /** How the shard stores it: float32/int32 as is, float16 halves, or uint8 affine quantisation. */
  storage?: "float16" | "uint8";
}

interface Manifest {
  weights: Array<Record<string, unknown>>;
  bytes: Uint8Array;
}

function encode(weights: TestWeight[]): Manifest {
  const parts: Uint8Array[] = [];
  const specs = weights.map((w) => {
    const dtype = w.data instanceof Int32Array ? "int32" : "float32";
    if (w.storage === "float16") {
      parts.push(new Uint8Array(toFloat16(Float32Array.from(w.data)).buffer));
      return { name: w.name, shape: w.shape, dtype, quantization: { dtype: "float16", original_dtype: dtype } };
    }
    if (w.storage === "uint8") {
      const min = Math.min(...w.data);
      const scale = (Math.max(...w.data) - min) / 255 || 1;
      parts.push(Uint8Array.from(w.data, (v) => Math.round((v - min) / scale)));
      return { name: w.name, shape: w.shape, dtype, quantization: { dtype: "uint8", min, scale, original_dtype: dtype } };
    }
    parts.push(new Uint8Array(w.data.buffer.slice(w.data.byteOffset, w.data.byteOffset + w.data.byteLength)));
    return { name: w.name, shape: w.shape, dtype };
  });
  return { weights: specs, bytes: new Uint8Array(Buffer.concat(parts)) };
}

/** Writes model.json and its shard into a new temporary folder; returns the model.json path. */
export function writeTfjsModel(format: "graph-model" | "layers-model", modelTopology: unknown, weights: TestWeight[], extra: Record<string, unknown> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-tfjs-"));
  const { weights: specs, bytes } = encode(weights);
  fs.writeFileSync(path.join(dir, "weights.bin"), bytes);
  const json = { format, modelTopology, weightsManifest: [{ paths: ["weights.bin"], weights: specs }], ...extra };
  fs.writeFileSync(path.join(dir, "model.json"), JSON.stringify(json));
  return path.join(dir, "model.json");
}

function artifacts(modelJson: string): tf.io.ModelArtifacts {
  const json = JSON.parse(fs.readFileSync(modelJson, "utf8"));
  const buffers = json.weightsManifest.flatMap((g: { paths: string[] }) => g.paths.map((p) => fs.readFileSync(path.join(path.dirname(modelJson), p))));
  const weightData = new Uint8Array(Buffer.concat(buffers)).buffer;
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    signature: json.signature,
    weightSpecs: json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights),
    weightData,
  };
}

export async function loadGraphModel(modelJson: string): Promise<tf.GraphModel> {
  await tfjsReady();
  return tf.loadGraphModel({ load: async () => artifacts(modelJson) });
}

export async function loadLayersModel(modelJson: string): Promise<tf.LayersModel> {
  await tfjsReady();
  return tf.loadLayersModel({ load: async () => artifacts(modelJson) });
}

let customLayers = false;
/** UpscalerJS's two custom layers, written again from their definition: x · beta, and depth_to_space (NHWC). */
export function registerUpscalerLayers(): void {
  if (customLayers) return;
  customLayers = true;
  class MultiplyBeta extends tf.layers.Layer {
    static className = "MultiplyBeta";
    private readonly beta: number;
    constructor(config: { beta?: number }) {
      super(config as object);
      this.beta = config.beta ?? 0.2;
    }
    call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
      return tf.mul(Array.isArray(inputs) ? inputs[0] : inputs, this.beta);
    }
  }
  tf.serialization.registerClass(MultiplyBeta);
  for (const scale of [2, 3, 4, 8]) {
    class PixelShuffle extends tf.layers.Layer {
      static className = `PixelShuffle${scale}x`;
      computeOutputShape(shape: tf.Shape): tf.Shape {
        return [shape[0], shape[1] === null ? null : shape[1]! * scale, shape[2] === null ? null : shape[2]! * scale, shape[3]! / (scale * scale)];
      }
      call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
        return tf.depthToSpace((Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D, scale, "NHWC");
      }
    }
    tf.serialization.registerClass(PixelShuffle);
  }
}

export { tf };
