// onnxruntime session options, measured: one UNet call (batch 2, as a CFG step) under each variant of the
// options next to onnxruntime's own defaults, so the choices sessionOptions() makes (docs/settings.md#onnx-runtime)
// are shown to be at least as fast as the defaults. Each variant is opened, timed and released in turn, as a
// job uses one model at a time: with every session open and their runs interleaved, one session's spinning
// threads slow the next one's run (docs/settings.md#onnx-runtime), and a full-size UNet holds 3.4 GB per session.
import * as ort from "onnxruntime-node";
import { sessionOptions } from "@/lib/models/onnx-session";
import { bareFeeds } from "./pipeline";

type Options = ort.InferenceSession.SessionOptions;

function withoutThreads(options: Options): Options {
  const { intraOpNumThreads: _, ...rest } = options;
  return rest;
}

/** Each variant changes one thing of Onyx's options; "onnxruntime defaults" is the baseline. */
export function sessionVariants(): Record<string, Options> {
  const onyx = sessionOptions() as Options;
  return {
    "onnxruntime defaults": { executionProviders: ["cpu"], logSeverityLevel: 3 },
    "Onyx (sessionOptions)": onyx,
    "Onyx, onnxruntime's thread count": withoutThreads(onyx),
    "Onyx, 1 thread": { ...onyx, intraOpNumThreads: 1 },
    "Onyx, threads not spinning": { ...onyx, extra: { session: { "intra_op.allow_spinning": "0" } } },
    "Onyx, graph level extended": { ...onyx, graphOptimizationLevel: "extended" },
    "Onyx, graph level basic": { ...onyx, graphOptimizationLevel: "basic" },
    "Onyx, parallel execution": { ...onyx, executionMode: "parallel" },
    "Onyx, memory pattern on": { ...onyx, enableMemPattern: true },
    "Onyx, CPU arena off": { ...onyx, enableCpuMemArena: false },
    "Onyx, prepacking off": { ...onyx, extra: { session: { disable_prepacking: "1" } } },
  };
}

export interface SessionBenchOptions {
  unetFile: string;
  /** Latent side (64 for 512²). */
  latent: number;
  /** Timed runs per variant (after one warm-up run). */
  runs: number;
  /** Only these variants (and the defaults baseline); all when absent. */
  only?: string[];
}

/** One CFG step's UNet call (batch 2) at `latent`², with the context width the graph declares. */
function unetFeeds(session: ort.InferenceSession, latent: number): Record<string, ort.Tensor> {
  const context = session.inputMetadata.find((m) => m.name === "encoder_hidden_states");
  const width = context && "shape" in context && typeof context.shape[2] === "number" ? context.shape[2] : 768;
  return bareFeeds(session, {
    sample: Float32Array.from({ length: 2 * 4 * latent * latent }, (_, i) => Math.sin(i * 12.9898) * 0.8),
    shape: [2, 4, latent, latent],
    timesteps: [500, 500],
    context: Float32Array.from({ length: 2 * 77 * width }, (_, i) => Math.cos(i * 7.233) * 0.5),
    contextShape: [2, 77, width],
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function timeRun(session: ort.InferenceSession, feeds: Record<string, ort.Tensor>): Promise<number> {
  const start = performance.now();
  await session.run(feeds);
  return performance.now() - start;
}

/** Median ms per UNet call for every variant, and each one's time over onnxruntime's defaults. */
export async function benchSessionOptions(o: SessionBenchOptions): Promise<Record<string, number>> {
  const variants = Object.entries(sessionVariants()).filter(([name]) => !o.only || name === "onnxruntime defaults" || o.only.includes(name));
  const times = new Map<string, number[]>(variants.map(([name]) => [name, []]));
  for (const [name, options] of variants) {
    const session = await ort.InferenceSession.create(o.unetFile, options);
    const feeds = unetFeeds(session, o.latent);
    await session.run(feeds);
    for (let run = 0; run < o.runs; run++) times.get(name)!.push(await timeRun(session, feeds));
    await session.release();
    console.log(`  … ${name}: ${median(times.get(name)!).toFixed(0)} ms`);
  }
  const baseline = median(times.get("onnxruntime defaults")!);
  const figures: Record<string, number> = {};
  for (const [name] of variants) {
    const ms = median(times.get(name)!);
    figures[`${name} ms`] = ms;
    figures[`${name} ÷ defaults`] = ms / baseline;
  }
  return figures;
}
