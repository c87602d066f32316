// A UNet or text-encoder graph with LoRAs merged in (docs/lora.md#patched-graphs): for every module that maps to a
// node, ΔW·multiplier is added to that node's weight. The result is a patched graph held in memory — the changed
// tensors only — that opens from a model buffer while every other weight is read from the base model's folder
// (patched-graph.ts): no base weight is copied and nothing is written. Patches are cached in memory per (graph
// file, set of LoRA files and multipliers), so applying the same set again computes no ΔW.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { GraphSource } from "@/lib/models/patched-graph";
import { loraDelta } from "@/lib/networks/lora-delta";
import { loraTargets, type LoraGraph, type LoraTarget } from "@/lib/networks/lora-targets";
import { loraModules, readLoraModule } from "@/lib/networks/lora-weights";
import { readSafetensorsHeader } from "@/lib/networks/safetensors";
import { fromFloat16, toFloat16 } from "@/lib/onnx/float16";
import { DataLocation, DataType, type ModelProto, type TensorProto } from "@/lib/onnx/proto";
import { externalLocation, readModel } from "@/lib/onnx/read";
import { processSingleton } from "@/lib/process-singleton";

export interface LoraUse {
  /** What the prompt called it (for messages). */
  name: string;
  file: string;
  /** The file's AutoV3 hash: part of the cache key. */
  sha256: string;
  multiplier: number;
}

export interface PatchResult {
  /** The graph to open: the source file itself when no LoRA touches this graph with a non-zero multiplier. */
  graph: GraphSource;
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
      const values = await loraDelta(up, down, out, rank, scale * lora.multiplier, target.layout);
      const sum = sums.get(target.nodeName);
      if (sum) for (let i = 0; i < values.length; i++) sum.delta[i] += values[i];
      else sums.set(target.nodeName, { target, delta: values });
    }
  }
  return { sums, unmatched };
}

/**
 * Patches kept: the UNet's and the text encoder's for the set in use, and they stay while jobs without LoRA run,
 * so going back to the set costs no patching. A new set replaces them (each holds its patched tensors in memory).
 */
const CACHED_PATCHES = 2;
const cache = processSingleton("loraPatches", () => new Map<string, Promise<{ graph: GraphSource; unmatched: Map<string, string[]> }>>());

async function patchedGraph(source: string, graph: LoraGraph, active: LoraUse[], key: string): Promise<{ graph: GraphSource; unmatched: Map<string, string[]> }> {
  const model = readModel(source);
  const { sums, unmatched } = await patches(model, graph, active);
  const sourceDir = path.dirname(source);
  const tensors = new Map<string, TensorProto>();
  for (const { target, delta } of sums.values()) {
    const values = weightValues(target.weight, sourceDir);
    for (let i = 0; i < values.length; i++) values[i] += delta[i];
    tensors.set(target.weight.name!, withValues(target.weight, values));
  }
  // No module mapped: the graph as it is.
  return { graph: tensors.size > 0 ? { file: source, key, tensors } : source, unmatched };
}

export async function patchGraph(source: string, graph: LoraGraph, loras: LoraUse[]): Promise<PatchResult> {
  const active = loras.filter((l) => l.multiplier !== 0);
  if (active.length === 0) return { graph: source, patched: false, unmatched: new Map() };
  // The graph file's identity too: a model replaced in place is patched again.
  const st = fs.statSync(source);
  const set = JSON.stringify(active.map((l) => [l.sha256, l.multiplier]).sort());
  const key = `lora-${crypto.createHash("sha256").update(set).digest("hex").slice(0, 16)}`;
  const entry = `${path.resolve(source)}:${st.size}:${st.mtimeMs}:${key}`;
  let patching = cache.get(entry);
  const patched = !patching;
  if (patching) cache.delete(entry); // re-inserted below as the most recent
  else {
    patching = patchedGraph(source, graph, active, key);
    patching.catch(() => cache.get(entry) === patching && cache.delete(entry));
  }
  cache.set(entry, patching);
  for (const old of [...cache.keys()].slice(0, Math.max(0, cache.size - CACHED_PATCHES))) cache.delete(old);
  const result = await patching;
  return { graph: result.graph, patched, unmatched: result.unmatched };
}
