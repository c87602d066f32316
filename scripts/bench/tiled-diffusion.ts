// Tiled Diffusion benchmark: txt2img on canvases of many latent tiles, the sampling loop's time per step next to
// the bare onnxruntime `run` time of the very same tile batches replayed on a plain session (their ratio is what
// cropping, blending and the rest of the loop add), and the time per tile evaluation at tile batch 1 and 4.
import path from "node:path";
import { loadCheckpoint } from "@/lib/models/checkpoints";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import type { UnetBatch } from "@/lib/pipeline/unet-call";
import { JobProgress } from "@/lib/queue/job-progress";
import { bareUnetTime, type RecordedCall } from "./pipeline";

export interface TiledBenchOptions {
  checkpoint: string;
  size: number;
  batchSize: number;
  steps: number;
}

export async function benchTiledDiffusion(o: TiledBenchOptions): Promise<Record<string, number>> {
  const { model, info } = await loadCheckpoint(o.checkpoint);
  const params = (steps: number) =>
    generationParamsSchema.parse({
      prompt: "a wide landscape, detailed",
      negativePrompt: "blurry",
      samplerName: "Euler",
      steps,
      width: o.size,
      height: o.size,
      seed: 1234,
      saveImages: false,
      overrideSettings: { sd_model_checkpoint: info.name, live_previews_enable: false },
      alwaysonScripts: { "Tiled Diffusion": { args: { enabled: true, method: "MultiDiffusion", tile_width: 96, tile_height: 96, overlap: 48, batch_size: o.batchSize } } },
    });
  await runTxt2img(params(1), new JobProgress("bench-tiled-warmup"));

  const calls: RecordedCall[] = [];
  let tiles = 0;
  let firstCallStart = 0;
  let lastCallEnd = 0;
  const rss = { peak: process.memoryUsage().rss };
  const poll = setInterval(() => (rss.peak = Math.max(rss.peak, process.memoryUsage().rss)), 20);
  try {
    await runTxt2img(params(o.steps), new JobProgress("bench-tiled"), {
      unetProbe: (inner) => async (batch: UnetBatch) => {
        calls.push({ sample: batch.x.data.slice(), shape: batch.x.shape, timesteps: batch.timesteps, context: batch.context.data.slice(), contextShape: batch.context.shape });
        tiles += batch.x.shape[0] / 2; // each tile carries one cond and one uncond entry
        firstCallStart ||= performance.now();
        const out = await inner(batch);
        lastCallEnd = performance.now();
        return out;
      },
    });
  } finally {
    clearInterval(poll);
  }
  const loopMs = lastCallEnd - firstCallStart;
  const bareMs = await bareUnetTime(path.join(model.folder.dir, "unet/model.onnx"), calls);
  return {
    steps: o.steps,
    tilesPerStep: tiles / o.steps,
    unetCallsPerStep: calls.length / o.steps,
    secondsPerStep: loopMs / o.steps / 1000,
    bareOrtSecondsPerStep: bareMs / o.steps / 1000,
    /** The sampling loop (crops, blending, CFG, sampler) over the bare runs of the same tile batches. */
    tiledLoopRatio: loopMs / bareMs,
    bareMsPerTile: bareMs / tiles,
    peakRssMiB: rss.peak / 2 ** 20,
  };
}
