// TensorFlow.js graph model → ONNX (docs/converters.md#tensorflowjs-graph-models): the GraphDef-like node list of model.json, cut at
// the requested outputs (only the nodes they depend on are converted, so post-processing such as TopK and
// gathers after the heads is left out), with the weights of the Const nodes decoded from the shards. Layout as
// in the TFLite converter: the NHWC input is transposed to NCHW once, outputs go back to NHWC.
import path from "node:path";
import { GraphBuilder } from "@/lib/onnx/graph-builder";
import { DataType, type ModelProto } from "@/lib/onnx/proto";
import { createModel } from "@/lib/onnx/write";
import { applyActivation, convWeightsFromDepthwise, convWeightsFromHwio, emitConv, nchwAxis, transpose, windowPadding, type ActivationName, type ConstTensor, type TfPadding } from "@/lib/convert/nchw";
import { readTfjsModelJson, readTfjsWeights } from "@/lib/convert/tfjs-weights";
import { UnsupportedOperatorError } from "@/lib/convert/unsupported";

interface AttrValue {
  s?: string;
  i?: string | number;
  f?: number;
  b?: boolean;
  type?: string;
  list?: { i?: Array<string | number>; s?: string[] };
  shape?: { dim?: Array<{ size?: string | number }> };
}

export interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, AttrValue>;
}

interface Signature {
  inputs?: Record<string, { name: string; tensorShape?: { dim?: Array<{ size: string }> } }>;
  outputs?: Record<string, { name: string; tensorShape?: { dim?: Array<{ size: string }> } }>;
}

interface Value {
  name: string;
  layout: "nchw" | "plain";
  /** Known for everything this converter produces (4 for NCHW activations); outputs need it. */
  rank: number;
}

const text = (v: AttrValue | undefined) => (v?.s ? Buffer.from(v.s, "base64").toString("utf8") : "");
const ints = (v: AttrValue | undefined) => (v?.list?.i ?? []).map(Number);
const dimsOf = (dims: Array<{ size?: string | number }> | undefined) => (dims ?? []).map((d) => Number(d.size ?? -1));

const FUSED_ACTIVATIONS: Record<string, ActivationName> = { Relu: "relu", Relu6: "relu6", Sigmoid: "sigmoid", Tanh: "tanh" };
const UNARY: Record<string, ActivationName> = { Relu: "relu", Relu6: "relu6", Sigmoid: "sigmoid", Tanh: "tanh" };
const BINARY: Record<string, string> = { Add: "Add", AddV2: "Add", Mul: "Mul", Sub: "Sub", RealDiv: "Div", Maximum: "Max", Minimum: "Min" };

/** "node:1" → node name and output index; control inputs ("^node") are not data. */
function parseInput(input: string): { node: string; index: number } | null {
  if (input.startsWith("^")) return null;
  const m = /^(.*?)(?::(\d+))?$/.exec(input)!;
  return { node: m[1], index: Number(m[2] ?? 0) };
}

class GraphConversion {
  readonly b = new GraphBuilder({ seed: 0 });
  private readonly nodes: Map<string, GraphNode>;
  private readonly values = new Map<string, Value>();

  constructor(topology: { node: GraphNode[] }, private readonly weights: Map<string, ConstTensor>, private readonly signature: Signature) {
    this.nodes = new Map(topology.node.map((n) => [n.name, n]));
  }

