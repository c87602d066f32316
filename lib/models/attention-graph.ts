// Memory-efficient attention as a graph rewrite (docs/memory.md#chunked-attention). Softmax(Q·Kᵀ·s)·V builds a
// tokens × tokens matrix per head — 5.4 GB at a 1536² VAE decode — so each attention of a UNet or
// VAE graph is rewritten to compute the same rows in query chunks: Softmax(Q_c·Kᵀ·s)·V per chunk of
// query rows, concatenated. Every output row depends only on its own query row, so the result is
// the same math (bit-identical on onnxruntime's CPU kernels).
//
// Recognised, whatever the exporter named things:
// - MatMul (or onnxruntime's FusedMatMul) → row-wise steps (Mul/Div/Add/Sub by constants, Cast,
//   the `+ 0·empty` of torch's baddbmm) → Softmax over the last axis → [Cast] → MatMul(·, V). A
//   scale applied to Q and K before the MatMul (torch's scaled_dot_product_attention export) is
//   upstream of the pattern and stays as it is;
// - the fused contrib ops com.microsoft MultiHeadAttention (separate key and value) and Attention
//   (packed QKV projection, decomposed into its MatMul and a MultiHeadAttention).
//
// Each rewritten attention computes, from the runtime shapes, its score count L·N·M (L = batch ×
// heads, N query rows, M keys) and compares it with the first value of the graph input
// `onyx_attention_chunking` [limit, rows, budget]: at or below the limit an If runs the original ops on the
// whole matrix (small pictures keep their speed); above it, a Loop runs the chunks one after another:
// at most `rows` query rows each, and fewer when L·rows·M would exceed the chunk budget, balanced over
// ⌈N / rows⌉ chunks, the query padded with zero rows to whole chunks and the padding cut off after.
// (A Loop rather than unrolled slices: the graph stays small and any size gets small chunks.) The
// graph keeps its dynamic axes, and each attention's [L, N, M] is returned as output
// `onyx_attention_profile_<k>`, which is what memory estimates use (memory-profile.ts).
import { consumers, constantValues, defaultOpset, INT64_MAX, int64Tensor, producers, withoutUnusedNodes, type ConstantValue } from "@/lib/models/graph-edit";
import { AttributeType, DataType, type Attribute, type GraphProto, type ModelProto, type NodeProto, type TensorProto, type ValueInfoProto } from "@/lib/onnx/proto";

/** int64 [3]: [largest score count computed whole, most query rows per chunk, most score elements per chunk]. */
export const ATTENTION_CHUNKING_INPUT = "onyx_attention_chunking";
const PROFILE_PREFIX = "onyx_attention_profile_";
/** Bytes of one element by ONNX data type, for the zero rows that pad the query to whole chunks. */
const ELEMENT_BYTES: Record<number, number> = { [DataType.FLOAT]: 4, [DataType.FLOAT16]: 2, [DataType.DOUBLE]: 8, 16: 2 };

/** Names the derived graphs (derived-model.ts caches by name): changes to the rewrite change it. */
export const CHUNKED_ATTENTION_VARIANT = "chunked-attention-3";

export function isAttentionProfileOutput(name: string): boolean {
  return name.startsWith(PROFILE_PREFIX);
}

const MS_DOMAIN = "com.microsoft";

/** A recognised attention: `chunk(query)` rebuilds it on a slice of the query rows. */
interface Site {
  /** The value whose axis `queryAxis` holds the query rows. */
  query: string;
  /** Rank of `query` (the chunks are stacked on a new leading axis and moved back). */
  queryRank: number;
  queryAxis: number;
  /** The attention's result; the rewrite produces it under the same name. */
  output: string;
  /** The nodes replaced (they are dropped, unless something else still needs them). */
  replaced: NodeProto[];
  /** Nodes emitted before the chunks (the decomposed QKV projection of a fused Attention). */
  prelude: NodeProto[];
  /** [L, N, M] of the scores as int64 [1] values, emitted by `sizes`. */
  sizes(e: Emitter): { l: string; n: string; m: string };
  /** The attention's nodes on `query` (a chunk or the whole), returning the value computed for `output`. */
  chunk(e: Emitter, query: string, tag: string): string;
}

