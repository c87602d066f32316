// LoRA on the fixture model: the fixture LoRAs' keys come from the fixture graphs' node names, so the mapping is
// exercised as a real export's would be. The patched UNet is compared with a model merged offline (ΔW in float64
// here, added to the torch-layout weight and transposed into the MatMul layout by hand); weight 0 is
// byte-identical to no LoRA; two LoRAs add; the second application of a set is a cache hit. The patched graphs
// open from memory (docs/lora.md#patched-graphs): nothing is written under the data folder for them, and their
// sessions survive a reload and a restart of the inference process.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { onyxPaths } from "@/lib/config";
import { loadCheckpoint } from "@/lib/models/checkpoints";
import { inferenceProcess } from "@/lib/models/inference-process";
import { WHOLE_ATTENTION } from "@/lib/models/graph-options";
import { findLora, listLoras } from "@/lib/models/loras";
import { Unet } from "@/lib/models/unet";
import { activateLoras, loraRequests } from "@/lib/networks/activate-loras";
import { FIXTURE_LORAS } from "@/lib/networks/fixtures";
import { loraTargets } from "@/lib/networks/lora-targets";
import { loraModules, readLoraModule } from "@/lib/networks/lora-weights";
import { readSafetensorsHeader, safetensorsHash } from "@/lib/networks/safetensors";
import { DataLocation } from "@/lib/onnx/proto";
import { readModel } from "@/lib/onnx/read";
import { writeModel } from "@/lib/onnx/write";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { PhiloxGenerator } from "@/lib/rng/philox";
import { parseGenerationParameters } from "@/lib/infotext/parser";

const root = useTempJobFolders("lora");
const unetFile = () => path.join(onyxPaths().models, "Stable-diffusion/onyx-tiny/unet/model.onnx");

/** onyx-tiny's UNet with Σ w·ΔW merged into its weights offline, written to a temp folder. */
function mergedUnet(loras: Array<[string, number]>): string {
  const model = readModel(unetFile(), { loadExternalData: true });
  const targets = loraTargets(model, "unet");
  for (const [name, w] of loras) {
    const file = findLora(name)!.path;
    const header = readSafetensorsHeader(file);
    for (const module of loraModules(header).modules) {
      const target = targets.get(module.name);
      if (!target) continue;
      const { up, down, rank, scale } = readLoraModule(file, header, module);
      const out = module.up.shape[0];
      const n = down.length / rank;
      const weight = new Float32Array(new Uint8Array(target.weight.rawData!).buffer);
      for (let o = 0; o < out; o++) {
        for (let j = 0; j < n; j++) {
          let sum = 0;
          for (let r = 0; r < rank; r++) sum += up[o * rank + r] * down[r * n + j];
          // torch [out, in…]; a MatMul weight is stored [in, out].
          const index = target.layout === "transposed" ? j * out + o : o * n + j;
          weight[index] += sum * scale * w;
        }
      }
      target.weight.rawData = new Uint8Array(weight.buffer);
      target.weight.dataLocation = DataLocation.DEFAULT;
    }
  }
  const dir = fs.mkdtempSync(path.join(root(), "merged-"));
  const file = path.join(dir, "model.onnx");
  writeModel(file, model, { externalData: "weights.pb" });
  return file;
}

async function unetOutput(unet: Unet): Promise<Float32Array> {
  const rng = new PhiloxGenerator(5);
  const sample = { data: rng.randn(1 * 4 * 8 * 8), shape: [1, 4, 8, 8] };
  const context = { data: rng.randn(77 * 64).map((v) => v * 0.5), shape: [1, 77, 64] };
  return unet.predict(sample, [500], context, { tiling: false, attention: WHOLE_ATTENTION });
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** Every file under the data folder's cache, with its size. */
function cacheListing(): string[] {
  const dir = path.join(onyxPaths().data, "cache");
  return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => `${f}:${fs.statSync(path.join(dir, f)).size}`).sort() : [];
}

