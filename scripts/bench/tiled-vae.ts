// Tiled VAE benchmark (docs/tiled-vae.md#modes) on the fixture decoder, through the extension's own code and
// the inference worker: fast-mode decodes of 1024², 2048² and 4096² images (latents 128², 256², 512²) with the
// peak RSS above the pre-run baseline minus the float32 output image itself — bounded by the tile, it should not
// grow with the picture — and at 1024² the time of fast and synchronised mode against the untiled decode (the
// largest size where the untiled fixture decoder fits: its mid-block attention at 256² would need 16 GiB).
import { performance } from "node:perf_hooks";
import { openCutVae } from "@/extensions/tiled-vae/cut-vae";
import { splitTiles } from "@/extensions/tiled-vae/split";
import { runTiled, type CutVae } from "@/extensions/tiled-vae/tiled-run";
import { onyxPaths } from "@/lib/config";
import { derivedModelFile } from "@/lib/models/derived-model";
import { readModelFolder } from "@/lib/models/model-folder";
import { OnnxSession } from "@/lib/models/onnx-session";
import type { ModelService } from "@/lib/scripts/script-services";
import type { Tensor } from "@/lib/tensor";
import path from "node:path";

const TILE = 64;

export function latent(h: number, w: number): Tensor {
  const data = new Float32Array(4 * h * w);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37) * 0.8 + Math.cos(i * 0.011) * 0.5;
  return { data, shape: [1, 4, h, w] };
}

async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; peakMb: number }> {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const start = performance.now();
  const value = await work();
  const seconds = (performance.now() - start) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { value, seconds, peakMb: (peak - baseline) / 2 ** 20 };
}

/** The fixture's decoder cut as the extension cuts it, its pieces opened as the model service's openDerived does (cached copies, opened once). */
export function fixtureCutDecoder(): { vae: CutVae; sessions: Map<string, Promise<OnnxSession>>; folder: ReturnType<typeof readModelFolder> } {
  const folder = readModelFolder(path.join(onyxPaths().models, "Stable-diffusion", "onyx-tiny"));
  const sessions = new Map<string, Promise<OnnxSession>>();
  const model = {
    files: { vaeDecoder: folder.vaeDecoder, vaeEncoder: folder.vaeEncoder },
    vaeScalingFactor: folder.vaeScalingFactor,
    openDerived: (graph: "vaeDecoder", variant: string, rewrite: Parameters<ModelService["openDerived"]>[2]) => {
      if (!sessions.has(variant)) sessions.set(variant, OnnxSession.open(derivedModelFile(folder[graph], variant, rewrite)));
      return sessions.get(variant)!;
    },
  } as unknown as ModelService;
  return { vae: openCutVae(model, "decoder")!, sessions, folder };
}

export async function benchTiledVae(): Promise<Record<string, number>> {
  const { vae, sessions, folder } = fixtureCutDecoder();
  const untiled = await OnnxSession.open(folder.vaeDecoder);
  const decode = (x: Tensor, fast: boolean) => runTiled(vae, x, splitTiles("decoder", x.shape[2], x.shape[3], TILE), { fast, colorFix: false, tileSize: TILE });
  const outputMb = (side: number) => (3 * side * side * 4) / 2 ** 20;

  // Warm-up: writes and opens every graph, sizes the arenas.
  await decode(latent(96, 96), true);
  await decode(latent(96, 96), false);
  await untiled.run({ latent_sample: latent(96, 96) });

  const figures: Record<string, number> = { decoder_tile: TILE };
  for (const side of [128, 256, 512]) {
    const run = await measured(() => decode(latent(side, side), true));
    figures[`fast_${side * 8}_seconds`] = run.seconds;
    figures[`fast_${side * 8}_peak_rss_mb`] = run.peakMb - outputMb(side * 8);
  }
  figures.fast_4096_vs_1024_peak_ratio = figures.fast_4096_peak_rss_mb / figures.fast_1024_peak_rss_mb;

  const x = latent(128, 128);
  const plain = await measured(() => untiled.run({ latent_sample: x }));
  const fast = await measured(() => decode(x, true));
  const sync = await measured(() => decode(x, false));
  figures.untiled_1024_seconds = plain.seconds;
  figures.untiled_1024_peak_rss_mb = plain.peakMb - outputMb(1024);
  figures.fast_vs_untiled_1024_time_ratio = fast.seconds / plain.seconds;
  figures.sync_vs_untiled_1024_time_ratio = sync.seconds / plain.seconds;
  figures.sync_1024_peak_rss_mb_per_mp = (sync.peakMb - outputMb(1024)) / ((1024 * 1024) / 1e6);
  await Promise.allSettled([untiled.release(), ...[...sessions.values()].map(async (s) => (await s).release())]);
  return figures;
}