const attr = (node: NodeProto, name: string): Attribute | undefined => node.attribute?.find((a) => a.name === name);
const intAttr = (node: NodeProto, name: string, fallback: number): number => Number(attr(node, name)?.i ?? fallback);
const isDefaultDomain = (node: NodeProto) => !node.domain || node.domain === "ai.onnx";

/** Emits nodes and shared int64 constants into a node list (the main graph or an If branch). */
class Emitter {
  constructor(
    readonly nodes: NodeProto[],
    private readonly constants: Map<string, TensorProto>,
    private readonly prefix: string,
    /** Shared by an emitter and its `into` children, so node names stay unique. */
    private readonly count = { n: 0 },
  ) {}

  /** An emitter writing into another node list (an If branch) with the same constants and naming. */
  into(nodes: NodeProto[]): Emitter {
    return new Emitter(nodes, this.constants, this.prefix, this.count);
  }

  /** A shared int64 [n] constant. */
  int64(...values: number[]): string {
    return this.int64Tensor(values);
  }

  /** A shared int64 constant of the given values and dims (`[]` values with dims [0]: an empty shape). */
  int64Tensor(values: number[]): string {
    const name = `onyx_i64_${values.length ? values.join("_").replace(/-/g, "m") : "empty"}`;
    if (!this.constants.has(name)) this.constants.set(name, int64Tensor(name, values));
    return name;
  }

  op(opType: string, input: string[], attribute: Attribute[] = [], domain?: string): string {
    const name = `${this.prefix}/${opType}_${this.count.n++}`;
    this.nodes.push({ name, opType, input, output: [`${name}_output_0`], attribute, ...(domain ? { domain } : {}) });
    return `${name}_output_0`;
  }

  /** An int64 [1] element `index` of a shape. */
  dim(shape: string, index: number): string {
    return this.op("Gather", [shape, this.int64(index)], [{ name: "axis", type: AttributeType.INT, i: 0 }]);
  }

  max(a: string, b: string): string {
    return this.op("Where", [this.op("Greater", [a, b]), a, b]);
  }

  min(a: string, b: string): string {
    return this.op("Where", [this.op("Less", [a, b]), a, b]);
  }

  /** Size of a tensor as int64 [1]. */
  size(x: string): string {
    return this.op("Reshape", [this.op("Size", [x]), this.int64(1)]);
  }
}

/** Copies `node` for one chunk: renamed, inputs mapped through `rename`, outputs suffixed. */
function copyNode(e: Emitter, node: NodeProto, rename: Map<string, string>, tag: string): void {
  const output = node.output.map((o) => (o ? `${o}__onyx_${tag}` : o));
  node.output.forEach((o, i) => o && rename.set(o, output[i]));
  e.nodes.push({ ...node, name: `${node.name ?? node.opType}__onyx_${tag}`, input: node.input.map((i) => rename.get(i) ?? i), output });
}

/** Ops whose output rank is the largest of their inputs' (broadcasting element-wise ops, MatMul). */
const ELEMENTWISE = new Set(["MatMul", "FusedMatMul", "Add", "Sub", "Mul", "Div", "Pow", "Cast", "Softmax", "Where", "Sqrt", "Reciprocal", "Neg", "Exp", "Erf", "Sigmoid", "Identity"]);

interface GraphFacts {
  uses: Map<string, Array<NodeProto | null>>;
  made: Map<string, NodeProto>;
  constants: Map<string, ConstantValue>;
  opset: number;
  rank: (value: string) => number | null;
}

