// What the three converters share when they turn a TensorFlow (NHWC) network into an ONNX (NCHW) one:
// moving weights to ONNX's layouts, TensorFlow's SAME padding, the activation functions TensorFlow fuses
// into its layers, and the mapping of NHWC axes. docs/converters.md#shared-mapping.
import type { AttributeValue, GraphBuilder } from "@/lib/onnx/graph-builder";
import { floatScales } from "@/lib/onnx/graph-blocks";

/** A constant with its shape: weights after decoding, or shape/axis operands. */
export interface ConstTensor {
  shape: number[];
  data: Float32Array | Int32Array;
}

/** `data` of `shape` with its axes permuted (numpy's transpose(perm)). */
export function transpose<T extends Float32Array | Int32Array>(data: T, shape: number[], perm: number[]): T {
  const rank = shape.length;
  const outShape = perm.map((p) => shape[p]);
  const inStrides = new Array<number>(rank);
  for (let i = rank - 1, s = 1; i >= 0; i--) (inStrides[i] = s), (s *= shape[i]);
  const strides = perm.map((p) => inStrides[p]);
  const out = new (data.constructor as { new (n: number): T })(data.length);
  const index = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let i = 0; i < rank; i++) src += index[i] * strides[i];
    out[o] = data[src];
    for (let i = rank - 1; i >= 0 && ++index[i] === outShape[i]; i--) index[i] = 0;
  }
  return out;
}

/** NHWC → NCHW axis of a rank-4 tensor (negative axes count from the end, as TensorFlow allows). */
export function nchwAxis(axis: number): number {
  return [0, 2, 3, 1][axis < 0 ? axis + 4 : axis];
}

/** TensorFlow's padding names, as the three formats spell them. */
export type TfPadding = "SAME" | "VALID";

export interface Window {
  kernel: [number, number];
  strides: [number, number];
  dilations: [number, number];
}

/**
 * ONNX `pads` / `auto_pad` for TensorFlow padding. SAME pads so that out = ceil(in / stride), the odd pixel at
 * the bottom/right: explicit pads when the input size is known (or the stride is 1, where they do not depend on
 * it), otherwise ONNX's SAME_UPPER, which is the same rule.
 */
export function windowPadding(padding: TfPadding, window: Window, inputHW: [number, number] | null): Record<string, AttributeValue> {
  if (padding === "VALID") return { pads: [0, 0, 0, 0] };
  const before: number[] = [];
  const after: number[] = [];
  for (let axis = 0; axis < 2; axis++) {
    const stride = window.strides[axis];
    const span = (window.kernel[axis] - 1) * window.dilations[axis] + 1;
    let total: number;
    if (stride === 1) total = span - 1;
    else if (inputHW) total = Math.max((Math.ceil(inputHW[axis] / stride) - 1) * stride + span - inputHW[axis], 0);
    else return { auto_pad: "SAME_UPPER" };
    before.push(Math.floor(total / 2));
    after.push(total - Math.floor(total / 2));
  }
  return { pads: [...before, ...after] };
}

/** Activations TensorFlow fuses into layers or writes as their own op, by their Keras / TF names. */
export type ActivationName = "linear" | "relu" | "relu6" | "sigmoid" | "tanh";

export function applyActivation(b: GraphBuilder, x: string, activation: ActivationName): string {
  switch (activation) {
    case "linear":
      return x;
    case "relu":
      return b.node("Relu", [x]);
    case "relu6":
      return b.node("Clip", [x, b.floatConstant([0]), b.floatConstant([6])]);
    case "sigmoid":
      return b.node("Sigmoid", [x]);
    case "tanh":
      return b.node("Tanh", [x]);
  }
}

/** The weights tensor for Conv from TensorFlow's [kh, kw, in, out] (Keras and TF graph Conv2D). */
export function convWeightsFromHwio(kernel: ConstTensor): ConstTensor {
  const [kh, kw, cin, cout] = kernel.shape;
  return { shape: [cout, cin, kh, kw], data: transpose(kernel.data, kernel.shape, [3, 2, 0, 1]) };
}

/**
 * Grouped Conv weights for a depthwise convolution. TensorFlow's [kh, kw, C, M] (DepthwiseConv2dNative) and
 * TFLite's [1, kh, kw, C·M] hold the same bytes, (kh, kw, C·M): output channel c·M + m reads input channel c.
 */
export function convWeightsFromDepthwise(data: Float32Array, kh: number, kw: number): ConstTensor {
  const outChannels = data.length / (kh * kw);
  return { shape: [outChannels, 1, kh, kw], data: transpose(data, [kh, kw, outChannels], [2, 0, 1]) };
}

export interface ConvSpec {
  weights: ConstTensor;
  bias: ConstTensor | null;
  group: number;
  window: Window;
  padding: TfPadding;
  inputHW: [number, number] | null;
}

/** An ONNX Conv on an NCHW value with weights already in OIHW. */
export function emitConv(b: GraphBuilder, x: string, name: string, spec: ConvSpec): string {
  const inputs = [x, b.parameter(`${name}.weight`, spec.weights.shape, Float32Array.from(spec.weights.data))];
  if (spec.bias) inputs.push(b.parameter(`${name}.bias`, [spec.bias.data.length], Float32Array.from(spec.bias.data)));
  return b.node("Conv", inputs, {
    kernel_shape: [spec.weights.shape[2], spec.weights.shape[3]],
    strides: spec.window.strides,
    dilations: spec.window.dilations,
    group: spec.group,
    ...windowPadding(spec.padding, spec.window, spec.inputHW),
  });
}

/** Nearest-neighbour upsampling by an integer factor (Keras UpSampling2D): out[i] = in[floor(i / s)]. */
export function emitNearestUpsample(b: GraphBuilder, x: string, factorH: number, factorW: number): string {
  return b.node("Resize", [x, "", floatScales(b, [1, 1, factorH, factorW])], { mode: "nearest", nearest_mode: "floor", coordinate_transformation_mode: "asymmetric" });
}
