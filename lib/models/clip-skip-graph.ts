// Clip skip for exports that only return the last layer. A1111 takes hidden_states[-k] (the output
// of encoder layer L−k) and applies the final LayerNorm. This rewrite adds exactly that to the graph:
// it finds the per-layer outputs the torch exporter names `/text_model/encoder/layers.{i}/Add_1_output_0`,
// copies the nodes between the last layer's output and `last_hidden_state` (the final LayerNorm, in
// whatever form the exporter wrote it), feeds the copy with layer L−k's output, and returns the copy's
// result as a new graph output.
import type { ModelProto, NodeProto } from "@/lib/onnx/proto";

const LAYER_OUTPUT = /\/encoder\/layers\.(\d+)\/Add_1_output_0$/;

export function clipSkipOutputName(skip: number): string {
  return `onyx_clip_skip_${skip}`;
}

/** Encoder layer outputs by layer index, from the node outputs' names. */
function layerOutputs(nodes: NodeProto[]): Map<number, string> {
  const found = new Map<number, string>();
  for (const node of nodes) {
    for (const out of node.output) {
      const m = LAYER_OUTPUT.exec(out);
      if (m) found.set(Number(m[1]), out);
    }
  }
  return found;
}

/** Nodes that depend on `from` and that `to` depends on, in graph (topological) order. */
function nodesBetween(nodes: NodeProto[], from: string, to: string): NodeProto[] {
  const downstream = new Set([from]);
  const reached = new Set<NodeProto>();
  for (const node of nodes) {
    if (node.input.some((i) => downstream.has(i))) {
      reached.add(node);
      node.output.forEach((o) => downstream.add(o));
    }
  }
  const needed = new Set([to]);
  const between: NodeProto[] = [];
  for (const node of [...nodes].reverse()) {
    if (!reached.has(node) || !node.output.some((o) => needed.has(o))) continue;
    between.push(node);
    node.input.forEach((i) => needed.add(i));
  }
  return between.reverse();
}

/**
 * Returns a copy of a CLIP text-encoder model with one more output, `clipSkipOutputName(skip)`:
 * final_layer_norm(output of layer L − skip), shaped like `last_hidden_state`.
 */
export function withClipSkipOutput(model: ModelProto, skip: number): ModelProto {
  const graph = model.graph;
  const layers = layerOutputs(graph.node);
  const count = layers.size;
  if (count === 0) throw new Error("text encoder: no `/encoder/layers.N/Add_1_output_0` values found, so clip skip cannot be applied");
  if (skip < 1 || skip > count) throw new Error(`clip skip ${skip} is out of range for a text encoder with ${count} layers`);
  const last = layers.get(count - 1);
  const source = layers.get(count - skip);
  const finalOutput = graph.output.find((o) => o.name === "last_hidden_state");
  if (!last || !source || !finalOutput) throw new Error("text encoder: layer outputs are not numbered 0…N−1 or last_hidden_state is missing");

  const suffix = `_onyx_clip_skip_${skip}`;
  const finalNorm = nodesBetween(graph.node, last, "last_hidden_state");
  const renamed = new Map<string, string>([[last, source]]);
  for (const node of finalNorm) node.output.forEach((o) => renamed.set(o, o === "last_hidden_state" ? clipSkipOutputName(skip) : o + suffix));
  const copies: NodeProto[] = finalNorm.map((node) => ({
    ...node,
    name: node.name ? node.name + suffix : undefined,
    input: node.input.map((i) => renamed.get(i) ?? i),
    output: node.output.map((o) => renamed.get(o)!),
  }));
  return {
    ...model,
    graph: {
      ...graph,
      node: [...graph.node, ...copies],
      output: [...graph.output, { ...finalOutput, name: clipSkipOutputName(skip) }],
    },
  };
}
