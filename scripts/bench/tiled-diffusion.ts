// Tiled Diffusion benchmark: one sampling step's UNet evaluation of a whole canvas through the extension's
// tiled UNet (crops, tile batches, blending) next to the bare onnxruntime `run` time of the very same tile
// batches replayed on a plain session — their ratio is what tiling adds — with the time per tile at tile
// batch 1 and 4, seconds per step for 1024² and 2048² canvases and the peak memory (no full-canvas UNet call).
// The VAE is left out: decoding a 2048² picture whole is Tiled VAE's job, not this one's.
import path from "node:path";
import { canvasPlan } from "@/extensions/tiled-diffusion/index";
import { tiledUnet } from "@/extensions/tiled-diffusion/blend";
import { loadCheckpoint } from "@/lib/models/checkpoints";
import { WHOLE_ATTENTION } from "@/lib/models/graph-options";
import { unetFn, type UnetBatch, type UnetFn } from "@/lib/pipeline/unet-call";
import { bareUnetTime, type RecordedCall } from "./pipeline";

export interface TiledBenchOptions {
  checkpoint: string;
  width: number;
  height: number;
  tile: number;
  overlap: number;
  batchSize: number;
}

const random = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.8);

export async function benchTiledDiffusion(o: TiledBenchOptions): Promise<Record<string, number>> {
  const { model } = await loadCheckpoint(o.checkpoint);
  const [empty] = [await model.textEncoder.encode(new Int32Array(77).fill(model.tokenizer.eosId), 1, 1)];
  const dim = empty.shape[2];
  const w = o.width / 8;
  const h = o.height / 8;
  // One cond and one uncond entry, as a CFG step of one image.
  const batch: UnetBatch = {
    x: { data: random(2 * 4 * h * w, 1), shape: [2, 4, h, w] },
    timesteps: [500, 500],
    sigmas: [4, 4],
    context: { data: random(2 * 77 * dim, 2), shape: [2, 77, dim] },
    imageCond: null,
    entries: [{ image: 0, cond: true, part: 0 }, { image: 0, cond: false, part: 0 }],
    step: 0,
    totalSteps: 1,
  };
  const plan = canvasPlan("MultiDiffusion", { tile_width: o.tile, tile_height: o.tile, overlap: o.overlap, batch_size: o.batchSize }, w, h, null, false);
  const hooks = { shouldStop: () => false, regionContext: async () => batch.context };
  const inner = unetFn(model.unet, { tiling: false, attention: WHOLE_ATTENTION }); // the export's own attention, as the bare replay
  await tiledUnet(inner, plan, hooks)(batch); // warm-up: session and allocator

  const calls: RecordedCall[] = [];
  const recording: UnetFn = (b) => {
    calls.push({ sample: b.x.data, shape: b.x.shape, timesteps: b.timesteps, context: b.context.data, contextShape: b.context.shape });
    return inner(b);
  };
  const rss = { before: process.memoryUsage().rss, peak: 0 };
  const poll = setInterval(() => (rss.peak = Math.max(rss.peak, process.memoryUsage().rss)), 20);
  const start = performance.now();
  let out: Float32Array;
  try {
    out = await tiledUnet(recording, plan, hooks)(batch);
  } finally {
    clearInterval(poll);
  }
  const stepMs = performance.now() - start;
  const bareMs = await bareUnetTime(path.join(model.folder.dir, "unet/model.onnx"), calls);
  const tiles = plan.passes.reduce((n, p) => n + p.boxes.length, 0);
  return {
    tiles,
    unetCalls: calls.length,
    secondsPerStep: stepMs / 1000,
    bareOrtSecondsPerStep: bareMs / 1000,
    /** The tiled evaluation (crops, calls through the worker, blending) over the bare runs of its tile batches. */
    tiledUnetRatio: stepMs / bareMs,
    bareMsPerTile: bareMs / tiles,
    peakRssMiB: Math.max(rss.peak, rss.before) / 2 ** 20,
    seamRatio: seamRatio(out, w, h, plan.passes.flatMap((p) => p.boxes)),
  };
}

/**
 * Seams in the blended output: the mean |difference| of horizontal neighbours across the columns where a tile
 * starts or ends, over the mean across every other column (1 = no seam; the acceptance bound is 1.5).
 */
function seamRatio(out: Float32Array, w: number, h: number, boxes: ReadonlyArray<readonly number[]>): number {
  const borders = new Set(boxes.flatMap(([x, , bw]) => [x - 1, x + bw - 1]).filter((x) => x >= 0 && x < w - 1));
  let [across, inside, nAcross, nInside] = [0, 0, 0, 0];
  for (let p = 0; p < out.length / (w * h); p++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w - 1; x++) {
        const d = Math.abs(out[p * w * h + y * w + x + 1] - out[p * w * h + y * w + x]);
        if (borders.has(x)) (across += d), nAcross++;
        else (inside += d), nInside++;
      }
    }
  }
  return across / nAcross / (inside / nInside);
}