function graphFacts(model: ModelProto): GraphFacts {
  const graph = model.graph;
  const made = producers(graph);
  const constants = constantValues(graph);
  const declared = new Map<string, number>();
  for (const v of [...graph.input, ...graph.output, ...(graph.valueInfo ?? [])]) {
    const dims = v.type?.tensorType?.shape?.dim;
    if (dims) declared.set(v.name, dims.length);
  }
  const memo = new Map<string, number | null>();
  const rank = (value: string): number | null => {
    if (memo.has(value)) return memo.get(value)!;
    memo.set(value, null); // cycles cannot happen in a valid graph; this also stops runaway recursion
    const known = declared.get(value) ?? constants.get(value)?.dims.length;
    let r: number | null = known ?? null;
    const node = made.get(value);
    if (r === null && node) {
      if (node.opType === "Transpose" && attr(node, "perm")?.ints) r = attr(node, "perm")!.ints!.length;
      else if (node.opType === "Reshape") r = constants.get(node.input[1])?.dims[0] ?? null;
      else if (node.opType === "Shape") r = 1;
      else if (node.opType === "Slice") r = rank(node.input[0]);
      else if (ELEMENTWISE.has(node.opType)) {
        const ranks = node.input.filter(Boolean).map(rank);
        r = ranks.some((x) => x === null) ? null : Math.max(...(ranks as number[]));
      }
    }
    memo.set(value, r);
    return r;
  };
  return { uses: consumers(graph), made, constants, opset: defaultOpset(model), rank };
}

const singleUse = (f: GraphFacts, value: string) => f.uses.get(value)?.length === 1 && f.uses.get(value)![0] !== null;

/** True for a value that is all zeros by construction (torch's `empty` as ConstantOfShape, scaled or cast). */
function isZeros(f: GraphFacts, value: string): boolean {
  const node = f.made.get(value);
  if (!node) return false;
  if (node.opType === "ConstantOfShape") {
    const t = attr(node, "value")?.t;
    if (!t) return true;
    const bytes = t.rawData ? Uint8Array.from(t.rawData) : null;
    return bytes ? bytes.every((b) => b === 0) : [...(t.floatData ?? []), ...(t.int64Data ?? []).map(Number)].every((v) => v === 0);
  }
  if (node.opType === "Cast") return isZeros(f, node.input[0]);
  if (node.opType === "Mul") return node.input.some((i) => isZeros(f, i)) && node.input.every((i) => isZeros(f, i) || f.constants.has(i));
  return false;
}

/**
 * An operand that is the same for every query row: a constant with at most one entry on axis −2,
 * or any value of rank ≤ 1 (a scale computed from a shape, a per-key vector).
 */
function isRowConstant(f: GraphFacts, value: string): boolean {
  const c = f.constants.get(value);
  if (c) return c.dims.length < 2 || c.dims[c.dims.length - 2] === 1;
  return (f.rank(value) ?? 2) <= 1;
}

type Step = { node: NodeProto; chain: string } | { node: NodeProto; passThrough: string };

/** A row-wise step between the scores MatMul and the Softmax, given the value coming from the MatMul side. */
function rowwiseStep(f: GraphFacts, node: NodeProto): Step | null {
  if (!isDefaultDomain(node) || node.output.length !== 1) return null;
  if (node.opType === "Cast") return { node, chain: node.input[0] };
  if (!["Mul", "Div", "Add", "Sub"].includes(node.opType) || node.input.length !== 2) return null;
  const [a, b] = node.input;
  if (node.opType === "Add" && isZeros(f, b)) return { node, passThrough: a };
  if (node.opType === "Add" && isZeros(f, a)) return { node, passThrough: b };
  if (isRowConstant(f, b)) return { node, chain: a };
  if (isRowConstant(f, a) && node.opType !== "Div") return { node, chain: b };
  return null;
}

function isScoresMatMul(node: NodeProto): boolean {
  if (node.opType === "MatMul" && isDefaultDomain(node)) return true;
  return node.opType === "FusedMatMul" && node.domain === MS_DOMAIN && intAttr(node, "transA", 0) === 0 && intAttr(node, "transBatchA", 0) === 0;
}

