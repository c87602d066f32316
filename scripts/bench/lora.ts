// What a LoRA costs on the fixture UNet (docs/lora.md#patched-graphs): patching (ΔW by onnxruntime and the sums
// into the weights), opening the patched session from memory, the cached second apply (no patching: the patch is
// reused) and, for comparison, opening the UNet's own graph. Medians over rounds, each round a new multiplier so
// the patch is not cached. The 860 M-parameter figures scale the fixture's cost per parameter (patching per
// patched parameter, opening per parameter): an upper bound, since the fixture's fixed costs are counted per
// parameter too. It also counts the files the patched graphs wrote under <DATA_DIR>/cache/models (0 expected).
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { loadCheckpoint } from "@/lib/models/checkpoints";
import { findLora, loraSha256 } from "@/lib/models/loras";
import { Unet } from "@/lib/models/unet";
import { activateLoras } from "@/lib/networks/activate-loras";
import { FIXTURE_LORAS } from "@/lib/networks/fixtures";
import { patchGraph } from "@/lib/networks/lora-patch";
import { learnedParameters, SD15_PARAMETERS } from "@/lib/onnx/fixtures/parameter-count";
import { readModel } from "@/lib/onnx/read";

const ROUNDS = 7;

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
  const patchNsPerPatchedParameter = (patchMs * 1e6) / patchedParameters;
  const openNsPerParameter = (openMs * 1e6) / parameters;
  const sd15 = SD15_PARAMETERS.unet;
  // A LoRA touching the same share of an 860 M UNet as the fixture LoRA touches of the fixture's.
  const patch860MMs = (patchNsPerPatchedParameter * sd15 * (patchedParameters / parameters)) / 1e6;
  const open860MMs = (openNsPerParameter * sd15) / 1e6;
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
    patchNsPerPatchedParameter,
    openNsPerParameter,
    extrapolated860MPatchMs: patch860MMs,
    extrapolated860MSessionMs: open860MMs,
    extrapolated860MPatchPlusSessionMs: patch860MMs + open860MMs,
    cacheFilesWritten: cacheFiles() - filesBefore,
  };
}
