// TensorFlow.js model folders: model.json (a graph or layers topology plus `weightsManifest`) and the binary
// shards it lists, concatenated in manifest order. Weights are decoded to float32 or int32 whatever their stored
// form: float16 halves, or uint8/uint16 affine-quantised values (min + scale · q). docs/converters.md#tensorflowjs-graph-models.
import fs from "node:fs";
import path from "node:path";
import { fromFloat16 } from "@/lib/onnx/float16";
import type { ConstTensor } from "@/lib/convert/nchw";

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; min?: number; scale?: number; original_dtype?: string };
}

export interface TfjsModelJson {
  format?: string;
  modelTopology: unknown;
  weightsManifest: Array<{ paths: string[]; weights: WeightSpec[] }>;
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

function readShards(dir: string, paths: string[]): Uint8Array {
  const parts = paths.map((p) => fs.readFileSync(path.join(dir, p)));
  return parts.length === 1 ? new Uint8Array(parts[0]) : new Uint8Array(Buffer.concat(parts));
}

/** One weight's values from its bytes (copied, so the result is aligned and independent of the shard). */
function decodeWeight(spec: WeightSpec, bytes: Uint8Array): ConstTensor {
  const copy = new Uint8Array(bytes).buffer;
  const q = spec.quantization;
  if (q) {
    if (q.dtype === "float16") return { shape: spec.shape, data: fromFloat16(new Uint16Array(copy)) };
    if (q.dtype !== "uint8" && q.dtype !== "uint16") throw new Error(`weight ${spec.name}: quantisation ${q.dtype} is not supported`);
    const raw = q.dtype === "uint8" ? new Uint8Array(copy) : new Uint16Array(copy);
    const values = Float32Array.from(raw, (v) => (q.min ?? 0) + (q.scale ?? 1) * v);
    return { shape: spec.shape, data: spec.dtype === "int32" ? Int32Array.from(values, Math.round) : values };
  }
  switch (spec.dtype) {
    case "float32":
      return { shape: spec.shape, data: new Float32Array(copy) };
    case "int32":
      return { shape: spec.shape, data: new Int32Array(copy) };
    default:
      throw new Error(`weight ${spec.name}: dtype ${spec.dtype} is not supported`);
  }
}

function storedBytes(spec: WeightSpec): number {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  const size = BYTES[spec.quantization?.dtype ?? spec.dtype];
  if (!size) throw new Error(`weight ${spec.name}: unknown dtype ${spec.quantization?.dtype ?? spec.dtype}`);
  return count * size;
}

/** Every weight of a model folder by name. */
export function readTfjsWeights(dir: string, json: TfjsModelJson): Map<string, ConstTensor> {
  const weights = new Map<string, ConstTensor>();
  for (const group of json.weightsManifest) {
    const bytes = readShards(dir, group.paths);
    let offset = 0;
    for (const spec of group.weights) {
      const length = storedBytes(spec);
      if (offset + length > bytes.length) throw new Error(`weight ${spec.name} runs past the end of its shards`);
      weights.set(spec.name, decodeWeight(spec, bytes.subarray(offset, offset + length)));
      offset += length;
    }
  }
  return weights;
}

export function readTfjsModelJson(file: string): TfjsModelJson {
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as TfjsModelJson;
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) throw new Error(`${file} is not a TensorFlow.js model (no modelTopology / weightsManifest)`);
  return json;
}
