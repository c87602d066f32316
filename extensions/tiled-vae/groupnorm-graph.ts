// The VAE graph around its GroupNorms (docs/tiled-vae.md#the-graph-cut). Real exports write GroupNorm in one of
// two forms: `Reshape [N, G, -1] → InstanceNormalization → Reshape (Shape(x))`, then the per-channel affine as
// Mul + Add (opset ≤ 17), or one `GroupNormalization` node (opset ≥ 18). Both become a "site": the pre-norm
// tensor, the normalised tensor that replaces it, the group count, ε and the affine the normalisation itself
// carries (InstanceNormalization's per-group scale and bias, GroupNormalization's per-group or per-channel ones).
//
// The rewrites that use the sites: `frozenModel` keeps the graph whole but lets every GroupNorm take its mean and
// variance as inputs (fast mode); `syncSegmentModel` cuts it into one piece per gap between GroupNorms, each
// normalising its first site from given statistics and returning the moments of the next over a tile's core
// (synchronised mode runs piece by piece over every tile and pools the moments in between); `segmentRangeModel`
// keeps a range of pieces as one graph with their own GroupNorms (the whole-latent part).
import { AttributeType, DataType, fromFloat16, toFloat16, type ModelProto, type NodeProto, type TensorProto, type ValueInfoProto } from "@onyx/sdk";

export interface GroupNormSite {
  /** The 4-D tensor the GroupNorm normalises. */
  input: string;
  /** The tensor the site's nodes produced: normalised, with `affine` applied. */
  output: string;
  groups: number;
  epsilon: number;
  /** Applied after normalising: per group (length `groups`) or per channel; null when it is the identity. */
  affine: { scale: Float32Array; bias: Float32Array } | null;
  /** Indices of the graph nodes the site replaces. */
  nodes: number[];
}

/** Float values of an initializer or Constant tensor (float32 or float16). */
function floatValues(tensor: TensorProto): Float32Array {
  if (tensor.floatData && tensor.floatData.length > 0) return Float32Array.from(tensor.floatData);
  const raw = tensor.rawData ?? new Uint8Array(0);
  const copy = Uint8Array.from(raw); // protobufjs hands out Buffers: views into a shared pool
  if (tensor.dataType === DataType.FLOAT16) return fromFloat16(new Uint16Array(copy.buffer, 0, copy.byteLength / 2));
  if (tensor.dataType === DataType.FLOAT) return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
  throw new Error(`tensor ${tensor.name ?? ""}: element type ${tensor.dataType} is not a float type`);
}

function attr(node: NodeProto, name: string) {
  return node.attribute?.find((a) => a.name === name);
}

class GraphIndex {
  readonly producer = new Map<string, number>();
  readonly consumers = new Map<string, number[]>();
  readonly initializers = new Map<string, TensorProto>();

  constructor(readonly model: ModelProto) {
    model.graph.node.forEach((node, i) => {
      for (const out of node.output) this.producer.set(out, i);
      for (const input of node.input) if (input) this.consumers.set(input, [...(this.consumers.get(input) ?? []), i]);
    });
    for (const t of model.graph.initializer) if (t.name) this.initializers.set(t.name, t);
  }

  node(i: number): NodeProto {
    return this.model.graph.node[i];
  }

  /** The value of a tensor given as an initializer or a Constant node, or null. */
  constant(name: string): Float32Array | null {
    const init = this.initializers.get(name);
    if (init) return floatValues(init);
    const p = this.producer.get(name);
    if (p === undefined || this.node(p).opType !== "Constant") return null;
    const t = attr(this.node(p), "value")?.t;
    return t ? floatValues(t) : null;
  }
}

const isIdentity = (scale: Float32Array, bias: Float32Array) => scale.every((v) => v === 1) && bias.every((v) => v === 0);

