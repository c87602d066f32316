// A small ONNX graph builder. Values, nodes and initializers are named the way the PyTorch exporter
// names them (`/down_blocks.0/resnets.0/conv1/Conv_output_0` for values, `down_blocks.0.resnets.0.conv1.weight`
// for parameters), so graph rewrites written against real exports find the same names in fixtures.
import { toFloat16 } from "@/lib/onnx/float16";
import { DataType, AttributeType, type Attribute, type GraphProto, type NodeProto, type TensorProto, type ValueInfoProto } from "@/lib/onnx/proto";
import { PhiloxGenerator } from "@/lib/rng/philox";

/** A tensor dimension: a number is fixed (dim_value), a string is a dynamic axis (dim_param). */
export type Dim = number | string;
export type Precision = "fp32" | "fp16";

/** Attribute values: integers become INT, other numbers FLOAT, `{ float }` forces FLOAT for whole numbers. */
export type AttributeValue = number | string | number[] | { float: number } | { floats: number[] } | { tensor: TensorProto };

function attribute(name: string, value: AttributeValue): Attribute {
  if (typeof value === "string") return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === "number") {
    return Number.isInteger(value) ? { name, type: AttributeType.INT, i: value } : { name, type: AttributeType.FLOAT, f: value };
  }
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if ("float" in value) return { name, type: AttributeType.FLOAT, f: value.float };
  if ("floats" in value) return { name, type: AttributeType.FLOATS, floats: value.floats };
  return { name, type: AttributeType.TENSOR, t: value.tensor };
}

export function valueInfo(name: string, elemType: number, dims: Dim[]): ValueInfoProto {
  const dim = dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  readonly inputs: ValueInfoProto[] = [];
  readonly outputs: ValueInfoProto[] = [];
  /** Element type of every float tensor in the graph: fp16 exports keep weights, activations and I/O in half. */
  readonly floatType: number;
  private readonly scopes: string[] = [];
  private readonly opCounts = new Map<string, number>();
  private readonly rng: PhiloxGenerator;
  private readonly shapesOnly: boolean;
  private constantCount = 0;

  /**
   * `shapesOnly` builds the graph with weightless parameters (dims, no data, no random draws): the cheap way to
   * count a full-size model's parameters with the very code that builds it (fixtures/parameter-count.ts).
   */
  constructor(options: { seed: number; precision?: Precision; shapesOnly?: boolean }) {
    this.rng = new PhiloxGenerator(options.seed);
    this.floatType = options.precision === "fp16" ? DataType.FLOAT16 : DataType.FLOAT;
    this.shapesOnly = options.shapesOnly ?? false;
  }

  /** Runs `build` with `name` appended to the naming scope (a torch module path segment). */
  scope<T>(name: string, build: () => T): T {
    this.scopes.push(name);
    try {
      return build();
    } finally {
      this.scopes.pop();
    }
  }

  input(name: string, dims: Dim[], elemType = this.floatType): string {
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  /** Declares `value` as graph output `name` (through an Identity when the names differ, as the exporter does). */
  output(value: string, name: string, dims: Dim[], elemType = this.floatType): void {
    if (value !== name) this.nodes.push({ name: `/${name}/Identity`, opType: "Identity", input: [value], output: [name] });
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  /** Adds a node and returns its output value names. */
  nodeWithOutputs(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, outputCount = 1): string[] {
    const prefix = this.scopes.length ? `/${this.scopes.join("/")}/` : "/";
    const key = prefix + opType;
    const count = this.opCounts.get(key) ?? 0;
    this.opCounts.set(key, count + 1);
    const name = count === 0 ? key : `${key}_${count}`;
    const output = Array.from({ length: outputCount }, (_, i) => `${name}_output_${i}`);
    this.nodes.push({
      name,
      opType,
      input: inputs,
      output,
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
    });
    return output;
  }

  node(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}): string {
    return this.nodeWithOutputs(opType, inputs, attributes)[0];
  }

  private parameterName(local: string): string {
    return [...this.scopes, local].join(".");
  }

  private addFloat(name: string, dims: number[], values: Float32Array | null): string {
    if (!values) {
      this.initializers.push({ name, dims, dataType: this.floatType });
      return name;
    }
    const data = this.floatType === DataType.FLOAT16 ? toFloat16(values) : values;
    this.initializers.push({ name, dims, dataType: this.floatType, rawData: bytesOf(data) });
    return name;
  }

  /** A float parameter of this scope with the given values (e.g. norm weights, embedding frequencies). */
  parameter(local: string, dims: number[], values: Float32Array): string {
    return this.addFloat(this.parameterName(local), dims, values);
  }

  /** A parameter drawn from N(0, std²) by the builder's fixed-seed generator. */
  randomParameter(local: string, dims: number[], std: number): string {
    if (this.shapesOnly) return this.addFloat(this.parameterName(local), dims, null);
    const values = this.rng.randn(dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < values.length; i++) values[i] *= std;
    return this.parameter(local, dims, values);
  }

  private constantName(): string {
    return `onnx::Constant_${this.constantCount++}`;
  }

  /** A float constant (scalars for scaling, masks, …) in the graph's float type. */
  floatConstant(values: number[] | Float32Array, dims: number[] = []): string {
    return this.addFloat(this.constantName(), dims, Float32Array.from(values));
  }

  /** An int64 constant: shapes, axes, split sizes. */
  int64Constant(values: number[], dims: number[] = [values.length]): string {
    const name = this.constantName();
    this.initializers.push({ name, dims, dataType: DataType.INT64, rawData: bytesOf(BigInt64Array.from(values, BigInt)) });
    return name;
  }

  build(name: string): GraphProto {
    return { name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs };
  }
}
