// TEMPORARY stand-in (replaced by the real pipeline): simulates a job so the UI can be built.
import sharp from "sharp";
import type { GenerationParams } from "@/lib/pipeline/params";
import type { JobProgress } from "@/lib/queue/job-progress";
import type { JobResultView } from "@/lib/queue/progress-report";

export async function runTxt2img(p: GenerationParams, progress: JobProgress): Promise<JobResultView> {
  progress.jobCount = p.nIter;
  const images = [];
  for (let n = 0; n < p.nIter && !progress.interrupted; n++) {
    progress.beginBatch(n, `Batch ${n + 1} out of ${p.nIter}`);
    progress.beginSampling(p.steps);
    for (let i = 0; i < p.steps && !progress.shouldStop; i++) {
      await new Promise((r) => setTimeout(r, 100));
      progress.samplingStep = i + 1;
    }
    for (let b = 0; b < p.batchSize; b++) {
      const png = await sharp({ create: { width: p.width, height: p.height, channels: 3, background: { r: 40 * b, g: 120, b: 200 } } }).png().toBuffer();
      const infotext = `${p.prompt}\nSteps: ${p.steps}, Sampler: ${p.samplerName}, Seed: ${p.seed}`;
      images.push({ url: `data:image/png;base64,${png.toString("base64")}`, width: p.width, height: p.height, infotext, savedPath: null });
    }
  }
  return { images, info: { prompt: p.prompt } };
}
