// Fixture extra networks derived from the generated fixture checkpoints (lib/onnx/fixtures), so they follow
// whatever graphs those carry: `VAE/onyx-tiny-warm`, onyx-tiny's VAE decoder with its last convolution's bias
// shifted (a visibly different decode), and kohya-format rank-4 LoRAs whose keys are made from the fixture
// graphs' own node names (lora-targets.ts), as a real export's names would map. Each carries the source graphs'
// hash and is rewritten when they change.
import fs from "node:fs";
import path from "node:path";
import { sha256Of } from "@/lib/models/checkpoints";
import { loraTargets, type LoraGraph } from "@/lib/networks/lora-targets";
import { writeSafetensors } from "@/lib/networks/safetensors";
import { PhiloxGenerator } from "@/lib/rng/philox";
import { DataType, type ModelProto } from "@/lib/onnx/proto";
import { readModel } from "@/lib/onnx/read";
import { writeModel } from "@/lib/onnx/write";

export const FIXTURE_VAE = "onyx-tiny-warm";
const SOURCE_CHECKPOINT = "onyx-tiny";
const STAMP = ".onyx-network-fixture";
/** What the fixture VAE adds to the decoded image (in [-1, 1]) per channel R, G, B. */
export const FIXTURE_VAE_SHIFT = [0.3, 0.1, -0.2] as const;

/** The decoder with FIXTURE_VAE_SHIFT added to the bias of the Conv that produces its output. */
function warmDecoder(model: ModelProto): ModelProto {
  const graph = model.graph;
  const producer = (name: string) => graph.node.find((n) => n.output.includes(name));
  let node = producer(graph.output[0].name);
  while (node && node.opType !== "Conv") node = producer(node.input[0]);
  const bias = node && graph.initializer.find((t) => t.name === node.input[2]);
  if (!bias?.rawData || bias.dataType !== DataType.FLOAT) throw new Error("fixture VAE: the decoder's last Conv has no float bias initializer");
  const values = new Float32Array(new Uint8Array(bias.rawData).buffer);
  FIXTURE_VAE_SHIFT.forEach((shift, i) => (values[i] += shift));
  bias.rawData = new Uint8Array(values.buffer);
  return model;
}

export const FIXTURE_LORAS = { all: "onyx-detail", attention: "onyx-style" } as const;
const LORA_RANK = 4;
const LORA_ALPHA = 2;

/**
 * A kohya LoRA for the fixture UNet and text encoder: rank-4 down/up pairs (and alpha) for every mapped node
 * whose kohya name `select` accepts, normal values scaled by `std`; `extraKeys` adds modules that map nowhere.
 */
function fixtureLora(models: Record<LoraGraph, ModelProto>, seed: number, select: (name: string) => boolean, extraKeys: string[] = []) {
  const rng = new PhiloxGenerator(seed);
  const tensors: Record<string, { shape: number[]; data: Float32Array }> = {};
  const add = (name: string, down: number[], up: number[]) => {
    const std = 0.25;
    tensors[`${name}.lora_down.weight`] = { shape: down, data: rng.randn(down.reduce((a, b) => a * b, 1)).map((v) => v * std) };
    tensors[`${name}.lora_up.weight`] = { shape: up, data: rng.randn(up.reduce((a, b) => a * b, 1)).map((v) => v * std) };
    tensors[`${name}.alpha`] = { shape: [], data: Float32Array.of(LORA_ALPHA) };
  };
  for (const graph of ["unet", "textEncoder"] as const) {
    for (const [name, target] of [...loraTargets(models[graph], graph)].sort(([a], [b]) => a.localeCompare(b))) {
      if (!select(name)) continue;
      const dims = target.weight.dims;
      if (target.layout === "transposed") add(name, [LORA_RANK, dims[0]], [dims[1], LORA_RANK]);
      else if (dims.length === 4) add(name, [LORA_RANK, ...dims.slice(1)], [dims[0], LORA_RANK, 1, 1]);
      else add(name, [LORA_RANK, dims[1]], [dims[0], LORA_RANK]);
    }
  }
  for (const name of extraKeys) add(name, [LORA_RANK, 8], [8, LORA_RANK]);
  return tensors;
}

function writeFixture(target: string, source: string, write: (tmp: string) => void): void {
  const stamp = `${sha256Of(source)}\n`;
  const stampFile = path.join(target, STAMP);
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) return;
  // Hidden while written, so a crash never leaves something that lists as a network.
  const tmp = path.join(path.dirname(target), `.tmp-${path.basename(target)}-${process.pid}`);
  try {
    write(tmp);
    fs.writeFileSync(path.join(tmp, STAMP), stamp);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Writes the network fixtures that are missing or stale; the fixture checkpoints must exist. */
export function ensureNetworkFixtures(modelsDir: string): void {
  const checkpoint = path.join(modelsDir, "Stable-diffusion", SOURCE_CHECKPOINT);
  const decoder = path.join(checkpoint, "vae_decoder/model.onnx");
  writeFixture(path.join(modelsDir, "VAE", FIXTURE_VAE), decoder, (tmp) => {
    fs.mkdirSync(path.join(tmp, "vae_decoder"), { recursive: true });
    writeModel(path.join(tmp, "vae_decoder/model.onnx"), warmDecoder(readModel(decoder, { loadExternalData: true })));
  });
  const unet = path.join(checkpoint, "unet/model.onnx");
  const textEncoder = path.join(checkpoint, "text_encoder/model.onnx");
  // The UNet's graph file carries the node names; both graphs' hashes decide the stamp.
  const models = { unet: readModel(unet), textEncoder: readModel(textEncoder) };
  const loras: Array<[string, () => ReturnType<typeof fixtureLora>, Record<string, string>]> = [
    [FIXTURE_LORAS.all, () => fixtureLora(models, 2101, () => true), { ss_output_name: "onyx detail", ss_network_dim: String(LORA_RANK) }],
    [FIXTURE_LORAS.attention, () => fixtureLora(models, 2102, (n) => /_attn[12]_/.test(n), ["lora_unet_not_a_module_in_this_model"]), { ss_network_dim: String(LORA_RANK) }],
  ];
  for (const [name, build, metadata] of loras) {
    writeFixture(path.join(modelsDir, "Lora", `.${name}`), unet, (tmp) => {
      fs.mkdirSync(tmp, { recursive: true });
      writeSafetensors(path.join(tmp, `${name}.safetensors`), build(), metadata);
    });
    const file = path.join(modelsDir, "Lora", `${name}.safetensors`);
    const built = path.join(modelsDir, "Lora", `.${name}`, `${name}.safetensors`);
    if (!fs.existsSync(file) || fs.statSync(file).mtimeMs < fs.statSync(built).mtimeMs) fs.copyFileSync(built, file);
  }
}
