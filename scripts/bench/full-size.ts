// `npm run bench -- --full-size`: the figures a user with a real SD 1.5 ONNX folder gets, measured on SD 1.5's
// full configuration with random weights (`npm run fixtures -- --full-size`, docs/onnx-format.md#full-size-model),
// loaded through the ordinary loader and run as an ordinary job in the inference process. Per-part load
// times open the other graphs alone (and release them) before the whole folder is loaded as a user's would be;
// the UNet's is the whole load minus theirs (opening it twice would cost a minute and 3.4 GB more). Each
// figure is printed as it is taken: on a loaded 2-core machine the whole run takes many minutes.
import path from "node:path";
import { findCheckpoint, loadCheckpoint, unloadCheckpoint } from "@/lib/models/checkpoints";
import { WHOLE_ATTENTION } from "@/lib/models/graph-options";
import { OnnxSession } from "@/lib/models/onnx-session";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import type { UnetBatch } from "@/lib/pipeline/unet-call";
import { JobProgress } from "@/lib/queue/job-progress";
import { bareUnetTime, type RecordedCall } from "./pipeline";
import { measurePeak, residentMemory } from "./peak-memory";

export interface FullSizeBenchOptions {
  checkpoint: string;
  steps: number;
  /** VAE decode and encode sizes (square), besides the job's 512². */
  vaeSizes: number[];
}

const MiB = 2 ** 20;
/** UNet calls replayed on a bare onnxruntime session for the per-step ratio (each is seconds long at full size). */
const BARE_CALLS = 2;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

export async function benchFullSize(o: FullSizeBenchOptions): Promise<Record<string, number>> {
  await unloadCheckpoint();
  const figures = new Proxy<Record<string, number>>({}, {
    set(target, key: string, value: number) {
      target[key] = value;
      console.log(`  … ${key}: ${value.toFixed(3)}`);
      return true;
    },
  });
  const info = findCheckpoint(o.checkpoint);
  if (!info) throw new Error(`${o.checkpoint} not found: write it with \`npm run fixtures -- --full-size\` (the same MODELS_DIR)`);
  const dir = info.dir;
  let othersMs = 0;
  for (const part of ["text_encoder", "vae_decoder", "vae_encoder"]) {
    const [session, ms] = await timed(() => OnnxSession.open(path.join(dir, part, "model.onnx")));
    figures[`load ${part} s`] = ms / 1000;
    othersMs += ms;
    await session.release();
  }
  const [{ model }, loadMs] = await timed(() => loadCheckpoint(o.checkpoint));
  figures["load whole folder s"] = loadMs / 1000;
  figures["load unet s (whole minus the others)"] = (loadMs - othersMs) / 1000;
  figures["RSS after load MiB"] = (await residentMemory()) / MiB;

  const params = generationParamsSchema.parse({
    prompt: "a photo of a castle on a hill, detailed", negativePrompt: "blurry", samplerName: "DPM++ 2M", steps: o.steps,
    width: 512, height: 512, seed: 1234, saveImages: false, overrideSettings: { sd_model_checkpoint: info.name },
  });
  const calls: RecordedCall[] = [];
  const unetMs: number[] = [];
  const starts: number[] = [];
  let lastEnd = 0;
  const progress = new JobProgress("bench-full-size");
  progress.start();
  const { result: jobMs, peakAboveIdle } = await measurePeak(async () => {
    const [, ms] = await timed(() => runTxt2img(params, progress, {
      unetProbe: (inner) => async (batch: UnetBatch) => {
        if (calls.length < BARE_CALLS + 1) {
          calls.push({ sample: batch.x.data.slice(), shape: batch.x.shape, timesteps: batch.timesteps, context: batch.context.data.slice(), contextShape: batch.context.shape });
        }
        starts.push(performance.now());
        const [out, callMs] = await timed(() => inner(batch));
        lastEnd = performance.now();
        unetMs.push(callMs);
        return out;
      },
    }));
    return ms;
  });
  // The first call also sizes the arenas; steady state is what a longer job sees.
  const steady = unetMs.slice(1);
  figures["steps"] = o.steps;
  figures[`job s (text encoder, ${o.steps} steps, VAE decode)`] = jobMs / 1000;
  figures["s per step"] = jobMs / 1000 / o.steps;
  figures["UNet s per call, batch 2, 512² (first)"] = unetMs[0] / 1000;
  figures["UNet s per call, batch 2, 512² (steady)"] = steady.reduce((a, b) => a + b, 0) / steady.length / 1000;
  figures["peak RSS during job MiB"] = figures["RSS after load MiB"] + peakAboveIdle / MiB;

  const [, textMs] = await timed(() => model.textEncoder.encode(new Int32Array(2 * 77).fill(model.tokenizer.eosId), 2, 1));
  figures["text encoder s (batch 2)"] = textMs / 1000;
  for (const size of [512, ...o.vaeSizes]) {
    const h = size / 8;
    const [, decodeMs] = await timed(() => model.decodeLatents({ data: new Float32Array(4 * h * h), shape: [1, 4, h, h] }, { tiling: false, attention: WHOLE_ATTENTION }));
    figures[`VAE decode ${size}² s`] = decodeMs / 1000;
    const image = Float32Array.from({ length: 3 * size * size }, (_, i) => Math.sin(i * 0.001));
    const [, encodeMs] = await timed(() => model.encodeImages({ data: image, shape: [1, 3, size, size] }, { tiling: false, attention: WHOLE_ATTENTION }));
    figures[`VAE encode ${size}² s`] = encodeMs / 1000;
  }

  // The same UNet calls on a bare session, with the model released so both never hold the weights at once.
  const unetFile = path.join(dir, "unet/model.onnx");
  await unloadCheckpoint();
  const bareMs = (await bareUnetTime(unetFile, calls.slice(1, BARE_CALLS + 1))) / BARE_CALLS;
  figures["bare onnxruntime s per call"] = bareMs / 1000;
  // Per step: the sampling loop from the second call's start to the last's end (CFG, sampler, hop, progress)
  // over the bare call; one UNet call per DPM++ 2M step.
  figures["sampling loop s per step (steady)"] = (lastEnd - starts[1]) / (starts.length - 1) / 1000;
  figures["pipeline s per step / bare s per call"] = (lastEnd - starts[1]) / (starts.length - 1) / bareMs;
  figures["UNet call in pipeline / bare"] = (steady.reduce((a, b) => a + b, 0) / steady.length) / bareMs;
  // The same ratio without the bare session's separate time slot (on a shared machine the load moves between
  // the two): the loop per step over the UNet calls inside it, both from the one job.
  figures["sampling loop per step / UNet call, same job"] = (lastEnd - starts[1]) / (starts.length - 1) / (steady.reduce((a, b) => a + b, 0) / steady.length);
  return figures;
}
