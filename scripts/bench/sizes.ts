// Large pictures (docs/memory.md#where-the-memory-goes): txt2img with 1 step on onyx-tiny from 512² to 2048² with the
// default settings (memory-efficient attention on), each job's time, its UNet time per step, its VAE
// decode time and its peak memory above idle (this process and the inference process, idle being both
// after a 64² warm-up job, so what earlier sizes left behind counts); then how far the memory goes back
// within 5 s after the 1536² job, against the figure after the 512² job. Last, the speed against
// today's exported attention ("Cross attention optimization: None") at 512² (median of interleaved
// pairs) and 1024² (one pair: the unchunked job peaks about 3 GB higher, larger ones far more).
import { performance } from "node:perf_hooks";
import { loadCheckpoint } from "@/lib/models/checkpoints";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import type { UnetFn } from "@/lib/pipeline/unet-call";
import { JobProgress } from "@/lib/queue/job-progress";
import { idleMemory, measurePeak, residentMemory } from "./peak-memory";

const SIDES = [512, 1024, 1280, 1536, 2048];
const GB = 1024 ** 3;
/** Sizes compared with the exported attention, and how many interleaved pairs. */
const COMPARED: ReadonlyArray<[number, number]> = [
  [512, 5],
  [1024, 1],
];

export async function benchSizes(): Promise<Record<string, number>> {
  const { model, info } = await loadCheckpoint("onyx-tiny");
  const params = (side: number, settings: Record<string, unknown> = {}) =>
    generationParamsSchema.parse({ prompt: "a lighthouse on a cliff", steps: 1, width: side, height: side, seed: 7, saveImages: false, overrideSettings: { sd_model_checkpoint: info.name, ...settings } });
  const timing = { unetMs: 0, vaeMs: 0 };
  const decode = model.decodeLatents.bind(model);
  model.decodeLatents = async (...args) => {
    const start = performance.now();
    try {
      return await decode(...args);
    } finally {
      timing.vaeMs += performance.now() - start;
    }
  };
  const unetProbe = (inner: UnetFn): UnetFn => async (batch) => {
    const start = performance.now();
    try {
      return await inner(batch);
    } finally {
      timing.unetMs += performance.now() - start;
    }
  };

  await runTxt2img(params(64), new JobProgress("bench-sizes-warmup"));
  const idleAfterWarmup = await idleMemory();
  const figures: Record<string, number> = {};
  let idle = 0;
  for (const side of SIDES) {
    timing.unetMs = timing.vaeMs = 0;
    const start = performance.now();
    const { peakAboveIdle } = await measurePeak(() => runTxt2img(params(side), new JobProgress(`bench-${side}`), { unetProbe }), idleAfterWarmup);
    figures[`job_s_${side}`] = (performance.now() - start) / 1000;
    figures[`unet_s_per_step_${side}`] = timing.unetMs / 1000;
    figures[`vae_decode_s_${side}`] = timing.vaeMs / 1000;
    figures[`peak_gb_above_idle_${side}`] = peakAboveIdle / GB;
    if (side === 512) idle = await residentMemory();
    if (side === 1536) {
      const deadline = performance.now() + 5000;
      let after = await residentMemory();
      while (after > 1.2 * idle && performance.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        after = await residentMemory();
      }
      figures.idle_gb_after_512 = idle / GB;
      figures.resident_gb_within_5s_after_1536 = after / GB;
      figures.resident_after_1536_over_idle = after / idle;
    }
  }
  const jobSeconds = async (side: number, settings?: Record<string, unknown>) => {
    const start = performance.now();
    await runTxt2img(params(side, settings), new JobProgress(`bench-${side}-compare`));
    return (performance.now() - start) / 1000;
  };
  const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)];
  for (const [side, pairs] of COMPARED) {
    const ratios: number[] = [];
    for (let i = 0; i < pairs; i++) {
      const chunked = await jobSeconds(side);
      const whole = await jobSeconds(side, { cross_attention_optimization: "None" });
      ratios.push(chunked / whole);
      if (i === 0) figures[`job_s_${side}_unchunked`] = whole;
    }
    figures[`job_over_unchunked_${side}`] = median(ratios);
  }
  model.decodeLatents = decode;
  return figures;
}
