// Serialises models. With `externalData`, initializers of at least `sizeThreshold` bytes go to a file
// beside model.onnx, referenced by TensorProto.external_data {location, offset, length} and
// data_location = EXTERNAL — what onnx.save_model(..., save_as_external_data=True) writes, and what
// real UNet exports (> 2 GB, protobuf's limit) ship as weights.pb or model.onnx_data.
import fs from "node:fs";
import path from "node:path";
import { DataLocation, encodeModelProto, type GraphProto, type ModelProto, type TensorProto } from "@/lib/onnx/proto";

/** Opset 21 with IR version 10: the newest pair onnxruntime-node 1.30 runs with every op Onyx uses. */
export const OPSET = 21;
export const IR_VERSION = 10;

export function createModel(graph: GraphProto, metadata: Record<string, string> = {}): ModelProto {
  return {
    irVersion: IR_VERSION,
    producerName: "onyx",
    graph,
    opsetImport: [{ domain: "", version: OPSET }],
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
}

export interface WriteOptions {
  /**
   * File name (beside the model) for large initializers, e.g. "weights.pb" or "model.onnx_data"; or a file name
   * per initializer, for the layouts exporters also write (onnx's one file per tensor, or weights split over files).
   */
  externalData?: string | ((initializer: string) => string);
  /** Initializers with fewer raw bytes stay inline (ONNX's default threshold is 1024). */
  sizeThreshold?: number;
}

/**
 * Writes `model` to `file` (and its external data file); returns the bytes written in total. External
 * weights are written tensor by tensor, so no buffer ever holds more than one tensor: a full-size UNet's
 * 3.4 GB exceeds both protobuf's 2 GB and Node's largest Buffer (docs/onnx-format.md#full-size-model).
 */
export function writeModel(file: string, model: ModelProto, options: WriteOptions = {}): number {
  const location = options.externalData;
  if (!location) {
    const bytes = encodeModelProto(model);
    fs.writeFileSync(file, bytes);
    return bytes.length;
  }
  const threshold = options.sizeThreshold ?? 1024;
  const locate = typeof location === "string" ? () => location : location;
  const files = new Map<string, { fd: number; offset: number }>();
  const open = (name: string) => {
    let entry = files.get(name);
    if (!entry) files.set(name, (entry = { fd: fs.openSync(path.join(path.dirname(file), name), "w"), offset: 0 }));
    return entry;
  };
  // The single-file layout always writes its file, even when no initializer is large enough to go there.
  if (typeof location === "string") open(location);
  try {
    const moveOut = (tensor: TensorProto): TensorProto => {
      const raw = tensor.rawData;
      if (!raw || raw.length < threshold) return tensor;
      const name = locate(tensor.name ?? "");
      const target = open(name);
      for (let written = 0; written < raw.length; ) written += fs.writeSync(target.fd, raw, written, raw.length - written, target.offset + written);
      const entry: TensorProto = {
        ...tensor,
        rawData: undefined,
        dataLocation: DataLocation.EXTERNAL,
        externalData: [
          { key: "location", value: name },
          { key: "offset", value: String(target.offset) },
          { key: "length", value: String(raw.length) },
        ],
      };
      target.offset += raw.length;
      return entry;
    };
    const graph = { ...model.graph, initializer: model.graph.initializer.map(moveOut) };
    const bytes = encodeModelProto({ ...model, graph });
    fs.writeFileSync(file, bytes);
    return bytes.length + [...files.values()].reduce((sum, f) => sum + f.offset, 0);
  } finally {
    for (const f of files.values()) fs.closeSync(f.fd);
  }
}
