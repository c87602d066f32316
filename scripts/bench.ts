// `npm run bench`: prints Onyx's performance figures and writes them to <DATA_DIR>/bench.json.
// Not a test: figures vary by machine; ratios against bare onnxruntime are the comparable part.
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { ensureFixtureModels, FULL_SIZE_CHECKPOINTS } from "@/lib/onnx/fixtures";
import { benchAdetailer } from "./bench/adetailer";
import { benchPipeline } from "./bench/pipeline";
import { benchExtras } from "./bench/extras";
import { benchFullSize } from "./bench/full-size";
import { benchHistory } from "./bench/history";
import { benchRealModels } from "./bench/real-models";
import { benchHostile } from "./bench/hostile";
import { benchLora } from "./bench/lora";
import { benchProcessHop } from "./bench/process-hop";
import { benchSessionOptions } from "./bench/session-options";
import { benchSizes } from "./bench/sizes";
import { benchTiledDiffusion } from "./bench/tiled-diffusion";
import { benchTiledMemory } from "./bench/tiled-memory";
import { benchTiledVae } from "./bench/tiled-vae";
import { benchUltimateSdUpscale } from "./bench/ultimate-sd-upscale";

async function main(): Promise<void> {
  const paths = onyxPaths();
  const fullSize = process.argv.includes("--full-size");
  // The full-size folders take many minutes to write: `npm run fixtures -- --full-size` makes them, once.
  if (!fullSize) await ensureFixtureModels(paths.models);
  const figures: Record<string, Record<string, number>> = {};
  const run = async (name: string, bench: () => Promise<Record<string, number>>) => {
    figures[name] = await bench();
    console.log(`\n${name}`);
    for (const [key, value] of Object.entries(figures[name])) console.log(`  ${key.padEnd(28)} ${Number.isInteger(value) ? value : value.toFixed(3)}`);
  };
  if (fullSize) {
    // Only the full-size figures: each takes minutes on a small CPU (README "What to expect with a real SD 1.5 model").
    const steps = Number(process.env.ONYX_BENCH_STEPS ?? 20);
    const only = process.env.ONYX_BENCH_CHECKPOINTS?.split(",") ?? Object.keys(FULL_SIZE_CHECKPOINTS);
    for (const checkpoint of only) {
      await run(`${checkpoint}: SD 1.5's architecture, random weights, 512² DPM++ 2M ${steps} steps`, () => benchFullSize({ checkpoint, steps, vaeSizes: process.env.ONYX_BENCH_VAE_SIZES?.split(",").filter(Boolean).map(Number) ?? [1024] }));
      // Each variant loads the 3.4 GB UNet again (half a minute each on a quiet machine, minutes under load):
      // only when asked for (docs/settings.md#onnx-runtime).
      if (process.env.ONYX_BENCH_SESSION_OPTIONS === "1") {
        await run(`${checkpoint}: UNet call 512² batch 2 under each session option`, () => benchSessionOptions({
          unetFile: path.join(paths.models, "Stable-diffusion", checkpoint, "unet/model.onnx"), latent: 64, runs: 2,
        }));
      }
    }
  } else {
    await runFixtureBenches(run);
  }
  const out = path.join(paths.data, fullSize ? "bench-full-size.json" : "bench.json");
  fs.mkdirSync(paths.data, { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), figures }, null, 2));
  console.log(`\nwritten to ${out}`);
  process.exit(0);
}

async function runFixtureBenches(run: (name: string, bench: () => Promise<Record<string, number>>) => Promise<void>): Promise<void> {
  await run("txt2img onyx-tiny 512x512, 20 steps, DPM++ 2M", () =>
    benchPipeline({ checkpoint: "onyx-tiny", width: 512, height: 512, steps: 20, sampler: "DPM++ 2M" }),
  );
  await run("UNet call 512² batch 2: export vs chunked-attention graph vs through the inference process", benchProcessHop);
  await run("onnxruntime session options: fixture UNet call 512² batch 2, 14 runs per variant", () =>
    benchSessionOptions({ unetFile: path.join(onyxPaths().models, "Stable-diffusion", "onyx-tiny", "unet/model.onnx"), latent: 64, runs: 14 }),
  );
  await run("txt2img onyx-tiny 1 step, 512² to 2048² (memory-efficient attention, defaults)", benchSizes);
  for (const [width, height, batchSize] of [[1024, 1024, 1], [1024, 1024, 4], [2048, 1024, 4], [2048, 2048, 4]]) {
    await run(`Tiled Diffusion onyx-tiny ${width}x${height}, one step of MultiDiffusion 96/48, tile batch ${batchSize}`, () =>
      benchTiledDiffusion({ checkpoint: "onyx-tiny", width, height, tile: 96, overlap: 48, batchSize }),
    );
  }
  await run("extras: fixture ESRGAN ×4 to 8.4 MP, tiled (tile 192, overlap 8)", benchExtras);
  await run("history (10,000 images)", benchHistory);
  await run("real models from npm: conversion, detectors, learned upscalers (RRDN tile 192)", benchRealModels);
  await run("hostile input: /progress while png-info reads an 80k-character line and a 10 MB infotext", benchHostile);
  await run("Tiled VAE: fixture decoder, tile 64, one case per process (fast 1024²–4096², synchronised 1024²–2048², untiled 2048²)", benchTiledVae);
  await run("ADetailer: mediapipe_face_short + masks vs one only-masked pass, onyx-tiny 512², 20 steps × 0.4", benchAdetailer);
  await run("Tiled Diffusion + Tiled VAE memory, one case per process (txt2img 2048²/4096² with both)", benchTiledMemory);
  await run("LoRA on the fixture UNet: patch + session from memory, cached second apply, bare open; extrapolated to 860 M parameters", benchLora);
  await run("Ultimate SD upscale onyx-tiny: 1024² → 2048² (tile 512, Linear, Band pass) time; whole 512² → 2048² vs 1024² → 4096² runs peak, one process each", benchUltimateSdUpscale);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
