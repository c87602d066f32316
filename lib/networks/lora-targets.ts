// Where a LoRA module goes in an ONNX graph (docs/lora.md#mapping): by node name, as the torch exporter and
// Optimum keep module paths in them (`/down_blocks.1/attentions.0/transformer_blocks.0/attn1/to_q/MatMul`,
// `/text_model/encoder/layers.0/self_attn/q_proj/MatMul`), never by initializer name (real exports' are often
// anonymous). The node's weight input must be an initializer with this node as its only consumer.
import type { ModelProto, TensorProto } from "@/lib/onnx/proto";

export type LoraGraph = "unet" | "textEncoder";

export interface LoraTarget {
  nodeName: string;
  weight: TensorProto;
  /** How the weight is stored relative to torch's [out, in(, kh, kw)]: MatMul keeps [in, out]. */
  layout: "transposed" | "torch";
}

const PREFIX: Record<LoraGraph, string> = { unet: "lora_unet_", textEncoder: "lora_te_" };
const WEIGHTED = /^\/(.+)\/(MatMul|Conv|Gemm)$/;

/** kohya name → target, for every MatMul, Gemm and Conv of the graph whose weight is a private initializer. */
export function loraTargets(model: ModelProto, graph: LoraGraph): Map<string, LoraTarget> {
  const initializers = new Map(model.graph.initializer.map((t) => [t.name ?? "", t]));
  const consumers = new Map<string, number>();
  for (const node of model.graph.node) for (const input of node.input) consumers.set(input, (consumers.get(input) ?? 0) + 1);
  const targets = new Map<string, LoraTarget>();
  for (const node of model.graph.node) {
    const match = WEIGHTED.exec(node.name ?? "");
    const weight = initializers.get(node.input[1] ?? "");
    if (!match || !weight || consumers.get(weight.name ?? "") !== 1) continue;
    const transB = node.attribute?.find((a) => a.name === "transB")?.i ?? 0;
    const layout = node.opType === "Conv" || (node.opType === "Gemm" && transB === 1) ? "torch" : "transposed";
    targets.set(PREFIX[graph] + match[1].replace(/[/.]/g, "_"), { nodeName: node.name!, weight, layout });
  }
  return targets;
}