function matmulSite(f: GraphFacts, softmax: NodeProto): Site | null {
  const axis = intAttr(softmax, "axis", f.opset >= 13 ? -1 : 1);
  if (axis !== -1 && axis !== (f.rank(softmax.input[0]) ?? Number.NaN) - 1) return null;
  // Upstream: softmax ← row-wise steps ← scores MatMul.
  const steps: Step[] = [];
  let value = softmax.input[0];
  let scores: NodeProto | null = null;
  while (!scores) {
    const node = f.made.get(value);
    if (!node || !singleUse(f, value)) return null;
    if (isScoresMatMul(node)) {
      scores = node;
      break;
    }
    const step = rowwiseStep(f, node);
    if (!step) return null;
    steps.unshift(step);
    value = "chain" in step ? step.chain : step.passThrough;
  }
  // Downstream: softmax → [Cast] → MatMul(weights, V).
  const after: NodeProto[] = [];
  let out = softmax.output[0];
  let weightsMatMul: NodeProto | null = null;
  while (!weightsMatMul) {
    if (!singleUse(f, out)) return null;
    const next = f.uses.get(out)![0]!;
    if (next.opType === "Cast" && isDefaultDomain(next)) {
      after.push(next);
      out = next.output[0];
    } else if (next.opType === "MatMul" && isDefaultDomain(next) && next.input[0] === out && next.input[1] !== out) {
      weightsMatMul = next;
    } else {
      return null;
    }
  }
  const [query, keys] = scores.input;
  const keysAxis = scores.opType === "FusedMatMul" && intAttr(scores, "transB", 0) === 1 ? -2 : -1;
  const queryRank = f.rank(query);
  if (queryRank === null || queryRank < 2) return null;
  return {
    query,
    queryRank,
    queryAxis: -2,
    output: weightsMatMul.output[0],
    replaced: [scores, ...steps.map((s) => s.node), softmax, ...after, weightsMatMul],
    prelude: [],
    sizes(e) {
      const shapeQ = e.op("Shape", [query]);
      const shapeK = e.op("Shape", [keys]);
      const n = e.dim(shapeQ, -2);
      const d = e.dim(shapeQ, -1);
      const m = e.dim(shapeK, keysAxis);
      // Leading (batch × head) entries, from whichever side carries them (the other may broadcast).
      const l = e.max(e.op("Div", [e.size(query), e.op("Mul", [n, d])]), e.op("Div", [e.size(keys), e.op("Mul", [d, m])]));
      return { l, n, m };
    },
    chunk(e, part, tag) {
      const rename = new Map<string, string>([[query, part]]);
      copyNode(e, scores, rename, tag);
      for (const s of steps) {
        // `x + 0` steps are dropped: their output is their other input.
        if ("passThrough" in s) rename.set(s.node.output[0], rename.get(s.passThrough) ?? s.passThrough);
        else copyNode(e, s.node, rename, tag);
      }
      for (const node of [softmax, ...after, weightsMatMul]) copyNode(e, node, rename, tag);
      return rename.get(weightsMatMul.output[0])!;
    },
  };
}

const hasOnly = (node: NodeProto, inputs: number) => node.input.slice(inputs).every((i) => !i);
const unusedExtraOutputs = (f: GraphFacts, node: NodeProto) => node.output.slice(1).every((o) => !o || !f.uses.has(o));

/** MultiHeadAttention with query, key, value (and optional bias), no masks, caches or causal flag. */
function multiHeadSite(f: GraphFacts, node: NodeProto, prelude: NodeProto[] = [], replaced: NodeProto[] = [node]): Site | null {
  const [query, key, value] = node.input;
  if (!key || !value || !hasOnly(node, 4) || !unusedExtraOutputs(f, node) || intAttr(node, "unidirectional", 0) !== 0) return null;
  if ((f.rank(key) ?? 3) !== 3) return null;
  const heads = intAttr(node, "num_heads", 0);
  if (heads < 1) return null;
  const single: NodeProto = { ...node, output: [node.output[0]] };
  return {
    query,
    queryRank: 3,
    queryAxis: 1,
    output: node.output[0],
    replaced,
    prelude,
    sizes(e) {
      const shapeQ = e.op("Shape", [query]);
      const l = e.op("Mul", [e.dim(shapeQ, 0), e.int64(heads)]);
      return { l, n: e.dim(shapeQ, 1), m: e.dim(e.op("Shape", [key]), 1) };
    },
    chunk(e, part, tag) {
      const rename = new Map<string, string>([[query, part]]);
      copyNode(e, single, rename, tag);
      return rename.get(node.output[0])!;
    },
  };
}

