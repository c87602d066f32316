// Small tools the graph rewrites share (tiling-graph.ts, attention-graph.ts): int64 constants, who
// consumes a value, constant values by name, the opset, and dropping nodes nothing needs any more.
import { DataType, type GraphProto, type ModelProto, type NodeProto, type TensorProto } from "@/lib/onnx/proto";

/** "To the end" for Slice: exact in a double and far beyond any dimension. */
export const INT64_MAX = 2 ** 62;

export function int64Tensor(name: string, values: number[], dims: number[] = [values.length]): TensorProto {
  const data = BigInt64Array.from(values, (v) => BigInt(v));
  return { name, dims, dataType: DataType.INT64, rawData: new Uint8Array(data.buffer) };
}

/** The opset version of the default ("ai.onnx") domain. */
export function defaultOpset(model: ModelProto): number {
  return model.opsetImport.find((o) => !o.domain || o.domain === "ai.onnx")?.version ?? 1;
}

/** Every value's consuming nodes, graph outputs counted as a consumer (null). */
export function consumers(graph: GraphProto): Map<string, Array<NodeProto | null>> {
  const uses = new Map<string, Array<NodeProto | null>>();
  const use = (name: string, node: NodeProto | null) => {
    if (!name) return;
    const list = uses.get(name);
    if (list) list.push(node);
    else uses.set(name, [node]);
  };
  for (const node of graph.node) node.input.forEach((i) => use(i, node));
  for (const out of graph.output) use(out.name, null);
  return uses;
}

/** The node producing each value. */
export function producers(graph: GraphProto): Map<string, NodeProto> {
  const made = new Map<string, NodeProto>();
  for (const node of graph.node) for (const out of node.output) if (out) made.set(out, node);
  return made;
}

/** A constant's dims and, for small tensors, its numbers: from an initializer or a Constant node. */
export interface ConstantValue {
  dims: number[];
  dataType: number;
  /** Null when the values are stored externally or in a type this does not decode. */
  values: number[] | null;
}

/** Constants up to this many elements are decoded (scales, shapes, axes); weights are not. */
const SMALL = 64;

function tensorValues(t: TensorProto): number[] | null {
  const count = t.dims.reduce((a, b) => a * Number(b), 1);
  if (count > SMALL) return null;
  if (t.floatData?.length) return t.floatData;
  if (t.int64Data?.length) return t.int64Data.map(Number);
  if (t.int32Data?.length) return t.int32Data;
  if (t.doubleData?.length) return t.doubleData;
  const raw = t.rawData;
  if (!raw) return count === 0 ? [] : null;
  const bytes = Uint8Array.from(raw);
  switch (t.dataType) {
    case DataType.FLOAT:
      return Array.from(new Float32Array(bytes.buffer));
    case DataType.DOUBLE:
      return Array.from(new Float64Array(bytes.buffer));
    case DataType.INT64:
      return Array.from(new BigInt64Array(bytes.buffer), Number);
    case DataType.INT32:
      return Array.from(new Int32Array(bytes.buffer));
    default:
      return null;
  }
}

export function constantValues(graph: GraphProto): Map<string, ConstantValue> {
  const found = new Map<string, ConstantValue>();
  for (const t of graph.initializer) if (t.name) found.set(t.name, { dims: t.dims.map(Number), dataType: t.dataType, values: tensorValues(t) });
  for (const node of graph.node) {
    const t = node.opType === "Constant" ? node.attribute?.find((a) => a.name === "value")?.t : undefined;
    if (t) found.set(node.output[0], { dims: t.dims.map(Number), dataType: t.dataType, values: tensorValues(t) });
  }
  return found;
}

/** The graph without the nodes (and initializers) that no graph output depends on any more. */
export function withoutUnusedNodes(graph: GraphProto): GraphProto {
  const needed = new Set(graph.output.map((o) => o.name));
  const kept: NodeProto[] = [];
  for (const node of [...graph.node].reverse()) {
    if (!node.output.some((o) => needed.has(o))) continue;
    kept.push(node);
    node.input.forEach((i) => needed.add(i));
    for (const a of node.attribute ?? []) for (const sub of [a.g, ...(a.graphs ?? [])]) if (sub) outerNames(sub).forEach((n) => needed.add(n));
  }
  return { ...graph, node: kept.reverse(), initializer: graph.initializer.filter((t) => t.name && needed.has(t.name)) };
}

/** Values a subgraph (If / Loop body) reads from the enclosing scope. */
function outerNames(graph: GraphProto): string[] {
  const local = new Set([...graph.input.map((v) => v.name), ...graph.initializer.map((t) => t.name ?? "")]);
  const names: string[] = [];
  for (const node of graph.node) {
    for (const i of node.input) if (i && !local.has(i)) names.push(i);
    node.output.forEach((o) => local.add(o));
    for (const a of node.attribute ?? []) for (const sub of [a.g, ...(a.graphs ?? [])]) if (sub) names.push(...outerNames(sub).filter((n) => !local.has(n)));
  }
  return names;
}
