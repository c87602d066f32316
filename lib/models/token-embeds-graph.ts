// Textual inversion on an ONNX text encoder (docs/textual-inversion.md#the-text-encoder-graph): A1111 replaces the
// token embeddings of an embedding's places by its vectors before the position embeddings are added
// (EmbeddingsWithFixes). This rewrite makes that possible: the token-embedding Gather keeps working, and a Where
// after it takes the row of a new input `onyx_token_embeds` [batch, tokens, width] wherever the id is
// EMBEDDED_TOKEN_ID (-1, an id no tokenizer gives). Everything else — node names, initializers, the pooled output —
// is unchanged, so the rewrite composes with clip skip (applied to its result) and with LoRA patches (which change
// weights by node name, not the embedding wiring).
import { defaultOpset, int64Tensor } from "@/lib/models/graph-edit";
import { AttributeType, DataType, type GraphProto, type ModelProto, type NodeProto, type TensorProto, type ValueInfoProto } from "@/lib/onnx/proto";

export const TOKEN_EMBEDS_INPUT = "onyx_token_embeds";
/** The id that marks a place whose token embedding comes from `onyx_token_embeds`. */
export const EMBEDDED_TOKEN_ID = -1;

/** The token-embedding lookup: a Gather whose data is the `…token_embedding.weight` table (vocab × width). */
export function tokenEmbeddingGather(graph: GraphProto): { node: NodeProto; table: TensorProto } {
  const initializers = new Map(graph.initializer.map((t) => [t.name ?? "", t]));
  for (const node of graph.node) {
    if (node.opType !== "Gather") continue;
    const table = initializers.get(node.input[0]);
    if (table && table.dims.length === 2 && (/token_embedding/.test(node.input[0]) || /token_embedding/.test(node.name ?? ""))) return { node, table };
  }
  throw new Error("text encoder: no Gather on the token embedding table (`…token_embedding.weight`) was found, so embeddings cannot be fed to it");
}

export function withTokenEmbedsInput(model: ModelProto): ModelProto {
  const graph = model.graph;
  const { node: gather, table } = tokenEmbeddingGather(graph);
  const looked = gather.output[0];
  const fromTable = `${looked}_onyx_table`;
  const ids = `${looked}_onyx_ids`;
  const marked = `${looked}_onyx_embedded`;
  const markedRows = `${looked}_onyx_embedded_rows`;
  const marker = int64Tensor("onyx_embedded_token_id", [EMBEDDED_TOKEN_ID], []);
  const axes = int64Tensor("onyx_embedded_axes", [-1]);
  // Unsqueeze takes its axes as an input from opset 13, as an attribute before.
  const unsqueeze: NodeProto = defaultOpset(model) >= 13
    ? { name: "/onyx_token_embeds/Unsqueeze", opType: "Unsqueeze", input: [marked, axes.name!], output: [markedRows] }
    : { name: "/onyx_token_embeds/Unsqueeze", opType: "Unsqueeze", input: [marked], output: [markedRows], attribute: [{ name: "axes", type: AttributeType.INTS, ints: [-1] }] };
  const added: NodeProto[] = [
    { ...gather, output: [fromTable] },
    { name: "/onyx_token_embeds/Cast", opType: "Cast", input: [gather.input[1]], output: [ids], attribute: [{ name: "to", type: AttributeType.INT, i: DataType.INT64 }] },
    { name: "/onyx_token_embeds/Equal", opType: "Equal", input: [ids, marker.name!], output: [marked] },
    unsqueeze,
    { name: "/onyx_token_embeds/Where", opType: "Where", input: [markedRows, TOKEN_EMBEDS_INPUT, fromTable], output: [looked] },
  ];
  const input: ValueInfoProto = {
    name: TOKEN_EMBEDS_INPUT,
    type: { tensorType: { elemType: table.dataType, shape: { dim: [{ dimParam: "batch_size" }, { dimParam: "sequence_length" }, { dimValue: Number(table.dims[1]) }] } } },
  };
  return {
    ...model,
    graph: {
      ...graph,
      node: graph.node.flatMap((n) => (n === gather ? added : [n])),
      initializer: [...graph.initializer, marker, ...(defaultOpset(model) >= 13 ? [axes] : [])],
      input: [...graph.input, input],
    },
  };
}