function instanceNormSite(g: GraphIndex, i: number): GroupNormSite | null {
  const norm = g.node(i);
  const before = g.producer.get(norm.input[0]);
  const after = g.consumers.get(norm.output[0]) ?? [];
  if (before === undefined || g.node(before).opType !== "Reshape" || after.length !== 1 || g.node(after[0]).opType !== "Reshape") return null;
  const scale = g.constant(norm.input[1]);
  const bias = g.constant(norm.input[2]);
  if (!scale || !bias || scale.length !== bias.length) return null;
  const restore = g.node(after[0]);
  const nodes = [before, i, after[0]];
  // The restoring Reshape's own Shape(x) goes with it, unless something else (the attention) reads it too.
  const shapeNode = g.producer.get(restore.input[1]);
  if (shapeNode !== undefined && g.node(shapeNode).opType === "Shape" && (g.consumers.get(restore.input[1]) ?? []).length === 1) nodes.push(shapeNode);
  return {
    input: g.node(before).input[0],
    output: restore.output[0],
    groups: scale.length,
    epsilon: attr(norm, "epsilon")?.f ?? 1e-5,
    affine: isIdentity(scale, bias) ? null : { scale, bias },
    nodes,
  };
}

function groupNormalizationSite(g: GraphIndex, i: number): GroupNormSite | null {
  const node = g.node(i);
  const groups = attr(node, "num_groups")?.i;
  const scale = g.constant(node.input[1]);
  const bias = g.constant(node.input[2]);
  if (!groups || !scale || !bias) return null;
  return { input: node.input[0], output: node.output[0], groups, epsilon: attr(node, "epsilon")?.f ?? 1e-5, affine: isIdentity(scale, bias) ? null : { scale, bias }, nodes: [i] };
}

/** Every GroupNorm of the graph, in graph (topological) order. */
export function findGroupNorms(model: ModelProto): GroupNormSite[] {
  const g = new GraphIndex(model);
  const sites: GroupNormSite[] = [];
  model.graph.node.forEach((node, i) => {
    const site = node.opType === "InstanceNormalization" ? instanceNormSite(g, i) : node.opType === "GroupNormalization" ? groupNormalizationSite(g, i) : null;
    if (site) sites.push(site);
  });
  return sites;
}

/** The graph's float element type (that of its first float input): fp16 exports carry fp16 activations. */
function floatType(model: ModelProto): number {
  const input = model.graph.input.find((v) => [DataType.FLOAT, DataType.FLOAT16].includes(v.type?.tensorType?.elemType as 1 | 10));
  return input?.type?.tensorType?.elemType ?? DataType.FLOAT;
}

const typed = (name: string, elemType: number, dims?: Array<number | string>): ValueInfoProto => ({
  name,
  type: { tensorType: { elemType, ...(dims ? { shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } } : {}) } },
});

// ---------------------------------------------------------------------------------------------
// Segments

export interface Segment {
  /** Tensors the segment takes: graph inputs, the previous site's normalised tensor, tensors carried over. */
  inputs: string[];
  /** Tensors it returns: the next site's pre-norm tensor and tensors later segments need (or the graph outputs). */
  outputs: string[];
  /** Node indices of the source graph, in graph order (Constant nodes duplicated where used). */
  nodes: number[];
}

export interface SegmentPlan {
  sites: GroupNormSite[];
  /** sites.length + 1 segments: segment k ends at site k (the last one at the graph's outputs). */
  segments: Segment[];
}

/**
 * Places every node in one segment: as late as its consumers allow (so a branch that reads only the graph
 * input, like a colour path, is computed where it is used and only the small input is carried), never before
 * its inputs exist. Each site's pre-norm tensor is consumed at the end of its segment.
 */
