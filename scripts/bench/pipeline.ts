// txt2img benchmark: the whole pipeline's time per sampling step next to the bare onnxruntime
// `run` time of the very same UNet calls (same tensors, same session options, on a plain
// InferenceSession of the export in this thread; the chunked-attention graph the pipeline runs picks the
// export's ops at this size, scripts/bench/process-hop.ts). Each call is replayed on the bare session
// right after the pipeline made it, so the machine's load at that moment hits both alike; the replay's
// time is taken out of the loop's span. Their ratio is what Onyx adds on top of the UNet: CFG, sampler
// math, conversions, the hop to the inference process, progress and previews.
import path from "node:path";
import * as ort from "onnxruntime-node";
import { loadCheckpoint } from "@/lib/models/checkpoints";
import { WHOLE_ATTENTION } from "@/lib/models/graph-options";
import { sessionOptions } from "@/lib/models/onnx-session";
import { toFloat16 } from "@/lib/onnx/float16";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import type { UnetBatch } from "@/lib/pipeline/unet-call";
import { JobProgress } from "@/lib/queue/job-progress";
import { idleMemory, measurePeak } from "./peak-memory";

export interface PipelineBenchOptions {
  checkpoint: string;
  width: number;
  height: number;
  steps: number;
  sampler: string;
}

const RUNS = 3;

export interface RecordedCall {
  sample: Float32Array;
  shape: number[];
  timesteps: number[];
  context: Float32Array;
  contextShape: number[];
}

const declaredType = (session: ort.InferenceSession, name: string, fallback: string) => {
  const meta = session.inputMetadata.find((m) => m.name === name);
  return meta && "type" in meta ? meta.type : fallback;
};

function timestepTensor(session: ort.InferenceSession, timesteps: number[]): ort.Tensor {
  const meta = session.inputMetadata.find((m) => m.name === "timestep");
  const type = declaredType(session, "timestep", "int64");
  const scalar = meta && "shape" in meta && meta.shape.length === 0;
  const dims = scalar ? [] : [timesteps.length];
  const values = scalar ? timesteps.slice(0, 1) : timesteps;
  if (type === "int64") return new ort.Tensor("int64", BigInt64Array.from(values, (t) => BigInt(Math.round(t))), dims);
  if (type === "int32") return new ort.Tensor("int32", Int32Array.from(values, Math.round), dims);
  return floatTensor(session, "timestep", Float32Array.from(values), dims);
}

/** float32 data as the input declares it: fp16 exports take float16 (converted as OnnxSession converts it). */
function floatTensor(session: ort.InferenceSession, name: string, data: Float32Array, dims: number[]): ort.Tensor {
  return declaredType(session, name, "float32") === "float16" ? new ort.Tensor("float16", toFloat16(data), dims) : new ort.Tensor("float32", data, dims);
}

/** A recorded UNet call's feeds for a bare session of the same (or an fp16) export. */
export function bareFeeds(session: ort.InferenceSession, c: RecordedCall): Record<string, ort.Tensor> {
  return {
    sample: floatTensor(session, "sample", c.sample, c.shape),
    timestep: timestepTensor(session, c.timesteps),
    encoder_hidden_states: floatTensor(session, "encoder_hidden_states", c.context, c.contextShape),
  };
}

function openBare(unetFile: string): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(unetFile, sessionOptions());
}

/** Replays the recorded UNet calls on a bare session; returns the total `run` time in ms. */
export async function bareUnetTime(unetFile: string, calls: RecordedCall[]): Promise<number> {
  const session = await openBare(unetFile);
  try {
    const feeds = calls.map((c) => bareFeeds(session, c));
    await session.run(feeds[0]); // warm-up, as the pipeline's first call was after model load
    const start = performance.now();
    for (const f of feeds) await session.run(f);
    return performance.now() - start;
  } finally {
    await session.release();
  }
}

