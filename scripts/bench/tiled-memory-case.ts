// One memory case of the tiled benchmarks in a process of its own (scripts/bench/tiled-vae.ts and tiled-memory.ts
// start it), so an earlier, larger case's memory cannot hide this one's: `tsx scripts/bench/tiled-memory-case.ts <case> <side> [tile] [checkpoint]`
// (checkpoint: onyx-tiny by default; onyx-sd15-full for SD 1.5's channels, docs/tiled-vae.md#speed)
// prints JSON with the seconds and the peak RSS above the warmed-up idle figures of this process and of the
// inference process. Cases: `vae-fast` and `vae-sync` (Tiled VAE's fast and synchronised decode, decoder tile
// `tile`, default 64),
// `vae-untiled` (the decode as the server runs it without Tiled VAE: chunked attention), `job` (txt2img, 1 step,
// Tiled Diffusion 96/48 + Tiled VAE on).
import { performance } from "node:perf_hooks";
import { statInputs } from "@/extensions/tiled-vae/groupnorm-graph";
import { splitTiles } from "@/extensions/tiled-vae/split";
import { runTiled, type CutVae } from "@/extensions/tiled-vae/tiled-run";
import { availableMemory } from "@/lib/admission/available-memory";
import { loadCheckpoint } from "@/lib/models/checkpoints";
import { attentionChunking } from "@/lib/models/graph-options";
import { inferenceProcess } from "@/lib/models/inference-process";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import type { Tensor } from "@/lib/tensor";
import { JobProgress } from "@/lib/queue/job-progress";
import { reloadExtensions } from "@/lib/scripts/extension-registry";
import { fixtureCutDecoder, latent } from "./tiled-vae";

const MiB = 2 ** 20;

/** Zero means and unit variances for every GroupNorm of the frozen graph. */
function frozenFeeds(vae: CutVae): Record<string, Tensor> {
  return Object.fromEntries(vae.plan.sites.flatMap((site, k) => {
    const names = statInputs(k);
    return [[names.mean, { data: new Float32Array(site.groups), shape: [1, site.groups, 1] }], [names.variance, { data: new Float32Array(site.groups).fill(1), shape: [1, site.groups, 1] }]];
  }));
}
const [kind, sideText, tileText, checkpoint = "onyx-tiny"] = process.argv.slice(2);
const side = Number(sideText);
const tile = Number(tileText ?? 64);

async function main(): Promise<void> {
  const host = inferenceProcess();
  const graph = { tiling: false, attention: attentionChunking({ cross_attention_optimization: "Automatic", sub_quad_q_chunk_size: 1024, sub_quad_chunk_threshold: null }, availableMemory()) };
  const { model, info } = await loadCheckpoint(checkpoint);
  const vae = fixtureCutDecoder(model, info, graph);
  const tiled = (x: ReturnType<typeof latent>) => runTiled(vae, x, splitTiles("decoder", x.shape[2], x.shape[3], tile), { fast: kind === "vae-fast", colorFix: false, tileSize: tile });
  const job = (width: number) =>
    runTxt2img(
      generationParamsSchema.parse({
        prompt: "a harbour", steps: 1, seed: 3, width, height: width, saveImages: false,
        alwaysonScripts: { "Tiled Diffusion": { args: { enabled: true, tile_width: 96, tile_height: 96, overlap: 48, batch_size: 4 } }, "Tiled VAE": { args: { enabled: true } } },
      }),
      new JobProgress("bench"),
    );
  // Warm-up at a small size: sessions opened, the cut graphs written.
  if (kind === "job") {
    await reloadExtensions();
    await job(512);
  } else if (kind === "vae-fast" || kind === "vae-sync") {
    // Just over one padded tile, so the warm-up runs in tiles too.
    await tiled(latent(tile + 32, tile + 32));
    // Fast mode above latentPartRunsWhole's bound runs each tile through the whole frozen graph instead: open it at
    // a padded tile as well, so either path's sessions are idle figures (any statistics do).
    if (kind === "vae-fast") await vae.runFrozen({ [vae.input]: latent(tile + 22, tile + 22), ...frozenFeeds(vae) });
  }
  else await model.decodeLatents(latent(64, 64), graph);
  global.gc?.();
  const [baseline, idle] = [process.memoryUsage().rss, host.rss];
  host.highWater = 0;
  let peak = baseline;
  const poll = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const start = performance.now();
  const x = latent(side / 8, side / 8);
  if (kind === "job") await job(side);
  else if (kind === "vae-fast" || kind === "vae-sync") await tiled(x);
  else await model.decodeLatents(x, graph);
  const seconds = (performance.now() - start) / 1000;
  clearInterval(poll);
  peak = Math.max(peak, process.memoryUsage().rss);
  // The float32 picture the decode returns is the result, not the decode's working memory.
  const output = kind === "job" ? 0 : (3 * side * side * 4) / MiB;
  console.log(JSON.stringify({ seconds, benchPeakMiB: (peak - baseline) / MiB - output, workerPeakMiB: Math.max(0, host.highWater - idle) / MiB }));
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