export function planSegments(model: ModelProto): SegmentPlan {
  const sites = findGroupNorms(model);
  const g = new GraphIndex(model);
  const nodes = model.graph.node;
  const removed = new Set(sites.flatMap((s) => s.nodes));
  const last = sites.length;
  // Tensors that enter a segment from outside it: graph inputs (segment 0) and normalised outputs (after their site).
  const available = new Map<string, number>(model.graph.input.map((v) => [v.name, 0]));
  sites.forEach((s, k) => available.set(s.output, k + 1));
  const isConstant = (i: number) => nodes[i].opType === "Constant";

  // Earliest segment of each node (inputs available), in graph order.
  const earliest = new Map<number, number>();
  const levelOf = (name: string): number => {
    if (available.has(name)) return available.get(name)!;
    const p = g.producer.get(name);
    if (p === undefined || isConstant(p)) return 0; // initializers and constants are everywhere
    return earliest.get(p) ?? 0;
  };
  nodes.forEach((node, i) => {
    if (!removed.has(i) && !isConstant(i)) earliest.set(i, Math.max(0, ...node.input.filter(Boolean).map(levelOf)));
  });

  // Latest segment, in reverse graph order: the earliest segment among the node's consumers.
  const demand = new Map<string, number>(model.graph.output.map((v) => [v.name, last]));
  sites.forEach((s, k) => demand.set(s.input, Math.min(demand.get(s.input) ?? Infinity, k)));
  const placed = new Map<number, number>();
  for (let i = nodes.length - 1; i >= 0; i--) {
    if (!earliest.has(i)) continue;
    const need = Math.min(...nodes[i].output.map((o) => demand.get(o) ?? Infinity));
    if (need === Infinity) continue; // feeds nothing that is kept
    const at = Math.max(earliest.get(i)!, need);
    placed.set(i, at);
    for (const input of nodes[i].input) if (input && !available.has(input)) demand.set(input, Math.min(demand.get(input) ?? Infinity, at));
  }

  const segments: Segment[] = Array.from({ length: last + 1 }, () => ({ inputs: [], outputs: [], nodes: [] }));
  const addOnce = (list: string[], name: string) => void (!list.includes(name) && list.push(name));
  for (const [i, k] of [...placed].sort((a, b) => a[0] - b[0])) segments[k].nodes.push(i);
  const produced = segments.map((segment) => new Set(segment.nodes.flatMap((i) => nodes[i].output)));
  /** Segment `k` reads `name`: made (or entering) in an earlier segment, it leaves that one and passes through every one between. */
  const read = (k: number, name: string) => {
    if (produced[k].has(name)) return;
    const entering = available.has(name);
    const origin = entering ? available.get(name)! : placed.get(g.producer.get(name)!)!;
    if (entering) addOnce(segments[origin].inputs, name);
    for (let j = origin; j < k; j++) addOnce(segments[j].outputs, name);
    for (let j = origin + 1; j <= k; j++) addOnce(segments[j].inputs, name);
  };
  segments.forEach((segment, k) => {
    const constants = new Set<number>();
    for (const i of segment.nodes) {
      for (const input of nodes[i].input) {
        if (!input || g.initializers.has(input)) continue;
        const p = g.producer.get(input);
        if (p !== undefined && isConstant(p)) constants.add(p); // duplicated into every segment that reads it
        else read(k, input);
      }
    }
    segment.nodes = [...constants, ...segment.nodes].sort((a, b) => a - b);
  });
  sites.forEach((s, k) => {
    read(k, s.input);
    addOnce(segments[k].outputs, s.input);
  });
  for (const v of model.graph.output) {
    read(last, v.name);
    addOnce(segments[last].outputs, v.name);
  }
  return { sites, segments };
}

/**
 * A cut tensor's declared shape: rank 4 (every tensor that crosses a cut is an NCHW activation: a pre-norm tensor,
 * a residual, the graph input), each axis dynamic under its own name (edge tiles differ in size, and a shared
 * dim_param would tell onnxruntime that two tensors have equal sizes).
 */
const activationDims = (name: string) => ["n", "c", "h", "w"].map((axis) => `${name}:${axis}`);

/**
 * The part of the graph that computes `outputs` from `inputs` (graph inputs or any tensors of it), its own
 * GroupNorms included: the decoder's latent-resolution segments as one graph for the whole latent, where a
 * GroupNorm over the whole tensor is the exact one. One session instead of one per segment: onnxruntime keeps
 * each session's memory arena at that session's largest run, so whole-latent segments as separate sessions would
 * each hold a whole-latent arena (docs/tiled-vae.md#memory).
 */
