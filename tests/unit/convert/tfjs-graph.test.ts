// TF.js graph model → ONNX: each operator on a small generated graph, then Human's real CenterNet cut at its two
// heads, every time against TF.js itself (CPU backend) on the same input.
import path from "node:path";
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { tfjsGraphToOnnx } from "@/lib/convert/tfjs-graph-to-onnx";
import { encodeModelProto } from "@/lib/onnx/proto";
import { loadPhoto } from "../../photos";
import { maxAbsDifference, seededRandn, sizeOf } from "./random-tensors";
import { loadGraphModel, tf, writeTfjsModel, type TestWeight } from "./tfjs-reference";

const randn = seededRandn(7);
const b64 = (s: string) => Buffer.from(s).toString("base64");
const list = (values: number[]) => ({ list: { i: values.map(String) } });

const placeholder = (name: string, shape: number[]) => ({ name, op: "Placeholder", attr: { dtype: { type: "DT_FLOAT" }, shape: { shape: { dim: shape.map((s) => ({ size: String(s) })) } } } });
const constant = (name: string, dtype = "DT_FLOAT") => ({ name, op: "Const", attr: { dtype: { type: dtype }, value: { tensor: { dtype } } } });
const windowAttrs = (strides: number, padding: "SAME" | "VALID", dilation = 1) => ({
  strides: list([1, strides, strides, 1]),
  padding: { s: b64(padding) },
  data_format: { s: b64("NHWC") },
  dilations: list([1, dilation, dilation, 1]),
  explicit_paddings: { list: {} },
});
const fused = (ops: string[]) => ({ fused_ops: { list: { s: ops.map(b64) } }, num_args: { i: String(ops.includes("BiasAdd") ? 1 : 0) }, epsilon: { f: 0 } });

interface GraphCase {
  input: number[];
  nodes: object[];
  weights: TestWeight[];
  outputs?: string[];
}

async function compare({ input, nodes, weights, outputs = ["y"] }: GraphCase, tolerance = 1e-4): Promise<void> {
  const file = writeTfjsModel("graph-model", { node: [placeholder("x", input), ...nodes], versions: { producer: 1 } }, weights);
  const x = randn(sizeOf(input));
  const reference = await loadGraphModel(file);
  const expected = (tf.tidy(() => {
    const out = reference.execute(tf.tensor(x, input), outputs);
    return Array.isArray(out) ? out : [out];
  }) as tf.Tensor[]);
  const session = await ort.InferenceSession.create(encodeModelProto(tfjsGraphToOnnx(file, outputs)));
  const actual = await session.run({ x: new ort.Tensor("float32", x, input) });
  for (const [i, name] of outputs.entries()) {
    expect([...actual[name].dims]).toEqual(expected[i].shape);
    expect(maxAbsDifference(actual[name].data as Float32Array, expected[i].dataSync())).toBeLessThanOrEqual(tolerance);
  }
  tf.dispose(expected);
  await session.release();
}

const w = (name: string, shape: number[], storage?: TestWeight["storage"]): TestWeight => ({ name, shape, data: randn(sizeOf(shape), 0.3), storage });
const ints = (name: string, values: number[]): TestWeight => ({ name, shape: [values.length], data: Int32Array.from(values) });

