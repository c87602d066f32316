// `npm run bench`: prints Onyx's performance figures and writes them to <DATA_DIR>/bench.json.
// Not a test: figures vary by machine; ratios against bare onnxruntime are the comparable part.
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { ensureFixtureModels } from "@/lib/onnx/fixtures";
import { benchPipeline } from "./bench/pipeline";
import { benchExtras } from "./bench/extras";
import { benchHistory } from "./bench/history";
import { benchRealModels } from "./bench/real-models";
import { benchHostile } from "./bench/hostile";
import { benchProcessHop } from "./bench/process-hop";
import { benchSizes } from "./bench/sizes";
import { benchTiledDiffusion } from "./bench/tiled-diffusion";
import { benchTiledVae } from "./bench/tiled-vae";
import { benchUltimateSdUpscale } from "./bench/ultimate-sd-upscale";

async function main(): Promise<void> {
  const paths = onyxPaths();
  await ensureFixtureModels(paths.models);
  const figures: Record<string, Record<string, number>> = {};
  const run = async (name: string, bench: () => Promise<Record<string, number>>) => {
    figures[name] = await bench();
    console.log(`\n${name}`);
    for (const [key, value] of Object.entries(figures[name])) console.log(`  ${key.padEnd(28)} ${Number.isInteger(value) ? value : value.toFixed(3)}`);
  };
  await run("txt2img onyx-tiny 512x512, 20 steps, DPM++ 2M", () =>
    benchPipeline({ checkpoint: "onyx-tiny", width: 512, height: 512, steps: 20, sampler: "DPM++ 2M" }),
  );
  await run("UNet call 512² batch 2: export vs chunked-attention graph vs through the inference process", benchProcessHop);
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
  await run("Tiled VAE: fixture decoder, decoder tile 64", benchTiledVae);
  await run("Ultimate SD upscale onyx-tiny: 1024² → 2048² (tile 512, Linear, Band pass) time; 512² → 2048² vs 1024² → 4096² peak", benchUltimateSdUpscale);
  const out = path.join(paths.data, "bench.json");
  fs.mkdirSync(paths.data, { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), figures }, null, 2));
  console.log(`\nwritten to ${out}`);
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
