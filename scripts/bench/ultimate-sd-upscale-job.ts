// The Ultimate SD Upscale job both parts of its benchmark run (ultimate-sd-upscale.ts and its memory case): onyx-tiny,
// 2 Euler steps, denoise 0.35, tile 512, Lanczos, Linear, from a synthetic picture of `from`² to `to`².
import sharp from "sharp";
import { loadCheckpoint } from "@/lib/models/checkpoints";
import { img2imgParamsSchema, type Img2imgParams } from "@/lib/pipeline/img2img-params";
import { runImg2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { reloadExtensions } from "@/lib/scripts/extension-registry";

async function picture(side: number): Promise<Buffer> {
  const data = Buffer.alloc(side * side * 3);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) data.set([(x * 255) / side, (y * 255) / side, (x ^ y) & 255], (y * side + x) * 3);
  return sharp(data, { raw: { width: side, height: side, channels: 3 } }).png().toBuffer();
}

/** Loads the model and the extensions, runs a small warm-up job, and returns the job maker. */
export async function usduBenchJobs(): Promise<(from: number, to: number, seamsFixType: string) => Promise<Img2imgParams>> {
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
  return job;
}