  private node(name: string): GraphNode {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`the graph has no node ${name}`);
    return n;
  }

  private dataInputs(n: GraphNode): string[] {
    return (n.input ?? []).flatMap((i) => {
      const parsed = parseInput(i);
      if (!parsed) return [];
      if (parsed.index !== 0) throw new UnsupportedOperatorError(`${this.node(parsed.node).op} output ${parsed.index} (${i})`);
      return [parsed.node];
    });
  }

  private constant(name: string): ConstTensor | null {
    const n = this.node(name);
    if (n.op === "Identity") return this.constant(this.dataInputs(n)[0]);
    return n.op === "Const" ? (this.weights.get(name) ?? null) : null;
  }

  private requireConstant(user: GraphNode, name: string): ConstTensor {
    const c = this.constant(name);
    if (!c) throw new UnsupportedOperatorError(`${user.op} with a computed ${name} (only constants are supported there)`);
    return c;
  }

  /** The ONNX value of a node; constants become initializers in the layout their user needs. */
  private value(name: string, like: Value["layout"] = "plain"): Value {
    const known = this.values.get(name);
    if (known) return known;
    const c = this.constant(name);
    if (!c) return this.convert(this.node(name));
    let { shape, data } = c;
    if (like === "nchw" && shape.length === 4) (data = transpose(data, shape, [0, 3, 1, 2])), (shape = [shape[0], shape[3], shape[1], shape[2]]);
    else if (like === "nchw" && shape.length === 1) shape = [shape[0], 1, 1];
    return { name: this.b.parameter(name, shape, Float32Array.from(data)), layout: like, rank: shape.length };
  }

  private plain(name: string): string {
    const v = this.value(name);
    return v.layout === "nchw" ? this.b.node("Transpose", [v.name], { perm: [0, 2, 3, 1] }) : v.name;
  }

  /** Converts `n` (after its inputs, depth first) and remembers its value. */
  private convert(n: GraphNode): Value {
    const v = this.emit(n);
    this.values.set(n.name, v);
    return v;
  }

  private emit(n: GraphNode): Value {
    const b = this.b;
    const inputs = this.dataInputs(n);
    const attr = n.attr ?? {};
    switch (n.op) {
      case "Placeholder": {
        const dims = dimsOf(attr.shape?.shape?.dim).map((d, i) => (d < 0 ? `dim_${i}` : d));
        const input = b.input(n.name, dims, DataType.FLOAT);
        return dims.length === 4 ? { name: b.node("Transpose", [input], { perm: [0, 3, 1, 2] }), layout: "nchw", rank: 4 } : { name: input, layout: "plain", rank: dims.length };
      }
      case "Identity":
        return this.value(inputs[0]);
      case "Conv2D":
      case "_FusedConv2D":
      case "DepthwiseConv2dNative":
      case "FusedDepthwiseConv2dNative":
        return this.conv(n, inputs);
      case "MaxPool": {
        if (text(attr.data_format) && text(attr.data_format) !== "NHWC") throw new UnsupportedOperatorError(`MaxPool in ${text(attr.data_format)}`);
        const [, kh, kw] = ints(attr.ksize);
        const [, sh, sw] = ints(attr.strides);
        const window = { kernel: [kh, kw] as [number, number], strides: [sh, sw] as [number, number], dilations: [1, 1] as [number, number] };
        const y = b.node("MaxPool", [this.value(inputs[0]).name], { kernel_shape: window.kernel, strides: window.strides, ...windowPadding(this.padding(n), window, null) });
        return { name: y, layout: "nchw", rank: 4 };
      }
      case "Mean": {
        const axes = Array.from(this.requireConstant(n, inputs[1]).data);
        const x = this.value(inputs[0]);
        if (attr.keep_dims?.b && x.layout === "nchw") {
          return { name: b.node("ReduceMean", [x.name, b.int64Constant(axes.map(nchwAxis))], { keepdims: 1 }), layout: "nchw", rank: 4 };
        }
        const keep = attr.keep_dims?.b ?? false;
        return { name: b.node("ReduceMean", [this.plain(inputs[0]), b.int64Constant(axes)], { keepdims: keep ? 1 : 0 }), layout: "plain", rank: keep ? x.rank : x.rank - axes.length };
      }
      case "ResizeBilinear": {
        const [height, width] = Array.from(this.requireConstant(n, inputs[1]).data);
        const mode = attr.align_corners?.b ? "align_corners" : attr.half_pixel_centers?.b ? "half_pixel" : "asymmetric";
        const x = this.value(inputs[0]).name;
        const batchAndChannels = b.node("Slice", [b.node("Shape", [x]), b.int64Constant([0]), b.int64Constant([2])]);
        const sizes = b.node("Concat", [batchAndChannels, b.int64Constant([height, width])], { axis: 0 });
        return { name: b.node("Resize", [x, "", "", sizes], { mode: "linear", coordinate_transformation_mode: mode }), layout: "nchw", rank: 4 };
      }
      case "ConcatV2": {
        const axisInput = inputs[inputs.length - 1];
        const parts = inputs.slice(0, -1);
        const axis = this.requireConstant(n, axisInput).data[0];
        const nchw = parts.every((p) => this.value(p).layout === "nchw");
        const names = parts.map((p) => (nchw ? this.value(p).name : this.plain(p)));
        return { name: b.node("Concat", names, { axis: nchw ? nchwAxis(axis) : axis }), layout: nchw ? "nchw" : "plain", rank: this.value(parts[0]).rank };
      }
      default:
        if (UNARY[n.op]) {
          const x = this.value(inputs[0]);
          return { name: applyActivation(b, x.name, UNARY[n.op]), layout: x.layout, rank: x.rank };
        }
        if (BINARY[n.op]) {
          const computed = inputs.map((i) => (this.constant(i) ? null : this.value(i)));
          const layout = computed.find((v) => v)?.layout ?? "plain";
          const operands = inputs.map((i, k) => computed[k] ?? this.value(i, layout));
          return { name: b.node(BINARY[n.op], operands.map((v) => v.name)), layout, rank: Math.max(...operands.map((v) => v.rank)) };
        }
        throw new UnsupportedOperatorError(n.op);
    }
  }

  private padding(n: GraphNode): TfPadding {
    const p = text(n.attr?.padding);
    if (p !== "SAME" && p !== "VALID") throw new UnsupportedOperatorError(`${n.op} with ${p || "no"} padding`);
    return p;
  }

  private conv(n: GraphNode, inputs: string[]): Value {
    const attr = n.attr ?? {};
    const format = text(attr.data_format);
    if (format && format !== "NHWC") throw new UnsupportedOperatorError(`${n.op} in ${format}`);
    const fused = (attr.fused_ops?.list?.s ?? []).map((s) => Buffer.from(s, "base64").toString("utf8"));
    if (fused.length && fused[0] !== "BiasAdd") throw new UnsupportedOperatorError(`${n.op} fusing ${fused.join("+")}`);
    const activation = fused[1] ? FUSED_ACTIVATIONS[fused[1]] : "linear";
    if (!activation || fused.length > 2) throw new UnsupportedOperatorError(`${n.op} fusing ${fused.join("+")}`);
    const filter = this.requireConstant(n, inputs[1]);
    const bias = fused[0] === "BiasAdd" ? this.requireConstant(n, inputs[2]) : null;
    const depthwise = n.op.includes("Depthwise");
    const [kh, kw, channels] = filter.shape;
    const [, sh, sw] = ints(attr.strides);
    const dilations = ints(attr.dilations);
    const y = emitConv(this.b, this.value(inputs[0]).name, n.name, {
      weights: depthwise ? convWeightsFromDepthwise(Float32Array.from(filter.data), kh, kw) : convWeightsFromHwio(filter),
      bias,
      group: depthwise ? channels : 1,
      window: { kernel: [kh, kw], strides: [sh ?? 1, sw ?? 1], dilations: [dilations[1] ?? 1, dilations[2] ?? 1] },
      padding: this.padding(n),
      inputHW: null,
    });
    return { name: applyActivation(this.b, y, activation), layout: "nchw", rank: 4 };
  }

  /** Graph outputs at `names` (NHWC again), with their shapes from the model's signature where it has them. */
  build(names: string[]): ModelProto {
    const known = new Map(Object.values(this.signature.outputs ?? {}).map((o) => [o.name, dimsOf(o.tensorShape?.dim)]));
    for (const name of names) {
      const v = this.value(name);
      const dims = known.get(name) ?? new Array<number>(v.rank).fill(-1);
      this.b.output(this.plain(name), name, dims.map((d, i) => (d < 0 ? `${name}_dim_${i}` : d)), DataType.FLOAT);
    }
    return createModel(this.b.build("tfjs_graph"));
  }
}

/** Converts a graph model (its model.json, shards beside it), keeping only what `outputs` need. */
export function tfjsGraphToOnnx(modelJson: string, outputs: string[]): ModelProto {
  const json = readTfjsModelJson(modelJson);
  const topology = json.modelTopology as { node?: GraphNode[] };
  if (!Array.isArray(topology.node)) throw new Error("not a TensorFlow.js graph model (modelTopology.node is missing)");
  const signature = ((json as { signature?: Signature }).signature ?? {}) as Signature;
  return new GraphConversion({ node: topology.node }, readTfjsWeights(path.dirname(modelJson), json), signature).build(outputs);
}
