// Ultimate SD Upscale benchmark (docs/ultimate-sd-upscale.md#the-run) on onyx-tiny through the job runner and the
// extension as the server loads it: a 1024² → 2048² run (tile 512, Linear, Band pass: 16 tiles and 6 bands) timed
// as a whole against the sum of its child jobs' own times, measured in the same run — each child job from the
// runner's call to its picture (the child's mask blur, crop, VAE encode, sampling, decode and paste-back), and, as
// a second figure, only each child's batch (sampling and decode) — and the peak memory of a 1024² → 4096² run
// against a 512² → 2048² one (the tiles bound it, not the picture).
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { loadCheckpoint } from "@/lib/models/checkpoints";
import { img2imgParamsSchema } from "@/lib/pipeline/img2img-params";
import { runImg2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { reloadExtensions } from "@/lib/scripts/extension-registry";
import { idleMemory, measurePeak } from "./peak-memory";

/** Times every batch of the job's child jobs (each child runs one). */
class TimedProgress extends JobProgress {
  batchMs = 0;
  private started = 0;
  override beginBatch(jobNo: number, label: string): void {
    super.beginBatch(jobNo, label);
    this.started = performance.now();
  }
  override finishBatch(jobNo: number): void {
    super.finishBatch(jobNo);
    this.batchMs += performance.now() - this.started;
  }
}

/** Times the child jobs of a run as wholes, through the runner's `wrapChild`. */
function childTimer() {
  const timer = {
    ms: 0,
    count: 0,
    async wrapChild<T>(child: () => Promise<T>): Promise<T> {
      const start = performance.now();
      try {
        return await child();
      } finally {
        timer.ms += performance.now() - start;
        timer.count += 1;
      }
    },
  };
  return timer;
}

async function picture(side: number): Promise<Buffer> {
  const data = Buffer.alloc(side * side * 3);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) data.set([(x * 255) / side, (y * 255) / side, (x ^ y) & 255], (y * side + x) * 3);
  return sharp(data, { raw: { width: side, height: side, channels: 3 } }).png().toBuffer();
}

export async function benchUltimateSdUpscale(): Promise<Record<string, number>> {
  const { info } = await loadCheckpoint("onyx-tiny");
  await reloadExtensions();
  const job = async (from: number, to: number, seamsFixType: string) =>
    img2imgParamsSchema.parse({
      prompt: "a harbour", steps: 2, seed: 5, samplerName: "Euler", width: to, height: to, denoisingStrength: 0.35, initImages: [await picture(from)], saveImages: false,
      overrideSettings: { sd_model_checkpoint: info.name },
      scriptName: "Ultimate SD upscale",
      scriptArgs: { tile_width: 512, upscaler: "Lanczos", redraw_mode: "Linear", seams_fix_type: seamsFixType, save_upscaled_image: false },
    });
  await runImg2img(await job(256, 512, "None"), new JobProgress("bench-usdu-warmup"));
  const idle = await idleMemory();

  const timed = new TimedProgress("bench-usdu-time");
  const children = childTimer();
  const params = await job(1024, 2048, "Band pass");
  const start = performance.now();
  await runImg2img(params, timed, { wrapChild: children.wrapChild });
  const totalMs = performance.now() - start;

  const small = await measurePeak(async () => runImg2img(await job(512, 2048, "None"), new JobProgress("bench-usdu-2048")), idle);
  const large = await measurePeak(async () => runImg2img(await job(1024, 4096, "None"), new JobProgress("bench-usdu-4096")), idle);
  return {
    "1024→2048 child jobs": children.count,
    "1024→2048 total s": totalMs / 1000,
    "1024→2048 child jobs s": children.ms / 1000,
    "total / child jobs": totalMs / children.ms,
    "1024→2048 child batches s": timed.batchMs / 1000,
    "total / child batches": totalMs / timed.batchMs,
    "512→2048 peak MB": small.peakAboveIdle / 2 ** 20,
    "1024→4096 peak MB": large.peakAboveIdle / 2 ** 20,
    "peak 4096 / 2048": large.peakAboveIdle / small.peakAboveIdle,
  };
}
