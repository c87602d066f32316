// TensorFlow Lite → ONNX for float models of the MediaPipe kind (docs/converters.md#tensorflow-lite). The graph input
// stays NHWC and is transposed to NCHW once; 4-D activations are NCHW from there on and go back to NHWC before
// a RESHAPE and at the outputs, so the ONNX model takes and returns exactly what the TFLite model does.
// Float16 constants behind DEQUANTIZE are folded into float32 weights. Any other operator is refused by name.
import { fromFloat16 } from "@/lib/onnx/float16";
import { GraphBuilder } from "@/lib/onnx/graph-builder";
import { DataType, type ModelProto } from "@/lib/onnx/proto";
import { createModel } from "@/lib/onnx/write";
import { applyActivation, convWeightsFromDepthwise, emitConv, nchwAxis, transpose, windowPadding, type ActivationName, type ConstTensor, type TfPadding } from "@/lib/convert/nchw";
import { Activation, BuiltinOperator as Op, Padding, TensorType, readTflite, type TfliteModel, type TfliteOperator, type TfliteTensor } from "@/lib/convert/tflite-model";
import { UnsupportedOperatorError } from "@/lib/convert/unsupported";

interface Value {
  name: string;
  /** 4-D activations are carried NCHW; everything else keeps TFLite's layout. */
  layout: "nchw" | "plain";
}

function fusedActivation(op: TfliteOperator, code: number): ActivationName {
  switch (code) {
    case Activation.NONE:
      return "linear";
    case Activation.RELU:
      return "relu";
    case Activation.RELU6:
      return "relu6";
    case Activation.TANH:
      return "tanh";
    default:
      throw new UnsupportedOperatorError(`${op.name} with fused activation ${code}`);
  }
}

function padding(code: number): TfPadding {
  return code === Padding.VALID ? "VALID" : "SAME";
}

/** A constant tensor's values (copied: FlatBuffer data need not be aligned for a typed array). */
function decodeConstant(tensor: TfliteTensor): ConstTensor | null {
  const bytes = tensor.data;
  if (!bytes) return null;
  const copy = new Uint8Array(bytes).buffer; // a copy: a Buffer's slice() would share the file's memory
  switch (tensor.type) {
    case TensorType.FLOAT32:
      return { shape: tensor.shape, data: new Float32Array(copy) };
    case TensorType.FLOAT16:
      return { shape: tensor.shape, data: fromFloat16(new Uint16Array(copy)) };
    case TensorType.INT32:
      return { shape: tensor.shape, data: new Int32Array(copy) };
    default:
      throw new Error(`constant ${tensor.name} has tensor type ${tensor.type}, which the converter does not read`);
  }
}

class TfliteConversion {
  readonly b = new GraphBuilder({ seed: 0 });
  private readonly values = new Map<number, Value>();
  private readonly constants = new Map<number, ConstTensor>();

  constructor(private readonly model: TfliteModel) {}

  private tensor(index: number): TfliteTensor {
    return this.model.tensors[index];
  }

  private constant(index: number): ConstTensor | null {
    if (!this.constants.has(index)) {
      const decoded = decodeConstant(this.tensor(index));
      if (decoded) this.constants.set(index, decoded);
    }
    return this.constants.get(index) ?? null;
  }

  private requireConstant(op: TfliteOperator, index: number): ConstTensor {
    const c = this.constant(index);
    if (!c) throw new UnsupportedOperatorError(`${op.name} with a computed ${this.tensor(index).name} (only constants are supported there)`);
    return c;
  }

  /** The ONNX value of a tensor; constants become initializers in the layout of `like`. */
  private value(index: number, like: Value["layout"] = "plain"): Value {
    const known = this.values.get(index);
    if (known) return known;
    const c = this.constant(index);
    if (!c) throw new Error(`tensor ${this.tensor(index).name} is used before any operator produces it`);
    let { shape, data } = c;
    if (like === "nchw" && shape.length === 4) (data = transpose(data, shape, [0, 3, 1, 2])), (shape = [shape[0], shape[3], shape[1], shape[2]]);
    else if (like === "nchw" && shape.length === 1) shape = [shape[0], 1, 1];
    const name = this.b.parameter(this.tensor(index).name, shape, Float32Array.from(data));
    return { name, layout: like };
  }

  private set(index: number, name: string, layout: Value["layout"]): void {
    this.values.set(index, { name, layout });
  }

  /** The tensor as NHWC / plain (transposing back a 4-D NCHW activation). */
  private plain(index: number): string {
    const v = this.value(index);
    return v.layout === "nchw" ? this.b.node("Transpose", [v.name], { perm: [0, 2, 3, 1] }) : v.name;
  }

  private spatial(index: number): [number, number] {
    const shape = this.tensor(index).shape;
    return [shape[1], shape[2]];
  }

  convert(): ModelProto {
    const b = this.b;
    for (const index of this.model.inputs) {
      const t = this.tensor(index);
      const input = b.input(t.name, t.shape, DataType.FLOAT);
      this.set(index, t.shape.length === 4 ? b.node("Transpose", [input], { perm: [0, 3, 1, 2] }) : input, t.shape.length === 4 ? "nchw" : "plain");
    }
    for (const op of this.model.operators) this.operator(op);
    for (const index of this.model.outputs) {
      const t = this.tensor(index);
      b.output(this.plain(index), t.name, t.shape, DataType.FLOAT);
    }
    return createModel(b.build("tflite"));
  }

