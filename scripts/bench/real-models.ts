// Real-models benchmark (the npm-shipped detectors and upscalers, lib/convert + lib/detection):
// - conversion of every model from scratch into a temporary folder, and the cache check a later start pays
//   (in process, and as `npm start` runs it: a `tsx scripts/convert.ts` child);
// - detector latency: the bare onnxruntime `run` on the converted file and the whole `detect()` (letterbox,
//   worker hop, decoding, NMS), median and fastest of warm runs;
// - quality: every learned upscaler restoring the astronaut downscaled by its scale (bicubic), PSNR against the
//   original next to Lanczos'; RRDN's tiles against an untiled pass;
// - RRDN ×4 tiled from 512² to 2048² and from 1024² to 4096²: time and peak RSS above the warmed-up baseline
//   (bounded by the tile, so the big run stays within 1.5× of the small one).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as ort from "onnxruntime-node";
import { onyxPaths } from "@/lib/config";
import { ensureConvertedModels } from "@/lib/convert/cache";
import { MODEL_SOURCES, convertedModelPath, type UpscalerSource } from "@/lib/convert/sources";
import { detect } from "@/lib/detection/registry";
import { cropPixels, resizePixels } from "@/lib/images/pixel-image";
import { psnr } from "@/lib/images/psnr";
import type { RgbImage } from "@/lib/images/tensor-image";
import { sessionOptions } from "@/lib/models/onnx-session";
import { esrganPass } from "@/lib/upscalers/esrgan";
import { requireUpscaler, upscaleImage } from "@/lib/upscalers/registry";
import sharp from "sharp";

// The shared data folder as the tests find it: ONYX_SHARED_DIR, or ../shared beside the repository.
const SHARED = path.resolve(process.env.ONYX_SHARED_DIR ?? "../shared");
const TILES = { tile: 192, overlap: 8 };

