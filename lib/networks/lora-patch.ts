// A UNet or text-encoder graph with LoRAs merged in (docs/lora.md#patched-graphs): for every module that maps to a
// node, ΔW·multiplier is added to that node's weight; the copy holds only the patched tensors, and every other
// weight stays in the base model's files (hard links, derived-model.ts), so no base weight is copied. Copies are
// cached on disk per (graph file, set of LoRA files and multipliers): applying the same set again patches nothing.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { derivedModelCached, derivedModelFile } from "@/lib/models/derived-model";
import { loraDelta } from "@/lib/networks/lora-delta";
import { loraTargets, type LoraGraph, type LoraTarget } from "@/lib/networks/lora-targets";
import { loraModules, readLoraModule } from "@/lib/networks/lora-weights";
import { readSafetensorsHeader } from "@/lib/networks/safetensors";
import { fromFloat16, toFloat16 } from "@/lib/onnx/float16";
import { DataLocation, DataType, type ModelProto, type TensorProto } from "@/lib/onnx/proto";
import { externalLocation, readModel } from "@/lib/onnx/read";

export interface LoraUse {
  /** What the prompt called it (for messages). */
  name: string;
  file: string;
  /** The file's AutoV3 hash: part of the cache key. */
  sha256: string;
  multiplier: number;
}

export interface PatchResult {
  /** The graph to open: the source itself when no LoRA touches this graph with a non-zero multiplier. */
  file: string;
  /** Whether ΔW was computed this time (false: cache hit or nothing to patch). */
  patched: boolean;
  /** Per LoRA name, this graph's modules that map to no node. */
  unmatched: Map<string, string[]>;
}

const PREFIXES: Record<LoraGraph, RegExp> = { unet: /^lora_unet_/, textEncoder: /^lora_te1?_/ };

/** A weight's values as float32, read from the model file or its external data file. */
function weightValues(tensor: TensorProto, sourceDir: string): Float32Array {
  const external = externalLocation(tensor);
  let bytes: Uint8Array;
  if (external) {
    const fd = fs.openSync(path.join(sourceDir, external.location), "r");
    try {
      const elementBytes = tensor.dataType === DataType.FLOAT16 ? 2 : 4;
      const buf = Buffer.alloc(external.length >= 0 ? external.length : tensor.dims.reduce((a, b) => a * b, 1) * elementBytes);
      fs.readSync(fd, buf, 0, buf.length, external.offset);
      bytes = buf;
    } finally {
      fs.closeSync(fd);
    }
  } else if (tensor.rawData) bytes = tensor.rawData;
  else if (tensor.floatData) return Float32Array.from(tensor.floatData);
  else throw new Error(`${tensor.name}: no weight data`);
  const copy = new Uint8Array(bytes);
  if (tensor.dataType === DataType.FLOAT) return new Float32Array(copy.buffer);
  if (tensor.dataType === DataType.FLOAT16) return fromFloat16(new Uint16Array(copy.buffer));
  throw new Error(`${tensor.name}: LoRA patches float32 and float16 weights only`);
}

function withValues(tensor: TensorProto, values: Float32Array): TensorProto {
  const data = tensor.dataType === DataType.FLOAT16 ? toFloat16(values) : values;
  return { name: tensor.name, dims: tensor.dims, dataType: tensor.dataType, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), dataLocation: DataLocation.DEFAULT };
}

/** Sum over the LoRAs of ΔW·multiplier per target node, in the weight's own layout. */
async function patches(model: ModelProto, graph: LoraGraph, loras: LoraUse[]) {
  const targets = loraTargets(model, graph);
  const sums = new Map<string, { target: LoraTarget; delta: Float32Array }>();
  const unmatched = new Map<string, string[]>();
  for (const lora of loras) {
    if (lora.multiplier === 0) continue;
    const header = readSafetensorsHeader(lora.file);
    for (const module of loraModules(header).modules.filter((m) => PREFIXES[graph].test(m.name))) {
      const target = targets.get(module.name.replace(/^lora_te1_/, "lora_te_"));
      const size = target?.weight.dims.reduce((a, b) => a * b, 1);
      const out = module.up.shape[0];
      const n = module.down.shape.slice(1).reduce((a, b) => a * b, 1);
      if (!target || size !== out * n) {
        unmatched.set(lora.name, [...(unmatched.get(lora.name) ?? []), module.name]);
        continue;
      }
      const { up, down, rank, scale } = readLoraModule(lora.file, header, module);
      const { delta, transposed } = await loraDelta(up, down, out, rank, scale * lora.multiplier);
      const values = target.layout === "transposed" ? transposed : delta;
      const sum = sums.get(target.nodeName);
      if (sum) for (let i = 0; i < values.length; i++) sum.delta[i] += values[i];
      else sums.set(target.nodeName, { target, delta: Float32Array.from(values) });
    }
  }
  return { sums, unmatched };
}

export async function patchedGraphFile(source: string, graph: LoraGraph, loras: LoraUse[]): Promise<PatchResult> {
  const active = loras.filter((l) => l.multiplier !== 0);
  if (active.length === 0) return { file: source, patched: false, unmatched: new Map() };
  const key = JSON.stringify(active.map((l) => [l.sha256, l.multiplier]).sort());
  const variant = `lora-${crypto.createHash("sha256").update(key).digest("hex").slice(0, 16)}`;
  const model = readModel(source);
  // The unmatched keys are found again from the names only (cheap), so a cache hit reports them too.
  if (derivedModelCached(source, variant).cached) {
    const targets = loraTargets(model, graph);
    const unmatched = new Map<string, string[]>();
    for (const lora of active) {
      const names = loraModules(readSafetensorsHeader(lora.file)).modules.map((m) => m.name).filter((n) => PREFIXES[graph].test(n) && !targets.has(n.replace(/^lora_te1_/, "lora_te_")));
      if (names.length > 0) unmatched.set(lora.name, names);
    }
    return { file: derivedModelFile(source, variant, () => null), patched: false, unmatched };
  }
  const { sums, unmatched } = await patches(model, graph, active);
  const sourceDir = path.dirname(source);
  const patchedWeights = new Map<string, TensorProto>();
  for (const { target, delta } of sums.values()) {
    const values = weightValues(target.weight, sourceDir);
    for (let i = 0; i < values.length; i++) values[i] += delta[i];
    patchedWeights.set(target.weight.name!, withValues(target.weight, values));
  }
  const file = derivedModelFile(source, variant, (m) => ({ ...m, graph: { ...m.graph, initializer: m.graph.initializer.map((t) => patchedWeights.get(t.name ?? "") ?? t) } }));
  return { file, patched: true, unmatched };
}