  private operator(op: TfliteOperator): void {
    const b = this.b;
    const [x, second] = op.inputs;
    const out = op.outputs[0];
    switch (op.code) {
      case Op.DEQUANTIZE: {
        const c = this.requireConstant(op, x);
        this.constants.set(out, { shape: c.shape, data: Float32Array.from(c.data) });
        return;
      }
      case Op.CONV_2D:
      case Op.DEPTHWISE_CONV_2D: {
        const o = op.conv!;
        const kernel = this.requireConstant(op, second);
        const bias = op.inputs[2] >= 0 ? this.requireConstant(op, op.inputs[2]) : null;
        const channels = this.tensor(x).shape[3];
        // CONV_2D weights are OHWI; DEPTHWISE_CONV_2D weights are [1, kh, kw, C·m].
        const weights = op.code === Op.CONV_2D
          ? { shape: [kernel.shape[0], kernel.shape[3], kernel.shape[1], kernel.shape[2]], data: transpose(kernel.data, kernel.shape, [0, 3, 1, 2]) }
          : convWeightsFromDepthwise(Float32Array.from(kernel.data), kernel.shape[1], kernel.shape[2]);
        const y = emitConv(b, this.value(x).name, this.tensor(second).name, {
          weights,
          bias,
          group: op.code === Op.CONV_2D ? 1 : channels,
          window: { kernel: [weights.shape[2], weights.shape[3]], strides: [o.strideH, o.strideW], dilations: [o.dilationH, o.dilationW] },
          padding: padding(o.padding),
          inputHW: this.spatial(x),
        });
        this.set(out, applyActivation(b, y, fusedActivation(op, o.activation)), "nchw");
        return;
      }
      case Op.ADD:
      case Op.MUL: {
        const layout = this.values.get(x)?.layout ?? this.values.get(second)?.layout ?? "plain";
        const y = b.node(op.code === Op.ADD ? "Add" : "Mul", [this.value(x, layout).name, this.value(second, layout).name]);
        this.set(out, applyActivation(b, y, fusedActivation(op, op.activation ?? 0)), layout);
        return;
      }
      case Op.RELU:
      case Op.RELU6:
      case Op.LOGISTIC: {
        const v = this.value(x);
        const activation = op.code === Op.RELU ? "relu" : op.code === Op.RELU6 ? "relu6" : "sigmoid";
        this.set(out, applyActivation(b, v.name, activation), v.layout);
        return;
      }
      case Op.PAD: {
        const v = this.value(x);
        const pads = Array.from(this.requireConstant(op, second).data);
        // paddings is [rank, 2] (before, after) in the tensor's own axis order; ONNX wants all befores, then all afters.
        const order = v.layout === "nchw" ? [0, 3, 1, 2] : pads.map((_, i) => i).slice(0, pads.length / 2);
        const onnxPads = [...order.map((a) => pads[2 * a]), ...order.map((a) => pads[2 * a + 1])];
        this.set(out, b.node("Pad", [v.name, b.int64Constant(onnxPads)], { mode: "constant" }), v.layout);
        return;
      }
      case Op.MAX_POOL_2D: {
        const o = op.pool!;
        const window = { kernel: [o.filterH, o.filterW] as [number, number], strides: [o.strideH, o.strideW] as [number, number], dilations: [1, 1] as [number, number] };
        const y = b.node("MaxPool", [this.value(x).name], { kernel_shape: window.kernel, strides: window.strides, ...windowPadding(padding(o.padding), window, this.spatial(x)) });
        this.set(out, applyActivation(b, y, fusedActivation(op, o.activation)), "nchw");
        return;
      }
      case Op.CONCATENATION: {
        const layouts = op.inputs.map((i) => this.values.get(i)?.layout ?? "plain");
        const nchw = layouts.every((l) => l === "nchw");
        const parts = op.inputs.map((i) => (nchw ? this.value(i, "nchw").name : this.plain(i)));
        const rank = this.tensor(out).shape.length;
        const axis = op.axis! < 0 ? op.axis! + rank : op.axis!;
        const y = b.node("Concat", parts, { axis: nchw ? nchwAxis(axis) : axis });
        this.set(out, applyActivation(b, y, fusedActivation(op, op.activation ?? 0)), nchw ? "nchw" : "plain");
        return;
      }
      case Op.RESHAPE: {
        const target = this.tensor(out).shape;
        const y = b.node("Reshape", [this.plain(x), b.int64Constant(target)]);
        if (target.length === 4) this.set(out, b.node("Transpose", [y], { perm: [0, 3, 1, 2] }), "nchw");
        else this.set(out, y, "plain");
        return;
      }
      case Op.RESIZE_BILINEAR: {
        const [height, width] = Array.from(this.requireConstant(op, second).data);
        const { alignCorners, halfPixelCenters } = op.resize!;
        const mode = alignCorners ? "align_corners" : halfPixelCenters ? "half_pixel" : "asymmetric";
        const channels = this.tensor(x).shape[3];
        const y = b.node("Resize", [this.value(x).name, "", "", b.int64Constant([1, channels, height, width])], { mode: "linear", coordinate_transformation_mode: mode });
        this.set(out, y, "nchw");
        return;
      }
      default:
        throw new UnsupportedOperatorError(op.name);
    }
  }
}

/** Converts a .tflite file's bytes to an ONNX model with the same inputs and outputs (names, NHWC shapes). */
export function tfliteToOnnx(bytes: Uint8Array): ModelProto {
  return new TfliteConversion(readTflite(bytes)).convert();
}