describe("TF.js graph operators → ONNX", () => {
  it("_FusedConv2D: BiasAdd, BiasAdd+Relu, BiasAdd+Relu6 with SAME stride 2 on an odd size and VALID", async () => {
    for (const [ops, strides, padding] of [[["BiasAdd"], 2, "SAME"], [["BiasAdd", "Relu"], 1, "VALID"], [["BiasAdd", "Relu6"], 2, "SAME"]] as const) {
      await compare({
        input: [1, 9, 7, 3],
        nodes: [constant("k"), constant("b"), { name: "y", op: "_FusedConv2D", input: ["x", "k", "b"], attr: { ...windowAttrs(strides, padding), ...fused([...ops]) } }],
        weights: [w("k", [3, 3, 3, 4]), w("b", [4])],
      });
    }
  });

  it("Conv2D with dilation; weights stored as float16 and as uint8 quantised values", async () => {
    await compare({
      input: [1, 10, 10, 2],
      nodes: [constant("k"), { name: "y", op: "Conv2D", input: ["x", "k"], attr: windowAttrs(1, "SAME", 2) }],
      weights: [w("k", [3, 3, 2, 5], "float16")],
    });
    await compare({
      input: [1, 6, 6, 3],
      nodes: [constant("k"), { name: "y", op: "Conv2D", input: ["x", "k"], attr: windowAttrs(1, "SAME") }],
      weights: [w("k", [1, 1, 3, 4], "uint8")],
    });
  });

  it("DepthwiseConv2dNative (multiplier 2) and FusedDepthwiseConv2dNative (BiasAdd+Relu, stride 2)", async () => {
    await compare({
      input: [1, 8, 8, 3],
      nodes: [constant("k"), { name: "y", op: "DepthwiseConv2dNative", input: ["x", "k"], attr: windowAttrs(1, "SAME") }],
      weights: [w("k", [3, 3, 3, 2])],
    });
    await compare({
      input: [1, 9, 9, 4],
      nodes: [constant("k"), constant("b"), { name: "y", op: "FusedDepthwiseConv2dNative", input: ["x", "k", "b"], attr: { ...windowAttrs(2, "SAME"), ...fused(["BiasAdd", "Relu"]) } }],
      weights: [w("k", [5, 5, 4, 1]), w("b", [4])],
    });
  });

  it("hard-swish and squeeze-excitation as MobileNetV3 writes them: Add/Mul by scalars, Relu6, Mean, Sigmoid, Mul by a [1,1,1,C] map", async () => {
    await compare({
      input: [1, 6, 6, 4],
      nodes: [
        constant("three"), constant("sixth"), constant("axes", "DT_INT32"), constant("k"), constant("channel"),
        { name: "shifted", op: "AddV2", input: ["x", "three"] },
        { name: "clipped", op: "Relu6", input: ["shifted"] },
        { name: "gate", op: "Mul", input: ["sixth", "clipped"] },
        { name: "swish", op: "Mul", input: ["x", "gate"] },
        { name: "mean", op: "Mean", input: ["swish", "axes"], attr: { keep_dims: { b: true } } },
        { name: "excite", op: "Conv2D", input: ["mean", "k"], attr: windowAttrs(1, "SAME") },
        { name: "sigmoid", op: "Sigmoid", input: ["excite"] },
        { name: "scaled", op: "Mul", input: ["swish", "sigmoid"] },
        { name: "offset", op: "Sub", input: ["scaled", "channel"] },
        { name: "y", op: "Identity", input: ["offset"] },
      ],
      weights: [{ name: "three", shape: [], data: Float32Array.of(3) }, { name: "sixth", shape: [], data: Float32Array.of(1 / 6) }, ints("axes", [1, 2]), w("k", [1, 1, 4, 4]), w("channel", [4])],
    });
  });

  it("Mean without keep_dims, ResizeBilinear (asymmetric and half-pixel), ConcatV2 on channels, MaxPool SAME, Relu, Tanh", async () => {
    await compare({
      input: [1, 5, 4, 3],
      nodes: [
        constant("size", "DT_INT32"), constant("axis", "DT_INT32"), constant("axes", "DT_INT32"),
        { name: "up", op: "ResizeBilinear", input: ["x", "size"], attr: { align_corners: { b: false }, half_pixel_centers: { b: false } } },
        { name: "up2", op: "ResizeBilinear", input: ["x", "size"], attr: { align_corners: { b: false }, half_pixel_centers: { b: true } } },
        { name: "relu", op: "Relu", input: ["up2"] },
        { name: "both", op: "ConcatV2", input: ["up", "relu", "axis"], attr: { N: { i: "2" } } },
        { name: "pooled", op: "MaxPool", input: ["both"], attr: { ksize: list([1, 3, 3, 1]), ...windowAttrs(1, "SAME") } },
        { name: "y", op: "Tanh", input: ["pooled"] },
        { name: "z", op: "Mean", input: ["pooled", "axes"], attr: { keep_dims: { b: false } } },
      ],
      weights: [ints("size", [10, 8]), { name: "axis", shape: [], data: Int32Array.of(3) }, ints("axes", [1, 2])],
      outputs: ["y", "z"],
    });
  });

  it("cuts the graph at the requested outputs and names what it cannot convert", async () => {
    const file = writeTfjsModel("graph-model", {
      node: [placeholder("x", [1, 4, 4, 2]), constant("k"), { name: "head", op: "Conv2D", input: ["x", "k"], attr: windowAttrs(1, "SAME") }, { name: "post", op: "TopKV2", input: ["head", "k"] }],
    }, [w("k", [1, 1, 2, 2])]);
    const model = tfjsGraphToOnnx(file, ["head"]);
    expect(model.graph.node.map((n) => n.opType)).not.toContain("TopK");
    expect(() => tfjsGraphToOnnx(file, ["post"])).toThrow("unsupported operator TopKV2");
  });
});

const CENTERNET = path.resolve("node_modules/@vladmandic/human/models/centernet.json");

describe("Human's real CenterNet", () => {
  it("matches TF.js at both heads on the astronaut (heatmap ≤ 1e-4, sizes ≤ 1e-2 px)", async () => {
    const photo = await loadPhoto("astronaut.png");
    const x = Float32Array.from(photo.data);
    const session = await ort.InferenceSession.create(encodeModelProto(tfjsGraphToOnnx(CENTERNET, ["tower_0/keypoints", "tower_0/wh"])));
    const actual = await session.run({ "tower_0/images": new ort.Tensor("float32", x, [1, 512, 512, 3]) });
    const reference = await loadGraphModel(CENTERNET);
    const expected = reference.execute(tf.tensor(x, [1, 512, 512, 3]), ["tower_0/keypoints", "tower_0/wh"]) as tf.Tensor[];
    for (const [i, [name, tolerance]] of ([["tower_0/keypoints", 1e-4], ["tower_0/wh", 1e-2]] as const).entries()) {
      expect([...actual[name].dims]).toEqual(expected[i].shape);
      expect(maxAbsDifference(actual[name].data as Float32Array, expected[i].dataSync())).toBeLessThanOrEqual(tolerance);
    }
    // The person heatmap does peak on her (a clear person scores 0.5–0.6 with this model).
    expect(Math.max(...(actual["tower_0/keypoints"].data as Float32Array).filter((_, k) => k % 80 === 0))).toBeGreaterThan(0.5);
    tf.dispose(expected);
  }, 300_000);
});