export async function benchPipeline(o: PipelineBenchOptions): Promise<Record<string, number>> {
  const { model, info } = await loadCheckpoint(o.checkpoint);
  const params = generationParamsSchema.parse({
    prompt: "a photo of a castle on a hill, detailed",
    negativePrompt: "blurry",
    samplerName: o.sampler,
    steps: o.steps,
    width: o.width,
    height: o.height,
    seed: 1234,
    saveImages: false,
    overrideSettings: { sd_model_checkpoint: info.name, live_previews_enable: true },
  });

  // Warm-up job so session initialisation is not counted.
  await runTxt2img({ ...params, steps: 2 }, new JobProgress("bench-warmup"));

  // Three measured jobs (the median is reported: the machine's other work moves single runs a lot).
  const runs: Array<{ totalMs: number; unetMs: number; loopMs: number; bareMs: number; calls: number }> = [];
  const bare = await openBare(path.join(model.folder.dir, "unet/model.onnx"));
  const idle = await idleMemory();
  const { peakAboveIdle } = await measurePeak(async () => {
    for (let run = 0; run < RUNS; run++) {
      let calls = 0;
      let unetMs = 0;
      let bareMs = 0;
      let firstCallStart = 0;
      let lastCallEnd = 0;
      const progress = new JobProgress(`bench-${run}`);
      progress.start();
      const start = performance.now();
      await runTxt2img(params, progress, {
        unetProbe: (inner) => async (batch: UnetBatch) => {
          const call = { sample: batch.x.data.slice(), shape: batch.x.shape, timesteps: batch.timesteps, context: batch.context.data.slice(), contextShape: batch.context.shape };
          const t0 = performance.now();
          firstCallStart ||= t0;
          const out = await inner(batch);
          const t1 = performance.now();
          unetMs += t1 - t0;
          await bare.run(bareFeeds(bare, call));
          lastCallEnd = performance.now();
          bareMs += lastCallEnd - t1;
          calls++;
          return out;
        },
      });
      const totalMs = performance.now() - start - bareMs;
      runs.push({ totalMs, unetMs, loopMs: lastCallEnd - firstCallStart - bareMs, bareMs, calls });
    }
  }, idle);
  await bare.release();
  const median = (pick: (r: (typeof runs)[number]) => number) => runs.map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const totalMs = median((r) => r.totalMs);
  const bareMs = median((r) => r.bareMs);
  const unetMs = median((r) => r.unetMs);
  const loopMs = median((r) => r.loopMs);
  const unetCalls = runs[0].calls;

  const texts = ["a photo of a castle on a hill, detailed", "blurry"];
  const teStart = performance.now();
  await model.textEncoder.encode(new Int32Array(2 * 77).fill(model.tokenizer.eosId), texts.length, 1);
  const textEncoderMs = performance.now() - teStart;
  const [c, h, w] = [4, o.height / 8, o.width / 8];
  const vaeStart = performance.now();
  await model.decodeLatents({ data: new Float32Array(c * h * w), shape: [1, c, h, w] }, { tiling: false, attention: WHOLE_ATTENTION });
  const vaeDecodeMs = performance.now() - vaeStart;

  return {
    steps: o.steps,
    runs: RUNS,
    unetCalls,
    pipelineTotalMs: totalMs,
    pipelineMsPerStep: totalMs / o.steps,
    unetCallMsInPipeline: unetMs / unetCalls,
    bareOrtRunMsPerCall: bareMs / unetCalls,
    bareOrtMsPerStep: bareMs / o.steps,
    overheadRatio: totalMs / o.steps / (bareMs / o.steps),
    /** The sampling loop alone (first UNet call to last): CFG, sampler math and the process hop. */
    samplingLoopRatio: loopMs / bareMs,
    unetCallRatio: unetMs / bareMs,
    textEncoderMs,
    vaeDecodeMs,
    /** Both processes (this one and the inference process), at their peaks during the measured jobs. */
    peakRssMiB: (idle.own + idle.worker + peakAboveIdle) / 2 ** 20,
  };
}