const job = (prompt: string) =>
  runTxt2img(generationParamsSchema.parse({ prompt, steps: 4, width: 64, height: 64, seed: 11, saveImages: false, overrideSettings: { sd_model_checkpoint: "onyx-tiny" } }), new JobProgress(prompt));
const raw = (png: Buffer) => sharp(png).removeAlpha().raw().toBuffer();

describe("LoRA tags", () => {
  it("reads A1111's forms: <lora:name:w>, <lora:name:te:unet>, named te= and unet=, the lyco alias", () => {
    expect(loraRequests("a <lora:x:0.8> b <lora:y:0.5:0.2> <lyco:z> <lora:q:unet=0.3:te=0.7> <hypernet:h:1>")).toEqual([
      { name: "x", te: 0.8, unet: 0.8 },
      { name: "y", te: 0.5, unet: 0.2 },
      { name: "q", te: 0.7, unet: 0.3 },
      { name: "z", te: 1, unet: 1 },
    ]);
  });
});

describe("LoRA on onyx-tiny", () => {
  it("lists the fixture LoRAs with their header metadata and alias", () => {
    const loras = listLoras();
    const detail = loras.find((l) => l.name === FIXTURE_LORAS.all)!;
    expect(detail.alias).toBe("onyx detail");
    expect(detail.metadata.ss_network_dim).toBe("4");
    expect(findLora("onyx detail")?.name).toBe(FIXTURE_LORAS.all);
    // Every module of the all-nodes LoRA maps; its keys are kohya names of real-export node paths.
    const modules = loraModules(readSafetensorsHeader(detail.path)).modules.map((m) => m.name);
    expect(modules).toContain("lora_unet_down_blocks_1_attentions_0_transformer_blocks_0_attn1_to_q");
    expect(modules.some((m) => m.startsWith("lora_te_text_model_encoder_layers_0_"))).toBe(true);
    expect(modules.some((m) => m.endsWith("_conv1"))).toBe(true);
  });

  it("weight w gives the UNet outputs of a model merged offline with ΔW·w; two LoRAs add; weight 0 is the unpatched UNet", async () => {
    const { model } = await loadCheckpoint("onyx-tiny");
    await activateLoras(model, "");
    const base = await unetOutput(model.unet);

    await activateLoras(model, `<lora:${FIXTURE_LORAS.all}:0.7>`);
    const patched = await unetOutput(model.unet);
    const merged = await Unet.open(mergedUnet([[FIXTURE_LORAS.all, 0.7]]));
    const offline = await unetOutput(merged);
    await merged.release();
    const change = maxAbsDiff(patched, base);
    expect(change).toBeGreaterThan(0.05);
    expect(maxAbsDiff(patched, offline)).toBeLessThan(change * 1e-4);

    await activateLoras(model, `<lora:${FIXTURE_LORAS.all}:0.7> <lora:${FIXTURE_LORAS.attention}:-1.3>`);
    const both = await unetOutput(model.unet);
    const mergedBoth = await Unet.open(mergedUnet([[FIXTURE_LORAS.all, 0.7], [FIXTURE_LORAS.attention, -1.3]]));
    const offlineBoth = await unetOutput(mergedBoth);
    await mergedBoth.release();
    expect(maxAbsDiff(both, patched)).toBeGreaterThan(0.01);
    expect(maxAbsDiff(both, offlineBoth)).toBeLessThan(maxAbsDiff(both, base) * 1e-4);

    await activateLoras(model, `<lora:${FIXTURE_LORAS.all}:0>`);
    expect(maxAbsDiff(await unetOutput(model.unet), base)).toBe(0);
    await activateLoras(model, "");
  });

  it("applying the same set again patches nothing (cache hit), also after a job without LoRA", async () => {
    const { model } = await loadCheckpoint("onyx-tiny");
    const first = await activateLoras(model, `<lora:${FIXTURE_LORAS.all}:0.4:0.9>`);
    const output = await unetOutput(model.unet);
    const second = await activateLoras(model, `<lora:${FIXTURE_LORAS.all}:0.4:0.9>`);
    expect(first.patched).toBe(true);
    expect(second.patched).toBe(false);
    await activateLoras(model, "");
    const back = await activateLoras(model, `<lora:${FIXTURE_LORAS.all}:0.4:0.9>`);
    expect(back.patched).toBe(false);
    expect(maxAbsDiff(await unetOutput(model.unet), output)).toBe(0);
    await activateLoras(model, "");
  });

  it("opens the patched graphs from memory: nothing is written for them, not even with clip skip", async () => {
    const { model } = await loadCheckpoint("onyx-tiny");
    await activateLoras(model, "");
    const ids = Int32Array.from({ length: 77 }, (_, i) => (i === 0 ? 1 : 2));
    const ownEncoding = await model.textEncoder.encode(ids, 1, 2);
    await unetOutput(model.unet);
    const before = cacheListing();
    expect(before.length).toBeGreaterThan(0); // the own graphs' derived copies are there
    const result = await activateLoras(model, `<lora:${FIXTURE_LORAS.all}:0.55:0.65>`);
    expect(result.patched).toBe(true);
    await unetOutput(model.unet);
    const patchedEncoding = await model.textEncoder.encode(ids, 1, 2);
    expect(maxAbsDiff(patchedEncoding.data, ownEncoding.data)).toBeGreaterThan(0);
    expect(cacheListing()).toEqual(before);
    await activateLoras(model, "");
  });

  it("a patched session runs the same after its sessions are reloaded and after the inference process is killed", async () => {
    const { model } = await loadCheckpoint("onyx-tiny");
    await activateLoras(model, `<lora:${FIXTURE_LORAS.attention}:0.9>`);
    const patched = await unetOutput(model.unet);
    await inferenceProcess().reloadSessions();
    expect(maxAbsDiff(await unetOutput(model.unet), patched)).toBe(0);
    const { pid, generation } = inferenceProcess();
    process.kill(pid!, "SIGKILL");
    // Its exit is reported as an event; the session is re-created in the next process on its next run.
    while (inferenceProcess().generation === generation) await new Promise((resolve) => setImmediate(resolve));
    expect(maxAbsDiff(await unetOutput(model.unet), patched)).toBe(0);
    expect(inferenceProcess().pid).not.toBe(pid);
    await activateLoras(model, "");
  });

  it("in a job: weight 0 gives the pixels of no LoRA, a weight changes them and writes Lora hashes; unknown names and unmatched keys warn", async () => {
    const plain = await job("a castle");
    const zero = await job(`a castle <lora:${FIXTURE_LORAS.all}:0>`);
    const with08 = await job(`a castle <lora:${FIXTURE_LORAS.all}:0.8>`);
    expect((await raw(zero.images[0].png)).equals(await raw(plain.images[0].png))).toBe(true);
    expect((await raw(with08.images[0].png)).equals(await raw(plain.images[0].png))).toBe(false);
    const hash = safetensorsHash(findLora(FIXTURE_LORAS.all)!.path).slice(0, 12);
    expect(parseGenerationParameters(with08.images[0].infotext)["Lora hashes"]).toBe(`${FIXTURE_LORAS.all}: ${hash}`);
    expect(with08.images[0].infotext.startsWith(`a castle <lora:${FIXTURE_LORAS.all}:0.8>\n`)).toBe(true);

    const progress = new JobProgress("missing");
    await runTxt2img(generationParamsSchema.parse({ prompt: `a <lora:nope:1> <lora:${FIXTURE_LORAS.attention}:0.5>`, steps: 2, width: 64, height: 64, saveImages: false }), progress);
    expect(progress.warnings).toContain("Networks not found: nope");
    expect(progress.warnings.some((w) => w.startsWith(`Lora ${FIXTURE_LORAS.attention}: 1 keys map to no node`) && w.includes("lora_unet_not_a_module_in_this_model"))).toBe(true);
  });
});
