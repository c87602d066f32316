// Reads ONNX models: what a graph takes and returns (names, element types, fixed or dynamic dims),
// its nodes and initializers. External weights stay on disk unless asked for, so opening a 3 GB UNet
// to inspect it costs only its small model.onnx. The decoded ModelProto can be modified and passed to
// write.ts again (e.g. to expose an inner text-encoder layer as an output).
import fs from "node:fs";
import path from "node:path";
import { DATA_TYPE_NAMES, DataLocation, decodeModelProto, type ModelProto, type TensorProto, type ValueInfoProto } from "@/lib/onnx/proto";
import type { Dim } from "@/lib/onnx/graph-builder";

export interface TensorSignature {
  name: string;
  elemType: number;
  /** onnxruntime's name for the element type: "float32", "float16", "int64", … */
  type: string;
  dims: Dim[];
}

export interface ExternalLocation {
  location: string;
  offset: number;
  length: number;
}

export function readModel(file: string, options: { loadExternalData?: boolean } = {}): ModelProto {
  const model = decodeModelProto(fs.readFileSync(file));
  if (options.loadExternalData) {
    for (const tensor of model.graph.initializer) {
      const external = externalLocation(tensor);
      if (!external) continue;
      tensor.rawData = readExternal(path.dirname(file), external);
      tensor.dataLocation = DataLocation.DEFAULT;
      tensor.externalData = [];
    }
  }
  return model;
}

export function signature(value: ValueInfoProto): TensorSignature {
  const tensor = value.type?.tensorType;
  const elemType = tensor?.elemType ?? 0;
  const dims = (tensor?.shape?.dim ?? []).map((d): Dim => d.dimParam ?? d.dimValue ?? "?");
  return { name: value.name, elemType, type: DATA_TYPE_NAMES[elemType] ?? `type ${elemType}`, dims };
}

export function modelInputs(model: ModelProto): TensorSignature[] {
  // Old IR versions list initializers among the inputs too; they are not inputs a caller feeds.
  const initializers = new Set(model.graph.initializer.map((t) => t.name));
  return model.graph.input.filter((v) => !initializers.has(v.name)).map(signature);
}

export function modelOutputs(model: ModelProto): TensorSignature[] {
  return model.graph.output.map(signature);
}

/** Where an initializer's bytes live when data_location is EXTERNAL; null for inline tensors. */
export function externalLocation(tensor: TensorProto): ExternalLocation | null {
  if (tensor.dataLocation !== DataLocation.EXTERNAL) return null;
  const entries = new Map((tensor.externalData ?? []).map((e) => [e.key, e.value]));
  const location = entries.get("location");
  if (!location) throw new Error(`initializer ${tensor.name}: external data without a location`);
  return { location, offset: Number(entries.get("offset") ?? 0), length: Number(entries.get("length") ?? -1) };
}

function readExternal(dir: string, external: ExternalLocation): Uint8Array {
  const fd = fs.openSync(path.join(dir, external.location), "r");
  try {
    const length = external.length >= 0 ? external.length : fs.fstatSync(fd).size - external.offset;
    const bytes = new Uint8Array(length);
    fs.readSync(fd, bytes, 0, length, external.offset);
    return bytes;
  } finally {
    fs.closeSync(fd);
  }
}
