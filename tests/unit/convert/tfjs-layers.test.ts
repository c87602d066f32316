// TF.js layers model → ONNX upscaler: each Keras layer on a small generated Functional model, then the real
// UpscalerJS RDN and RRDN models, against TF.js with UpscalerJS's custom layers on the same input. The ONNX side
// takes and returns 0..1 whatever range the network works in.
import path from "node:path";
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { tfjsLayersToOnnx } from "@/lib/convert/tfjs-layers-to-onnx";
import { encodeModelProto } from "@/lib/onnx/proto";
import { seededRandn } from "./random-tensors";
import { loadLayersModel, registerUpscalerLayers, tf, writeTfjsModel, type TestWeight } from "./tfjs-reference";

const randn = seededRandn(11);

interface Layer {
  class_name: string;
  name: string;
  config: Record<string, unknown>;
  inbound_nodes: unknown[];
}

const input = (name = "input"): Layer => ({ class_name: "InputLayer", name, config: { name, batch_input_shape: [null, null, null, 3], dtype: "float32" }, inbound_nodes: [] });
const layer = (class_name: string, name: string, from: string[], config: Record<string, unknown> = {}): Layer => ({
  class_name,
  name,
  config: { name, trainable: true, dtype: "float32", ...config },
  inbound_nodes: [from.map((f) => [f, 0, 0, {}])],
});
const conv = (name: string, from: string, filters: number, kernel: number, extra: Record<string, unknown> = {}) =>
  layer("Conv2D", name, [from], { filters, kernel_size: [kernel, kernel], strides: [1, 1], padding: "same", data_format: "channels_last", dilation_rate: [1, 1], groups: 1, activation: "linear", use_bias: true, ...extra });

function functional(layers: Layer[], output: string) {
  return {
    keras_version: "2.10.0",
    backend: "tensorflow",
    model_config: { class_name: "Functional", config: { name: "test", layers, input_layers: [[layers[0].name, 0, 0]], output_layers: [[output, 0, 0]] } },
  };
}

const kernel = (name: string, k: number, cin: number, cout: number): TestWeight[] => [
  { name: `${name}/kernel`, shape: [k, k, cin, cout], data: randn(k * k * cin * cout, 0.3) },
  { name: `${name}/bias`, shape: [cout], data: randn(cout, 0.1) },
];

/** Our ONNX on 0..1 NCHW vs TF.js on the same picture in the network's range, NHWC. Returns the worst difference in that range. */
async function worstDifference(modelJson: string, range: [number, number], height: number, width: number): Promise<number> {
  registerUpscalerLayers();
  // Normal draws squashed into 0..1 (the Philox generator only gives normals).
  const unit = randn(3 * height * width).map((v) => 1 / (1 + Math.exp(-v)));
  const nhwc = new Float32Array(unit.length);
  for (let c = 0; c < 3; c++) for (let i = 0; i < height * width; i++) nhwc[i * 3 + c] = range[0] + unit[c * height * width + i] * (range[1] - range[0]);
  const reference = await loadLayersModel(modelJson);
  const expected = reference.predict(tf.tensor(nhwc, [1, height, width, 3])) as tf.Tensor;
  const session = await ort.InferenceSession.create(encodeModelProto(tfjsLayersToOnnx(modelJson, { inputRange: range })));
  const { output } = await session.run({ input: new ort.Tensor("float32", unit, [1, 3, height, width]) });
  const [, oh, ow, oc] = expected.shape;
  expect([...output.dims]).toEqual([1, oc, oh, ow]);
  const want = expected.dataSync();
  const got = output.data as Float32Array;
  let worst = 0;
  for (let c = 0; c < oc; c++) {
    for (let i = 0; i < oh * ow; i++) worst = Math.max(worst, Math.abs(want[i * oc + c] - (range[0] + got[c * oh * ow + i] * (range[1] - range[0]))));
  }
  tf.dispose(expected);
  await session.release();
  return worst;
}

describe("TF.js layers → ONNX", () => {
  it("Conv2D (3×3 same with relu, 5×5 same, 1×1 valid), Activation, Concatenate, Add", async () => {
    const layers = [
      input(),
      conv("a", "input", 4, 3, { activation: "relu" }),
      conv("b", "a", 4, 5),
      layer("Activation", "b_relu", ["b"], { activation: "relu" }),
      layer("Concatenate", "cat", ["a", "b_relu", "input"], { axis: 3 }),
      conv("c", "cat", 3, 1, { padding: "valid" }),
      layer("Add", "sum", ["c", "input"]),
    ];
    const file = writeTfjsModel("layers-model", functional(layers, "sum"), [...kernel("a", 3, 3, 4), ...kernel("b", 5, 4, 4), ...kernel("c", 1, 11, 3)]);
    expect(await worstDifference(file, [0, 1], 9, 7)).toBeLessThanOrEqual(1e-5);
  });

  it("UpSampling2D (nearest), MultiplyBeta and PixelShuffle (depth_to_space, DCR), in the 0..255 range too", async () => {
    const layers = [
      input(),
      conv("pre", "input", 12, 3),
      layer("MultiplyBeta", "beta", ["pre"], { beta: 0.2 }),
      layer("PixelShuffle2x", "shuffle", ["beta"], { scale: 2 }),
      layer("UpSampling2D", "up", ["shuffle"], { size: [3, 3], data_format: "channels_last", interpolation: "nearest" }),
      conv("out", "up", 3, 3),
    ];
    const file = writeTfjsModel("layers-model", functional(layers, "out"), [...kernel("pre", 3, 3, 12), ...kernel("out", 3, 3, 3)]);
    expect(await worstDifference(file, [0, 1], 5, 6)).toBeLessThanOrEqual(1e-5);
    expect(await worstDifference(file, [0, 255], 5, 6)).toBeLessThanOrEqual(2e-3);
  });

  it("names a layer it cannot convert", () => {
    const file = writeTfjsModel("layers-model", functional([input(), layer("BatchNormalization", "bn", ["input"])], "bn"), []);
    expect(() => tfjsLayersToOnnx(file, { inputRange: [0, 1] })).toThrow("unsupported operator BatchNormalization");
  });
});

const models = (pkg: string, scale: number) => path.resolve(`node_modules/@upscalerjs/${pkg}/models/x${scale}/model.json`);

describe("UpscalerJS's real models", () => {
  it("RDN ×2 and ×4 (esrgan-medium, 0..255) match TF.js (≤ 2e-3 in 0..255)", async () => {
    for (const scale of [2, 4]) expect(await worstDifference(models("esrgan-medium", scale), [0, 255], 20, 18)).toBeLessThanOrEqual(2e-3);
  }, 120_000);

  it("RRDN ×4 (esrgan-thick, 0..1) matches TF.js (≤ 1e-5)", async () => {
    expect(await worstDifference(models("esrgan-thick", 4), [0, 1], 12, 12)).toBeLessThanOrEqual(1e-5);
  }, 120_000);
});