export async function astronaut(): Promise<RgbImage> {
  const { data, info } = await sharp(path.join(SHARED, "data/photos/astronaut.png")).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median and fastest of `runs` warm runs, in ms: on a shared machine the median carries the others' load, the fastest is the uncontended cost. */
async function timed(runs: number, once: () => Promise<unknown>): Promise<{ median: number; min: number }> {
  for (let i = 0; i < 3; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await once();
    times.push(performance.now() - start);
  }
  return { median: median(times), min: Math.min(...times) };
}

function conversionFigures(models: string): Record<string, number> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-bench-convert-"));
  try {
    const start = performance.now();
    const report = ensureConvertedModels(scratch, { log: console.log });
    const seconds = (performance.now() - start) / 1000;
    const checkStart = performance.now();
    ensureConvertedModels(scratch);
    const checkSeconds = (performance.now() - checkStart) / 1000;
    const childStart = performance.now();
    spawnSync(path.join("node_modules", ".bin", "tsx"), ["scripts/convert.ts"], { env: { ...process.env, MODELS_DIR: models }, stdio: "ignore" });
    return {
      models_converted: report.converted.length,
      models_failed: report.failed.length,
      convert_all_seconds: seconds,
      cache_check_in_process_seconds: checkSeconds,
      cache_check_start_script_seconds: (performance.now() - childStart) / 1000,
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function detectorFigures(models: string, photo: RgbImage): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const detectors: Array<[string, number, number]> = [["mediapipe_face_short", 128, 200], ["mediapipe_face_full", 192, 100], ["person_centernet", 512, 5]];
  for (const [id, side, runs] of detectors) {
    const session = await ort.InferenceSession.create(convertedModelPath(models, MODEL_SOURCES.find((s) => s.id === id)!), sessionOptions());
    const feed = { [session.inputNames[0]]: new ort.Tensor("float32", new Float32Array(side * side * 3).fill(0.1), [1, side, side, 3]) };
    const bare = await timed(runs, () => session.run(feed));
    await session.release();
    const whole = await timed(runs, () => detect(id, photo));
    Object.assign(figures, { [`${id}_bare_run_ms`]: bare.median, [`${id}_bare_run_min_ms`]: bare.min, [`${id}_detect_ms`]: whole.median, [`${id}_detect_min_ms`]: whole.min });
  }
  figures.astronaut_faces_short = (await detect("mediapipe_face_short", photo)).length;
  figures.astronaut_face_short_score = (await detect("mediapipe_face_short", photo))[0]?.score ?? 0;
  return figures;
}

async function qualityFigures(photo: RgbImage): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const lanczos = requireUpscaler("Lanczos");
  for (const source of MODEL_SOURCES.filter((s): s is UpscalerSource => s.role === "upscaler")) {
    const s = source.scale;
    // The largest crop whose ÷s is whole and whose restoration lands on a multiple of 8 (×3: 504²).
    const side = Math.floor(512 / (8 * s)) * 8 * s;
    const original = side === 512 ? photo : cropPixels(photo, { x1: 0, y1: 0, x2: side, y2: side });
    const small = await resizePixels(original, side / s, side / s, "cubic");
    const key = `${source.id.replace("-", "_")}`;
    figures[`lanczos_x${s}_psnr_db`] ??= psnr(await upscaleImage(small, s, lanczos), original);
    const start = performance.now();
    figures[`${key}_psnr_db`] = psnr(await upscaleImage(small, s, requireUpscaler(source.name), TILES), original);
    figures[`${key}_gain_over_lanczos_db`] = figures[`${key}_psnr_db`] - figures[`lanczos_x${s}_psnr_db`];
    figures[`${key}_seconds_for_${side / s}px`] = (performance.now() - start) / 1000;
  }
  // Tiles against one untiled pass on a 256² picture (2×2 tiles of 192 with 8 px of context).
  const rrdn = requireUpscaler("RRDN ×4 (UpscalerJS)").modelPath!;
  const mid = await resizePixels(photo, 256, 256, "cubic");
  const tiled = await esrganPass(rrdn, mid, TILES);
  const untiled = await esrganPass(rrdn, mid, { tile: 0, overlap: 0 });
  figures.rrdn_x4_tiled_vs_untiled_psnr_db = psnr(tiled, untiled);
  figures.rrdn_x4_tiled_vs_untiled_max_byte_difference = tiled.data.reduce((m, v, i) => Math.max(m, Math.abs(v - untiled.data[i])), 0);
  return figures;
}

/** Time of one RRDN ×4 run and the peak RSS it reaches above `baseline` (sampled every 25 ms). */
async function tiledRun(img: RgbImage, baseline: number): Promise<{ seconds: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const start = performance.now();
  const out = await upscaleImage(img, 4, requireUpscaler("RRDN ×4 (UpscalerJS)"), TILES);
  const seconds = (performance.now() - start) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (out.width !== img.width * 4) throw new Error(`RRDN ×4 gave ${out.width} px`);
  return { seconds, peakMb: (peak - baseline) / 2 ** 20 };
}

async function tiledFigures(photo: RgbImage): Promise<Record<string, number>> {
  const big = await resizePixels(photo, 1024, 1024);
  // Warm-up with the small run itself: opens the session and lets onnxruntime size its arena for full tiles, so
  // the baseline after it holds the network and its working set, and both runs are measured from there.
  await upscaleImage(photo, 4, requireUpscaler("RRDN ×4 (UpscalerJS)"), TILES);
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  const small = await tiledRun(photo, baseline);
  const large = await tiledRun(big, baseline);
  return {
    tile_px: TILES.tile,
    rrdn_x4_baseline_rss_mb: baseline / 2 ** 20,
    rrdn_x4_512_to_2048_seconds: small.seconds,
    rrdn_x4_512_to_2048_peak_rss_above_baseline_mb: small.peakMb,
    rrdn_x4_1024_to_4096_seconds: large.seconds,
    rrdn_x4_1024_to_4096_peak_rss_above_baseline_mb: large.peakMb,
    // Peak RSS (baseline included) of the large run over the small one's: ≤ 1.5 when memory is bounded by the tile.
    peak_ratio_large_over_small: (baseline / 2 ** 20 + large.peakMb) / (baseline / 2 ** 20 + small.peakMb),
    // What the large pictures themselves need as 8-bit RGB (input and output), the part that must grow.
    large_pictures_8bit_mb: ((1024 * 1024 + 4096 * 4096) * 3) / 2 ** 20,
  };
}

export async function benchRealModels(): Promise<Record<string, number>> {
  const models = onyxPaths().models;
  const conversion = conversionFigures(models);
  ensureConvertedModels(models);
  const photo = await astronaut();
  return { ...conversion, ...(await detectorFigures(models, photo)), ...(await qualityFigures(photo)), ...(await tiledFigures(photo)) };
}
