// A graph whose weights are partly replaced in memory (LoRA, docs/lora.md#patched-graphs): the base model file
// plus the initializers that changed. It is opened from a model buffer holding the graph and those tensors inline,
// while every other initializer keeps naming the base model's external data files, which onnxruntime reads from
// the base folder — nothing is copied or written (docs/lora.md#patched-graphs).
import path from "node:path";
import type { InMemoryModel } from "@/lib/models/onnx-session";
import { encodeModelProto, type ModelProto, type TensorProto } from "@/lib/onnx/proto";
import { readModel } from "@/lib/onnx/read";

export interface PatchedGraph {
  /** The base model file. */
  file: string;
  /** Names what was patched (the LoRA set): two patched graphs of one file with one key are the same. */
  key: string;
  /** Initializer name → its replacement, inline. */
  tensors: ReadonlyMap<string, TensorProto>;
}

/** A graph to open: a model file as it is, or one with patched weights. */
export type GraphSource = string | PatchedGraph;

export const graphFile = (source: GraphSource): string => (typeof source === "string" ? source : source.file);

/** Equal for the same file with the same patch. */
export const graphId = (source: GraphSource): string => (typeof source === "string" ? source : `${source.file}#${source.key}`);

/**
 * The in-memory model of `patched` after `rewrite` (null: the graph as it is). The base graph is read again each
 * time the bytes are asked for (its model.onnx is small when the weights are external), so only the patch is kept.
 */
export function patchedModel(patched: PatchedGraph, rewrite: (model: ModelProto) => ModelProto | null = () => null): InMemoryModel {
  return {
    name: patched.file,
    folder: path.dirname(patched.file),
    bytes: () => {
      const base = readModel(patched.file);
      const model = { ...base, graph: { ...base.graph, initializer: base.graph.initializer.map((t) => patched.tensors.get(t.name ?? "") ?? t) } };
      return encodeModelProto(rewrite(model) ?? model);
    },
  };
}
