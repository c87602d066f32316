// TensorFlow.js layers model (Keras Functional JSON) → ONNX image-to-image network, for the UpscalerJS RDN and
// RRDN super-resolution models (docs/converters.md#tensorflowjs-layers-models). The ONNX model has Onyx's upscaler contract — `input`
// [1, 3, h, w] RGB in 0..1 → `output` [1, 3, s·h, s·w] in 0..1 — so it runs on the ESRGAN path; the network's
// own input range (0..255 for RDN, 0..1 for RRDN) is applied inside the graph. Everything is NCHW: Keras' only
// layout-bound parameters here are kernels (HWIO → OIHW) and the concatenation axis.
import path from "node:path";
import { GraphBuilder } from "@/lib/onnx/graph-builder";
import { DataType, type ModelProto } from "@/lib/onnx/proto";
import { createModel } from "@/lib/onnx/write";
import { applyActivation, convWeightsFromHwio, emitConv, emitNearestUpsample, nchwAxis, type ActivationName, type ConstTensor } from "@/lib/convert/nchw";
import { readTfjsModelJson, readTfjsWeights } from "@/lib/convert/tfjs-weights";
import { UnsupportedOperatorError } from "@/lib/convert/unsupported";

interface KerasLayer {
  class_name: string;
  name: string;
  config: Record<string, unknown>;
  /** [[[layer, nodeIndex, tensorIndex, kwargs], …]] — one call of the layer, its inputs. */
  inbound_nodes: Array<Array<[string, number, number, unknown?]>>;
}

interface FunctionalConfig {
  layers: KerasLayer[];
  input_layers: Array<[string, number, number]>;
  output_layers: Array<[string, number, number]>;
}

export interface LayersConversionOptions {
  /** The value range the network was trained on: [0, 255] or [0, 1]. */
  inputRange: [number, number];
}

const ACTIVATIONS: Record<string, ActivationName> = { linear: "linear", relu: "relu", relu6: "relu6", sigmoid: "sigmoid", tanh: "tanh" };

function activation(layer: KerasLayer): ActivationName {
  const name = String(layer.config.activation ?? "linear");
  const a = ACTIVATIONS[name];
  if (!a) throw new UnsupportedOperatorError(`${layer.class_name} activation ${name}`);
  return a;
}

function pair(v: unknown, fallback: number): [number, number] {
  if (Array.isArray(v)) return [Number(v[0]), Number(v[1])];
  return typeof v === "number" ? [v, v] : [fallback, fallback];
}

function functionalConfig(topology: unknown): FunctionalConfig {
  const t = topology as { model_config?: { class_name?: string; config?: FunctionalConfig }; class_name?: string; config?: FunctionalConfig };
  const model = t.model_config ?? t;
  if (model.class_name !== "Functional" && model.class_name !== "Model") throw new UnsupportedOperatorError(`Keras ${model.class_name ?? "unknown"} model (only Functional models are converted)`);
  return model.config!;
}

/** Converts a layers model (its model.json, shards beside it) into an upscaler network. */
export function tfjsLayersToOnnx(modelJson: string, options: LayersConversionOptions): ModelProto {
  const json = readTfjsModelJson(modelJson);
  const config = functionalConfig(json.modelTopology);
  const weights = readTfjsWeights(path.dirname(modelJson), json);
  const b = new GraphBuilder({ seed: 0 });
  const values = new Map<string, string>();
  const weight = (layer: KerasLayer, local: string): ConstTensor => {
    const w = weights.get(`${layer.name}/${local}`);
    if (!w) throw new Error(`layer ${layer.name}: weight ${local} is missing from the shards`);
    return w;
  };

  if (config.input_layers.length !== 1 || config.output_layers.length !== 1) throw new Error("an upscaler has one input and one output");
  const [low, high] = options.inputRange;
  const input = b.input("input", [1, 3, "height", "width"], DataType.FLOAT);
  // 0..1 → the network's range.
  const scaled = high - low === 1 && low === 0 ? input : b.node("Add", [b.node("Mul", [input, b.floatConstant([high - low])]), b.floatConstant([low])]);

  for (const layer of config.layers) {
    if (layer.class_name === "InputLayer") {
      values.set(layer.name, scaled);
      continue;
    }
    if (layer.inbound_nodes.length !== 1) throw new UnsupportedOperatorError(`${layer.class_name} ${layer.name} called ${layer.inbound_nodes.length} times (shared layers)`);
    const inputs = layer.inbound_nodes[0].map(([source]) => {
      const v = values.get(source);
      if (!v) throw new Error(`layer ${layer.name} reads ${source} before it is computed`);
      return v;
    });
    const c = layer.config;
    let out: string;
    switch (layer.class_name) {
      case "Conv2D": {
        if (c.data_format && c.data_format !== "channels_last") throw new UnsupportedOperatorError(`Conv2D ${c.data_format}`);
        const kernel = weight(layer, "kernel");
        const padding = String(c.padding).toUpperCase();
        if (padding !== "SAME" && padding !== "VALID") throw new UnsupportedOperatorError(`Conv2D padding ${c.padding}`);
        const conv = emitConv(b, inputs[0], layer.name, {
          weights: convWeightsFromHwio(kernel),
          bias: c.use_bias === false ? null : weight(layer, "bias"),
          group: Number(c.groups ?? 1),
          window: { kernel: [kernel.shape[0], kernel.shape[1]], strides: pair(c.strides, 1), dilations: pair(c.dilation_rate, 1) },
          padding,
          inputHW: null,
        });
        out = applyActivation(b, conv, activation(layer));
        break;
      }
      case "Activation":
        out = applyActivation(b, inputs[0], activation(layer));
        break;
      case "Concatenate":
        out = b.node("Concat", inputs, { axis: nchwAxis(Number(c.axis ?? -1)) });
        break;
      case "Add":
        out = inputs.slice(1).reduce((acc, x) => b.node("Add", [acc, x]), inputs[0]);
        break;
      case "UpSampling2D": {
        if (c.interpolation && c.interpolation !== "nearest") throw new UnsupportedOperatorError(`UpSampling2D ${c.interpolation}`);
        const [sh, sw] = pair(c.size, 2);
        out = emitNearestUpsample(b, inputs[0], sh, sw);
        break;
      }
      case "MultiplyBeta":
        // UpscalerJS's residual scaling layer: x · beta (0.2 in every RRDN).
        out = b.node("Mul", [inputs[0], b.floatConstant([Number(c.beta ?? 0.2)])]);
        break;
      default: {
        // UpscalerJS's PixelShuffle{2,3,4,8}x: tf.depthToSpace(x, s, "NHWC"), channel index (i·s + j)·C + c,
        // which is ONNX's DepthToSpace in DCR order on NCHW.
        const shuffle = /^PixelShuffle(\d+)x$/.exec(layer.class_name);
        if (!shuffle) throw new UnsupportedOperatorError(layer.class_name);
        out = b.node("DepthToSpace", [inputs[0]], { blocksize: Number(c.scale ?? shuffle[1]), mode: "DCR" });
      }
    }
    values.set(layer.name, out);
  }
  const result = values.get(config.output_layers[0][0])!;
  const normalized = high - low === 1 && low === 0 ? result : b.node("Div", [b.node("Sub", [result, b.floatConstant([low])]), b.floatConstant([high - low])]);
  b.output(normalized, "output", [1, 3, "out_height", "out_width"], DataType.FLOAT);
  return createModel(b.build("tfjs_layers"));
}