/** Attention (packed QKV projection): its MatMul and the q/k/v split, then a MultiHeadAttention site. */
function packedAttentionSite(f: GraphFacts, node: NodeProto): Site | null {
  const [input, weights, bias] = node.input;
  if (!hasOnly(node, 3) || !unusedExtraOutputs(f, node)) return null;
  if (intAttr(node, "unidirectional", 0) !== 0 || intAttr(node, "do_rotary", 0) !== 0 || intAttr(node, "past_present_share_buffer", 0) !== 0) return null;
  const total = f.constants.get(weights)?.dims[1];
  if (!total) return null;
  const sizes = attr(node, "qkv_hidden_sizes")?.ints?.map(Number) ?? [total / 3, total / 3, total / 3];
  if (sizes.length !== 3 || sizes.some((s) => !Number.isInteger(s) || s <= 0)) return null;
  const prefix = `${node.name ?? "Attention"}__onyx_split`;
  const qkv = `${prefix}/qkv`;
  const prelude: NodeProto[] = [{ name: qkv, opType: "MatMul", input: [input, weights], output: [qkv] }];
  const bounds = [0, sizes[0], sizes[0] + sizes[1], total];
  const parts = ["q", "k", "v"].map((p, i) => {
    const name = `${prefix}/${p}`;
    const starts = `${name}_starts`;
    const ends = `${name}_ends`;
    prelude.push(
      { name: starts, opType: "Constant", input: [], output: [starts], attribute: [{ name: "value", type: AttributeType.TENSOR, t: int64Tensor("", [bounds[i]]) }] },
      { name: ends, opType: "Constant", input: [], output: [ends], attribute: [{ name: "value", type: AttributeType.TENSOR, t: int64Tensor("", [bounds[i + 1]]) }] },
      { name, opType: "Slice", input: [qkv, starts, ends, `${prefix}/axes`], output: [name] },
    );
    return name;
  });
  prelude.unshift({ name: `${prefix}/axes`, opType: "Constant", input: [], output: [`${prefix}/axes`], attribute: [{ name: "value", type: AttributeType.TENSOR, t: int64Tensor("", [-1]) }] });
  const keep = ["num_heads", "scale", "mask_filter_value"];
  const mha: NodeProto = {
    name: `${node.name ?? "Attention"}__onyx_mha`,
    opType: "MultiHeadAttention",
    domain: MS_DOMAIN,
    input: [...parts, ...(bias ? [bias] : [])],
    output: [node.output[0]],
    attribute: (node.attribute ?? []).filter((a) => keep.includes(a.name)),
  };
  // The q/k/v split is known to be rank 3 ([B, S, hidden]), like the Attention input.
  return multiHeadSite({ ...f, rank: (v) => (parts.includes(v) ? 3 : f.rank(v)) }, mha, prelude, [node]);
}

function findSites(model: ModelProto): Site[] {
  const f = graphFacts(model);
  const sites: Site[] = [];
  for (const node of model.graph.node) {
    let site: Site | null = null;
    if (node.opType === "Softmax" && isDefaultDomain(node)) site = matmulSite(f, node);
    else if (node.opType === "MultiHeadAttention" && node.domain === MS_DOMAIN) site = multiHeadSite(f, node);
    else if (node.opType === "Attention" && node.domain === MS_DOMAIN) site = packedAttentionSite(f, node);
    if (site) sites.push(site);
  }
  return sites;
}

/** Element type of `value`, following Casts and first inputs back to something declared. */
function elemTypeOf(graph: GraphProto, value: string): number {
  const declared = new Map<string, number>();
  for (const v of [...graph.input, ...graph.output, ...(graph.valueInfo ?? [])]) if (v.type?.tensorType) declared.set(v.name, v.type.tensorType.elemType);
  for (const t of graph.initializer) if (t.name) declared.set(t.name, t.dataType);
  const made = producers(graph);
  for (let v = value, guard = 0; guard < 10_000; guard++) {
    const known = declared.get(v);
    if (known) return known;
    const node = made.get(v);
    if (!node) break;
    if (node.opType === "Cast") return intAttr(node, "to", DataType.FLOAT);
    v = node.input[0];
  }
  return DataType.FLOAT;
}

