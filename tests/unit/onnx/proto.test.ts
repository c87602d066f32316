import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DataLocation, DataType, decodeModelProto, encodeModelProto, AttributeType } from "@/lib/onnx/proto";
import { GraphBuilder } from "@/lib/onnx/graph-builder";
import { createModel, writeModel } from "@/lib/onnx/write";
import { externalLocation, modelInputs, modelOutputs, readModel } from "@/lib/onnx/read";

function smallModel() {
  const b = new GraphBuilder({ seed: 7 });
  const x = b.input("x", ["batch", 3, "height", 5]);
  const w = b.randomParameter("weight", [3, 3, 1, 1], 1); // 36 bytes: stays inline under a 1024-byte threshold
  const big = b.randomParameter("big", [3, 1, 1], 1);
  const y = b.node("Add", [b.node("Conv", [x, w], { kernel_shape: [1, 1], strides: [1, 1] }), big]);
  b.output(b.node("LeakyRelu", [y], { alpha: 0.25 }), "y", ["batch", 3, "height", 5]);
  return createModel(b.build("g"), { source: "test" });
}

describe("ONNX protobuf writer and reader", () => {
  it("decodes what it encodes, field for field", () => {
    const model = smallModel();
    const decoded = decodeModelProto(encodeModelProto(model));
    expect(decoded.irVersion).toBe(10);
    // The default ai.onnx domain "" is protobuf's default value, so it is not on the wire.
    expect(decoded.opsetImport.map((o) => [o.domain ?? "", o.version])).toEqual([["", 21]]);
    expect(decoded.metadataProps).toEqual([{ key: "source", value: "test" }]);
    expect(decoded.graph.node.map((n) => n.opType)).toEqual(["Conv", "Add", "LeakyRelu", "Identity"]);
    const conv = decoded.graph.node[0];
    expect(conv.attribute).toEqual([
      { name: "kernel_shape", type: AttributeType.INTS, ints: [1, 1], floats: [], strings: [], tensors: [], graphs: [] },
      { name: "strides", type: AttributeType.INTS, ints: [1, 1], floats: [], strings: [], tensors: [], graphs: [] },
    ]);
    expect(decoded.graph.node[2].attribute?.[0].f).toBeCloseTo(0.25, 7);
    const weight = decoded.graph.initializer[0];
    expect(weight.dims).toEqual([3, 3, 1, 1]);
    expect(Array.from(new Uint8Array(weight.rawData!))).toEqual(Array.from(model.graph.initializer[0].rawData!));
    // Re-encoding the decoded model gives the same bytes: decode → modify → encode loses nothing we use.
    expect(Buffer.from(encodeModelProto(decoded)).equals(Buffer.from(encodeModelProto(model)))).toBe(true);
  });

  it("lists inputs and outputs with dim_value and dim_param dims", () => {
    const model = decodeModelProto(encodeModelProto(smallModel()));
    expect(modelInputs(model)).toEqual([{ name: "x", elemType: DataType.FLOAT, type: "float32", dims: ["batch", 3, "height", 5] }]);
    expect(modelOutputs(model)).toEqual([{ name: "y", elemType: DataType.FLOAT, type: "float32", dims: ["batch", 3, "height", 5] }]);
  });

  it("moves large initializers to an external file with location, offset and length", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-proto-"));
    const model = smallModel();
    writeModel(path.join(dir, "model.onnx"), model, { externalData: "weights.pb", sizeThreshold: 12 });
    const [weight, big] = model.graph.initializer;
    expect(fs.statSync(path.join(dir, "weights.pb")).size).toBe(weight.rawData!.length + big.rawData!.length);

    const lazy = readModel(path.join(dir, "model.onnx"));
    expect(lazy.graph.initializer.map((t) => t.dataLocation)).toEqual([DataLocation.EXTERNAL, DataLocation.EXTERNAL]);
    expect(lazy.graph.initializer.map(externalLocation)).toEqual([
      { location: "weights.pb", offset: 0, length: 36 },
      { location: "weights.pb", offset: 36, length: 12 },
    ]);
    expect(lazy.graph.initializer[0].rawData?.length ?? 0).toBe(0);

    const loaded = readModel(path.join(dir, "model.onnx"), { loadExternalData: true });
    expect(Array.from(loaded.graph.initializer[1].rawData!)).toEqual(Array.from(big.rawData!));
    expect(loaded.graph.initializer[1].dataLocation).toBe(DataLocation.DEFAULT);
    fs.rmSync(dir, { recursive: true });
  });

  it("names values and parameters the way the torch exporter does", () => {
    const b = new GraphBuilder({ seed: 1 });
    const x = b.input("x", [2]);
    const first = b.scope("layers.0", () => b.node("Add", [x, x]));
    const second = b.scope("layers.0", () => b.node("Add", [first, x]));
    const param = b.scope("layers.0", () => b.scope("fc1", () => b.randomParameter("weight", [2], 1)));
    expect([first, second, param]).toEqual(["/layers.0/Add_output_0", "/layers.0/Add_1_output_0", "layers.0.fc1.weight"]);
  });
});
