// TFLite → ONNX: each operator on a small generated model, then MediaPipe's two real face models, every time
// against the plain-loop NHWC reference interpreter (tflite-reference.ts) on the same input.
import fs from "node:fs";
import path from "node:path";
import * as ort from "onnxruntime-node";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { readTflite } from "@/lib/convert/tflite-model";
import { tfliteToOnnx } from "@/lib/convert/tflite-to-onnx";
import { toFloat16 } from "@/lib/onnx/float16";
import { encodeModelProto } from "@/lib/onnx/proto";
import { photoPath } from "../../photos";
import { maxAbsDifference, seededRandn, sizeOf } from "./random-tensors";
import { evaluateTflite } from "./tflite-reference";
import { writeTflite, type TestModel, type TestOperator, type TestTensor } from "./tflite-writer";

const SAME = 0;
const VALID = 1;
const RELU = 1;
const RELU6 = 3;
const FLOAT16 = 1;
const INT32 = 2;

const randn = seededRandn(18);

async function runOnnx(bytes: Uint8Array, input: Float32Array): Promise<Record<string, { dims: readonly number[]; data: Float32Array }>> {
  const model = tfliteToOnnx(bytes);
  const session = await ort.InferenceSession.create(encodeModelProto(model));
  const parsed = readTflite(bytes);
  const inputTensor = parsed.tensors[parsed.inputs[0]];
  const out = await session.run({ [inputTensor.name]: new ort.Tensor("float32", input, inputTensor.shape) });
  await session.release();
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { dims: v.dims, data: v.data as Float32Array }]));
}

/** Converts `model`, runs it and the reference on random input; returns the largest difference over the outputs. */
async function compare(model: TestModel, tolerance = 1e-5): Promise<void> {
  const bytes = writeTflite(model);
  const input = randn(sizeOf(model.tensors[model.inputs[0]].shape));
  const expected = evaluateTflite(readTflite(bytes), input);
  const actual = await runOnnx(bytes, input);
  for (const [name, ref] of Object.entries(expected)) {
    expect(actual[name].dims).toEqual(ref.shape);
    expect(maxAbsDifference(actual[name].data, ref.data)).toBeLessThanOrEqual(tolerance);
  }
}

/** One operator between an input and an output, with constant operands appended as tensors. */
function single(inputShape: number[], outputShape: number[], op: Omit<TestOperator, "inputs" | "outputs">, constants: TestTensor[] = []): TestModel {
  const tensors: TestTensor[] = [{ name: "input", shape: inputShape }, { name: "output", shape: outputShape }, ...constants];
  return { tensors, operators: [{ ...op, inputs: [0, ...constants.map((_, i) => i + 2)], outputs: [1] }], inputs: [0], outputs: [1] };
}

const weights = (name: string, shape: number[]): TestTensor => ({ name, shape, data: randn(sizeOf(shape), 0.3) });

