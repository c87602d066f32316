// What a LoRA costs on the fixture UNet (docs/lora.md#patched-graphs): patching (ΔW by onnxruntime and the sums
// into the weights), opening the patched session from memory, the cached second apply (no patching: the patch is
// reused) and, for comparison, opening the UNet's own graph. Medians over rounds, each round a new multiplier so
// the patch is not cached. It also counts the files the patched graphs wrote under <DATA_DIR>/cache/models (0).
// The 860 M-parameter figures: the fixture's 0.8 M parameters cost mostly fixed overheads (per module, per graph),
// so scaling its cost per parameter (the "naive" figures) overstates a real UNet by orders of magnitude. The
// per-parameter costs are therefore also measured on one large synthetic weight (a one-MatMul graph named like a
// UNet attention projection, its weight external, and a rank-32 LoRA for it, in a temp folder), where they
// dominate: patching per patched parameter, opening per parameter read from the base folder, and the extra cost
// of a parameter inline in the buffer. Those give the extrapolation for SD 1.5's 860 M UNet with a LoRA on its
// attention projections (93.5 M parameters, docs/lora.md#patched-graphs) and with the fixture LoRA's share.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { loadCheckpoint } from "@/lib/models/checkpoints";
import { findLora, loraSha256 } from "@/lib/models/loras";
import { OnnxSession } from "@/lib/models/onnx-session";
import { patchedModel } from "@/lib/models/patched-graph";
import { Unet } from "@/lib/models/unet";
import { activateLoras } from "@/lib/networks/activate-loras";
import { FIXTURE_LORAS } from "@/lib/networks/fixtures";
import { patchGraph } from "@/lib/networks/lora-patch";
import { writeSafetensors } from "@/lib/networks/safetensors";
import { valueInfo } from "@/lib/onnx/graph-builder";
import { learnedParameters, SD15_PARAMETERS } from "@/lib/onnx/fixtures/parameter-count";
import { DataType } from "@/lib/onnx/proto";
import { readModel } from "@/lib/onnx/read";
import { createModel, writeModel } from "@/lib/onnx/write";
import { PhiloxGenerator } from "@/lib/rng/philox";

const ROUNDS = 7;
/** The synthetic weight: [in, out] as a MatMul stores it, 16.8 M parameters (64 MiB fp32). */
const SYNTHETIC = { in: 4096, out: 4096, rank: 32 };
/** SD 1.5's 128 attention projections (docs/lora.md#patched-graphs: a LoRA on them touches 93.5 M parameters). */
const SD15_ATTENTION_PARAMETERS = 93.5e6;