export function subgraphModel(model: ModelProto, inputs: readonly string[], outputs: readonly string[]): ModelProto {
  const g = new GraphIndex(model);
  const given = new Set(inputs);
  const keep = new Set<number>();
  const visit = (name: string) => {
    if (given.has(name)) return;
    const p = g.producer.get(name);
    if (p === undefined || keep.has(p)) return;
    keep.add(p);
    for (const input of g.node(p).input) if (input) visit(input);
  };
  outputs.forEach(visit);
  const nodes = model.graph.node.filter((_, i) => keep.has(i));
  const used = new Set(nodes.flatMap((n) => n.input));
  const elemType = floatType(model);
  const declared = new Map([...model.graph.input, ...model.graph.output].map((v) => [v.name, v]));
  const value = (name: string) => declared.get(name) ?? typed(name, elemType, activationDims(name));
  return {
    ...model,
    graph: {
      name: `${model.graph.name ?? "graph"}_part`,
      node: nodes,
      initializer: model.graph.initializer.filter((t) => t.name && used.has(t.name)),
      input: inputs.map(value),
      output: outputs.map(value),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Frozen statistics

/** Names of site k's statistics inputs in the frozen model, each [batch, groups, 1]. */
export const statInputs = (k: number) => ({ mean: `tiled_vae_gn${k}_mean`, variance: `tiled_vae_gn${k}_variance` });

/**
 * The whole graph with every GroupNorm computing `(x − mean) / √(variance + ε)` from inputs (then its own affine),
 * so a tile normalises with statistics gathered elsewhere.
 */
export function frozenModel(model: ModelProto, sites = findGroupNorms(model)): ModelProto {
  const elemType = floatType(model);
  const initializers: TensorProto[] = [];
  const floatTensor = (name: string, values: Float32Array, dims: number[]): string => {
    const bytes = elemType === DataType.FLOAT16 ? toFloat16(values) : values;
    initializers.push({ name, dims, dataType: elemType, rawData: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength).slice() });
    return name;
  };
  const int64Tensor = (name: string, values: number[]): string => {
    const data = BigInt64Array.from(values, (v) => BigInt(v));
    initializers.push({ name, dims: [values.length], dataType: DataType.INT64, rawData: new Uint8Array(data.buffer) });
    return name;
  };
  const replaced = new Map<number, NodeProto[]>();
  const inputs: ValueInfoProto[] = [];
  sites.forEach((site, k) => {
    const id = `tiled_vae_gn${k}`;
    const { mean, variance } = statInputs(k);
    inputs.push(typed(mean, elemType, ["batch", site.groups, 1]), typed(variance, elemType, ["batch", site.groups, 1]));
    const node = (opType: string, input: string[], output: string): NodeProto => ({ opType, name: output, input, output: [output] });
    const chain: NodeProto[] = [
      node("Reshape", [site.input, int64Tensor(`${id}_groups`, [0, site.groups, -1])], `${id}_grouped`),
      node("Sub", [`${id}_grouped`, mean], `${id}_centred`),
      node("Add", [variance, floatTensor(`${id}_epsilon`, Float32Array.of(site.epsilon), [1])], `${id}_var_eps`),
      node("Sqrt", [`${id}_var_eps`], `${id}_std`),
      node("Div", [`${id}_centred`, `${id}_std`], `${id}_normalised`),
    ];
    let x = `${id}_normalised`;
    const affine = site.affine;
    const perGroup = affine !== null && affine.scale.length === site.groups;
    if (affine && perGroup) {
      chain.push(node("Mul", [x, floatTensor(`${id}_scale`, affine.scale, [site.groups, 1])], `${id}_scaled`));
      chain.push(node("Add", [`${id}_scaled`, floatTensor(`${id}_bias`, affine.bias, [site.groups, 1])], (x = `${id}_shifted`)));
    }
    chain.push(node("Shape", [site.input], `${id}_shape`));
    if (affine && !perGroup) {
      const c = affine.scale.length;
      chain.push(node("Reshape", [x, `${id}_shape`], `${id}_restored`));
      chain.push(node("Mul", [`${id}_restored`, floatTensor(`${id}_scale`, affine.scale, [c, 1, 1])], `${id}_scaled`));
      chain.push(node("Add", [`${id}_scaled`, floatTensor(`${id}_bias`, affine.bias, [c, 1, 1])], site.output));
    } else {
      chain.push(node("Reshape", [x, `${id}_shape`], site.output));
    }
    replaced.set(site.nodes[site.nodes.length === 1 ? 0 : 1], chain);
  });
  const drop = new Set(sites.flatMap((s) => s.nodes));
  const node: NodeProto[] = [];
  model.graph.node.forEach((n, i) => {
    if (replaced.has(i)) node.push(...replaced.get(i)!);
    else if (!drop.has(i)) node.push(n);
  });
  return { ...model, graph: { ...model.graph, node, initializer: [...model.graph.initializer, ...initializers], input: [...model.graph.input, ...inputs] } };
}

/** The frozen graph from segment `from` on: it takes what that segment takes and the statistics of sites `from`… */
export function frozenAfter(model: ModelProto, plan: SegmentPlan, from: number): ModelProto {
  const stats = plan.sites.slice(from).flatMap((_, i) => Object.values(statInputs(from + i)));
  return subgraphModel(frozenModel(model, plan.sites), [...plan.segments[from].inputs, ...stats], model.graph.output.map((v) => v.name));
}

// ---------------------------------------------------------------------------------------------
// Synchronised segments

/** Names of site k's moments over a tile's core in a synchronised segment (float32 [batch, groups, 1]; the core's shape, int64 [4]). */
export const momentOutputs = (k: number) => ({ mean: `tiled_vae_gn${k}_core_mean`, m2: `tiled_vae_gn${k}_core_m2`, shape: `tiled_vae_gn${k}_core_shape` });

/**
 * A synchronised segment's tile inputs, int64: the tile's core `[y1, x1, y2, x2]` and the tile's own size `[h, w]`,
 * both in the tile's input pixels. The graph scales the core to the site tensor's resolution (exact: every tensor's
 * size is the tile's times a power of two, and cores sit on multiples of 8).
 */
export const CORE_INPUTS = { box: "tiled_vae_core", tile: "tiled_vae_tile_size" } as const;

/**
 * What synchronised segment k takes: segment k's inputs with site k − 1's pre-norm tensor in place of its
 * normalised one, and that site's statistics — unless it is `entering` (the first segment a run of segments
 * starts with: the graph's input, or the normalised tensors the whole-latent part returns), which takes segment k's
 * own inputs. Then the tile's core, when the segment ends at a site.
 */
export function syncSegmentInputs(plan: SegmentPlan, k: number, entering: boolean): string[] {
  const normalisesIn = k > 0 && !entering;
  const inputs = plan.segments[k].inputs.map((name) => (normalisesIn && name === plan.sites[k - 1].output ? plan.sites[k - 1].input : name));
  const stats = normalisesIn ? Object.values(statInputs(k - 1)) : [];
  return [...new Set(inputs), ...stats, ...(k < plan.sites.length ? Object.values(CORE_INPUTS) : [])];
}

const defaultOpset = (model: ModelProto) => model.opsetImport.find((o) => (o.domain ?? "") === "")?.version ?? 1;

/**
 * Segment k for synchronised mode (docs/tiled-vae.md#modes): unless `entering`, it normalises site k − 1 inside
 * the graph from the pooled statistics it is given (as `frozenModel`'s sites do); besides site k's pre-norm tensor it returns that
 * tensor's moments over the tile's core, so only the small statistics go back and forth between the tiles' runs.
 * With `half` (a float32 graph whose waiting tiles are parked as float16), every tensor that crosses a cut is
 * float16 in and out of the segment and float32 inside; the moments are taken before the rounding.
 */
export function syncSegmentModel(model: ModelProto, plan: SegmentPlan, k: number, { entering = false, half = false } = {}): ModelProto {
  const segment = plan.segments[k];
  const inputs = syncSegmentInputs(plan, k, entering).filter((name) => !(Object.values(CORE_INPUTS) as string[]).includes(name));
  const part = subgraphModel(entering ? model : frozenModel(model, plan.sites), inputs, segment.outputs);
  const withMoments = k < plan.sites.length ? withCoreMoments(part, plan.sites[k], k, floatType(model), defaultOpset(model)) : part;
  if (!half || floatType(model) !== DataType.FLOAT) return withMoments;
  const graphInputs = new Set(model.graph.input.map((v) => v.name));
  const graphOutputs = new Set(model.graph.output.map((v) => v.name));
  const cutInputs = [...new Set(segment.inputs.filter((n) => !graphInputs.has(n)).map((n) => (inputs.includes(n) ? n : plan.sites[k - 1].input)))];
  return withHalfCuts(withMoments, cutInputs, segment.outputs.filter((n) => !graphOutputs.has(n)));
}

/** `part` with site k's pre-norm tensor's moments over the core (CORE_INPUTS) as extra outputs. */
function withCoreMoments(part: ModelProto, site: GroupNormSite, k: number, elemType: number, opset: number): ModelProto {
  const id = `tiled_vae_gn${k}_core`;
  const out = momentOutputs(k);
  const initializers: TensorProto[] = [];
  const ints = (name: string, values: number[]): string => {
    initializers.push({ name: `${id}_${name}`, dims: [values.length], dataType: DataType.INT64, rawData: new Uint8Array(BigInt64Array.from(values, (v) => BigInt(v)).buffer) });
    return `${id}_${name}`;
  };
  const node = (opType: string, input: string[], output: string, attribute: NodeProto["attribute"] = []): NodeProto => ({ opType, name: output, input, output: [output], attribute });
  const axes = ints("axes", [2]);
  // ReduceMean takes its axes as an input from opset 18, before as an attribute.
  const reduceMean = (x: string, o: string) => (opset >= 18 ? node("ReduceMean", [x, axes], o) : node("ReduceMean", [x], o, [{ name: "axes", type: AttributeType.INTS, ints: [2] }]));
  const nodes: NodeProto[] = [
    node("Shape", [site.input], `${id}_shape_of_x`),
    node("Slice", [`${id}_shape_of_x`, ints("two", [2]), ints("four", [4])], `${id}_hw`),
    node("Slice", [CORE_INPUTS.box, ints("zero", [0]), ints("two_", [2])], `${id}_from_tile`),
    node("Slice", [CORE_INPUTS.box, `${id}_two_`, `${id}_four`], `${id}_to_tile`),
    node("Mul", [`${id}_from_tile`, `${id}_hw`], `${id}_from_scaled`),
    node("Div", [`${id}_from_scaled`, CORE_INPUTS.tile], `${id}_from`),
    node("Mul", [`${id}_to_tile`, `${id}_hw`], `${id}_to_scaled`),
    node("Div", [`${id}_to_scaled`, CORE_INPUTS.tile], `${id}_to`),
    node("Slice", [site.input, `${id}_from`, `${id}_to`, ints("spatial", [2, 3])], `${id}_x`),
    node("Shape", [`${id}_x`], out.shape),
  ];
  let x = `${id}_x`;
  // Moments of a float16 graph's activations are taken in float32: sums over a megapixel overflow float16.
  if (elemType !== DataType.FLOAT) nodes.push(node("Cast", [x], (x = `${id}_x_f32`), [{ name: "to", type: AttributeType.INT, i: DataType.FLOAT }]));
  nodes.push(
    node("Reshape", [x, ints("groups", [0, site.groups, -1])], `${id}_grouped`),
    reduceMean(`${id}_grouped`, out.mean),
    node("Sub", [`${id}_grouped`, out.mean], `${id}_centred`),
    node("Mul", [`${id}_centred`, `${id}_centred`], `${id}_squared`),
    node("ReduceSum", [`${id}_squared`, axes], out.m2),
  );
  const graph = part.graph;
  return {
    ...part,
    graph: {
      ...graph,
      node: [...graph.node, ...nodes],
      initializer: [...graph.initializer, ...initializers],
      input: [...graph.input, typed(CORE_INPUTS.box, DataType.INT64, [4]), typed(CORE_INPUTS.tile, DataType.INT64, [2])],
      output: [...graph.output, typed(out.mean, DataType.FLOAT, ["batch", site.groups, 1]), typed(out.m2, DataType.FLOAT, ["batch", site.groups, 1]), typed(out.shape, DataType.INT64, [4])],
    },
  };
}

/**
 * `part` (a float32 graph) with the tensors `inputs` taken and `outputs` returned as float16: each input is cast
 * to float32 where it enters, each output cast to float16 where it leaves; one that passes straight through stays
 * float16.
 */
function withHalfCuts(part: ModelProto, inputs: readonly string[], outputs: readonly string[]): ModelProto {
  const graph = part.graph;
  const inner = (name: string) => `${name}_float32`;
  // An output that is one of the part's inputs passes straight through, float16 when that input is.
  const passing = new Set(graph.input.map((v) => v.name!));
  outputs = outputs.filter((name) => !passing.has(name) || inputs.includes(name));
  const rename = new Map<string, string>();
  for (const name of inputs) rename.set(name, inner(name));
  for (const name of outputs) if (!inputs.includes(name)) rename.set(name, inner(name));
  const cast = (from: string, to: string, type: number): NodeProto => ({ opType: "Cast", name: to, input: [from], output: [to], attribute: [{ name: "to", type: AttributeType.INT, i: type }] });
  const node = graph.node.map((n) => ({ ...n, input: n.input.map((i) => rename.get(i) ?? i), output: n.output.map((o) => rename.get(o) ?? o) }));
  const half = (v: ValueInfoProto): ValueInfoProto => ({ ...v, type: { tensorType: { ...v.type!.tensorType!, elemType: DataType.FLOAT16 } } });
  return {
    ...part,
    graph: {
      ...graph,
      node: [...inputs.map((n) => cast(n, inner(n), DataType.FLOAT)), ...node, ...outputs.filter((n) => !inputs.includes(n)).map((n) => cast(inner(n), n, DataType.FLOAT16))],
      input: graph.input.map((v) => (inputs.includes(v.name!) ? half(v) : v)),
      output: graph.output.map((v) => (outputs.includes(v.name!) ? half(v) : v)),
    },
  };
}

// Pooling is left out: a side path that pools the input (a colour path) is not where the network changes level.
const RESAMPLING = new Set(["Resize", "Upsample", "ConvTranspose"]);

function resamples(node: NodeProto): boolean {
  if (RESAMPLING.has(node.opType)) return true;
  return node.opType === "Conv" && (attr(node, "strides")?.ints ?? []).some((s) => s > 1);
}

/**
 * The first segment that changes resolution (an upsampling in the decoder, a strided conv in the encoder): the
 * segments before it run at the input's resolution, and the sites before it are the full-resolution GroupNorms.
 */
export function firstResamplingSegment(model: ModelProto, plan: SegmentPlan): number {
  const index = plan.segments.findIndex((s) => s.nodes.some((i) => resamples(model.graph.node[i])));
  return index < 0 ? plan.segments.length : index;
}

/** The segment after the last one that changes resolution: from there on the graph runs at its output's resolution. */
export function afterLastResamplingSegment(model: ModelProto, plan: SegmentPlan): number {
  const index = plan.segments.findLastIndex((s) => s.nodes.some((i) => resamples(model.graph.node[i])));
  return index + 1;
}

/** The segments [from, to) of `plan` as one graph (subgraphModel), its GroupNorms its own. */
export function segmentRangeModel(model: ModelProto, plan: SegmentPlan, from: number, to: number): ModelProto {
  const boundary = (k: number) => (k < plan.segments.length ? plan.segments[k].inputs : model.graph.output.map((v) => v.name));
  return subgraphModel(model, boundary(from), boundary(to));
}