describe("TFLite operators → ONNX", () => {
  it("CONV_2D: SAME stride 2 on an odd size (the odd pad pixel at the end), VALID, dilation, fused RELU6", async () => {
    await compare(single([1, 9, 7, 3], [1, 5, 4, 4], { op: "CONV_2D", options: { kind: "conv", padding: SAME, strideW: 2, strideH: 2 } }, [weights("k", [4, 3, 3, 3]), weights("b", [4])]));
    await compare(single([1, 8, 8, 2], [1, 6, 4, 5], { op: "CONV_2D", options: { kind: "conv", padding: VALID, strideW: 2, strideH: 1 } }, [weights("k", [5, 3, 2, 2]), weights("b", [5])]));
    await compare(single([1, 10, 10, 2], [1, 10, 10, 3], { op: "CONV_2D", options: { kind: "conv", padding: SAME, strideW: 1, strideH: 1, dilationW: 2, dilationH: 2, activation: RELU6 } }, [weights("k", [3, 3, 3, 2]), weights("b", [3])]));
  });

  it("DEPTHWISE_CONV_2D as a grouped Conv, with depth multipliers 1 and 2", async () => {
    await compare(single([1, 8, 8, 4], [1, 4, 4, 4], { op: "DEPTHWISE_CONV_2D", options: { kind: "depthwise", padding: SAME, strideW: 2, strideH: 2, depthMultiplier: 1, activation: RELU } }, [weights("k", [1, 3, 3, 4]), weights("b", [4])]));
    await compare(single([1, 6, 6, 3], [1, 6, 6, 6], { op: "DEPTHWISE_CONV_2D", options: { kind: "depthwise", padding: SAME, strideW: 1, strideH: 1, depthMultiplier: 2 } }, [weights("k", [1, 5, 5, 6]), weights("b", [6])]));
  });

  it("ADD with a fused RELU, MUL by a per-channel constant, RELU, RELU6, LOGISTIC", async () => {
    const tensors: TestTensor[] = [{ name: "input", shape: [1, 4, 4, 3] }, { name: "doubled", shape: [1, 4, 4, 3] }, { name: "scaled", shape: [1, 4, 4, 3] }, weights("scale", [3]), { name: "relu", shape: [1, 4, 4, 3] }, { name: "relu6", shape: [1, 4, 4, 3] }, { name: "sigmoid", shape: [1, 4, 4, 3] }];
    await compare({
      tensors,
      operators: [
        { op: "ADD", inputs: [0, 0], outputs: [1], options: { kind: "add", activation: RELU } },
        { op: "MUL", inputs: [0, 3], outputs: [2] },
        { op: "RELU", inputs: [2], outputs: [4] },
        { op: "RELU6", inputs: [1], outputs: [5] },
        { op: "LOGISTIC", inputs: [2], outputs: [6] },
      ],
      inputs: [0],
      outputs: [4, 5, 6],
    });
  });

  it("PAD: the NHWC paddings reordered for NCHW, on channels (as the face models pad) and on space", async () => {
    const paddings = (values: number[]): TestTensor => ({ name: "paddings", shape: [4, 2], type: INT32, data: Int32Array.from(values) });
    await compare(single([1, 4, 4, 3], [1, 4, 4, 7], { op: "PAD" }, [paddings([0, 0, 0, 0, 0, 0, 0, 4])]));
    await compare(single([1, 4, 5, 2], [1, 7, 6, 2], { op: "PAD" }, [paddings([0, 0, 1, 2, 0, 1, 0, 0])]));
  });

  it("MAX_POOL_2D with SAME and VALID padding", async () => {
    await compare(single([1, 7, 7, 2], [1, 4, 4, 2], { op: "MAX_POOL_2D", options: { kind: "pool", padding: SAME, strideW: 2, strideH: 2, filterW: 3, filterH: 3 } }));
    await compare(single([1, 8, 8, 2], [1, 4, 4, 2], { op: "MAX_POOL_2D", options: { kind: "pool", padding: VALID, strideW: 2, strideH: 2, filterW: 2, filterH: 2 } }));
  });

  it("CONCATENATION on the channel axis (-1 and 3) and on a reshaped rank-3 tensor; RESHAPE", async () => {
    const tensors: TestTensor[] = [
      { name: "input", shape: [1, 2, 2, 3] },
      { name: "both", shape: [1, 2, 2, 6] },
      { name: "flat", shape: [1, 4, 6] },
      { name: "flat2", shape: [1, 4, 3] },
      { name: "rows", shape: [1, 8, 3] },
      { name: "shape", shape: [3], type: INT32, data: Int32Array.from([1, 4, 3]) },
      { name: "again", shape: [1, 2, 2, 9] },
    ];
    await compare({
      tensors,
      operators: [
        { op: "CONCATENATION", inputs: [0, 0], outputs: [1], options: { kind: "concat", axis: -1, activation: RELU } },
        { op: "RESHAPE", inputs: [1], outputs: [2] },
        { op: "RESHAPE", inputs: [0, 5], outputs: [3] },
        { op: "CONCATENATION", inputs: [3, 3], outputs: [4], options: { kind: "concat", axis: 1 } },
        { op: "CONCATENATION", inputs: [1, 0], outputs: [6], options: { kind: "concat", axis: 3 } },
      ],
      inputs: [0],
      outputs: [2, 4, 6],
    });
  });

  it("RESIZE_BILINEAR with half-pixel centres, aligned corners and TensorFlow's legacy asymmetric mode", async () => {
    const size: TestTensor = { name: "size", shape: [2], type: INT32, data: Int32Array.from([10, 6]) };
    for (const [alignCorners, halfPixelCenters] of [[false, true], [true, false], [false, false]]) {
      await compare(single([1, 5, 3, 2], [1, 10, 6, 2], { op: "RESIZE_BILINEAR", options: { kind: "resize", alignCorners, halfPixelCenters } }, [size]));
    }
  });

  it("folds float16 constants behind DEQUANTIZE into float32 weights", async () => {
    const kernel = randn(2 * 3 * 3 * 2, 0.3);
    const model: TestModel = {
      tensors: [
        { name: "input", shape: [1, 5, 5, 2] },
        { name: "output", shape: [1, 5, 5, 2] },
        { name: "k16", shape: [2, 3, 3, 2], type: FLOAT16, data: toFloat16(kernel) },
        { name: "k", shape: [2, 3, 3, 2] },
      ],
      operators: [
        { op: "DEQUANTIZE", inputs: [2], outputs: [3] },
        { op: "CONV_2D", inputs: [0, 3, -1], outputs: [1], options: { kind: "conv", padding: SAME, strideW: 1, strideH: 1 } },
      ],
      inputs: [0],
      outputs: [1],
    };
    await compare(model);
    const onnx = tfliteToOnnx(writeTflite(model));
    expect(onnx.graph.node.map((n) => n.opType)).not.toContain("Cast");
    expect(onnx.graph.initializer.every((t) => t.dataType !== 10)).toBe(true);
  });

  it("names an operator it cannot convert", () => {
    const softmax = single([1, 4], [1, 4], { op: 25 });
    expect(() => tfliteToOnnx(writeTflite(softmax))).toThrow("unsupported operator SOFTMAX");
    const densify = single([1, 4], [1, 4], { op: 124 });
    expect(() => tfliteToOnnx(writeTflite(densify))).toThrow("unsupported operator DENSIFY");
    expect(() => tfliteToOnnx(new Uint8Array(64))).toThrow(/not a TensorFlow Lite model/);
  });
});