const tensorInfo = (name: string, elemType: number): ValueInfoProto => ({ name, type: { tensorType: { elemType } } });

interface Sizes {
  l: string;
  n: string;
  m: string;
  rows: string;
  budget: string;
}

/**
 * The If's chunked branch: rows per chunk R₀ = max(1, min(rows, ⌊budget / (L·M)⌋)), T = ⌈N / R₀⌉
 * chunks of R = ⌈N / T⌉ rows, the query padded to T·R rows; a Loop computes [T, …, R, D] and the
 * result is moved back to [..., T·R, D] and cut to N rows.
 */
function chunkedBranch(e: Emitter, site: Site, s: Sizes, queryType: number, outType: number, tag: string): string {
  const rank = site.queryRank;
  const axis = site.queryAxis < 0 ? rank + site.queryAxis : site.queryAxis;
  const budgetRows = e.op("Div", [s.budget, e.op("Mul", [s.l, s.m])]);
  const first = e.max(e.int64(1), e.min(s.rows, budgetRows));
  const ceilDiv = (a: string, b: string) => e.op("Div", [e.op("Add", [a, e.op("Sub", [b, e.int64(1)])]), b]);
  const count = ceilDiv(s.n, first);
  const perChunk = ceilDiv(s.n, count);
  const padded = e.op("Mul", [count, perChunk]);
  const shape = e.op("Shape", [site.query]);
  const before = e.op("Slice", [shape, e.int64(0), e.int64(axis)]);
  const after = e.op("Slice", [shape, e.int64(axis + 1), e.int64(INT64_MAX)]);
  const zeroRows = e.op("ConstantOfShape", [e.op("Concat", [before, e.op("Sub", [padded, s.n]), after], [{ name: "axis", type: AttributeType.INT, i: 0 }])], [
    { name: "value", type: AttributeType.TENSOR, t: { dims: [1], dataType: queryType, rawData: new Uint8Array(ELEMENT_BYTES[queryType] ?? 4) } },
  ]);
  const query = e.op("Concat", [site.query, zeroRows], [{ name: "axis", type: AttributeType.INT, i: axis }]);

  const bodyNodes: NodeProto[] = [];
  const b = e.into(bodyNodes);
  const [iteration, condition] = [`${tag}_iteration`, `${tag}_condition`];
  const start = b.op("Mul", [b.op("Reshape", [iteration, b.int64(1)]), perChunk]);
  const rowsOfChunk = b.op("Slice", [query, start, b.op("Add", [start, perChunk]), b.int64(axis)]);
  const chunkOut = site.chunk(b, rowsOfChunk, tag);
  const conditionOut = b.op("Identity", [condition]);
  const scalar = (name: string, elemType: number): ValueInfoProto => ({ name, type: { tensorType: { elemType, shape: { dim: [] } } } });
  const body: GraphProto = {
    name: `${tag}_body`,
    node: bodyNodes,
    initializer: [],
    input: [scalar(iteration, DataType.INT64), scalar(condition, DataType.BOOL)],
    output: [scalar(conditionOut, DataType.BOOL), tensorInfo(chunkOut, outType)],
  };
  const stacked = e.op("Loop", [e.op("Reshape", [count, e.int64Tensor([])]), ""], [{ name: "body", type: AttributeType.GRAPH, g: body }]);
  // [T, d₀ … d_axis−1, R, …] → [d₀ … d_axis−1, T, R, …] → [d₀ … d_axis−1, T·R, …] → the first N rows.
  const perm = [...Array.from({ length: axis }, (_, i) => i + 1), 0, ...Array.from({ length: rank - axis }, (_, i) => axis + 1 + i)];
  const moved = e.op("Transpose", [stacked], [{ name: "perm", type: AttributeType.INTS, ints: perm }]);
  const tail = e.op("Slice", [e.op("Shape", [stacked]), e.int64(axis + 2), e.int64(INT64_MAX)]);
  const merged = e.op("Reshape", [moved, e.op("Concat", [before, e.int64(-1), tail], [{ name: "axis", type: AttributeType.INT, i: 0 }])]);
  return e.op("Slice", [merged, e.int64(0), s.n, e.int64(axis)]);
}