async function timed<T>(call: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await call();
  return [result, performance.now() - start];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function cacheFiles(): number {
  const dir = path.join(onyxPaths().data, "cache", "models");
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
}

/** ns per parameter of patching, of opening (weights read from the base folder) and of a parameter inline in the buffer. */
async function perParameterCosts(): Promise<{ patchNs: number; openNs: number; inlineNs: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-bench-lora-"));
  try {
    const file = path.join(dir, "model.onnx");
    const { in: n, out, rank } = SYNTHETIC;
    const rng = new PhiloxGenerator(7);
    const weight = rng.randn(n * out).map((v) => v * 0.02);
    const node = "/down_blocks.0/attentions.0/transformer_blocks.0/attn1/to_q/MatMul";
    const graph = {
      name: "synthetic",
      node: [{ opType: "MatMul", input: ["x", "onnx::MatMul_1"], output: ["y"], name: node }],
      initializer: [{ name: "onnx::MatMul_1", dims: [n, out], dataType: DataType.FLOAT, rawData: new Uint8Array(weight.buffer) }],
      input: [valueInfo("x", DataType.FLOAT, [1, n])],
      output: [valueInfo("y", DataType.FLOAT, [1, out])],
    };
    writeModel(file, createModel(graph), { externalData: "weights.pb" });
    const module = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q";
    const loraFile = path.join(dir, "synthetic.safetensors");
    writeSafetensors(loraFile, {
      [`${module}.lora_down.weight`]: { shape: [rank, n], data: rng.randn(rank * n) },
      [`${module}.lora_up.weight`]: { shape: [out, rank], data: rng.randn(out * rank) },
      [`${module}.alpha`]: { shape: [], data: Float32Array.of(rank) },
    });
    const rounds: Array<{ patch: number; open: number; inline: number }> = [];
    for (let i = 0; i < 4; i++) {
      const [{ graph: patched }, patch] = await timed(() => patchGraph(file, "unet", [{ name: "synthetic", file: loraFile, sha256: "synthetic", multiplier: 0.3 + i / 100 }]));
      if (typeof patched === "string") throw new Error("the synthetic LoRA patched nothing");
      const [bare, open] = await timed(() => OnnxSession.open(file));
      const [inMemory, inline] = await timed(() => OnnxSession.open(patchedModel(patched)));
      await Promise.all([bare.release(), inMemory.release()]);
      if (i > 0) rounds.push({ patch, open, inline }); // the first round warms the ΔW session
    }
    const ns = (ms: number) => (ms * 1e6) / (n * out);
    const patchMs = median(rounds.map((r) => r.patch));
    const openMs = median(rounds.map((r) => r.open));
    return { patchNs: ns(patchMs), openNs: ns(openMs), inlineNs: Math.max(0, ns(median(rounds.map((r) => r.inline)) - openMs)) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchLora(): Promise<Record<string, number>> {
  const { model } = await loadCheckpoint("onyx-tiny");
  await activateLoras(model, "");
  const unetFile = model.folder.unet;
  const lora = findLora(FIXTURE_LORAS.all);
  if (!lora) throw new Error(`fixture LoRA ${FIXTURE_LORAS.all} not found (npm run fixtures)`);
  const use = (multiplier: number) => [{ name: lora.name, file: lora.path, sha256: loraSha256(lora.path), multiplier }];
  const parameters = learnedParameters(readModel(unetFile));
  const filesBefore = cacheFiles();
  const rounds: Array<{ patch: number; open: number; cached: number; bare: number }> = [];
  let patchedParameters = 0;
  for (let i = 0; i < ROUNDS + 1; i++) {
    const multiplier = 0.5 + i / 100;
    const [first, patch] = await timed(() => patchGraph(unetFile, "unet", use(multiplier)));
    if (!first.patched || typeof first.graph === "string") throw new Error("the fixture LoRA patched nothing");
    patchedParameters = [...first.graph.tensors.values()].reduce((sum, t) => sum + t.dims.reduce((a, d) => a * Number(d), 1), 0);
    const [patchedUnet, open] = await timed(() => Unet.open(first.graph));
    const [second, cached] = await timed(() => patchGraph(unetFile, "unet", use(multiplier)));
    if (second.patched) throw new Error("the second apply of a set patched again");
    const [bareUnet, bare] = await timed(() => Unet.open(unetFile));
    await Promise.all([patchedUnet.release(), bareUnet.release()]);
    if (i > 0) rounds.push({ patch, open, cached, bare }); // the first round opens the ΔW session
  }
  // The whole activation as a job does it (UNet only: te weight 0), then again with the same set.
  const [, firstApplyMs] = await timed(() => activateLoras(model, `<lora:${lora.name}:0:0.9>`));
  const [again, secondApplyMs] = await timed(() => activateLoras(model, `<lora:${lora.name}:0:0.9>`));
  await activateLoras(model, "");
  const [back, backAfterNoLoraMs] = await timed(() => activateLoras(model, `<lora:${lora.name}:0:0.9>`));
  await activateLoras(model, "");
  if (again.patched || back.patched) throw new Error("a cached LoRA set was patched again");
  const patchMs = median(rounds.map((r) => r.patch));
  const openMs = median(rounds.map((r) => r.open));
  const bareMs = median(rounds.map((r) => r.bare));
  const sd15 = SD15_PARAMETERS.unet;
  const share = patchedParameters / parameters;
  // Naive: the fixture's cost per parameter, fixed overheads included.
  const naivePatch860MMs = (patchMs / patchedParameters) * sd15 * share;
  const naiveOpen860MMs = (openMs / parameters) * sd15;
  const cost = await perParameterCosts();
  // Patching the patched parameters, opening all of them, the patched ones inline.
  const extrapolate = (patched: number) => (patched * (cost.patchNs + cost.inlineNs) + sd15 * cost.openNs) / 1e6;
  return {
    rounds: ROUNDS,
    fixtureUnetParameters: parameters,
    patchedParameters,
    patchMs,
    patchedSessionOpenMs: openMs,
    patchPlusSessionMs: patchMs + openMs,
    cachedSecondPatchMs: median(rounds.map((r) => r.cached)),
    bareSessionOpenMs: bareMs,
    firstApplyMs,
    secondApplyMs,
    backAfterNoLoraMs,
    cacheFilesWritten: cacheFiles() - filesBefore,
    naive860MPatchPlusSessionMs: naivePatch860MMs + naiveOpen860MMs,
    syntheticPatchNsPerParameter: cost.patchNs,
    syntheticOpenNsPerParameter: cost.openNs,
    syntheticInlineNsPerParameter: cost.inlineNs,
    extrapolated860MBareSessionMs: (sd15 * cost.openNs) / 1e6,
    extrapolated860MAttentionLoraMs: extrapolate(SD15_ATTENTION_PARAMETERS),
    extrapolated860MFixtureShareLoraMs: extrapolate(sd15 * share),
  };
}