const FACE_DIR = path.resolve("node_modules/@mediapipe/face_detection");

describe("MediaPipe's real face models", () => {
  for (const [file, size] of [["face_detection_short_range.tflite", 128], ["face_detection_full_range.tflite", 192]] as const) {
    it(`${file}: the converted model matches the reference interpreter on the astronaut (max abs ≤ 1e-3)`, async () => {
      const bytes = fs.readFileSync(path.join(FACE_DIR, file));
      const { data } = await sharp(photoPath("astronaut.png")).removeAlpha().resize(size, size, { kernel: "linear" }).raw().toBuffer({ resolveWithObject: true });
      const input = Float32Array.from(data, (v) => v / 127.5 - 1);
      const expected = evaluateTflite(readTflite(bytes), input);
      const actual = await runOnnx(bytes, input);
      const names = Object.keys(expected);
      expect(names).toHaveLength(2);
      for (const name of names) {
        expect(actual[name].dims).toEqual(expected[name].shape);
        expect(maxAbsDifference(actual[name].data, expected[name].data)).toBeLessThanOrEqual(1e-3);
      }
      // Not a trivially zero network: the regressors reach tens of pixels.
      expect(Math.max(...expected[names[0]].data.map(Math.abs))).toBeGreaterThan(10);
    });
  }
});