/**
 * The model with every recognised attention computed in query chunks above the limit fed through
 * `onyx_attention_chunking`; null when it has no attention this recognises.
 */
export function withChunkedAttention(model: ModelProto): ModelProto | null {
  if (defaultOpset(model) < 11) return null; // negative Slice/Gather/Concat axes
  const sites = findSites(model);
  if (sites.length === 0) return null;
  const graph = model.graph;
  const constants = new Map<string, TensorProto>();
  const replaced = new Set(sites.flatMap((s) => s.replaced));
  const emitted = new Map<NodeProto, NodeProto[]>();
  const profiles: ValueInfoProto[] = [];

  sites.forEach((site, k) => {
    const nodes: NodeProto[] = [...site.prelude];
    const e = new Emitter(nodes, constants, `/onyx_attention_${k}`);
    const { l, n, m } = site.sizes(e);
    const profile = `${PROFILE_PREFIX}${k}`;
    nodes.push({ name: profile, opType: "Concat", input: [l, n, m], output: [profile], attribute: [{ name: "axis", type: AttributeType.INT, i: 0 }] });
    profiles.push({ name: profile, type: { tensorType: { elemType: DataType.INT64, shape: { dim: [{ dimValue: 3 }] } } } });

    const limit = e.dim(ATTENTION_CHUNKING_INPUT, 0);
    const chunked = e.op("Greater", [e.op("Mul", [e.op("Mul", [l, n]), m]), limit]);
    const thenNodes: NodeProto[] = [];
    const chunking = { n, l, m, rows: e.dim(ATTENTION_CHUNKING_INPUT, 1), budget: e.dim(ATTENTION_CHUNKING_INPUT, 2) };
    const thenOut = chunkedBranch(e.into(thenNodes), site, chunking, elemTypeOf(graph, site.query), elemTypeOf(graph, site.output), `c_${k}`);
    const elseNodes: NodeProto[] = [];
    const elseOut = site.chunk(e.into(elseNodes), site.query, `whole_${k}`);
    const outType = elemTypeOf(graph, site.output);
    const branch = (name: string, body: NodeProto[], out: string): GraphProto => ({ name, node: body, initializer: [], input: [], output: [tensorInfo(out, outType)] });
    nodes.push({
      name: `/onyx_attention_${k}/If`,
      opType: "If",
      input: [chunked],
      output: [site.output],
      attribute: [
        { name: "then_branch", type: AttributeType.GRAPH, g: branch(`onyx_attention_${k}_chunks`, thenNodes, thenOut) },
        { name: "else_branch", type: AttributeType.GRAPH, g: branch(`onyx_attention_${k}_whole`, elseNodes, elseOut) },
      ],
    });
    emitted.set(site.replaced[site.replaced.length - 1], nodes);
  });

  // The new nodes take the place of each attention's last node, so the graph stays in topological order.
  const node = graph.node.flatMap((n) => emitted.get(n) ?? (replaced.has(n) ? [] : [n]));
  const chunking: ValueInfoProto = { name: ATTENTION_CHUNKING_INPUT, type: { tensorType: { elemType: DataType.INT64, shape: { dim: [{ dimValue: 3 }] } } } };
  const rewritten = withoutUnusedNodes({
    ...graph,
    node,
    initializer: [...graph.initializer, ...constants.values()],
    input: [...graph.input, chunking],
    output: [...graph.output, ...profiles],
  });
  const opsetImport = model.opsetImport.some((o) => o.domain === MS_DOMAIN) || !sites.some((s) => s.prelude.length) ? model.opsetImport : [...model.opsetImport, { domain: MS_DOMAIN, version: 1 }];
  return { ...model, opsetImport, graph: rewritten };
}
